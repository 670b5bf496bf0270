"""The tracker as a spreadsheet: the columns of a typical published OPCC tracker, written to CSV
and Excel (.xlsx). Imports of trackers read the same layout, so an export imports unchanged."""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, Subquery
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from inspections.models import ProgressUpdate

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


def with_latest_update(findings):
    """The findings with what the export needs, in one query whatever their number."""
    latest = ProgressUpdate.objects.filter(finding=OuterRef("pk")).order_by("-written_at", "-pk")
    return findings.select_related(
        "inspection", "judgment", "owner", "board", "repeats", "repeats__inspection"
    ).annotate(
        latest_narrative=Subquery(latest.values("narrative")[:1]),
        latest_written_at=Subquery(latest.values("written_at")[:1]),
    )


def row_for(finding):
    written = getattr(finding, "latest_written_at", None)
    repeats = finding.repeats
    return [
        finding.reference,
        finding.inspection.title,
        finding.inspection.published_on,
        finding.get_kind_display(),
        finding.judgment.name if finding.judgment_id else "",
        finding.text,
        finding.time_frame,
        finding.original_due_date,
        finding.due_date,
        finding.owner.title if finding.owner_id else "",
        finding.board.name if finding.board_id else "",
        finding.get_status_display(),
        finding.get_rag_display() if finding.rag else "",
        getattr(finding, "latest_narrative", None) or "",
        written.date() if written else None,
        f"{repeats.inspection.title}: {repeats.reference}" if repeats else "",
        finding.response,
    ]


def rows(findings):
    for finding in with_latest_update(findings).iterator(chunk_size=1000):
        yield row_for(finding)


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def write_csv(findings, stream):
    writer = csv.writer(stream)
    writer.writerow(HEADINGS)
    for row in rows(findings):
        writer.writerow([_csv_cell(value) for value in row])


def csv_bytes(findings):
    stream = io.StringIO()
    write_csv(findings, stream)
    return ("\ufeff" + stream.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8


def xlsx_bytes(findings, title="Tracker"):
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    # Excel refuses sheet names with : \ / ? * [ ] and over 31 characters ("PEEL 2021/22: An …").
    sheet.title = " ".join(re.sub(r"[:\\/?*\[\]]", " ", title).split())[:31].strip() or "Tracker"
    sheet.append(HEADINGS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in rows(findings):
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula, whatever it starts with
            elif isinstance(cell.value, date):
                cell.number_format = "dd/mm/yyyy"
            cell.alignment = wrap
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()
