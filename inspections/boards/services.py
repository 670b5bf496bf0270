"""Writes for governance boards: their meetings, and the decisions the board records at one."""

from dataclasses import dataclass

from django.db import transaction

from inspections.core.labels import day_month_year
from inspections.findings import progress as progress_service
from inspections.models import BoardMeeting


def add_meeting(*, board, held_on, note="", agenda_item="", presented_by=""):
    """A meeting of the board on a day (one a day; the database holds the rule too)."""
    meeting = BoardMeeting(board=board, held_on=held_on, note=note, agenda_item=agenda_item.strip(),
                           presented_by=presented_by.strip())
    meeting.full_clean()
    meeting.save()
    return meeting


@dataclass(frozen=True)
class Decision:
    """The board's decision on one finding proposed for sign-off."""

    finding: object
    sign_off: bool  # False: returned to the owner
    reason: str
    version: int  # the finding's version the chair decided on (optimistic locking)


@transaction.atomic
def record_decisions(*, meeting, by, decisions):
    """Record the board's decisions taken at the meeting: all of them, or none (a stale finding or a
    refused decision rolls every one back). Each reason names the meeting, in the finding's history."""
    for decision in decisions:
        reason = f"At the {meeting.board.name} meeting on {day_month_year(meeting.held_on)}: {decision.reason}"
        progress_service.decide(
            decision.finding, by=by, sign_off=decision.sign_off, reason=reason, expected_version=decision.version
        )
    return len(decisions)
