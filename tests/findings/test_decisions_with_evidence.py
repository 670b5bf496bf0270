"""The chair decides with the owner's reason and evidence in front of them, on the decision form, on the
meeting's decisions page and in the pack; after one decision, the next finding awaiting theirs."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspections.boards.pack import build_pack
from inspections.core.status import Status
from inspections.findings import progress, proposals
from inspections.models import Finding, GovernanceBoard
from tests.factories import BoardMeetingFactory

pytestmark = pytest.mark.django_db
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
GROUNDS = "Roadmap delivered; digital backlog below 30 days since August."


def digital_forensics():
    return Finding.objects.get(inspection__title__contains="2019", reference="Rec 1.3")


@pytest.fixture
def proposed(people, media):
    upload = SimpleUploadedFile("backlog-figures.pdf", PDF_BYTES, content_type="application/pdf")
    return progress.propose_complete(digital_forensics(), by=people.lead, reason=GROUNDS, evidence=[upload])


def test_the_decision_form_shows_the_owners_reason_and_evidence(client, people, proposed):
    client.force_login(people.chair)
    page = client.get(reverse("finding_decide", args=[proposed.pk])).content.decode()
    assert "The owner's grounds for sign-off" in page
    assert GROUNDS in page and "backlog-figures.pdf" in page and "Proposed by Lead Tester" in page
    assert page.index(GROUNDS) < page.index("Record decision")  # read before deciding


def test_the_meeting_decisions_page_and_the_pack_show_the_grounds(client, people, proposed):
    board = GovernanceBoard.objects.get(name="Warwickshire Assurance Board")
    meeting = BoardMeetingFactory(board=board, held_on=date.today())
    client.force_login(people.chair)
    decisions = client.get(reverse("meeting_decisions", args=[board.pk, meeting.pk])).content.decode()
    assert GROUNDS in decisions and "backlog-figures.pdf" in decisions
    pack = client.get(reverse("meeting_pack", args=[board.pk, meeting.pk])).content.decode()
    proposed_section = pack[pack.index("Proposed for sign-off"):]
    assert "Owner's grounds and evidence" in proposed_section
    assert GROUNDS in proposed_section and "Evidence: backlog-figures.pdf" in proposed_section
    by_reference = {f.reference: f for f in build_pack(meeting).proposed}
    assert by_reference["Rec 1.3"].proposal.narrative == GROUNDS


def test_after_a_decision_the_chair_goes_to_the_next_finding_awaiting_theirs(client, people, proposed):
    waiting = list(proposals.awaiting_decision(people.chair))
    assert len(waiting) >= 2 and all(f.status == Status.PENDING_SIGN_OFF for f in waiting)
    first, second = waiting[0], waiting[1]
    client.force_login(people.chair)
    response = client.post(reverse("finding_decide", args=[first.pk]), {
        "decision": "sign_off", "reason": "Evidence reviewed.", "version": first.version,
    })
    assert response.status_code == 302 and response.url == reverse("finding_decide", args=[second.pk])
    assert Finding.objects.get(pk=first.pk).status == Status.CLOSED


def test_when_nothing_else_awaits_the_chair_goes_back_to_the_finding(client, people, proposed):
    waiting = list(proposals.awaiting_decision(people.chair))
    client.force_login(people.chair)
    for finding in waiting:
        finding.refresh_from_db()
        response = client.post(reverse("finding_decide", args=[finding.pk]), {
            "decision": "return", "reason": "More evidence of embedding needed.", "version": finding.version,
        })
    assert response.url == waiting[-1].get_absolute_url()
    assert list(proposals.awaiting_decision(people.chair)) == []


def test_only_what_the_user_may_decide_is_awaiting_their_decision(people, proposed):
    assert list(proposals.awaiting_decision(people.viewer)) == []
    assert list(proposals.awaiting_decision(people.lead)) == []
    assert list(proposals.awaiting_decision(people.outsider)) == []
    for finding in proposals.awaiting_decision(people.member):
        from inspections.core import permissions

        assert permissions.can(people.member, permissions.Action.DECIDE, finding)
