"""Who records HMICFRS's side, and on what (core/permissions.py): OPCC staff of the force alone; Scan or
Engage on a force; HMICFRS's decisions on a cause of concern or a recommendation whatever the board has
done; a closure request to HMICFRS only once the board has signed the finding off and it is closed, not
while it is still in its demonstration period; and never on anything else."""

from datetime import date

import pytest

from inspections.core.permissions import Action, can
from inspections.core.status import Rag, Status
from inspections.models import Access, FindingKind
from tests.factories import BoardFactory, FindingFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def staff_of(force, access=Access.OPCC_STAFF):
    return MembershipFactory(force=force, access=access).user


def test_a_closure_request_is_for_a_finding_the_board_has_signed_off_and_closed():
    board = BoardFactory()
    closed = FindingFactory(
        inspection__force=board.force, board=board, status=Status.CLOSED, rag=Rag.BLUE, closed_on=date(2025, 3, 1),
        closed_by_board=board,
    )
    staff = staff_of(closed.inspection.force)
    assert can(staff, Action.REQUEST_CLOSURE, closed)
    demonstrating = FindingFactory(
        inspection=closed.inspection, status=Status.DEMONSTRATING, rag=Rag.BLUE,
        demonstration_ends_on=date(2025, 9, 1), closed_by_board=closed.board,
    )
    in_progress = FindingFactory(inspection=closed.inspection, status=Status.IN_PROGRESS)
    assert not can(staff, Action.REQUEST_CLOSURE, demonstrating)
    assert not can(staff, Action.REQUEST_CLOSURE, in_progress)
    assert not can(staff_of(closed.inspection.force, Access.FORCE_LEAD), Action.REQUEST_CLOSURE, closed)


def test_hmicfrs_decides_on_causes_of_concern_and_recommendations_at_any_status():
    cause = FindingFactory(kind=FindingKind.CAUSE_OF_CONCERN, status=Status.AWAITING_ALLOCATION, owner=None)
    staff = staff_of(cause.inspection.force)
    recommendation = FindingFactory(inspection=cause.inspection, kind=FindingKind.RECOMMENDATION)
    afi = FindingFactory(inspection=cause.inspection, kind=FindingKind.AREA_FOR_IMPROVEMENT)
    assert can(staff, Action.RECORD_HMICFRS_DECISION, cause)
    assert can(staff, Action.RECORD_HMICFRS_DECISION, recommendation)
    assert not can(staff, Action.RECORD_HMICFRS_DECISION, afi)


def test_nothing_but_a_force_or_a_finding_takes_hmicfrs_records():
    finding = FindingFactory(kind=FindingKind.CAUSE_OF_CONCERN)
    force, inspection = finding.inspection.force, finding.inspection
    staff = staff_of(force)
    assert can(staff, Action.RECORD_MONITORING, force)
    assert not can(staff, Action.RECORD_MONITORING, finding)
    for action in (Action.RECORD_HMICFRS_DECISION, Action.REQUEST_CLOSURE):
        assert not can(staff, action, inspection), action
        assert not can(staff, action, force), action
