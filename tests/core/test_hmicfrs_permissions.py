"""Who records HMICFRS's side, and on what (core/permissions.py): OPCC staff of the force alone; Scan or
Engage on a force; HMICFRS's decisions on a cause of concern or a recommendation whatever the board has
done; a closure request to HMICFRS only once the board has signed the finding off and it is closed, not
while it is still in its demonstration period; and never on anything else."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from inspections.core.permissions import Action, can, force_of, require
from inspections.core.status import Rag, Status
from inspections.models import Access, DocumentKind, FindingKind, RenderedDocument
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


def test_a_refusal_names_the_action_in_words():
    finding = FindingFactory()
    viewer = staff_of(finding.inspection.force, Access.VIEWER)
    with pytest.raises(PermissionDenied) as refused:
        require(viewer, Action.ADD_UPDATE, finding)
    assert str(refused.value) == "You do not have permission to add update here."


def test_a_document_belongs_to_its_inspections_force_or_its_subjects():
    finding = FindingFactory()
    by = staff_of(finding.inspection.force)
    about_a_finding = RenderedDocument(kind=DocumentKind.CLOSURE_REQUEST, subject=finding, created_by=by)
    assert force_of(about_a_finding) == finding.inspection.force_id
    of_an_inspection = RenderedDocument(
        kind=DocumentKind.SECTION55_LETTER, inspection=finding.inspection, created_by=by
    )
    assert force_of(of_an_inspection) == finding.inspection.force_id
    with pytest.raises(TypeError) as unknown:
        force_of(RenderedDocument(kind=DocumentKind.SECTION55_LETTER, created_by=by))
    assert str(unknown.value) == "A rendered document without a subject has no force."
    with pytest.raises(TypeError) as other:
        force_of(by)
    assert str(other.value) == f"No permission rules for {type(by).__name__}."
