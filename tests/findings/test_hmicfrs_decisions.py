"""HMICFRS's decisions on a cause of concern: their own records, appended, in the finding's timeline, and
kept apart from the governing board's sign-off."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from inspections.core.status import Status
from inspections.findings import selectors
from inspections.findings.hmicfrs import (
    current_decision,
    decisions_for,
    record_hmicfrs_decision,
    with_hmicfrs_outcome,
)
from inspections.models import ChangeAction, Finding, FindingChange, HmicfrsDecision, HmicfrsOutcome

pytestmark = pytest.mark.django_db

LETTER = "Warwickshire Police: revisit of causes of concern"
URL = "https://hmicfrs.justiceinspectorates.gov.uk/publication-html/warwickshire-revisit/"


@pytest.fixture
def cause(warwickshire):
    return Finding.objects.get(inspection__force=warwickshire, reference="CoC 1", inspection__pk=2)


def test_a_closure_is_recorded_with_its_letter_and_shown_in_the_timeline(cause, people):
    status, version = cause.status, cause.version
    decision = record_hmicfrs_decision(
        cause, outcome=HmicfrsOutcome.CLOSED, decided_on=date(2021, 5, 12), by=people["opcc"], letter_title=LETTER,
        letter_url=URL, summary="I am satisfied that the force has addressed this cause of concern.",
    )
    cause.refresh_from_db()
    assert decision.outcome == "closed" and decision.recorded_by == people["opcc"]
    # HMICFRS's closure is not the board's sign-off: the finding's own status and version are untouched.
    assert cause.status == status == Status.IN_PROGRESS and cause.version == version and cause.closed_on is None
    change = FindingChange.objects.get(finding=cause, action=ChangeAction.HMICFRS_DECISION)
    assert change.after == "Closed by HMICFRS on 12 May 2021" and LETTER in change.reason and URL in change.reason
    entry = selectors.timeline(cause)[0]
    assert entry.action_label == "HMICFRS decision"
    assert ("HMICFRS's position", "", "Closed by HMICFRS on 12 May 2021") in entry.changes


def test_decisions_are_a_history_and_the_latest_is_hmicfrs_current_position(cause, people):
    record_hmicfrs_decision(
        cause, outcome="open", decided_on=date(2020, 11, 2), by=people["opcc"], letter_title="Revisit letter",
        next_steps="We will revisit in spring 2021.",
    )
    closed = record_hmicfrs_decision(
        cause, outcome="closed", decided_on=date(2021, 5, 12), by=people["opcc"], letter_title=LETTER
    )
    assert current_decision(cause) == closed
    assert [d.outcome for d in decisions_for(cause)] == ["closed", "open"]
    change = FindingChange.objects.filter(finding=cause, action=ChangeAction.HMICFRS_DECISION).order_by("id").last()
    assert change.before == "Remains open"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"outcome": "closed", "next_steps": "We will revisit."}, "next_steps"),
        ({"outcome": "issued"}, "outcome"),  # only an accelerated cause of concern is issued by letter
        ({"decided_on": timezone.localdate() + timedelta(days=1)}, "decided_on"),
        ({"letter_title": " "}, "letter_title"),
    ],
)
def test_a_decision_that_cannot_be_is_refused_and_nothing_is_written(cause, people, changes, field):
    arguments = {"outcome": "open", "decided_on": date(2021, 5, 12), "letter_title": LETTER} | changes
    with pytest.raises(ValidationError) as refused:
        record_hmicfrs_decision(cause, by=people["opcc"], **arguments)
    assert field in refused.value.message_dict
    assert not HmicfrsDecision.objects.exists()
    assert not FindingChange.objects.filter(action=ChangeAction.HMICFRS_DECISION).exists()


def test_only_causes_of_concern_and_recommendations_have_hmicfrs_decisions(warwickshire, people):
    afi = Finding.objects.filter(inspection__force=warwickshire, kind="area_for_improvement").first()
    with pytest.raises(ValidationError, match="causes of concern"):
        record_hmicfrs_decision(
            afi, outcome="open", decided_on=date(2021, 5, 12), by=people["opcc"], letter_title=LETTER
        )


def test_the_database_refuses_what_the_service_would_never_write(cause, people):
    with pytest.raises(IntegrityError), transaction.atomic():
        HmicfrsDecision.objects.create(
            finding=cause, outcome="closed", decided_on=date(2021, 5, 12), letter_title=LETTER,
            next_steps="Revisit", recorded_by=people["opcc"],
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        HmicfrsDecision.objects.create(
            finding=cause, outcome="reopened", decided_on=date(2021, 5, 12), letter_title=LETTER,
            recorded_by=people["opcc"],
        )


def test_the_finding_page_shows_hmicfrs_decisions_apart_from_the_board(client, cause, people):
    record_hmicfrs_decision(
        cause, outcome="open", decided_on=date(2020, 11, 2), by=people["opcc"], letter_title="Revisit letter",
        next_steps="We will revisit in spring 2021.",
    )
    record_hmicfrs_decision(
        cause, outcome="closed", decided_on=date(2021, 5, 12), by=people["opcc"], letter_title=LETTER, letter_url=URL,
        summary="I am closing it.",
    )
    client.force_login(people["viewer"])
    page = client.get(reverse("finding_detail", args=[cause.pk])).content.decode()
    assert "HMICFRS&#x27;s decisions" in page or "HMICFRS's decisions" in page
    assert f'<a href="{URL}" rel="noopener noreferrer">{LETTER}</a>' in page
    assert "Closed by HMICFRS</strong>, 12 May 2021" in page and "(current)" in page
    assert "We will revisit in spring 2021." in page and "I am closing it." in page
    assert page.index("12 May 2021") < page.index("2 November 2020")  # latest first


def test_each_finding_carries_hmicfrs_current_position_in_one_query(cause, people, django_assert_num_queries):
    record_hmicfrs_decision(cause, outcome="open", decided_on=date(2020, 11, 2), by=people["opcc"], letter_title="A")
    record_hmicfrs_decision(cause, outcome="closed", decided_on=date(2021, 5, 12), by=people["opcc"], letter_title="B")
    causes = Finding.objects.filter(inspection=cause.inspection, kind="cause_of_concern").order_by("order")
    with django_assert_num_queries(1):
        outcomes = [(f.reference, f.hmicfrs_outcome) for f in with_hmicfrs_outcome(causes)]
    assert outcomes == [("CoC 1", "closed"), ("CoC 2", None), ("CoC 3", None)]
