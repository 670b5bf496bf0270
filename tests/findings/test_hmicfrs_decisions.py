"""HMICFRS's decision on a cause of concern is its own record, apart from the board's sign-off:
"I will be closing the force's cause of concern regarding …" closes it with HMICFRS, dated by the
letter, and the finding's history says so, while the force's own status is left as it was."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from inspections.core.status import Status
from inspections.findings import selectors
from inspections.findings.hmicfrs import latest_decision, record_hmicfrs_decision
from inspections.models import ChangeAction, Finding, FindingKind, HmicfrsDecision, HmicfrsOutcome

pytestmark = pytest.mark.django_db
LETTER = "Warwickshire Police: revisit of the cause of concern on crime data integrity"


@pytest.fixture
def cause_of_concern(warwickshire):
    return Finding.objects.filter(
        inspection__force=warwickshire, inspection__title__contains="2019", kind=FindingKind.CAUSE_OF_CONCERN
    ).order_by("order").first()


def test_a_closure_letter_closes_the_cause_of_concern_with_hmicfrs_only(people, cause_of_concern):
    status_before = cause_of_concern.status
    kept_open = record_hmicfrs_decision(
        cause_of_concern, outcome=HmicfrsOutcome.OPEN, decided_on=date(2020, 6, 1), by=people.opcc,
        letter_title=LETTER, next_steps="A further revisit in six months.",
    )
    closed = record_hmicfrs_decision(
        cause_of_concern, outcome=HmicfrsOutcome.CLOSED, decided_on=date(2021, 3, 4), by=people.opcc,
        letter_title=LETTER, letter_url="https://www.justiceinspectorates.gov.uk/hmicfrs/",
        summary="I will be closing the force's cause of concern regarding crime data integrity.",
    )
    assert latest_decision(cause_of_concern) == closed != kept_open
    cause_of_concern.refresh_from_db()
    assert cause_of_concern.status == status_before == Status.IN_PROGRESS  # the board has not signed it off
    entries = [e for e in selectors.timeline(cause_of_concern) if e.action == ChangeAction.HMICFRS_DECISION]
    assert [e.changes for e in entries] == [
        [("HMICFRS", "Remains open", "Closed by HMICFRS")], [("HMICFRS", "", "Remains open")]
    ]
    assert entries[1].reason.endswith("1 June 2020. Next steps: A further revisit in six months.")


def test_hmicfrs_does_not_decide_on_areas_for_improvement_or_before_the_report(people, warwickshire, cause_of_concern):
    afi = Finding.objects.filter(inspection=cause_of_concern.inspection, kind=FindingKind.AREA_FOR_IMPROVEMENT).first()
    with pytest.raises(ValidationError, match="not areas for improvement"):
        record_hmicfrs_decision(afi, outcome=HmicfrsOutcome.CLOSED, decided_on=date(2021, 3, 4), by=people.opcc,
                                letter_title=LETTER)
    with pytest.raises(ValidationError, match="before the finding was issued"):
        record_hmicfrs_decision(cause_of_concern, outcome=HmicfrsOutcome.CLOSED, decided_on=date(2019, 1, 1),
                                by=people.opcc, letter_title=LETTER)
    with pytest.raises(ValidationError):
        record_hmicfrs_decision(cause_of_concern, outcome=HmicfrsOutcome.CLOSED, decided_on=date(2021, 3, 4),
                                by=people.opcc, letter_title="  ")
    assert not HmicfrsDecision.objects.exists()
