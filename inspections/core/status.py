"""The status and RAG vocabulary of a finding, and the moves allowed between statuses.

This module is the one place that states them; the model and services enforce them.
"""

from dataclasses import dataclass

from django.db import models


class Status(models.TextChoices):
    AWAITING_ALLOCATION = "awaiting_allocation", "Awaiting allocation"
    IN_PROGRESS = "in_progress", "In progress"
    PENDING_SIGN_OFF = "pending_sign_off", "Pending sign-off"
    # Signed off by the board, waiting out the force's or board's demonstration period before it closes.
    DEMONSTRATING = "demonstrating", "Complete – demonstrating"
    CLOSED = "closed", "Closed"
    SUPERSEDED = "superseded", "Superseded"
    NO_LONGER_RELEVANT = "no_longer_relevant", "Closed: no longer relevant"


OPEN_STATUSES = (Status.AWAITING_ALLOCATION, Status.IN_PROGRESS, Status.PENDING_SIGN_OFF)
FINISHED_STATUSES = (Status.CLOSED, Status.SUPERSEDED, Status.NO_LONGER_RELEVANT)
# Signed off but not yet closed: neither open (no chasing, no overdue) nor finished (no closed_on yet).
DEMONSTRATING_STATUSES = (Status.DEMONSTRATING,)
# Work is under way (or being demonstrated) and someone must own it.
OWNED_STATUSES = (Status.IN_PROGRESS, Status.PENDING_SIGN_OFF, Status.DEMONSTRATING)


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    BLUE = "blue", "Blue (complete)"


# Blue means the work is complete: proposed for sign-off, signed off and demonstrating, or closed.
BLUE_STATUSES = (Status.PENDING_SIGN_OFF, Status.DEMONSTRATING, Status.CLOSED)


@dataclass(frozen=True)
class Move:
    """A permitted change of status, with what it needs."""

    label: str
    needs_reason: bool = False
    needs_board: bool = False  # only a governance board's decision makes this move
    needs_superseded_by: bool = False
    needs_owner: bool = False


TRANSITIONS = {
    (Status.AWAITING_ALLOCATION, Status.IN_PROGRESS): Move("Start work", needs_owner=True),
    (Status.IN_PROGRESS, Status.PENDING_SIGN_OFF): Move("Propose as complete", needs_reason=True, needs_owner=True),
    (Status.PENDING_SIGN_OFF, Status.CLOSED): Move("Sign off", needs_reason=True, needs_board=True),
    (Status.PENDING_SIGN_OFF, Status.IN_PROGRESS): Move("Return to owner", needs_reason=True, needs_board=True),
    # Where a demonstration period applies, the board's sign-off starts it (findings/demonstration.py) …
    (Status.PENDING_SIGN_OFF, Status.DEMONSTRATING): Move(
        "Sign off (demonstration period)", needs_reason=True, needs_board=True
    ),
    # … a return during it reopens the finding, and the period ending without one closes it (a daily task).
    (Status.DEMONSTRATING, Status.IN_PROGRESS): Move("Return to owner", needs_reason=True, needs_board=True),
    (Status.DEMONSTRATING, Status.CLOSED): Move("Close after the demonstration period", needs_reason=True),
}
for _source in OPEN_STATUSES:
    TRANSITIONS[(_source, Status.SUPERSEDED)] = Move("Mark superseded", needs_superseded_by=True)
    TRANSITIONS[(_source, Status.NO_LONGER_RELEVANT)] = Move("Close as no longer relevant", needs_reason=True)
del _source


def shown_statuses(counts):
    """The statuses a count of findings lists: every one, except "complete – demonstrating" where no finding
    is in it (forces without a demonstration period never use it). `counts` maps status values to counts."""
    return [status for status in Status if status not in DEMONSTRATING_STATUSES or counts.get(status.value)]


def move_for(source, target):
    """The Move from source to target, or None when the move is not allowed."""
    return TRANSITIONS.get((Status(source), Status(target)))
