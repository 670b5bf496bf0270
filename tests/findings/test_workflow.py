"""The moves between statuses, enforced by the model layer whoever calls it."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from inspections.core.status import Rag, Status
from inspections.findings import progress
from inspections.findings import services as service
from inspections.models import ChangeAction, Finding, FindingChange, ProgressUpdate
from tests.factories import BoardFactory, FindingFactory, InspectionFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def finding():
    return FindingFactory(status=Status.IN_PROGRESS, rag=Rag.AMBER)


def propose(finding):
    return service.change_status(
        finding, to=Status.PENDING_SIGN_OFF, by=finding.owner.holder, reason="Evidence attached."
    )


def test_owner_proposes_complete_with_a_reason(finding):
    with pytest.raises(ValidationError) as error:
        service.change_status(finding, to=Status.PENDING_SIGN_OFF, by=finding.owner.holder, reason="  ")
    assert "reason" in error.value.message_dict
    finding = propose(finding)
    assert finding.status == Status.PENDING_SIGN_OFF
    change = FindingChange.objects.get(finding=finding, field="status")
    assert (change.action, change.before, change.after) == (ChangeAction.PROPOSED, "In progress", "Pending sign-off")
    assert change.changed_by == finding.owner.holder
    assert change.reason == "Evidence attached."


def test_only_a_board_closes_a_finding(finding):
    finding = propose(finding)
    with pytest.raises(ValidationError) as error:
        service.change_status(finding, to=Status.CLOSED, by=finding.owner.holder, reason="Done.")
    assert "board" in error.value.message_dict
    stranger = UserFactory()
    with pytest.raises(ValidationError, match="Only the chair or a member"):
        service.change_status(finding, to=Status.CLOSED, by=stranger, reason="Done.", board=finding.board)
    assert Finding.objects.get(pk=finding.pk).status == Status.PENDING_SIGN_OFF


def test_the_chair_signs_off_and_the_rating_turns_blue(finding):
    finding = propose(finding)
    chair = finding.board.chair
    closed = service.change_status(
        finding, to=Status.CLOSED, by=chair, reason="Evidence accepted.", board=finding.board, on=date(2026, 11, 2)
    )
    closed.refresh_from_db()
    assert (closed.status, closed.rag, closed.closed_on, closed.closed_by_board) == (
        Status.CLOSED,
        Rag.BLUE,
        date(2026, 11, 2),
        finding.board,
    )
    assert closed.changes.filter(action=ChangeAction.SIGNED_OFF).exists()


def test_a_parent_boards_chair_may_decide_for_a_sub_board(finding):
    parent = BoardFactory(force=finding.inspection.force)
    finding.board.parent = parent
    finding.board.save()
    finding = propose(finding)
    service.change_status(finding, to=Status.CLOSED, by=parent.chair, reason="Accepted.", board=parent)
    assert Finding.objects.get(pk=finding.pk).closed_by_board == parent


def test_board_returns_work_with_a_reason(finding):
    finding = propose(finding)
    board_member = UserFactory()
    finding.board.members.add(board_member)
    with pytest.raises(ValidationError):
        service.change_status(finding, to=Status.IN_PROGRESS, by=board_member, board=finding.board)
    returned = service.change_status(
        finding, to=Status.IN_PROGRESS, by=board_member, board=finding.board, reason="No evidence of the audit."
    )
    assert returned.status == Status.IN_PROGRESS
    assert returned.rag == Rag.AMBER  # blue no longer: the work is not complete
    assert returned.changes.filter(action=ChangeAction.RETURNED, reason="No evidence of the audit.").exists()


def test_superseded_points_at_what_superseded_it(finding):
    later = FindingFactory(inspection=InspectionFactory(force=finding.inspection.force, published_on=date(2025, 6, 10)))
    with pytest.raises(ValidationError) as error:
        service.change_status(finding, to=Status.SUPERSEDED, by=UserFactory())
    assert "superseded_by" in error.value.message_dict
    done = service.change_status(finding, to=Status.SUPERSEDED, by=UserFactory(), superseded_by=later)
    assert done.superseded_by == later and done.closed_on is not None


def test_no_longer_relevant_needs_a_reason(finding):
    with pytest.raises(ValidationError) as error:
        service.change_status(finding, to=Status.NO_LONGER_RELEVANT, by=UserFactory())
    assert "reason" in error.value.message_dict
    done = service.change_status(
        finding, to=Status.NO_LONGER_RELEVANT, by=UserFactory(), reason="Function transferred to the ROCU."
    )
    assert done.closure_reason == "Function transferred to the ROCU."


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (Status.IN_PROGRESS, Status.CLOSED),
        (Status.AWAITING_ALLOCATION, Status.PENDING_SIGN_OFF),
        (Status.AWAITING_ALLOCATION, Status.CLOSED),
    ],
)
def test_moves_not_in_the_workflow_are_refused(source, target):
    finding = FindingFactory(status=source)
    with pytest.raises(ValidationError) as error:
        service.change_status(finding, to=target, by=finding.board.chair, reason="x", board=finding.board)
    assert "status" in error.value.message_dict
    assert Finding.objects.get(pk=finding.pk).status == source


def test_finished_findings_stay_finished(finding):
    finding = service.change_status(finding, to=Status.NO_LONGER_RELEVANT, by=UserFactory(), reason="Gone.")
    with pytest.raises(ValidationError):
        service.change_status(finding, to=Status.IN_PROGRESS, by=UserFactory())


def test_starting_work_needs_an_owner():
    finding = FindingFactory(status=Status.AWAITING_ALLOCATION, owner=None)
    with pytest.raises(ValidationError) as error:
        service.change_status(finding, to=Status.IN_PROGRESS, by=UserFactory())
    assert "owner" in error.value.message_dict


def test_revised_target_date_keeps_the_original_with_who_when_and_why(finding):
    original = finding.due_date
    opcc = UserFactory()
    revised = service.revise_due_date(
        finding, due_date=date(2027, 3, 31), by=opcc, reason="Awaiting the new records system."
    )
    assert (revised.original_due_date, revised.due_date) == (original, date(2027, 3, 31))
    change = revised.changes.get(action=ChangeAction.DUE_DATE_REVISED)
    assert (change.before, change.after, change.changed_by, change.reason) == (
        original.isoformat(),
        "2027-03-31",
        opcc,
        "Awaiting the new records system.",
    )
    with pytest.raises(ValidationError):
        service.revise_due_date(revised, due_date=date(2027, 6, 30), by=opcc, reason="")


def test_second_of_two_concurrent_edits_is_refused_and_told_what_changed(finding):
    read_by_both = finding.version
    first, second = UserFactory(username="first"), UserFactory(username="second")
    service.edit_response(finding, response="The first response.", by=first, expected_version=read_by_both)
    with pytest.raises(service.StaleFindingError) as error:
        service.edit_response(finding, response="The second response.", by=second, expected_version=read_by_both)
    assert [(c.field, c.after, c.changed_by) for c in error.value.changes] == [
        ("response", "The first response.", first)
    ]
    assert Finding.objects.get(pk=finding.pk).response == "The first response."


def test_reassignment_is_recorded(finding):
    new_owner = RoleFactory(force=finding.inspection.force, title="Head of Crime")
    done = service.reassign(finding, by=UserFactory(), owner=new_owner, reason="Restructure.")
    change = done.changes.get(action=ChangeAction.REASSIGNED)
    assert (change.field, change.after, change.reason) == ("owner", "Head of Crime", "Restructure.")


def test_owner_from_another_force_is_refused(finding):
    foreign = RoleFactory()
    with pytest.raises(ValidationError) as error:
        service.reassign(finding, by=UserFactory(), owner=foreign)
    assert "owner" in error.value.message_dict
    assert Finding.objects.get(pk=finding.pk).owner_id == finding.owner_id


def test_a_board_that_does_not_govern_the_finding_cannot_sign_it_off(finding):
    """Only the governing board or a board above it decides (DESIGN: "signed off by the board"): the
    chair of another board, or of a board below the governing one, is refused, whoever they are."""
    finding = propose(finding)
    elsewhere = BoardFactory(force=finding.inspection.force)
    below = BoardFactory(force=finding.inspection.force, parent=finding.board)
    for board in (elsewhere, below):
        with pytest.raises(ValidationError) as error:
            service.change_status(finding, to=Status.CLOSED, by=board.chair, reason="Done.", board=board)
        assert error.value.message_dict["board"] == [f"{board} does not govern {finding.reference}."]
    assert Finding.objects.get(pk=finding.pk).status == Status.PENDING_SIGN_OFF


def test_a_progress_update_cannot_rate_unfinished_work_blue(finding):
    """Blue is set by proposing the finding as complete, never by an update on work in progress."""
    with pytest.raises(ValidationError) as error:
        progress.record_progress(finding, by=finding.owner.holder, narrative="All done, we think.", rag=Rag.BLUE)
    assert error.value.message_dict["rag"] == ["Blue means complete: propose the finding as complete instead."]
    assert not ProgressUpdate.objects.filter(finding=finding).exists()
    assert Finding.objects.get(pk=finding.pk).rag == Rag.AMBER
