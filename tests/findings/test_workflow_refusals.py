"""What the workflow refuses, in the words the user sees, and what it records when it accepts: the
board's decisions, closing a finding without the board (superseded or no longer relevant), and a save
on a version someone else has changed."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from inspections.core.status import Status
from inspections.findings import progress
from inspections.findings import services as service
from inspections.findings.services import StaleFindingError
from inspections.models import Finding, FindingChange
from tests.factories import BoardFactory, FindingFactory, InspectionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposed():
    finding = FindingFactory(status=Status.IN_PROGRESS)
    return service.change_status(finding, to=Status.PENDING_SIGN_OFF, by=finding.owner.holder, reason="Done.")


def chair_of(finding):
    return finding.board.chair_role.holder


def test_someone_without_a_seat_on_the_board_cannot_decide(proposed):
    with pytest.raises(ValidationError) as refused:
        progress.decide(proposed, by=UserFactory(), sign_off=True, reason="Looks done.")
    assert refused.value.message_dict == {
        "decision": ["Only the chair or a member of the governing board can decide."]
    }
    assert Finding.objects.get(pk=proposed.pk).status == Status.PENDING_SIGN_OFF


def test_a_decision_on_a_version_someone_else_changed_is_refused(proposed):
    read = proposed.version
    service.change_status(proposed, to=Status.IN_PROGRESS, by=chair_of(proposed), reason="Not yet.",
                          board=proposed.board)
    with pytest.raises(StaleFindingError) as stale:
        progress.decide(proposed, by=chair_of(proposed), sign_off=True, reason="Signed off.", expected_version=read)
    assert str(stale.value) == f"{proposed.reference} was changed by someone else while you were editing it."
    assert stale.value.finding.status == Status.IN_PROGRESS
    assert [change.after for change in stale.value.changes if change.field == "status"] == ["In progress"]


def test_a_board_decision_names_a_board_that_governs_and_a_person_who_sits_on_it(proposed):
    chair = chair_of(proposed)
    with pytest.raises(ValidationError) as refused:
        service.change_status(proposed, to=Status.CLOSED, by=chair, reason="Signed off.", board=None)
    assert refused.value.message_dict == {"board": ["Only a governance board can make this decision; name the board."]}
    elsewhere = BoardFactory(force=proposed.inspection.force, name="Digital Board")
    with pytest.raises(ValidationError) as refused:
        service.change_status(proposed, to=Status.CLOSED, by=chair, reason="Signed off.", board=elsewhere)
    assert refused.value.message_dict == {"board": [f"Digital Board does not govern {proposed.reference}."]}
    with pytest.raises(ValidationError) as refused:
        service.change_status(proposed, to=Status.CLOSED, by=UserFactory(), reason="Signed off.", board=proposed.board)
    assert refused.value.message_dict == {
        "board": [f"Only the chair or a member of {proposed.board} can make this decision."]
    }


def test_closing_otherwise_needs_one_of_the_two_outcomes():
    finding = FindingFactory()
    staff = UserFactory()
    for outcome in ("", "closed", "SUPERSEDED"):
        with pytest.raises(ValidationError) as refused:
            service.close_otherwise(finding, by=staff, outcome=outcome, reason="Overtaken.")
        assert refused.value.message_dict == {
            "outcome": ["Choose whether the finding is superseded or no longer relevant."]
        }


@pytest.fixture
def earlier_and_later():
    earlier = FindingFactory(inspection=InspectionFactory(published_on=date(2019, 10, 1)))
    later_inspection = InspectionFactory(force=earlier.inspection.force, published_on=date(2022, 10, 14))
    later = FindingFactory(inspection=later_inspection)
    return earlier, later


def test_a_finding_is_superseded_by_one_of_a_later_inspection_of_its_force(earlier_and_later):
    earlier, later = earlier_and_later
    staff = UserFactory()
    closed = service.close_otherwise(earlier, by=staff, outcome="superseded", reason="Carried into 2022.",
                                     superseded_by=later, expected_version=earlier.version)
    assert (closed.status, closed.superseded_by) == (Status.SUPERSEDED, later)
    change = FindingChange.objects.get(finding=earlier, field="status")
    assert (change.changed_by, change.after, change.reason) == (staff, "Superseded", "Carried into 2022.")


def test_superseding_needs_no_reason_and_records_none(earlier_and_later):
    earlier, later = earlier_and_later
    service.close_otherwise(earlier, by=UserFactory(), outcome="superseded", superseded_by=later)
    change = FindingChange.objects.get(finding=earlier, field="status")
    assert (change.after, change.reason) == ("Superseded", "")
    assert Finding.objects.get(pk=earlier.pk).closure_reason == ""


def test_what_cannot_supersede_a_finding(earlier_and_later):
    earlier, later = earlier_and_later
    staff = UserFactory()
    same_report = FindingFactory(inspection=earlier.inspection)
    other_force = FindingFactory(inspection=InspectionFactory(published_on=date(2023, 5, 1)))
    refusals = {
        None: "Choose the finding that supersedes this one.",
        earlier: "A finding cannot supersede itself.",
        same_report: "A finding is superseded by one of a later inspection of the same force.",
        other_force: "A finding is superseded by one of a later inspection of the same force.",
    }
    for successor, message in refusals.items():
        with pytest.raises(ValidationError) as refused:
            service.close_otherwise(earlier, by=staff, outcome="superseded", reason="x", superseded_by=successor)
        assert refused.value.message_dict == {"superseded_by": [message]}
    assert Finding.objects.get(pk=earlier.pk).status == Status.IN_PROGRESS


def test_no_longer_relevant_keeps_no_successor_even_if_one_is_given(earlier_and_later):
    earlier, later = earlier_and_later
    closed = service.close_otherwise(earlier, by=UserFactory(), outcome="no_longer_relevant",
                                     reason="The unit was disbanded.", superseded_by=later)
    assert closed.status == Status.NO_LONGER_RELEVANT and closed.superseded_by is None


def test_closing_otherwise_on_a_version_someone_else_changed_is_refused(earlier_and_later):
    earlier, later = earlier_and_later
    read = earlier.version
    service.revise_due_date(earlier, due_date=date(2027, 3, 31), by=UserFactory(), reason="Replanned.")
    with pytest.raises(StaleFindingError):
        service.close_otherwise(earlier, by=UserFactory(), outcome="no_longer_relevant", reason="Gone.",
                                expected_version=read)


def test_every_audited_save_stamps_the_finding_and_records_the_value_it_replaced():
    finding = FindingFactory()
    before = Finding.objects.get(pk=finding.pk).updated_at
    service.revise_due_date(finding, due_date=date(2027, 3, 31), by=UserFactory(), reason="Replanned.")
    saved = Finding.objects.get(pk=finding.pk)
    assert saved.updated_at > before
    change = FindingChange.objects.get(finding=finding, field="due_date")
    assert change.changed_at == saved.updated_at
    assert (change.before, change.after) == ("2023-10-14", "2027-03-31")  # the report's date, then the new one


def test_a_return_on_a_version_someone_else_changed_is_refused(proposed):
    read = proposed.version
    service.revise_due_date(proposed, due_date=date(2027, 3, 31), by=UserFactory(), reason="Replanned.")
    with pytest.raises(StaleFindingError):
        progress.decide(proposed, by=chair_of(proposed), sign_off=False, reason="Not yet.", expected_version=read)
    assert Finding.objects.get(pk=proposed.pk).status == Status.PENDING_SIGN_OFF


def test_a_sign_off_is_dated_the_day_the_board_decided(proposed):
    meeting_day = date(2025, 2, 12)
    signed = progress.decide(proposed, by=chair_of(proposed), sign_off=True, reason="Evidence reviewed.",
                             on=meeting_day)
    assert (signed.status, signed.closed_on) == (Status.CLOSED, meeting_day)


def test_a_finding_in_its_demonstration_period_is_not_signed_off_twice(proposed):
    board = proposed.board
    board.demonstration_months = 3
    board.save()
    signed = progress.decide(proposed, by=chair_of(proposed), sign_off=True, reason="Evidence reviewed.",
                             on=date(2025, 2, 12))
    assert (signed.status, signed.demonstration_ends_on) == (Status.DEMONSTRATING, date(2025, 5, 12))
    with pytest.raises(ValidationError) as refused:
        progress.decide(signed, by=chair_of(signed), sign_off=True, reason="Again.")
    assert refused.value.message_dict == {
        "decision": ["This finding is already signed off; it closes when its demonstration period ends."]
    }


def test_a_stale_save_lists_what_others_changed_on_this_finding_alone_in_order(proposed):
    read = proposed.version
    staff = UserFactory()
    neighbour = FindingFactory(inspection=proposed.inspection)
    # The neighbour has moved on further than this finding: its changes have later version numbers too.
    Finding.objects.filter(pk=neighbour.pk).update(version=read + 10)
    neighbour.refresh_from_db()
    service.revise_due_date(proposed, due_date=date(2027, 3, 31), by=staff, reason="Replanned.")
    service.revise_due_date(neighbour, due_date=date(2027, 6, 30), by=staff, reason="Replanned too.")
    service.set_rag(Finding.objects.get(pk=proposed.pk), rag="amber", by=staff, reason="Slipping.")
    with pytest.raises(StaleFindingError) as stale:
        service.set_rag(proposed, rag="red", by=staff, expected_version=read)
    assert [(change.field, change.reason, change.changed_by) for change in stale.value.changes] == [
        ("due_date", "Replanned.", staff), ("rag", "Slipping.", staff)
    ]
