"""Extension requests: the owner asks the governing board for more time; the chair or a member approves
or refuses it, at a meeting or between meetings. Only an approval revises the target date (with its audit
record); the original date from the report stays on the finding beside it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from inspections.core import permissions
from inspections.core.labels import day_month_year
from inspections.findings import services as finding_service
from inspections.models import ChangeAction, ExtensionRequest, ExtensionStatus, FindingChange


@transaction.atomic
def request_extension(finding, *, by, due_date, reason, expected_version=None):
    """Ask for a new target date, with the reason; the board decides. One request waits at a time."""
    finding = finding_service.lock_for_edit(finding, expected_version)
    reason = (reason or "").strip()
    errors = {}
    if not finding.is_open:
        errors["due_date"] = "A finished finding needs no more time."
    elif due_date is None:
        errors["due_date"] = "Give the new target date you are asking for."
    elif finding.due_date and due_date <= finding.due_date:
        errors["due_date"] = (
            f"Ask for a date after the current target date, {day_month_year(finding.due_date)}."
        )
    elif due_date <= timezone.localdate():
        errors["due_date"] = "Ask for a date in the future."
    if not reason:
        errors["reason"] = "Say why more time is needed: the board reads this when it decides."
    if not finding.board_id:
        errors["due_date"] = "The finding has no governing board to decide the request; ask OPCC staff to assign one."
    if not errors and finding.extension_requests.filter(status=ExtensionStatus.REQUESTED).exists():
        errors["due_date"] = "This finding already has an extension request waiting for the board."
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    request = ExtensionRequest(
        finding=finding, requested_due_date=due_date, due_date_when_requested=finding.due_date, reason=reason,
        requested_by=by, requested_at=now,
    )
    request.full_clean()
    request.save()
    FindingChange.objects.create(
        finding=finding, version=finding.version, changed_at=now, changed_by=by,
        action=ChangeAction.EXTENSION_REQUESTED, field="extension",
        before=finding_service.snapshot(finding, ["due_date"])["due_date"], after=due_date.isoformat(), reason=reason,
    )
    return request


@transaction.atomic
def decide_extension(request, *, by, approve, reason="", meeting=None):
    """The deciding board's chair or member approves or refuses the request. An approval revises the
    target date (audited as a revision whose reason names the board and the meeting, if any)."""
    request = ExtensionRequest.objects.select_for_update().select_related("finding__inspection").get(pk=request.pk)
    finding = request.finding
    if not request.is_open:
        raise ValidationError({"decision": f"This request was already {request.get_status_display().lower()}."})
    board = permissions.deciding_board(by, finding)
    if board is None:
        raise ValidationError({"decision": "Only the chair or a member of the governing board can decide."})
    if meeting is not None and meeting.board_id != board.pk:
        raise ValidationError({"meeting": f"Choose a meeting of the {board.name}."})
    if meeting is not None and meeting.held_on < timezone.localtime(request.requested_at).date():
        raise ValidationError({"meeting": "Choose a meeting held on or after the day the extension was requested."})
    reason = (reason or "").strip()
    if not approve and not reason:
        raise ValidationError({"reason": "Say why the request is refused: the owner reads this."})
    when = f"at the {board.name} meeting on {day_month_year(meeting.held_on)}" if meeting else (
        f"by the {board.name} between meetings"
    )
    now = timezone.now()
    request.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REFUSED
    request.decided_by, request.decided_at = by, now
    request.deciding_board, request.meeting = board, meeting
    request.decision_reason = reason
    request.full_clean()
    request.save()
    summary = f"Extension to {day_month_year(request.requested_due_date)} {request.get_status_display().lower()} {when}"
    summary = f"{summary}: {reason}" if reason else f"{summary}."
    if approve:
        finding_service.revise_due_date(finding, due_date=request.requested_due_date, by=by, reason=summary)
    else:
        FindingChange.objects.create(
            finding=finding, version=finding.version, changed_at=now, changed_by=by,
            action=ChangeAction.EXTENSION_DECIDED, field="", reason=summary,
        )
    return request
