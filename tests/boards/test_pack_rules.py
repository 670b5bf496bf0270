"""The board's rules in its papers: the force's RAG rules as a legend in every pack and on the dashboard,
ratings that differ from them marked, the extension requests made and decided since the last meeting,
and what is in its demonstration period."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from inspections.boards.document import render_pack_html
from inspections.boards.pack import build_pack
from inspections.core.status import Rag, Status
from inspections.findings import extensions, progress, rag_rules
from inspections.findings import services as finding_service
from inspections.models import ExtensionRequest, Finding, GovernanceBoard, RagCondition
from tests.factories import BoardMeetingFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")

RULES = {
    RagCondition.PAST_TARGET: {"rag": Rag.RED, "wording": "Outstanding and past its target date"},
    RagCondition.ON_TRACK: {"rag": Rag.GREEN, "wording": "In progress and on track"},
}


@pytest.fixture
def wab(people):
    return GovernanceBoard.objects.get(force=people.force, name="Warwickshire Assurance Board")


def declare(force, months=None):
    rag_rules.declare_rules(force=force, rules=RULES, demonstration_months=months, board_months={})


def finding(reference="Rec 1.3"):
    return Finding.objects.get(inspection__title__contains="2019", reference=reference)


def test_the_pack_prints_the_forces_rules_as_a_legend(client, people, wab):
    declare(people.force)
    meeting = BoardMeetingFactory(board=wab, held_on=date(2026, 2, 10))
    client.force_login(people.viewer)
    body = client.get(reverse("meeting_pack", args=[wab.pk, meeting.pk])).content.decode()
    assert "Warwickshire Police's RAG rules" in body
    for wording in ("Outstanding and past its target date", "In progress and on track", rag_rules.COMPLETE_WORDING):
        assert wording in body
    document = render_pack_html(meeting)  # the PDF's HTML carries the same legend
    assert "Outstanding and past its target date" in document and "In progress and on track" in document


def test_a_pack_says_when_no_rules_are_declared(people, wab):
    meeting = BoardMeetingFactory(board=wab, held_on=date(2026, 2, 10))
    assert "has not declared its RAG rules" in render_pack_html(meeting)


def test_ratings_that_differ_from_the_rule_are_marked_in_the_pack(people, wab):
    declare(people.force)
    digital = finding()  # in progress, past its 2020 target: the rule says Red
    finding_service.set_rag(digital, rag=Rag.GREEN, by=people.lead)
    meeting = BoardMeetingFactory(board=wab, held_on=date(2026, 2, 10))
    pack = build_pack(meeting)
    marked = {f.reference: f.rule_rag_label for f in pack.rules.differing}
    assert marked.get("Rec 1.3") == "Red"
    assert pack.rules.differing_count == len(pack.rules.differing)
    assert "RAG differs from the rule: rule says Red" in render_pack_html(meeting)
    finding_service.set_rag(finding(), rag=Rag.RED, by=people.lead)
    assert "Rec 1.3" not in {f.reference for f in build_pack(meeting).rules.differing}


def test_extension_requests_made_or_decided_since_the_last_meeting(people, wab):
    today = timezone.localdate()
    previous = BoardMeetingFactory(board=wab, held_on=today - timedelta(days=28))
    meeting = BoardMeetingFactory(board=wab, held_on=today + timedelta(days=7))
    later = today + timedelta(days=200)
    old = extensions.request_extension(finding(), by=people.lead, due_date=later, reason="Before the last meeting.")
    ExtensionRequest.objects.filter(pk=old.pk).update(
        requested_at=datetime.combine(previous.held_on - timedelta(days=3), datetime.min.time(), tzinfo=LONDON)
    )
    assert [r.pk for r in build_pack(meeting).rules.extensions] == []  # made before the period, not yet decided
    assert [r.pk for r in build_pack(previous).rules.extensions] == [old.pk]
    extensions.decide_extension(ExtensionRequest.objects.get(pk=old.pk), by=people.chair, approve=True)
    pack = build_pack(meeting)
    assert [(r.pk, r.status) for r in pack.rules.extensions] == [(old.pk, "approved")]  # decided in the period
    body = render_pack_html(meeting)
    assert "Extension requests since the last meeting" in body and "Before the last meeting." in body
    assert "between meetings" in body


def test_the_pack_and_the_dashboard_list_what_is_in_its_demonstration_period(client, people, wab):
    declare(people.force, months=3)
    progress.propose_complete(finding(), by=people.lead, reason="Done.")
    signed = progress.decide(finding(), by=people.chair, sign_off=True, reason="Evidence reviewed.")
    assert signed.status == Status.DEMONSTRATING
    meeting = BoardMeetingFactory(board=wab, held_on=timezone.localdate() + timedelta(days=7))
    pack = build_pack(meeting)
    assert [f.reference for f in pack.rules.demonstrating] == ["Rec 1.3"]
    assert ("Complete – demonstrating", 1) in pack.status_counts
    assert "Signed off and in the demonstration period" in render_pack_html(meeting)
    client.force_login(people.chair)
    body = client.get(reverse("board_dashboard", args=[wab.pk])).content.decode()
    assert "Complete – demonstrating" in body and "the period ends" in body
    assert "stays “complete – demonstrating” for 3 months" in body


def test_the_dashboard_shows_the_legend_and_opcc_staff_a_link_to_change_it(client, people):
    declare(people.force)
    client.force_login(people.opcc)
    body = client.get(reverse("dashboard")).content.decode()
    assert "Outstanding and past its target date" in body
    assert reverse("force_rules", args=[people.force.pk]) in body
    client.force_login(people.chair)
    assert reverse("force_rules", args=[people.force.pk]) not in client.get(reverse("dashboard")).content.decode()
