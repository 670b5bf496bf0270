"""The profile page (what a user will be sent) and a force's reminders page for OPCC staff
(preview, problems, log), with their permissions."""

from datetime import date, timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from inspections.models import Access, EmailStatus, Finding, GovernanceBoard, Membership, OutgoingEmail, Role
from tests.factories import ForceFactory, MembershipFactory, ReminderFactory
from tests.reminders import support as reminders_support
from tests.reminders.support import run_sweep

people = reminders_support.people
PAGE = reverse("force_reminders", kwargs={"slug": "warwickshire"})


def login(client, username):
    user = get_user_model().objects.get(username=username)
    client.force_login(user)
    return user


@pytest.mark.heavy
@time_machine.travel(date(2022, 11, 3), tick=False)
def test_profile_shows_what_the_user_will_be_sent(client, people):
    login(client, "opcc")
    body = client.get(reverse("profile")).content.decode()
    assert "What you will be sent" in body
    assert "Thursday 10 November 2022" in body and "Day 28 of 56" in body  # a week ahead
    assert "/inspections/" in body and "Section 55 response clock" in body


@time_machine.travel(date(2022, 12, 29), tick=False)
def test_profile_of_an_owner_lists_their_findings_with_links(client, people):
    afi = Finding.objects.get(inspection__title__startswith="PEEL 2021/22", reference="AFI 21")
    login(client, afi.owner.holder.username)
    body = client.get(reverse("profile")).content.decode()
    assert f'href="/findings/{afi.pk}/"' in body and "Friday 30 December 2022" in body
    assert "Due in 15 days, on Saturday 14 January 2023." in body
    assert "Opcc" not in body and "Escalation" not in body


def test_profile_warns_a_user_without_an_email_address(client, db):
    user = get_user_model().objects.create_user("noemail")
    client.force_login(user)
    body = client.get(reverse("profile")).content.decode()
    assert "You have no email address" in body and "Nothing is due to be sent to you" in body


def test_profile_needs_a_login(client, db):
    response = client.get(reverse("profile"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("username", ["role-1", "viewer"])
def test_reminders_page_is_for_opcc_staff_only(client, people, username):
    if username == "viewer":
        viewer = get_user_model().objects.create_user("viewer", "v@example.org")
        Membership.objects.create(user=viewer, force=people, access=Access.VIEWER)
    login(client, username)
    assert client.get(PAGE).status_code == 403
    assert client.get(reverse("reminders")).status_code == 403
    assert "Reminders</a>" not in client.get(reverse("home")).content.decode()


def test_opcc_staff_of_another_force_cannot_see_this_one(client, people):
    other = MembershipFactory(force=ForceFactory(), access=Access.OPCC_STAFF).user
    client.force_login(other)
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE).status_code in (403, 405)


def test_opcc_staff_get_the_nav_link_and_are_sent_to_their_force(client, people):
    login(client, "opcc")
    assert f'href="{reverse("reminders")}"' in client.get(reverse("home")).content.decode()
    response = client.get(reverse("reminders"))
    assert response.status_code == 302 and response["Location"] == PAGE


@time_machine.travel(date(2022, 11, 9), tick=False)
def test_preview_shows_tomorrows_reminders(client, people):
    login(client, "opcc")
    body = client.get(PAGE).content.decode()
    assert "Reminders for Thursday 10 November 2022" in body and "Day 28 of 56" in body


@pytest.mark.heavy
@time_machine.travel(date(2022, 11, 11), tick=False)
def test_preview_on_a_friday_looks_to_monday_and_a_day_can_be_chosen(client, people):
    login(client, "opcc")
    body = client.get(PAGE).content.decode()
    assert "Reminders for Monday 14 November 2022" in body and "Escalation: overdue" in body
    saturday = client.get(PAGE, {"day": "2022-11-12"}).content.decode()
    assert "is not a working day" in saturday
    bad = client.get(PAGE, {"day": "31/02/2022"}).content.decode()
    assert "There is a problem" in bad and "Enter a real date" in bad
    assert "Reminders for Monday 14 November 2022" in bad  # falls back to the next send day


@time_machine.travel(date(2022, 11, 14), tick=False)
def test_problems_list(client, people):
    vacant = Role.objects.get(force=people, title="Head of Digital Forensics")
    vacant.holder = None
    vacant.save()
    no_email = Role.objects.get(force=people, title="Head of Offender Management").holder
    no_email.email = ""
    no_email.save()
    login(client, "opcc")
    body = client.get(PAGE).content.decode()
    assert "Head of Digital Forensics is vacant" in body
    assert "(Head of Offender Management) has no email address" in body
    for board in GovernanceBoard.objects.filter(force=people, chair_role__isnull=True):
        assert f"The {board.name}: has no chair" in body
    assert "Integrated PEEL Assessment 2019</a>: the Section 55 response is not marked as published" in body
    assert "today is day 1145" in body
    assert "Rec 1.3" in body  # the vacant role's findings are named


@pytest.mark.heavy
def test_log_shows_what_was_sent_and_what_failed(client, people, settings):
    settings.EMAIL_BACKEND = "tests.reminders.support.FailingBackend"
    reminders_support.FailingBackend.fail_times, reminders_support.FailingBackend.calls = None, 0
    reminders_support.set_rules(settings, EMAIL_MAX_ATTEMPTS=1)
    run_sweep(date(2022, 11, 10))
    email = OutgoingEmail.objects.get()
    assert email.status == EmailStatus.FAILED
    login(client, "opcc")
    body = client.get(PAGE).content.decode()
    assert "1 email failed to send" in body
    assert "opcc@example.org" in body and "Failed" in body and "SMTPServerDisconnected" in body
    assert "Day 28 of 56" in body  # why
    failed_only = client.get(PAGE, {"status": "failed"}).content.decode()
    assert "SMTPServerDisconnected" in failed_only
    assert "No emails with that status yet" in client.get(PAGE, {"status": "sent"}).content.decode()
    assert "Finished: 1 reminder recorded, 1 email written" in body


@pytest.mark.heavy
def test_an_email_left_sending_by_a_stopped_worker_is_listed_as_a_problem(client, people):
    """A worker that died mid-send may or may not have delivered it: staff are told to check,
    and the email is not sent again (a duplicate is worse than asking)."""
    opcc = login(client, "opcc")
    finding = Finding.objects.filter(inspection__force=people).open().first()
    reminder = ReminderFactory(finding=finding, recipient=opcc, email__status=EmailStatus.SENDING)
    assert "stopped while sending" not in client.get(PAGE).content.decode()  # may still be sending
    OutgoingEmail.objects.filter(pk=reminder.email_id).update(updated_at=timezone.now() - timedelta(hours=2))
    body = client.get(PAGE).content.decode()
    assert "1 email stopped while sending (the worker stopped)" in body
    run_sweep(timezone.localdate())
    assert OutgoingEmail.objects.get(pk=reminder.email_id).status == EmailStatus.SENDING


@pytest.mark.heavy
def test_log_and_preview_queries_do_not_grow_with_the_data(client, people, django_assert_max_num_queries):
    run_sweep(date(2022, 11, 14))
    login(client, "opcc")
    assert OutgoingEmail.objects.count() > 10
    with django_assert_max_num_queries(30):
        response = client.get(PAGE, {"day": "2022-11-14"})
    assert response.status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(reverse("profile")).status_code == 200
