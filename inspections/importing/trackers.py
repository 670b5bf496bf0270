"""Spreadsheet trackers (.xlsx or .csv) read into rows, and their cells read as tracker values.

The columns are those of importing/spreadsheets.py (what the tracker exports), so an export
imports unchanged; other trackers' headings are matched by their usual names and staff confirm
the mapping. Workbooks are opened read-only with cached values: formulas are never evaluated, and
cells are taken as text or dates.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from openpyxl import load_workbook

from inspections.core import textguard
from inspections.core.status import Rag, Status
from inspections.importing.extraction import ImportProblem
from inspections.importing.spreadsheets import FORMULA_PREFIXES
from inspections.importing.uploads import decode_text
from inspections.models import FindingKind


@dataclass(frozen=True)
class TrackerField:
    key: str
    label: str
    headings: tuple  # usual headings, compared without case, spaces or punctuation
    help: str = ""


FIELDS = [
    TrackerField("reference", "Reference", ("reference", "ref", "refno", "id", "number", "no")),
    TrackerField("inspection", "Inspection", ("inspection", "report", "inspectiontitle")),
    TrackerField(
        "text",
        "Finding",
        ("finding", "findingtext", "text", "description", "recommendation", "afi", "areaforimprovement", "detail"),
    ),
    TrackerField("kind", "Type", ("type", "kind", "findingtype", "category")),
    TrackerField("area", "Area", ("area", "theme", "section", "pillar", "question")),
    TrackerField("time_frame", "Time frame", ("timeframe", "timescale", "timescales")),
    TrackerField("original_due_date", "Original target date", ("originaltargetdate", "originalduedate")),
    TrackerField("due_date", "Target date", ("targetdate", "duedate", "deadline", "completiondate", "due")),
    TrackerField(
        "owner", "Owner", ("owner", "lead", "forcelead", "strategiclead", "responsibleofficer", "leadofficer")
    ),
    TrackerField("board", "Governing board", ("governingboard", "board", "governance", "governanceboard", "meeting")),
    TrackerField("status", "Status", ("status", "progressstatus", "currentstatus")),
    TrackerField("rag", "RAG", ("rag", "ragstatus", "ragrating", "rating")),
    TrackerField(
        "latest_update",
        "Latest update",
        ("latestupdate", "update", "progress", "progressupdate", "commentary", "comments"),
    ),
    TrackerField("latest_update_date", "Latest update date", ("latestupdatedate", "updatedate", "dateofupdate")),
    TrackerField("response", "Force response", ("forceresponse", "response")),
]
FIELD_KEYS = [f.key for f in FIELDS]


def _plain(heading):
    return re.sub(r"[^a-z0-9]", "", str(heading).lower())


def suggest_mapping(headings, remembered=None):
    """{field: heading}: the force's remembered mapping where its headings are in the file, else
    the heading with the field's own label or a usual name."""
    mapping, used = {}, set()
    remembered = remembered or {}
    for tracker_field in FIELDS:
        options = [remembered.get(tracker_field.key)] if remembered.get(tracker_field.key) in headings else []
        options += [h for h in headings if _plain(h) == _plain(tracker_field.label)]
        options += [h for h in headings if _plain(h) in tracker_field.headings]
        chosen = next((h for h in options if h not in used), None)
        if chosen:
            mapping[tracker_field.key] = chosen
            used.add(chosen)
    return mapping


@dataclass
class Sheet:
    headings: list
    rows: list = field(default_factory=list)  # (row number in the file, {heading: value})
    # {row number: {heading: what was removed}}: invisible control characters taken out of cells
    removed: dict = field(default_factory=dict)


def read_tracker(data, kind):
    """The first sheet's headings (the first row with two or more cells filled) and its rows."""
    raw_rows = _xlsx_rows(data) if kind == "xlsx" else _csv_rows(data)
    sheet, limit = None, settings.TRACKER_IMPORT_MAX_SPREADSHEET_ROWS
    for number, values in raw_rows:
        cells = [_cell(v, kind) for v in values]
        guarded = [textguard.clean(c) if isinstance(c, str) else None for c in cells]
        cells = [g.text if g is not None else c for c, g in zip(cells, guarded, strict=True)]
        if sheet is None:
            if sum(1 for c in cells if c not in (None, "")) >= 2:
                sheet = Sheet(headings=_headings(cells))
            continue
        if all(c in (None, "") for c in cells):
            continue
        if len(sheet.rows) >= limit:
            raise ImportProblem(f"The tracker has more than {limit} rows; split it and import each part.")
        sheet.rows.append((number, dict(zip(sheet.headings, cells, strict=False))))
        removed = {h: g.describe() for h, g in zip(sheet.headings, guarded, strict=False) if g and g.changed}
        if removed:
            sheet.removed[number] = removed
    if sheet is None:
        raise ImportProblem("The tracker has no row of column headings (such as Reference, Finding, Status).")
    return sheet


def _xlsx_rows(data):
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of error on damaged files
        raise ImportProblem("The workbook could not be opened; it may be damaged or protected.") from error
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
            yield number, values[:80]
    finally:
        workbook.close()


def _csv_rows(data):
    text = decode_text(data, "a spreadsheet")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        for number, values in enumerate(reader, 1):
            yield number, values[:80]
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise ImportProblem(
                f"Line {reader.line_num} of the file has a cell longer than {csv.field_size_limit():,} characters, "
                "more than any tracker cell holds. A quotation mark that is opened and never closed makes the rest "
                "of the file one cell: check the cells around that line."
            ) from error
        raise ImportProblem(f"Line {reader.line_num} of the file cannot be read as CSV ({error}).") from error


def _cell(value, kind):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date) or value is None:
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if kind == "csv" and len(text) > 1 and text[0] == "'" and text[1] in FORMULA_PREFIXES:
        text = text[1:]  # the tracker's own CSV export guards formula-like cells this way
    return text


def _headings(cells):
    headings, seen = [], {}
    for index, cell in enumerate(cells, 1):
        heading = str(cell).strip() if cell not in (None, "") else f"Column {index}"
        seen[heading] = seen.get(heading, 0) + 1
        headings.append(heading if seen[heading] == 1 else f"{heading} ({seen[heading]})")
    return headings


# --- cells as tracker values ------------------------------------------------------------------
_KINDS = {
    "causeofconcern": FindingKind.CAUSE_OF_CONCERN, "coc": FindingKind.CAUSE_OF_CONCERN,
    "recommendation": FindingKind.RECOMMENDATION, "rec": FindingKind.RECOMMENDATION,
    "areaforimprovement": FindingKind.AREA_FOR_IMPROVEMENT, "afi": FindingKind.AREA_FOR_IMPROVEMENT,
    "areasforimprovement": FindingKind.AREA_FOR_IMPROVEMENT,
}
_STATUSES = {_plain(s.label): s.value for s in Status} | {
    "notstarted": Status.AWAITING_ALLOCATION, "unallocated": Status.AWAITING_ALLOCATION,
    "open": Status.IN_PROGRESS, "ongoing": Status.IN_PROGRESS, "inprogress": Status.IN_PROGRESS,
    "pendingsignoff": Status.PENDING_SIGN_OFF, "proposedforclosure": Status.PENDING_SIGN_OFF,
    "completeawaitingsignoff": Status.PENDING_SIGN_OFF, "closed": Status.CLOSED, "complete": Status.CLOSED,
    "completed": Status.CLOSED, "signedoff": Status.CLOSED, "nolongerrelevant": Status.NO_LONGER_RELEVANT,
    "closednolongerrelevant": Status.NO_LONGER_RELEVANT,
}
_RAGS = {_plain(r.label): r.value for r in Rag} | {
    "r": Rag.RED, "a": Rag.AMBER, "g": Rag.GREEN, "b": Rag.BLUE, "blue": Rag.BLUE, "complete": Rag.BLUE,
}
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d %B %Y", "%d %b %Y", "%d-%b-%Y", "%d-%b-%y")


class CellError(ValueError):
    pass


def kind_of(value, reference=""):
    if value:
        if found := _KINDS.get(_plain(value)):
            return found
        raise CellError(f"“{value}” is not a type of finding (cause of concern, recommendation or AFI).")
    prefix = _plain(re.split(r"[\s\d]", reference.strip(), maxsplit=1)[0]) if reference else ""
    if found := _KINDS.get(prefix):
        return found
    raise CellError("Give the type of finding (cause of concern, recommendation or area for improvement).")


def status_of(value):
    if found := _STATUSES.get(_plain(value)):
        return found
    raise CellError(f"“{value}” is not a status the tracker knows ({', '.join(s.label for s in Status)}).")


def rag_of(value):
    if found := _RAGS.get(_plain(value)):
        return found
    raise CellError(f"“{value}” is not a RAG rating (Red, Amber, Green or Blue).")


def date_of(value):
    if isinstance(value, date):
        return value
    for date_format in _DATE_FORMATS:
        try:
            return datetime.strptime(str(value).strip(), date_format).date()
        except ValueError:
            continue
    raise CellError(f"“{value}” is not a date; write it as 31/03/2025 or 2025-03-31.")


def text_of(value):
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value).strip()
