"""Reading HMICFRS reports and spreadsheet trackers into the tracker, and writing trackers out.

Readers (nothing here writes to the database):
- `uploads`: what an uploaded file really is (checked by content, never by name) and the size caps.
- `pdf` and `text`: a report's text, page by page, as paragraphs.
- `formats`: one parser per report format behind one interface (`ReportFormat`).
- `extraction`: what a parser returns: plain dataclasses, serialisable to JSON.
- `carryovers`: which earlier finding a carried-over finding repeats, by a similarity staff can check.
- `pipeline`: the one code path from an uploaded file to an extraction (the page and the command).
- `drafts`: the extraction as a draft staff review and edit.
- `trackers`: reading .xlsx and .csv trackers into rows.

Services (writes): `report_imports` (upload, read in the background, accept into the tracker in one
transaction), `tracker_imports` and `tracker_rows` (a tracker's rows, all or nothing, through the
findings' own services). `spreadsheets` writes the findings out in the tracker layout (the exports);
`exports` writes an export too long to stream in the background, for its requester only; `tasks` reads
a report, and writes such an export, on a Celery worker; `forms/` and `views/` are the pages.
"""
