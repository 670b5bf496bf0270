"""Reading HMICFRS reports and spreadsheet trackers into the tracker.

- `uploads`: what an uploaded file really is (checked by content, never by name) and the size caps.
- `pdf` and `text`: a report's text, page by page, as paragraphs.
- `formats`: one parser per report format behind one interface (`ReportFormat`).
- `extraction`: what a parser returns: plain dataclasses, serialisable to JSON.
- `carryovers`: which earlier finding a carried-over finding repeats, by a similarity staff can check.
- `pipeline`: the one code path from an uploaded file to an extraction (the page and the command).
- `trackers`: reading .xlsx and .csv trackers into rows.

Nothing here writes to the database; the services in inspections/services/ do.
"""
