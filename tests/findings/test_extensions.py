"""An owner asks for more time: the request goes to the governing board; the chair or a member approves
or refuses it, at a meeting or between meetings; only an approval revises the target date, and the
original date stays beside it.

In the Warwickshire data (the `people` fixture): `lead` owns 2019 Rec 1.3 (in progress, governed by the
Warwickshire Assurance Board, chaired by `chair`); `member` sits only on a sub-board of it."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from inspections.core.permissions import Action, can
from inspections.findings import extensions
from inspections.models import ChangeAction, ExtensionRequest, ExtensionStatus, Finding, FindingChange
from tests.factories import BoardMeetingFactory

pytestmark = pytest.mark.django_db


def digital_forensics():
    return Finding.objects.select_related("inspection", "board", "owner").get(
        inspection__title__contains="2019", reference="Rec 1.3"
    )


def later(days=120):
    return timezone.localdate() + timedelta(days=days)


def ask(people, days=120, reason="The new forensic suite opens later than planned."):
    return extensions.request_extension(digital_forensics(), by=people.lead, due_date=later(days), reason=reason)


def test_a_request_does_not_move_the_target_date(people):
    before = digital_forensics()
    request = ask(people)
    finding = digital_forensics()
    assert request.status == ExtensionStatus.REQUESTED
    assert (finding.due_date, finding.original_due_date) == (before.due_date, before.original_due_date)
    assert request.due_date_when_requested == before.due_date
    change = FindingChange.objects.get(finding=finding, action=ChangeAction.EXTENSION_REQUESTED)
    assert change.changed_by == people.lead and change.reason.startswith("The new forensic suite")


def test_the_chair_approves_and_the_target_date_is_revised_with_the_original_kept(people):
    original = digital_forensics().original_due_date
    meeting = BoardMeetingFactory(board=digital_forensics().board, held_on=timezone.localdate())
    request = ask(people)
    extensions.decide_extension(request, by=people.chair, approve=True, reason="Agreed.", meeting=meeting)
    finding = digital_forensics()
    assert finding.due_date == later() and finding.original_due_date == original and finding.due_date_revised
    request.refresh_from_db()
    assert (request.status, request.decided_by, request.deciding_board, request.meeting) == (
        ExtensionStatus.APPROVED, people.chair, finding.board, meeting,
    )
    revision = FindingChange.objects.get(finding=finding, action=ChangeAction.DUE_DATE_REVISED)
    assert revision.after == later().isoformat()
    assert "approved at the Warwickshire Assurance Board meeting on" in revision.reason


def test_a_refusal_keeps_the_target_date_and_needs_a_reason(people):
    before = digital_forensics().due_date
    request = ask(people)
    with pytest.raises(ValidationError) as error:
        extensions.decide_extension(request, by=people.chair, approve=False, reason="")
    assert "reason" in error.value.message_dict
    extensions.decide_extension(request, by=people.chair, approve=False, reason="Deliver the interim plan first.")
    assert digital_forensics().due_date == before
    request.refresh_from_db()
    assert request.status == ExtensionStatus.REFUSED and request.meeting is None  # between meetings
    assert FindingChange.objects.filter(action=ChangeAction.EXTENSION_DECIDED, reason__contains="refused").exists()


def test_only_the_deciding_boards_chair_or_members_decide(people):
    request = ask(people)
    for who in ("opcc", "lead", "member", "viewer", "outsider"):
        assert not can(people[who], Action.DECIDE_EXTENSION, request), who
        with pytest.raises(ValidationError):
            extensions.decide_extension(request, by=people[who], approve=True)
    assert can(people.chair, Action.DECIDE_EXTENSION, request)


def test_one_request_waits_at_a_time_and_a_decided_one_is_not_decided_again(people):
    request = ask(people)
    with pytest.raises(ValidationError, match="already has an extension request"):
        ask(people, days=200)
    extensions.decide_extension(request, by=people.chair, approve=True)
    with pytest.raises(ValidationError, match="already approved"):
        extensions.decide_extension(request, by=people.chair, approve=False, reason="Changed our mind.")
    ask(people, days=300)  # a new request may follow a decided one


@pytest.mark.parametrize(
    ("due_date", "reason", "field"),
    [(None, "More time.", "due_date"), (date(2000, 1, 1), "More time.", "due_date"), ("later", "  ", "reason")],
)
def test_a_request_names_a_later_date_and_a_reason(people, due_date, reason, field):
    due_date = later() if due_date == "later" else due_date
    with pytest.raises(ValidationError) as error:
        extensions.request_extension(digital_forensics(), by=people.lead, due_date=due_date, reason=reason)
    assert field in error.value.message_dict
    assert not ExtensionRequest.objects.exists()


def test_a_meeting_of_another_board_or_before_the_request_is_refused(people):
    request = ask(people)
    other = BoardMeetingFactory(
        board=digital_forensics().board.children.first(), held_on=timezone.localdate() + timedelta(days=7)
    )
    with pytest.raises(ValidationError, match="Choose a meeting of the Warwickshire Assurance Board"):
        extensions.decide_extension(request, by=people.chair, approve=True, meeting=other)
    earlier = BoardMeetingFactory(board=digital_forensics().board, held_on=timezone.localdate() - timedelta(days=30))
    with pytest.raises(ValidationError, match="on or after the day"):
        extensions.decide_extension(request, by=people.chair, approve=True, meeting=earlier)


# The pages.

def test_the_lead_asks_for_more_time_on_the_findings_page(client, people):
    finding = digital_forensics()
    client.force_login(people.lead)
    page = client.get(finding.get_absolute_url()).content.decode()
    assert "Ask for more time" in page
    response = client.post(
        reverse("finding_extension", args=[finding.pk]),
        {"due_date": later().isoformat(), "reason": "Suite opens in spring.", "version": finding.version},
    )
    assert response.status_code == 302
    page = client.get(finding.get_absolute_url()).content.decode()
    assert "Waiting for the board" in page and "Ask for more time" not in page
    assert "Approve or refuse" not in page  # the lead does not decide


def test_the_chair_decides_on_its_page_and_the_original_date_is_shown(client, people):
    request = ask(people)
    original = digital_forensics().original_due_date
    client.force_login(people.chair)
    page = client.get(digital_forensics().get_absolute_url()).content.decode()
    assert reverse("extension_decide", args=[request.pk]) in page
    response = client.post(reverse("extension_decide", args=[request.pk]), {"decision": "approve", "reason": ""})
    assert response.status_code == 302
    page = client.get(digital_forensics().get_absolute_url()).content.decode()
    assert f"originally {original.day} {original:%B %Y}" in page
    assert "Approved by Chair Tester" in page and "between meetings" in page


def test_a_refusal_without_a_reason_keeps_what_was_chosen(client, people):
    request = ask(people)
    client.force_login(people.chair)
    response = client.post(reverse("extension_decide", args=[request.pk]), {"decision": "refuse", "reason": ""})
    assert response.status_code == 200
    assert "Say why the request is refused" in response.content.decode()
    assert ExtensionRequest.objects.get().status == ExtensionStatus.REQUESTED


@pytest.mark.parametrize(("who", "status"), [("outsider", 404), ("opcc", 403), ("lead", 403), ("member", 403),
                                              ("viewer", 403)])
def test_forged_decisions_are_refused_and_change_nothing(client, people, who, status):
    request = ask(people)
    before = digital_forensics().due_date
    client.force_login(people[who])
    assert client.get(reverse("extension_decide", args=[request.pk])).status_code == status
    response = client.post(reverse("extension_decide", args=[request.pk]), {"decision": "approve"})
    assert response.status_code == status
    assert ExtensionRequest.objects.get().status == ExtensionStatus.REQUESTED
    assert digital_forensics().due_date == before
