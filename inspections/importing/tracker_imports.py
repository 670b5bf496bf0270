"""Spreadsheet trackers into the tracker, all or nothing.

Each row is matched to a finding by its inspection and reference. What a row changes on an
existing finding goes through the same services and permission rules as the finding's own page,
so the audit trail records it and the workflow holds:
- owner and governing board: `reassign` (an owner not yet known becomes a new role of the force; a
  board must already exist);
- target date: `revise_due_date`, keeping the original date beside it;
- status: `change_status`, one permitted move at a time (e.g. In progress → Pending sign-off →
  Closed); each move needs what it needs on the page: only the owner proposes a finding as
  complete, and only the chair or a member of its governing board (or a board above) closes it;
- RAG and latest update: a new progress update with the row's narrative and RAG;
- force response: `edit_response`.
Finished findings (closed, superseded, no longer relevant) are kept as signed off: differences
are reported, not applied. The report's own words (finding, type, area, time frame, original
target date) are never changed by a tracker; differences are reported.
A row with no matching finding creates one (status as given; a closed one records the named
board as the board that closed it).

The preview runs exactly this code in a transaction that is rolled back; the import runs it again
and commits only if no row has an error.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from inspections.core import timeframes
from inspections.core.permissions import can
from inspections.core.status import FINISHED_STATUSES, OWNED_STATUSES, Status
from inspections.findings import services as finding_services
from inspections.importing import trackers, uploads
from inspections.importing.extraction import ImportProblem
from inspections.models import (
    ChangeAction,
    Finding,
    FindingChange,
    FindingKind,
    GovernanceBoard,
    GradedJudgment,
    Inspection,
    ProgressUpdate,
    Role,
    TrackerColumnMapping,
    TrackerImport,
    TrackerImportStatus,
)

from .tracker_rows import RowError, apply_existing


@dataclass
class RowResult:
    number: int
    reference: str = ""
    action: str = "unchanged"  # "new", "changed", "unchanged"
    changes: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    errors: list = field(default_factory=list)


@dataclass
class Outcome:
    rows: list
    committed: bool = False

    @property
    def errors(self):
        return [row for row in self.rows if row.errors]

    def count(self, action):
        return sum(1 for row in self.rows if row.action == action and not row.errors)


def start_tracker_import(*, force, by, name, data):
    """Keep an uploaded tracker for mapping; refuses anything but .xlsx or .csv (nothing saved)."""
    kind = uploads.spreadsheet_kind(data)
    sheet = trackers.read_tracker(data, kind)
    tracker_import = TrackerImport(
        force=force, created_by=by, source_name=name[:255], source_kind=kind, headings=sheet.headings,
        row_count=len(sheet.rows),
    )
    tracker_import.source.save(f"tracker.{kind}", ContentFile(data), save=False)
    tracker_import.full_clean()
    tracker_import.save()
    return tracker_import


def sheet_of(tracker_import):
    with tracker_import.source.open("rb") as handle:
        return trackers.read_tracker(handle.read(), tracker_import.source_kind)


def suggested_mapping(tracker_import):
    remembered = TrackerColumnMapping.objects.filter(force=tracker_import.force).values_list("mapping", flat=True)
    return tracker_import.mapping or trackers.suggest_mapping(tracker_import.headings, next(iter(remembered), None))


@transaction.atomic
def save_mapping(tracker_import, *, mapping, inspection, by):
    """Keep the column mapping for this file and remember it for the force's next tracker."""
    unknown = [heading for heading in mapping.values() if heading and heading not in tracker_import.headings]
    if unknown:
        raise ValidationError(f"The file has no column called “{unknown[0]}”.")
    if not mapping.get("reference"):
        raise ValidationError({"reference": "Choose the column that holds each finding's reference."})
    if inspection is not None and inspection.force_id != tracker_import.force_id:
        raise ValidationError({"inspection": "Choose an inspection of the same force."})
    tracker_import.mapping = {key: heading for key, heading in mapping.items() if heading}
    tracker_import.inspection = inspection
    tracker_import.save(update_fields=["mapping", "inspection", "updated_at"])
    TrackerColumnMapping.objects.update_or_create(
        force=tracker_import.force, defaults={"mapping": tracker_import.mapping, "updated_by": by}
    )
    return tracker_import


class _Rollback(Exception):
    pass


def preview(tracker_import, *, by):
    """What importing the file would do, row by row, without keeping any of it."""
    return _run(tracker_import, by=by, commit=False)


def import_tracker(tracker_import, *, by):
    """Apply the file; if any row has an error, nothing is kept and the outcome lists the errors."""
    if tracker_import.status != TrackerImportStatus.MAPPING:
        raise ValidationError("This tracker has already been imported or discarded.")
    outcome = _run(tracker_import, by=by, commit=True)
    if outcome.committed:
        TrackerImport.objects.filter(pk=tracker_import.pk).update(
            status=TrackerImportStatus.IMPORTED,
            imported_at=timezone.now(),
            summary={"new": outcome.count("new"), "changed": outcome.count("changed"),
                     "unchanged": outcome.count("unchanged")},
        )
    return outcome


def discard(tracker_import, *, by):
    if tracker_import.status == TrackerImportStatus.IMPORTED:
        raise ValidationError("An imported tracker is kept as the record of what it changed.")
    tracker_import.status = TrackerImportStatus.DISCARDED
    tracker_import.save(update_fields=["status", "updated_at"])
    transaction.on_commit(lambda: tracker_import.source.delete(save=False))


def _run(tracker_import, *, by, commit):
    try:
        sheet = sheet_of(tracker_import)
    except ImportProblem as problem:
        return Outcome(rows=[RowResult(number=0, errors=[str(problem)])])
    context = _Context(tracker_import, by)
    context.removed = sheet.removed
    rows = []
    try:
        with transaction.atomic():
            for number, values in sheet.rows:
                rows.append(context.row(number, values))
            if not commit or any(row.errors for row in rows):
                raise _Rollback
    except _Rollback:
        return Outcome(rows=rows, committed=False)
    return Outcome(rows=rows, committed=True)


class _Context:
    """What every row needs, read once: the force's inspections, findings, roles and boards."""

    def __init__(self, tracker_import, by):
        self.tracker_import, self.by, self.force = tracker_import, by, tracker_import.force
        self.mapping = tracker_import.mapping
        self.inspections = {i.title.lower(): i for i in Inspection.objects.filter(force=self.force)}
        self.findings = {
            (f.inspection_id, f.reference.lower()): f
            for f in Finding.objects.filter(inspection__force=self.force).select_related(
                "inspection", "judgment", "owner", "board"
            )
        }
        self.roles = {r.title.lower(): r for r in Role.objects.filter(force=self.force)}
        self.boards = {b.name.lower(): b for b in GovernanceBoard.objects.filter(force=self.force)}
        self.seen = {}
        self.removed = {}  # {row number: {heading: what}}, from trackers.read_tracker
        self.reason_base = f"Imported from the tracker {tracker_import.source_name}"

    def cell(self, values, key):
        heading = self.mapping.get(key)
        return values.get(heading) if heading else None

    def row(self, number, values):
        result = RowResult(number=number)
        for heading, what in self.removed.get(number, {}).items():
            result.notes.append(f"Invisible characters were removed from “{heading}”: {what}.")
        sid = transaction.savepoint()
        marker = FindingChange.objects.aggregate(last=Max("pk"))["last"] or 0
        try:
            self._row(number, values, result)
        except (RowError, trackers.CellError, finding_services.StaleFindingError) as error:
            result.errors.append(str(error))
        except ValidationError as error:
            result.errors.extend(_messages(error))
        if result.errors:
            transaction.savepoint_rollback(sid)
            return result
        transaction.savepoint_commit(sid)
        described = FindingChange.objects.filter(pk__gt=marker, action__in=_DESCRIBED, field__in=_FIELD_LABELS)
        for change in described.select_related("finding").order_by("pk"):
            label = _FIELD_LABELS[change.field]
            result.changes.append(
                f"{change.finding.reference} {label}: {change.before or '(empty)'} → {change.after or '(empty)'}"
                f" ({change.get_action_display().lower()})"
            )
        if result.changes and result.action == "unchanged":
            result.action = "changed"
        return result

    def _row(self, number, values, result):
        reference = trackers.text_of(self.cell(values, "reference"))
        result.reference = reference
        if not reference:
            raise RowError("The reference is empty.")
        inspection = self._inspection(values)
        key = (inspection.pk, reference.lower())
        if key in self.seen:
            raise RowError(f"{reference} of {inspection} is also on row {self.seen[key]}.")
        self.seen[key] = number
        finding = self.findings.get(key)
        reason = f"{self.reason_base}, row {number}."
        if finding is None:
            finding = self._create(values, inspection, reference, reason, result)
            self.findings[key] = finding
            result.action = "new"
            return
        apply_existing(self, finding, values, reason, result)

    def _inspection(self, values):
        named = trackers.text_of(self.cell(values, "inspection"))
        if named:
            inspection = self.inspections.get(named.lower())
            if inspection is None:
                raise RowError(f"{self.force} has no inspection called “{named}”.")
            return inspection
        if self.tracker_import.inspection is None:
            raise RowError("The row names no inspection; choose the inspection of such rows on the columns page.")
        return self.tracker_import.inspection

    def role(self, title, result):
        role = self.roles.get(title.lower())
        if role is None:
            role = Role(force=self.force, title=title[:150])
            role.full_clean()
            role.save()
            self.roles[title.lower()] = role
            result.notes.append(f"New role “{role.title}” (no holder yet).")
        return role

    def board(self, name):
        board = self.boards.get(name.lower())
        if board is None:
            raise RowError(f"{self.force} has no governing board called “{name}”; add it first or correct the cell.")
        return board

    def _create(self, values, inspection, reference, reason, result):
        text = trackers.text_of(self.cell(values, "text"))
        if not text:
            raise RowError(f"{reference} is not in {inspection}; to add it, the row needs the finding's text.")
        kind = trackers.kind_of(trackers.text_of(self.cell(values, "kind")), reference)
        finding = Finding(inspection=inspection, kind=kind, reference=reference[:30], text=text)
        finding.order = (inspection.findings.aggregate(top=Max("order"))["top"] or 0) + 1
        area = trackers.text_of(self.cell(values, "area"))
        if area:
            finding.judgment = GradedJudgment.objects.filter(inspection=inspection, name__iexact=area).first()
            if finding.judgment is None:
                raise RowError(f"{inspection} has no area called “{area}”.")
        if kind == FindingKind.RECOMMENDATION and (match := re.match(r"^rec\w*\s*(\d+)\.\d+", reference, re.I)):
            finding.cause_of_concern = self.findings.get((inspection.pk, f"coc {match.group(1)}"))
        finding.time_frame = trackers.text_of(self.cell(values, "time_frame"))
        timeframes.parse(finding.time_frame)
        owner, board = trackers.text_of(self.cell(values, "owner")), trackers.text_of(self.cell(values, "board"))
        finding.owner = self.role(owner, result) if owner else None
        finding.board = self.board(board) if board else None
        finding.set_due_dates_from_report()
        if value := self.cell(values, "original_due_date"):
            finding.original_due_date = trackers.date_of(value)
        finding.due_date = trackers.date_of(self.cell(values, "due_date")) if self.cell(
            values, "due_date") else finding.original_due_date
        self._initial_status(finding, values, reason)
        if rag := trackers.text_of(self.cell(values, "rag")):
            finding.rag = trackers.rag_of(rag)
        finding.response = trackers.text_of(self.cell(values, "response"))
        finding.full_clean()
        finding.save()
        FindingChange.objects.create(
            finding=finding, version=finding.version, changed_by=self.by, action=ChangeAction.CREATED, reason=reason
        )
        self.add_update(finding, values)
        result.changes.append(f"New {finding.get_kind_display().lower()}: {finding.reference}")
        return finding

    def _initial_status(self, finding, values, reason):
        status = trackers.text_of(self.cell(values, "status"))
        finding.status = trackers.status_of(status) if status else Status.AWAITING_ALLOCATION
        if finding.status in OWNED_STATUSES and finding.owner is None:
            raise RowError(f"A finding that is “{Status(finding.status).label}” needs an owner; fill in the owner.")
        if finding.status == Status.SUPERSEDED:
            raise RowError("A new finding cannot start superseded; import it open, then mark it superseded.")
        if finding.status in FINISHED_STATUSES:
            when = self.cell(values, "latest_update_date")
            finding.closed_on = trackers.date_of(when) if when else timezone.localdate()
        if finding.status == Status.CLOSED:
            if finding.board is None:
                raise RowError("A closed finding needs the governing board that signed it off.")
            finding.closed_by_board = finding.board
            finding.closure_reason = f"Closed before it was imported. {reason}"
        if finding.status == Status.NO_LONGER_RELEVANT:
            finding.closure_reason = trackers.text_of(self.cell(values, "latest_update"))
            if not finding.closure_reason:
                raise RowError("Say in the latest update why the finding is no longer relevant.")

    def add_update(self, finding, values):
        """A progress update with the row's narrative, unless the finding already has it."""
        narrative = trackers.text_of(self.cell(values, "latest_update"))
        if not narrative or finding.updates.filter(narrative=narrative).exists():
            return False
        when = self.cell(values, "latest_update_date")
        written_at = timezone.now()
        if when:
            day = trackers.date_of(when)
            if day < timezone.localdate():
                written_at = timezone.make_aware(datetime.combine(day, time(12)))
        ProgressUpdate.objects.create(
            finding=finding, author=self.by, written_at=written_at, narrative=narrative, status=finding.status,
            rag=finding.rag, next_update_due=finding.next_update_due,
        )
        return True

    def may(self, action, finding):
        return can(self.by, action, finding)


_DESCRIBED = [a for a in ChangeAction.values if a != ChangeAction.CREATED]
# The changes a preview lists (a status change also records its closing fields).
_FIELD_LABELS = {
    "rag": "RAG", "owner": "owner", "board": "governing board", "due_date": "target date", "status": "status",
    "response": "force response",
}


def _messages(error):
    return list(error.messages)
