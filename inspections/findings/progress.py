"""Progress on a finding: updates with evidence, proposals of completion and the board's decisions."""

import hashlib
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from inspections.core import permissions
from inspections.core.labels import day_month_year
from inspections.core.status import Rag, Status
from inspections.core.uploads import check_upload
from inspections.findings import demonstration
from inspections.findings import services as finding_service
from inspections.models import ChangeAction, EvidenceFile, ProgressUpdate


def check_evidence(files):
    """Check every file before anything is written; returns [(upload, FileType)]."""
    checked, errors = [], []
    for upload in files:
        try:
            checked.append((upload, check_upload(upload)))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError({"evidence": errors})
    return checked


@contextmanager
def _files_removed_on_failure():
    """One transaction; files stored during it are deleted again if it rolls back."""
    stored = []
    try:
        with transaction.atomic():
            yield stored
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise


def _attach(update, checked, by, stored):
    for upload, kind in checked:
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)  # pragma: no mutate (chunks() rewinds it again when the file is stored)
        evidence = EvidenceFile(
            update=update,
            # Django has already cut an upload's name to 255 characters, keeping its extension.
            original_name=upload.name[:255],  # pragma: no mutate
            content_type=kind.content_type, size=upload.size, sha256=digest.hexdigest(), uploaded_by=by,
        )
        # The stored name comes from evidence_path, whatever is passed; the row is saved just below.
        evidence.file.save(upload.name, upload, save=False)  # pragma: no mutate
        stored.append(evidence.file.name)
        evidence.save()


def past_next_update_message(day):
    return (f"The next update date, {day_month_year(day)}, is in the past. Enter a date from today onwards, "
            "or tick the box below to keep it.")


def record_progress(finding, *, by, narrative, rag="", next_update_due=None, start_work=False, evidence=(),
                    expected_version=None, keep_past_date=False):
    """A dated progress update: narrative, RAG, next update due, evidence; optionally starts the work.

    Evidence is checked before anything is written, and nothing is kept if any part fails.
    """
    narrative = (narrative or "").strip()
    if not narrative:
        raise ValidationError({"narrative": "Write what has happened since the last update."})
    if rag == Rag.BLUE:
        raise ValidationError({"rag": "Blue means complete: propose the finding as complete instead."})
    if next_update_due and next_update_due < timezone.localdate() and not keep_past_date:
        raise ValidationError({"next_update_due": past_next_update_message(next_update_due)})
    checked = check_evidence(evidence)
    with _files_removed_on_failure() as stored:
        finding = finding_service.lock_for_edit(finding, expected_version)
        fields = ["rag", "next_update_due"]
        before = finding_service.snapshot(finding, [*fields, "status"])
        if start_work and finding.status == Status.AWAITING_ALLOCATION:
            if not finding.owner_id:
                raise ValidationError({"start_work": "Allocate an owner before work starts."})
            finding.status = Status.IN_PROGRESS
            fields.append("status")
        finding.rag = rag or ""
        finding.next_update_due = next_update_due
        now = timezone.now()  # the update and the changes it makes share one moment on the timeline
        finding_service.save_audited(finding, fields, by=by, action=ChangeAction.PROGRESS, before=before, at=now)
        update = ProgressUpdate.objects.create(
            finding=finding, author=by, written_at=now, narrative=narrative, status=finding.status,
            rag=finding.rag, next_update_due=next_update_due,
        )
        _attach(update, checked, by, stored)
    return update


def propose_complete(finding, *, by, reason, evidence=(), expected_version=None):
    """The owner proposes the finding as complete, with the reason and any evidence, for the board."""
    checked = check_evidence(evidence)
    now = timezone.now()  # the proposal's update and status change are one entry on the timeline
    with _files_removed_on_failure() as stored:
        finding = finding_service.change_status(
            finding, to=Status.PENDING_SIGN_OFF, by=by, reason=reason, expected_version=expected_version, at=now
        )
        update = ProgressUpdate.objects.create(
            finding=finding, author=by, written_at=now, narrative=reason.strip(), status=finding.status,
            rag=finding.rag,
        )
        _attach(update, checked, by, stored)
    return finding


def decide(finding, *, by, sign_off, reason, expected_version=None, on=None):
    """The governing board signs the finding off, or returns it to the owner with a reason.

    Where the deciding board (or its force) has a demonstration period, sign-off makes the finding
    "complete – demonstrating" until the period ends (demonstration.py closes it then); a return during
    the period reopens it."""
    board = permissions.deciding_board(by, finding)
    if board is None:
        raise ValidationError({"decision": "Only the chair or a member of the governing board can decide."})
    if not sign_off:
        return finding_service.change_status(
            finding, to=Status.IN_PROGRESS, by=by, reason=reason, board=board, expected_version=expected_version
        )
    if finding.status == Status.DEMONSTRATING:
        raise ValidationError(
            {"decision": "This finding is already signed off; it closes when its demonstration period ends."}
        )
    ends_on = demonstration.period_end(board, on or timezone.localdate())
    return finding_service.change_status(
        finding, to=Status.DEMONSTRATING if ends_on else Status.CLOSED, by=by, reason=reason, board=board,
        expected_version=expected_version, demonstration_ends_on=ends_on, on=on,
    )
