"""Writes to findings. Every write is one transaction, checks the finding has not been changed
by someone else since it was read (optimistic locking), and leaves an audit record."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from inspections.core import permissions
from inspections.core.status import BLUE_STATUSES, FINISHED_STATUSES, Rag, Status, move_for
from inspections.models import ChangeAction, Finding, FindingChange


class StaleFindingError(Exception):
    """The finding was changed by someone else after the user read it."""

    def __init__(self, finding, changes):
        self.finding = finding  # as it is now in the database
        self.changes = changes  # the audit records written since the user's version
        super().__init__(f"{finding.reference} was changed by someone else while you were editing it.")


def _display(finding, field):
    value = getattr(finding, field)
    if value in (None, ""):  # pragma: no mutate (an empty value shows as empty by every branch below too)
        return ""
    if hasattr(finding, f"get_{field}_display"):
        return getattr(finding, f"get_{field}_display")()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def lock_for_edit(finding, expected_version):
    """Lock the row and refuse the write if it moved on since the user read version expected_version."""
    current = Finding.objects.select_for_update().get(pk=finding.pk)
    if expected_version is not None and current.version != expected_version:
        changes = list(
            FindingChange.objects.filter(finding=current, version__gt=expected_version)
            .select_related("changed_by")
            .order_by("changed_at", "id")
        )
        raise StaleFindingError(current, changes)
    return current


def save_audited(finding, fields, *, by, action, before, reason="", at=None):
    """Validate, save the named fields, raise the version and write one audit record per changed field.
    `before` is the snapshot() of those fields as they were read."""
    finding.full_clean()
    now = at or timezone.now()
    Finding.objects.filter(pk=finding.pk).update(
        **{field: getattr(finding, field) for field in fields}, version=F("version") + 1, updated_at=now
    )
    finding.version += 1
    for field in fields:
        old = before[field]
        new = _display(finding, field)
        if old != new:
            FindingChange.objects.create(
                finding=finding, version=finding.version, changed_at=now, changed_by=by, action=action,
                field=field, before=old, after=new, reason=reason,
            )
    return finding


def snapshot(finding, fields):
    return {field: _display(finding, field) for field in fields}


ACTION_FOR_TARGET = {
    Status.PENDING_SIGN_OFF: ChangeAction.PROPOSED,
    Status.DEMONSTRATING: ChangeAction.DEMONSTRATING,
    Status.CLOSED: ChangeAction.SIGNED_OFF,
}


@transaction.atomic
def change_status(
    finding, *, to, by, reason="", board=None, superseded_by=None, on=None, expected_version=None, at=None,
    demonstration_ends_on=None,
):
    """Move a finding to another status, as status.TRANSITIONS allows.

    `board` is the governance board whose decision this is (sign-off and return): it must govern
    the finding, directly or as a parent board, and `by` must chair it or sit on it. A sign-off into a
    demonstration period names the day it ends (`demonstration_ends_on`); closing at its end keeps the
    board that signed the finding off.
    """
    finding = lock_for_edit(finding, expected_version)
    to = Status(to)
    move = move_for(finding.status, to)
    if move is None:
        raise ValidationError(
            {"status": f"A finding that is “{finding.get_status_display()}” cannot be moved to “{to.label}”."}
        )
    reason = (reason or "").strip()
    if move.needs_reason and not reason:
        raise ValidationError({"reason": f"Give a reason to {move.label.lower()}."})
    if move.needs_owner and not finding.owner_id:
        raise ValidationError({"owner": "Allocate an owner first."})
    if move.needs_board:
        _check_board_decision(finding, board, by)
    if move.needs_superseded_by:
        _check_successor(finding, superseded_by)

    if to == Status.DEMONSTRATING and demonstration_ends_on is None:
        raise ValidationError({"demonstration_ends_on": "Give the day the demonstration period ends."})

    fields = [
        "status", "closed_on", "closed_by_board", "closure_reason", "superseded_by", "rag", "demonstration_ends_on",
    ]
    before = snapshot(finding, fields)
    was_status = finding.status
    after_demonstration = was_status == Status.DEMONSTRATING and to == Status.CLOSED
    finding.status = to
    finding.closed_on = (on or timezone.localdate()) if to in FINISHED_STATUSES else None
    if not after_demonstration:  # closing at the end of the period keeps the sign-off's board and reason
        finding.closed_by_board = board if to in (Status.CLOSED, Status.DEMONSTRATING) else None
        finding.closure_reason = (
            reason if to in (Status.CLOSED, Status.DEMONSTRATING, Status.NO_LONGER_RELEVANT) else ""
        )
    if to == Status.DEMONSTRATING:
        finding.demonstration_ends_on = demonstration_ends_on
    elif to != Status.CLOSED:
        finding.demonstration_ends_on = None  # a return during the period reopens the finding
    finding.superseded_by = superseded_by if to == Status.SUPERSEDED else None
    if to in BLUE_STATUSES:
        finding.rag = Rag.BLUE  # complete: proposed, signed off (and demonstrating), closed
    elif finding.rag == Rag.BLUE:
        # Returned work is no longer complete; amber until the owner rates it again.
        finding.rag = Rag.AMBER if to == Status.IN_PROGRESS else ""
    action = ACTION_FOR_TARGET.get(to, ChangeAction.STATUS)
    if was_status in (Status.PENDING_SIGN_OFF, Status.DEMONSTRATING) and to == Status.IN_PROGRESS:
        action = ChangeAction.RETURNED
    if after_demonstration:
        action = ChangeAction.DEMONSTRATION_ENDED
    return save_audited(finding, fields, by=by, action=action, reason=reason, before=before, at=at)


CLOSE_OUTCOMES = {"superseded": Status.SUPERSEDED, "no_longer_relevant": Status.NO_LONGER_RELEVANT}


def close_otherwise(finding, *, by, outcome, reason="", superseded_by=None, expected_version=None):
    """Close a finding without the board: superseded by a later inspection's finding, or no longer
    relevant (with a reason)."""
    to = CLOSE_OUTCOMES.get(outcome)
    if to is None:
        raise ValidationError({"outcome": "Choose whether the finding is superseded or no longer relevant."})
    # change_status keeps a successor only for "superseded", whatever it is given.
    return change_status(
        finding, to=to, by=by, reason=reason, superseded_by=superseded_by, expected_version=expected_version
    )


def _check_board_decision(finding, board, by):
    if board is None:
        raise ValidationError({"board": "Only a governance board can make this decision; name the board."})
    if board.pk not in {b.pk for b in permissions.boards_deciding(finding)}:
        raise ValidationError({"board": f"{board} does not govern {finding.reference}."})
    if not board.has_seat(by):
        raise ValidationError({"board": f"Only the chair or a member of {board} can make this decision."})


def _check_successor(finding, successor):
    if successor is None:
        raise ValidationError({"superseded_by": "Choose the finding that supersedes this one."})
    if successor.pk == finding.pk:
        raise ValidationError({"superseded_by": "A finding cannot supersede itself."})
    earlier, later = finding.inspection, successor.inspection
    if later.force_id != earlier.force_id or later.pk == earlier.pk:
        raise ValidationError(
            {"superseded_by": "A finding is superseded by one of a later inspection of the same force."}
        )


@transaction.atomic
def revise_due_date(finding, *, due_date, by, reason, expected_version=None):
    """Set a new target date; the original from the report stays beside it."""
    finding = lock_for_edit(finding, expected_version)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the target date is being revised."})
    if due_date is None:
        raise ValidationError({"due_date": "Give the new target date."})
    if not finding.is_open:
        raise ValidationError({"due_date": "The target date of a finished finding cannot be revised."})
    before = snapshot(finding, ["due_date"])
    finding.due_date = due_date
    return save_audited(
        finding, ["due_date"], by=by, action=ChangeAction.DUE_DATE_REVISED, reason=reason, before=before
    )


@transaction.atomic
def reassign(finding, *, by, owner=None, board=None, reason="", expected_version=None):
    """Give the finding a new owner and/or governing board."""
    finding = lock_for_edit(finding, expected_version)
    before = snapshot(finding, ["owner", "board"])
    fields = []
    if owner is not None and owner.pk != finding.owner_id:
        finding.owner = owner
        fields.append("owner")
    if board is not None and board.pk != finding.board_id:
        finding.board = board
        fields.append("board")
    if not fields:
        raise ValidationError({"owner": "Choose a different owner or board."})
    return save_audited(
        finding, fields, by=by, action=ChangeAction.REASSIGNED, reason=(reason or "").strip(), before=before
    )


@transaction.atomic
def set_rag(finding, *, rag, by, reason="", expected_version=None):
    """A new RAG rating with its audit record (the model's rules hold: Blue only when complete)."""
    finding = lock_for_edit(finding, expected_version)
    before = snapshot(finding, ["rag"])
    finding.rag = rag
    return save_audited(finding, ["rag"], by=by, action=ChangeAction.EDITED, reason=reason, before=before)


@transaction.atomic
def edit_response(finding, *, response, by, expected_version=None):
    """The force's response, as the tracker and the Section 55 letter show it."""
    finding = lock_for_edit(finding, expected_version)
    before = snapshot(finding, ["response"])
    finding.response = (response or "").strip()
    if not finding.response:
        # An empty response is a missing one: never recorded as "saved".
        raise ValidationError({"response": f"Enter the force's response to {finding.reference}."})
    return save_audited(finding, ["response"], by=by, action=ChangeAction.RESPONSE_EDITED, before=before)
