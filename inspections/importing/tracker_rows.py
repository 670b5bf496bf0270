"""One tracker row applied to an existing finding, through the workflow services (see tracker_imports)."""

from collections import deque

from django.utils import timezone

from inspections.core import permissions
from inspections.core.permissions import Action
from inspections.core.status import BLUE_STATUSES, FINISHED_STATUSES, TRANSITIONS, Rag, Status, move_for
from inspections.findings import demonstration
from inspections.findings import services as finding_services
from inspections.importing import trackers


class RowError(ValueError):
    """What is wrong with a row, in words staff can act on."""


# The permission each move of status needs, as on the finding's own page.
ACTION_FOR_MOVE = {
    Status.IN_PROGRESS: Action.ADD_UPDATE,  # start work (or, from pending sign-off, return: see below)
    Status.PENDING_SIGN_OFF: Action.PROPOSE_COMPLETE,
    Status.DEMONSTRATING: Action.DECIDE,  # signed off into a demonstration period
    Status.CLOSED: Action.DECIDE,
    Status.SUPERSEDED: Action.CLOSE_OTHERWISE,
    Status.NO_LONGER_RELEVANT: Action.CLOSE_OTHERWISE,
}
WHO_MAY = {
    Action.ADD_UPDATE: "OPCC staff or the finding's owner",
    Action.PROPOSE_COMPLETE: "the finding's owner",
    Action.DECIDE: "the chair or a member of its governing board",
    Action.CLOSE_OTHERWISE: "OPCC staff",
    Action.REASSIGN: "OPCC staff",
    Action.REVISE_DUE_DATE: "OPCC staff",
    Action.EDIT_RESPONSE: "OPCC staff or the finding's owner",
}


def status_path(source, target):
    """The shortest run of permitted moves from one status to another, or None."""
    paths, queue = {Status(source): []}, deque([Status(source)])
    while queue:
        status = queue.popleft()
        if status == target:
            return paths[status]
        for origin, destination in TRANSITIONS:
            if origin == status and destination not in paths:
                paths[destination] = [*paths[status], destination]
                queue.append(destination)
    return None


def _require(context, action, finding, what):
    if not context.may(action, finding):
        raise RowError(f"{finding.reference}: only {WHO_MAY[action]} may {what}.")


def _same(first, second):
    return " ".join(str(first or "").split()).lower() == " ".join(str(second or "").split()).lower()


def apply_existing(context, finding, values, reason, result):
    cell = context.cell
    text = trackers.text_of
    finished = finding.status in FINISHED_STATUSES
    kept = f"not applied: {finding.reference} is “{finding.get_status_display()}” and is kept as it was finished"
    _report_words(context, finding, values, result)

    owner, board = text(cell(values, "owner")), text(cell(values, "board"))
    owner_changes = bool(owner) and not (finding.owner and _same(owner, finding.owner.title))
    board_changes = bool(board) and not (finding.board and _same(board, finding.board.name))
    if (owner_changes or board_changes) and finished:
        result.notes.append(f"Owner or board {kept}.")
    elif owner_changes or board_changes:
        _require(context, Action.REASSIGN, finding, "change its owner or board")
        finding = finding_services.reassign(
            finding, by=context.by, reason=reason,
            owner=context.role(owner, result) if owner_changes else None,
            board=context.board(board) if board_changes else None,
        )

    if (due := cell(values, "due_date")) not in (None, "") and trackers.date_of(due) != finding.due_date:
        if finished:
            result.notes.append(f"Target date {kept}.")
        else:
            _require(context, Action.REVISE_DUE_DATE, finding, "revise its target date")
            finding = finding_services.revise_due_date(
                finding, due_date=trackers.date_of(due), by=context.by, reason=reason
            )

    # The update comes before any move of status: it is what the move is based on.
    narrative = text(cell(values, "latest_update"))
    if narrative and not finding.updates.filter(narrative=narrative).exists():
        if finished:
            result.notes.append(f"Latest update {kept}.")
        else:
            _require(context, Action.ADD_UPDATE, finding, "add a progress update")
            context.add_update(finding, values)
            result.changes.append(f"New progress update on {finding.reference}")

    if (status := text(cell(values, "status"))) and trackers.status_of(status) != finding.status:
        if finished:
            result.notes.append(f"Status {kept}.")
        else:
            finding = _move(context, finding, Status(trackers.status_of(status)), values, reason)

    if (rag := text(cell(values, "rag"))) and trackers.rag_of(rag) != finding.rag:
        if finished:
            result.notes.append(f"RAG {kept}.")
        else:
            _require(context, Action.ADD_UPDATE, finding, "rate its progress")
            if trackers.rag_of(rag) == Rag.BLUE and finding.status not in BLUE_STATUSES:
                raise RowError(
                    f"{finding.reference}: the row says Blue (complete) but the finding is "
                    f"“{finding.get_status_display()}”; Blue is for pending sign-off or closed."
                )
            finding = finding_services.set_rag(finding, rag=trackers.rag_of(rag), by=context.by, reason=reason)

    response = text(cell(values, "response"))
    if response and not _same(response, finding.response):
        _require(context, Action.EDIT_RESPONSE, finding, "edit the force's response")
        finding = finding_services.edit_response(finding, response=response, by=context.by)
    context.findings[(finding.inspection_id, finding.reference.lower())] = finding


def _move(context, finding, target, values, reason):
    path = status_path(finding.status, target)
    if not path:
        raise RowError(
            f"{finding.reference} cannot go from “{finding.get_status_display()}” to “{target.label}” "
            "(a finding does not move back once proposed or finished, except when its board returns it)."
        )
    narrative = trackers.text_of(context.cell(values, "latest_update"))
    for step in path:
        move = move_for(finding.status, step)
        action = ACTION_FOR_MOVE[step]
        if finding.status in (Status.PENDING_SIGN_OFF, Status.DEMONSTRATING) and step == Status.IN_PROGRESS:
            action = Action.DECIDE
        _require(context, action, finding, move.label.lower())
        if move.needs_superseded_by:
            raise RowError(f"{finding.reference}: mark it superseded on its page, naming the finding that carries it.")
        board = permissions.deciding_board(context.by, finding) if move.needs_board else None
        ends_on = None
        if step == Status.DEMONSTRATING:
            ends_on = demonstration.period_end(board, timezone.localdate())
            if ends_on is None:
                raise RowError(
                    f"{finding.reference}: the row says “{step.label}” but {board} has no demonstration period."
                )
        finding = finding_services.change_status(
            finding, to=step, by=context.by, reason=narrative or reason, board=board, demonstration_ends_on=ends_on
        )
    return finding


def _report_words(context, finding, values, result):
    """The report's own words are never changed by a tracker; say where the file differs."""
    text = trackers.text_of
    checks = [
        ("text", "Finding", finding.text),
        ("area", "Area", finding.judgment.name if finding.judgment_id else ""),
        ("time_frame", "Time frame", finding.time_frame),
    ]
    for key, label, current in checks:
        value = text(context.cell(values, key))
        if value and not _same(value, current):
            result.notes.append(f"{label} differs from the tracker's; the report's wording is kept.")
    kind = text(context.cell(values, "kind"))
    if kind:
        try:
            if trackers.kind_of(kind) != finding.kind:
                result.notes.append("Type differs from the tracker's; the report's is kept.")
        except trackers.CellError as error:
            result.notes.append(str(error))
    original = context.cell(values, "original_due_date")
    if original not in (None, "") and trackers.date_of(original) != finding.original_due_date:
        result.notes.append("Original target date differs; it follows from the report and is kept.")
