"""Rules the model layer checks (clean) and the database enforces (constraints)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from inspections.core.status import Rag, Status
from inspections.models import Finding, FindingKind, GovernanceBoard, Inspection, MonitoringPeriod, MonitoringState
from tests.factories import (
    BoardFactory,
    FindingFactory,
    ForceFactory,
    InspectionFactory,
    JudgmentFactory,
    MonitoringPeriodFactory,
)

pytestmark = pytest.mark.django_db


def db_refuses(**changes):
    finding = FindingFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Finding.objects.filter(pk=finding.pk).update(**changes)


def test_database_refuses_closed_without_a_board():
    db_refuses(status=Status.CLOSED, closed_on=date(2026, 1, 1))


def test_database_refuses_superseded_without_successor():
    db_refuses(status=Status.SUPERSEDED, closed_on=date(2026, 1, 1))


def test_database_refuses_no_longer_relevant_without_reason():
    db_refuses(status=Status.NO_LONGER_RELEVANT, closed_on=date(2026, 1, 1))


def test_database_refuses_blue_while_in_progress():
    db_refuses(rag=Rag.BLUE)


def test_database_refuses_unknown_status():
    db_refuses(status="parked")


def test_database_refuses_a_cause_of_concern_under_a_cause_of_concern():
    coc = FindingFactory(kind=FindingKind.CAUSE_OF_CONCERN)
    other = FindingFactory(inspection=coc.inspection, kind=FindingKind.CAUSE_OF_CONCERN)
    with pytest.raises(IntegrityError), transaction.atomic():
        Finding.objects.filter(pk=other.pk).update(cause_of_concern=coc)


def test_duplicate_order_in_one_report_is_refused():
    finding = FindingFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        FindingFactory(inspection=finding.inspection, order=finding.order)


def test_finding_attached_to_another_inspections_area_is_refused_naming_the_field():
    finding = FindingFactory()
    finding.judgment = JudgmentFactory()  # an area of some other inspection
    with pytest.raises(ValidationError) as error:
        finding.full_clean()
    assert "judgment" in error.value.message_dict


def test_recommendation_under_another_inspections_cause_of_concern_is_refused():
    coc = FindingFactory(kind=FindingKind.CAUSE_OF_CONCERN)
    rec = FindingFactory.build(
        inspection=InspectionFactory(force=coc.inspection.force),
        kind=FindingKind.RECOMMENDATION,
        cause_of_concern=coc,
        owner=None,
        board=None,
        status=Status.AWAITING_ALLOCATION,
    )
    with pytest.raises(ValidationError) as error:
        rec.full_clean()
    assert "cause_of_concern" in error.value.message_dict


def test_unreadable_time_frame_names_the_field():
    finding = FindingFactory()
    finding.time_frame = "when convenient"
    with pytest.raises(ValidationError) as error:
        finding.full_clean()
    assert "time_frame" in error.value.message_dict


def test_carry_over_must_repeat_an_earlier_inspection_of_the_same_force():
    earlier = FindingFactory(inspection=InspectionFactory(published_on=date(2019, 9, 27)))
    later = FindingFactory(
        inspection=InspectionFactory(force=earlier.inspection.force, published_on=date(2022, 10, 14))
    )
    later.repeats = earlier
    later.full_clean()
    earlier.repeats = later
    with pytest.raises(ValidationError) as error:
        earlier.full_clean()
    assert "repeats" in error.value.message_dict
    stranger = FindingFactory(inspection=InspectionFactory(published_on=date(2015, 1, 1)))
    later.repeats = stranger
    with pytest.raises(ValidationError, match="same force"):
        later.full_clean()


def test_accelerated_cause_of_concern_is_issued_before_publication():
    inspection = InspectionFactory(published_on=date(2024, 5, 1))
    coc = FindingFactory.build(
        inspection=inspection,
        kind=FindingKind.CAUSE_OF_CONCERN,
        accelerated=True,
        issued_on=date(2024, 2, 1),
        owner=None,
        board=None,
        status=Status.AWAITING_ALLOCATION,
    )
    coc.full_clean()
    coc.issued_on = date(2024, 6, 1)
    with pytest.raises(ValidationError) as error:
        coc.full_clean()
    assert "issued_on" in error.value.message_dict
    afi = FindingFactory.build(inspection=inspection, accelerated=True, issued_on=date(2024, 2, 1))
    with pytest.raises(ValidationError) as error:
        afi.full_clean()
    assert "accelerated" in error.value.message_dict


def test_previous_inspection_must_be_earlier_and_of_the_same_force():
    first = InspectionFactory(published_on=date(2019, 9, 27))
    later = InspectionFactory(force=first.force, published_on=date(2022, 10, 14), previous=first)
    later.full_clean()
    first.previous = later
    with pytest.raises(ValidationError) as error:
        first.full_clean()
    assert "previous" in error.value.message_dict
    other = InspectionFactory(published_on=date(2018, 1, 1))
    later.previous = other
    with pytest.raises(ValidationError, match="same force"):
        later.full_clean()


def test_fieldwork_dates_are_checked():
    inspection = InspectionFactory.build(
        force=ForceFactory(), fieldwork_started_on=date(2022, 3, 1), fieldwork_ended_on=date(2022, 2, 1)
    )
    with pytest.raises(ValidationError):
        inspection.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        inspection.save()
    assert not Inspection.objects.filter(pk=inspection.pk).exists()


def test_monitoring_states_with_dates_one_open_period_at_a_time():
    force = ForceFactory()
    assert force.monitoring_on(date(2024, 1, 1)) is None  # routine monitoring (Scan)
    MonitoringPeriodFactory(
        force=force, state=MonitoringState.ENGAGE, started_on=date(2023, 1, 10), ended_on=date(2024, 6, 30)
    )
    MonitoringPeriodFactory(force=force, state=MonitoringState.SCAN, started_on=date(2024, 7, 1))
    assert force.monitoring_on(date(2024, 1, 1)).state == "engage"
    assert force.monitoring_on(date(2025, 1, 1)).state == "scan"
    overlapping = MonitoringPeriod(force=force, state=MonitoringState.ENGAGE, started_on=date(2024, 6, 1))
    with pytest.raises(ValidationError):
        overlapping.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        MonitoringPeriodFactory(force=force, state=MonitoringState.ENGAGE, started_on=date(2025, 2, 1))


def test_boards_nest_within_one_force_without_cycles():
    parent = BoardFactory()
    child = BoardFactory(force=parent.force, parent=parent)
    parent.parent = child
    with pytest.raises(ValidationError) as error:
        parent.full_clean()
    assert "parent" in error.value.message_dict
    foreign = BoardFactory(parent=None)
    foreign.parent = parent
    with pytest.raises(ValidationError, match="same force"):
        foreign.full_clean()
    assert parent.descendant_ids() == {parent.pk, child.pk}
    assert GovernanceBoard.objects.get(pk=child.pk).lineage() == [child, parent]


@pytest.mark.parametrize("status", [Status.AWAITING_ALLOCATION, Status.IN_PROGRESS, Status.SUPERSEDED])
def test_the_model_refuses_blue_unless_the_work_is_complete(status):
    """Blue means complete: only a finding pending sign-off or closed is Blue. clean() says so in words
    before the database's constraint is ever reached."""
    finding = FindingFactory.build(status=status, rag=Rag.BLUE, inspection=InspectionFactory())
    with pytest.raises(ValidationError) as error:
        finding.clean()
    assert "rag" in error.value.message_dict


def test_the_model_accepts_blue_when_pending_sign_off():
    finding = FindingFactory(status=Status.PENDING_SIGN_OFF, rag=Rag.BLUE)
    finding.full_clean()
