"""The status and RAG vocabulary of a finding, and the moves allowed between statuses.

This module is the one place that states them; the model and services enforce them.
"""

from dataclasses import dataclass

from django.db import models


class Status(models.TextChoices):
    AWAITING_ALLOCATION = "awaiting_allocation", "Awaiting allocation"
    IN_PROGRESS = "in_progress", "In progress"
    PENDING_SIGN_OFF = "pending_sign_off", "Pending sign-off"
    CLOSED = "closed", "Closed"
    SUPERSEDED = "superseded", "Superseded"
    NO_LONGER_RELEVANT = "no_longer_relevant", "Closed: no longer relevant"


OPEN_STATUSES = (Status.AWAITING_ALLOCATION, Status.IN_PROGRESS, Status.PENDING_SIGN_OFF)
FINISHED_STATUSES = (Status.CLOSED, Status.SUPERSEDED, Status.NO_LONGER_RELEVANT)
# Work is under way and someone must own it.
OWNED_STATUSES = (Status.IN_PROGRESS, Status.PENDING_SIGN_OFF)


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    BLUE = "blue", "Blue (complete)"


# Blue means the work is complete: proposed for sign-off or signed off.
BLUE_STATUSES = (Status.PENDING_SIGN_OFF, Status.CLOSED)


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
}
for _source in OPEN_STATUSES:
    TRANSITIONS[(_source, Status.SUPERSEDED)] = Move("Mark superseded", needs_superseded_by=True)
    TRANSITIONS[(_source, Status.NO_LONGER_RELEVANT)] = Move("Close as no longer relevant", needs_reason=True)
del _source


def move_for(source, target):
    """The Move from source to target, or None when the move is not allowed."""
    return TRANSITIONS.get((Status(source), Status(target)))
