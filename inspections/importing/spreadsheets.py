"""The tracker as a spreadsheet: the columns of a typical published OPCC tracker, written to CSV
and Excel (.xlsx). Imports of trackers read the same layout, so an export imports unchanged."""

import csv
import re
from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.text import slugify

from inspections.core.status import Rag, Status
from inspections.importing import xlsx
from inspections.models import FindingKind, ProgressUpdate

# Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    heading: str
    width: int


COLUMNS = [
    Column("Reference", 10),
    Column("Inspection", 36),
    Column("Published", 12),
    Column("Type", 20),
    Column("Area", 30),
    Column("Finding", 70),
    Column("Time frame", 18),
    Column("Original target date", 14),
    Column("Target date", 14),
    Column("Owner", 30),
    Column("Governing board", 30),
    Column("Status", 18),
    Column("RAG", 10),
    Column("Latest update", 60),
    Column("Latest update date", 14),
    Column("Carried over from", 36),
    Column("Force response", 70),
]
HEADINGS = [column.heading for column in COLUMNS]


# What a row needs, read as plain values (no model instances: a national export has 30,000 rows).
ROW_FIELDS = (
    "reference", "inspection__title", "inspection__published_on", "kind", "judgment__name", "text", "time_frame",
    "original_due_date", "due_date", "owner__title", "board__name", "status", "rag", "latest_narrative",
    "latest_written_at", "repeats__inspection__title", "repeats__reference", "response",
)
KIND_LABELS, STATUS_LABELS, RAG_LABELS = (dict(model.choices) for model in (FindingKind, Status, Rag))


def with_latest_update(findings):
    """The findings with their latest progress update, in one query whatever their number."""
    latest = ProgressUpdate.objects.filter(finding=OuterRef("pk")).order_by("-written_at", "-pk")
    return findings.annotate(
        latest_narrative=Subquery(latest.values("narrative")[:1]),
        latest_written_at=Subquery(latest.values("written_at")[:1]),
    )


def row_of(values):
    (reference, title, published, kind, area, text, time_frame, original_due, due, owner, board, status, rag,
     narrative, written, repeats_title, repeats_reference, response) = values
    return [
        reference,
        title,
        published,
        KIND_LABELS[kind],  # the database holds only these (finding_kind_valid)
        area or "",  # pragma: no mutate (both writers leave None and "" empty)
        text,
        time_frame,
        original_due,
        due,
        owner or "",
        board or "",
        STATUS_LABELS[status],  # finding_status_valid
        RAG_LABELS[rag] if rag else "",  # finding_rag_valid
        narrative or "",
        timezone.localtime(written).date() if written else None,
        f"{repeats_title}: {repeats_reference}" if repeats_reference else "",
        response,
    ]


PROGRESS_EVERY_ROWS = 1000


def rows(findings, progress=None):
    """The export's rows, read from the database a thousand at a time (a server-side cursor).
    `progress`, if given, is called with the number of rows read so far every PROGRESS_EVERY_ROWS, and at
    the end (a background export records it for its page)."""
    count = 0
    read = with_latest_update(findings).values_list(*ROW_FIELDS).iterator(chunk_size=1000)  # pragma: no mutate
    for count, values in enumerate(read, 1):
        yield row_of(values)
        if progress is not None and count % PROGRESS_EVERY_ROWS == 0:
            progress(count)
    if progress is not None:
        progress(count)



def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


class _Line:
    """What csv.writer writes to: it hands back the line instead of keeping it."""

    def write(self, line):
        return line


CSV_ROWS_PER_CHUNK = 200


def csv_chunks(findings, progress=None):
    """The CSV export as text pieces, a few hundred rows each: memory does not grow with the rows."""
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(HEADINGS)  # the BOM makes Excel read UTF-8
    lines = []
    for row in rows(findings, progress):
        lines.append(writer.writerow([_csv_cell(value) for value in row]))
        if len(lines) == CSV_ROWS_PER_CHUNK:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)


def write_csv(findings, stream):
    for chunk in csv_chunks(findings):
        stream.write(chunk)


def csv_bytes(findings):
    return "".join(csv_chunks(findings)).encode("utf-8")  # pragma: no mutate (codec names ignore case)


def download_name(name, file_format):
    """The file name an export is downloaded as: findings-2026-12-04.xlsx; at most 80 characters before
    the extension; "tracker" when the name has no letters or digits to keep."""
    return f"{slugify(name)[:80] or 'tracker'}.{file_format}"


def sheet_title(title):
    # Excel refuses sheet names with : \ / ? * [ ] and over 31 characters ("PEEL 2021/22: An …").
    return " ".join(re.sub(r"[:\\/?*\[\]]", " ", title).split())[:31].strip() or "Tracker"


def xlsx_chunks(findings, title="Tracker", progress=None):
    """The Excel export in pieces, as it is written (importing/xlsx.py): for a streamed response, or a
    file written in the background."""
    return xlsx.stream(
        sheet_name=sheet_title(title), headings=HEADINGS, widths=[column.width for column in COLUMNS],
        rows=rows(findings, progress),
    )


def xlsx_bytes(findings, title="Tracker"):
    return b"".join(xlsx_chunks(findings, title=title))
