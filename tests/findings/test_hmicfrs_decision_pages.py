"""OPCC staff record HMICFRS's decision on a cause of concern by hand, from its letter: its own record,
apart from the board's sign-off, shown in the timeline and counted on the dashboards and in the board
packs ("causes of concern HMICFRS has closed: 1 of 3")."""

from datetime import date

import pytest
from django.urls import reverse

from inspections.boards.pack import build_pack
from inspections.core.status import Status
from inspections.documents import versions as document_services
from inspections.findings import hmicfrs, progress, selectors
from inspections.models import BoardMeeting, DocumentKind, Finding, GovernanceBoard, HmicfrsDecision
from inspections.monitoring import services as monitoring
from tests.pdf_support import pdf_text
from tests.word_support import docx_text

pytestmark = pytest.mark.django_db

LETTER = "Warwickshire Police: closure of causes of concern"


@pytest.fixture
def cause(warwickshire):
    return Finding.objects.get(reference="CoC 1", inspection__pk=2)


def url(finding):
    return reverse("finding_hmicfrs_decision", args=[finding.pk])


def closure(**changes):
    return {"outcome": "closed", "decided_on": "2021-05-12", "letter_title": LETTER,
            "letter_url": "https://hmicfrs.justiceinspectorates.gov.uk/letter.pdf",
            "summary": "I will be closing the force's cause of concern regarding its investigations.", **changes}


def test_opcc_staff_record_hmicfrs_closing_a_cause_of_concern(client, cause, people):
    client.force_login(people.opcc)
    detail = client.get(cause.get_absolute_url()).content.decode()
    assert "Record HMICFRS's decision" in detail
    form = client.get(url(cause)).content.decode()
    assert "Closed by HMICFRS" in form and "Issued by HMICFRS" not in form  # CoC 1 was not accelerated
    response = client.post(url(cause), closure())
    assert response.status_code == 302 and response["Location"] == cause.get_absolute_url()
    decision = HmicfrsDecision.objects.get(finding=cause)
    assert decision.outcome == "closed" and decision.decided_on == date(2021, 5, 12)
    assert decision.recorded_by == people.opcc
    cause.refresh_from_db()
    assert cause.status == Status.IN_PROGRESS  # the board's sign-off is its own
    entry = selectors.timeline(cause)[0]
    assert entry.action_label == "HMICFRS decision" and LETTER in entry.reason
    page = client.get(cause.get_absolute_url()).content.decode()
    assert "<strong>Closed by HMICFRS</strong>, 12 May 2021" in page


def test_a_decision_with_a_mistake_keeps_what_was_typed(client, cause, people):
    client.force_login(people.opcc)
    response = client.post(url(cause), closure(next_steps="We will revisit in spring."))
    text = response.content.decode()
    assert response.status_code == 200 and "has no next steps" in text and "We will revisit in spring." in text
    response = client.post(url(cause), closure(decided_on="2019-01-01"))
    assert "cannot be dated before the finding was issued" in response.content.decode()
    response = client.post(url(cause), closure(letter_title=""))
    assert "Enter the letter." in response.content.decode()
    assert not HmicfrsDecision.objects.exists()


def test_kept_open_with_next_steps(client, cause, people):
    client.force_login(people.opcc)
    client.post(url(cause), closure(outcome="open", next_steps="A revisit in spring 2022."))
    assert hmicfrs.current_decision(cause).next_steps == "A revisit in spring 2022."


@pytest.mark.parametrize("who", ["lead", "chair", "member", "viewer"])
def test_only_opcc_staff_record_hmicfrs_decisions(client, cause, people, who):
    client.force_login(people[who])
    assert client.get(url(cause)).status_code == 403
    assert client.post(url(cause), closure()).status_code == 403
    assert not HmicfrsDecision.objects.exists()


def test_another_forces_finding_is_not_found_and_an_afi_has_no_hmicfrs_decision(client, cause, people):
    client.force_login(people.outsider)
    assert client.post(url(cause), closure()).status_code == 404
    client.force_login(people.opcc)
    afi = Finding.objects.filter(inspection__pk=2, kind="area_for_improvement").first()
    assert client.post(url(afi), closure()).status_code == 403
    assert not HmicfrsDecision.objects.exists()


def test_a_decision_can_be_recorded_on_a_cause_the_board_has_signed_off(client, cause, people):
    progress.propose_complete(cause, by=people.opcc, reason="All seven recommendations delivered.")
    progress.decide(Finding.objects.get(pk=cause.pk), by=people.chair, sign_off=True, reason="Evidence seen.")
    client.force_login(people.opcc)
    assert client.post(url(cause), closure()).status_code == 302


def test_dashboards_count_the_causes_of_concern_hmicfrs_has_closed(client, cause, people):
    hmicfrs.record_hmicfrs_decision(cause, outcome="closed", decided_on=date(2021, 5, 12), by=people.opcc,
                                    letter_title=LETTER)
    other = Finding.objects.get(reference="CoC 2", inspection__pk=2)
    hmicfrs.record_hmicfrs_decision(other, outcome="open", decided_on=date(2021, 5, 12), by=people.opcc,
                                    letter_title=LETTER, next_steps="A revisit.")
    client.force_login(people.viewer)
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "Causes of concern HMICFRS has closed: <strong>1 of 3</strong>" in dashboard
    board = GovernanceBoard.objects.get(force=people.force, name="Warwickshire Assurance Board")
    board_page = client.get(reverse("board_dashboard", args=[board.pk])).content.decode()
    assert "Causes of concern HMICFRS has closed: <strong>1 of 3</strong>" in board_page
    inspection = client.get(reverse("inspection_detail", args=[2])).content.decode()
    assert "Causes of concern HMICFRS has closed: <strong>1 of 3</strong>" in inspection


def test_the_board_pack_counts_hmicfrs_closures_as_at_its_meeting(cause, people):
    hmicfrs.record_hmicfrs_decision(cause, outcome="closed", decided_on=date(2021, 5, 12), by=people.opcc,
                                    letter_title=LETTER)
    board = GovernanceBoard.objects.get(force=people.force, name="Warwickshire Assurance Board")
    before = build_pack(BoardMeeting.objects.create(board=board, held_on=date(2021, 5, 11)))
    after = build_pack(BoardMeeting.objects.create(board=board, held_on=date(2021, 6, 8)))
    assert str(before.hmicfrs_closures) == "Causes of concern HMICFRS has closed: 0 of 3"
    assert str(after.hmicfrs_closures) == "Causes of concern HMICFRS has closed: 1 of 3"
    assert after.monitoring_state == "Scan (routine monitoring)"


@pytest.mark.heavy
def test_the_pack_page_pdf_and_word_copy_say_what_hmicfrs_has_closed(client, cause, people, media):
    monitoring.record_monitoring_change(force=people.force, state="engage", started_on=date(2020, 1, 6),
                                        by=people.opcc, reasons="Causes of concern from the 2019 inspection.")
    hmicfrs.record_hmicfrs_decision(cause, outcome="closed", decided_on=date(2021, 5, 12), by=people.opcc,
                                    letter_title=LETTER)
    board = GovernanceBoard.objects.get(force=people.force, name="Warwickshire Assurance Board")
    meeting = BoardMeeting.objects.create(board=board, held_on=date(2021, 6, 8))
    said = ("HMICFRS monitoring of Warwickshire Police: Engage (enhanced monitoring). "
            "Causes of concern HMICFRS has closed: 1 of 3; signed off by the board: 0 of 3.")
    client.force_login(people.viewer)
    page = client.get(reverse("meeting_pack", args=[board.pk, meeting.pk])).content.decode()
    assert said in " ".join(page.split())
    texts = []
    for document_format in ("pdf", "docx"):
        document = document_services.request_render(kind=DocumentKind.BOARD_PACK, by=people.opcc, subject=meeting,
                                                    format=document_format)
        document = document_services.render(document.pk)
        with document.file.open("rb") as handle:
            content = handle.read()
        texts.append(pdf_text(content)[1] if document_format == "pdf" else docx_text(content))
    assert all(said in text for text in texts)
