"""What a sweep records, field by field: each reminder row (who, about what, which rule, the day, the
reason, the run), each email row (to whom and where, its kind, day, subject, text, which reminders it
carries, its status), the run's own record and counts; that a second sweep of the day writes nothing,
and that the batch size changes nothing of it.

One day, Wednesday 14 June 2023, for one inspection published on 18 May (day 28 of its Section 55
clock): Owen owns a finding due in a week and one due yesterday, and chairs the board; Olga owns a
finding overdue by 15 days, so Owen (as the chair) and the OPCC officer are escalated to; a finding
nobody owns is skipped."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inspections.core.status import Status
from inspections.models import EmailStatus, OutgoingEmail, Reminder, ReminderRun
from inspections.reminders import sweep
from inspections.reminders.planner import sweep_findings
from tests.factories import BoardFactory, ForceFactory, InspectionFactory, RoleFactory, UserFactory
from tests.reminders.support import finding_due, opcc_staff, set_rules

pytestmark = pytest.mark.django_db

DAY = date(2023, 6, 14)  # a Wednesday
BASE = "http://tracker.test"


class Day:
    """The people and findings of the day."""

    def __init__(self):
        self.force = ForceFactory(name="Testshire Police")
        self.inspection = InspectionFactory(force=self.force, title="PEEL 2023", published_on=date(2023, 5, 18))
        self.owen = UserFactory(username="owen", first_name="Owen", last_name="Owner")
        self.olga = UserFactory(username="olga", first_name="Olga", last_name="Other")
        self.opcc = opcc_staff(self.force, "opcc-a")
        self.opcc.first_name, self.opcc.last_name = "Olivia", "Carter"
        self.opcc.save()
        owens = RoleFactory(force=self.force, title="Head of Public Protection", holder=self.owen)
        olgas = RoleFactory(force=self.force, title="Head of Training", holder=self.olga)
        board = BoardFactory(force=self.force, name="Public Protection Board", chair_role=owens)
        common = {"inspection": self.inspection, "board": board}
        self.afi1 = finding_due(date(2023, 6, 21), owner=owens, reference="AFI 1", order=1, **common)
        self.afi2 = finding_due(date(2023, 6, 13), owner=owens, reference="AFI 2", order=2, **common)
        self.afi3 = finding_due(date(2023, 5, 30), owner=olgas, reference="AFI 3", order=3, **common)
        self.afi4 = finding_due(
            date(2023, 6, 21), owner=None, status=Status.AWAITING_ALLOCATION, reference="AFI 4", order=4, **common
        )

    def reminders(self):
        """Every reminder of the day: (recipient, finding, inspection, force, rule, day, reason)."""
        escalation = "Overdue by 15 days: it was due on Tuesday 30 May 2023. Owner: Head of Training (Olga Other)."
        s55 = (
            "Day 28 of 56. The Section 55 response must be published by Wednesday 12 July 2023 (28 days from "
            "today); it is not yet marked as published."
        )
        force, i = self.force.pk, self.inspection.pk
        staff = "You are OPCC staff for Testshire Police."
        return {
            ("owen", "AFI 1", None, force, "due_soon", DAY, "Due in 7 days, on Wednesday 21 June 2023."),
            ("owen", "AFI 2", None, force, "overdue", DAY, "Overdue: it was due on Tuesday 13 June 2023, 1 day ago."),
            ("olga", "AFI 3", None, force, "overdue", DAY, "Overdue: it was due on Tuesday 30 May 2023, 15 days ago."),
            ("owen", "AFI 3", None, force, "escalation", DAY, f"{escalation} You chair the Public Protection Board."),
            ("opcc-a", "AFI 3", None, force, "escalation", DAY, f"{escalation} {staff}"),
            ("opcc-a", None, i, force, "s55_clock", DAY, s55),
        }


@pytest.fixture
def today(settings):
    settings.TRACKER_BASE_URL = BASE + "/"
    return Day()


def swept(day=DAY, handed_on=None):
    """A sweep of the day whose emails are collected, not sent (the lists of ids handed on)."""
    handed_on = [] if handed_on is None else handed_on
    with TestCase.captureOnCommitCallbacks(execute=True):
        result = sweep.sweep(day=day, send=handed_on.append)
    return result, handed_on


def recorded_reminders():
    return {
        (r.recipient.username, r.finding.reference if r.finding else None, r.inspection_id, r.force_id, r.rule,
         r.for_day, r.reason)
        for r in Reminder.objects.select_related("recipient", "finding")
    }


def recorded_emails():
    """(recipient, to, kind, day, subject, status, attempts, reminders in it) of every email."""
    return {
        (
            e.recipient.username, e.to, e.kind, e.for_day, e.subject, e.status, e.attempts, e.last_error, e.sent_at,
            tuple(sorted((r.finding.reference if r.finding else "s55", r.rule) for r in e.reminders.all())),
        )
        for e in OutgoingEmail.objects.select_related("recipient").prefetch_related("reminders__finding")
    }


def emails_of_the_day():
    digest, escalation = "Inspection tracker: {} for Wednesday 14 June 2023", (
        "Escalation: 1 overdue finding for your attention, Wednesday 14 June 2023"
    )
    ready = ("ready", 0, "", None)
    return {
        ("owen", "owen@example.org", "digest", DAY, digest.format("2 reminders"), *ready,
         (("AFI 1", "due_soon"), ("AFI 2", "overdue"))),
        ("owen", "owen@example.org", "escalation", DAY, escalation, *ready, (("AFI 3", "escalation"),)),
        ("olga", "olga@example.org", "digest", DAY, digest.format("1 reminder"), *ready, (("AFI 3", "overdue"),)),
        ("opcc-a", "opcc-a@example.org", "digest", DAY, digest.format("1 reminder"), *ready, (("s55", "s55_clock"),)),
        ("opcc-a", "opcc-a@example.org", "escalation", DAY, escalation, *ready, (("AFI 3", "escalation"),)),
    }


def test_each_reminder_is_recorded_with_who_what_which_rule_the_day_and_why(today):
    result, _ = swept()
    assert recorded_reminders() == today.reminders()
    assert set(Reminder.objects.values_list("run", flat=True)) == {result.run_id}


def test_each_recipient_gets_one_digest_and_one_escalation_email_carrying_their_reminders(today):
    result, handed_on = swept()
    assert recorded_emails() == emails_of_the_day()
    assert set(OutgoingEmail.objects.values_list("run", flat=True)) == {result.run_id}
    assert [sorted(ids) for ids in handed_on] == [sorted(OutgoingEmail.objects.values_list("id", flat=True))]
    assert not Reminder.objects.filter(email__isnull=True).exists()


def test_the_digest_reads_as_the_reminders_grouped_under_their_inspection(today):
    swept()
    email = OutgoingEmail.objects.get(recipient=today.owen, kind="digest")
    inspection_url = BASE + today.inspection.get_absolute_url()
    assert email.plain_text == (
        "Dear Owen Owner,\n\n"
        "Your reminders from the inspection tracker for Wednesday 14 June 2023.\n\n"
        f"PEEL 2023\n{inspection_url}\n\n"
        f"- AFI 1: {today.afi1.text}\n  Due in 7 days, on Wednesday 21 June 2023.\n"
        f"  {BASE + today.afi1.get_absolute_url()}\n\n"
        f"- AFI 2: {today.afi2.text}\n  Overdue: it was due on Tuesday 13 June 2023, 1 day ago.\n"
        f"  {BASE + today.afi2.get_absolute_url()}\n\n"
        f"What you will be sent, and why: {BASE + reverse('profile')}\n\n"
        "This email was sent by the HMICFRS inspection tracker.\n\n"
    )
    for piece in (
        "<title>Inspection tracker: 2 reminders for Wednesday 14 June 2023</title>",
        "<p>Dear Owen Owner,</p>",
        "<p>Your reminders from the inspection tracker for Wednesday 14 June 2023.</p>",
        f'<a href="{inspection_url}">PEEL 2023</a>',
        f'<a href="{BASE + today.afi1.get_absolute_url()}"><strong>AFI 1</strong></a>: {today.afi1.text}<br>',
        "<span>Overdue: it was due on Tuesday 13 June 2023, 1 day ago.</span>",
    ):
        assert piece in email.html


def test_the_escalation_email_says_what_is_overdue_and_why_you_have_it(today):
    swept()
    email = OutgoingEmail.objects.get(recipient=today.opcc, kind="escalation")
    assert email.plain_text == (
        "Dear Olivia Carter,\n\n"
        "These findings are overdue by more than the time allowed and need your attention (Wednesday 14 June "
        "2023).\n\n"
        f"PEEL 2023\n{BASE + today.inspection.get_absolute_url()}\n\n"
        f"- AFI 3: {today.afi3.text}\n"
        "  Overdue by 15 days: it was due on Tuesday 30 May 2023. Owner: Head of Training (Olga Other). You are "
        "OPCC staff for Testshire Police.\n"
        f"  {BASE + today.afi3.get_absolute_url()}\n\n"
        f"What you will be sent, and why: {BASE + reverse('profile')}\n\n"
        "This email was sent by the HMICFRS inspection tracker.\n\n"
    ) and "<strong>These findings are overdue by more than the time allowed" in email.html


def test_the_run_records_what_it_claimed_wrote_and_skipped(today):
    result, _ = swept()
    run = ReminderRun.objects.get()
    skipped = {
        "force": today.force.pk, "finding": today.afi4.pk, "inspection": None,
        "text": "AFI 4 of PEEL 2023: Due date approaching not sent: it has no owner.",
    }
    assert (run.id, run.day, run.reminders_claimed, run.emails_created, run.emails_redelivered, run.skipped,
            run.error) == (result.run_id, DAY, 6, 5, 0, [skipped], "")
    assert run.started_at <= run.finished_at
    assert result.summary() == {
        "day": "2023-06-14", "working_day": True, "run": str(run.id), "claimed": 6, "emails_created": 5,
        "emails_redelivered": 0, "skipped": 1,
    }


def test_a_second_sweep_of_the_day_writes_nothing_and_hands_on_nothing(today):
    swept()
    with CaptureQueriesContext(connection) as queries:
        again, handed_on = swept()
    assert (again.claimed, again.emails_created, again.emails_redelivered, handed_on) == (0, 0, 0, [])
    writes = [q["sql"] for q in queries if q["sql"].startswith(("INSERT", "UPDATE"))]
    assert [sql.split(" (")[0].split(" SET ")[0] for sql in writes] == [
        'INSERT INTO "inspections_reminderrun"', 'UPDATE "inspections_reminderrun"'
    ]
    assert recorded_reminders() == today.reminders() and recorded_emails() == emails_of_the_day()
    second = ReminderRun.objects.get(pk=again.run_id)
    assert (second.reminders_claimed, second.emails_created, len(second.skipped)) == (0, 0, 1)


def test_a_dry_run_lists_what_is_already_recorded(today):
    swept()
    planned = sweep.sweep(day=DAY, dry_run=True)
    assert planned.recorded == {candidate.key for candidate in planned.candidates} and len(planned.recorded) == 6
    assert planned.to_send == [] and planned.run_id is None


@pytest.mark.parametrize("batch_size", [1, 2, 3])
def test_any_batch_size_records_and_writes_the_same(today, settings, batch_size):
    set_rules(settings, BATCH_SIZE=batch_size)
    result, handed_on = swept()
    assert recorded_reminders() == today.reminders() and recorded_emails() == emails_of_the_day()
    assert (result.claimed, result.emails_created) == (6, 5)
    recipients = 3  # owen, olga and the OPCC officer, batch_size at a time
    assert len(handed_on) == -(-recipients // batch_size)
    assert sorted(i for ids in handed_on for i in ids) == sorted(OutgoingEmail.objects.values_list("id", flat=True))


def test_batches_walk_the_rows_in_key_order_size_at_a_time(today):
    ids = sorted(sweep_findings().values_list("id", flat=True))
    assert [[f.pk for f in rows] for rows in sweep.batches(sweep_findings(), 3)] == [ids[:3], ids[3:]]


def test_the_reminders_are_attached_to_their_emails_in_one_update(today):
    with CaptureQueriesContext(connection) as queries:
        swept()
    attaching = [q["sql"] for q in queries if q["sql"].startswith("UPDATE inspections_reminder AS reminder")]
    assert len(attaching) == 1


def test_the_portable_way_of_attaching_gives_the_same_emails(today, monkeypatch):
    # SQLite (the embedded mode) attaches with bulk_update; the result must not differ.
    monkeypatch.setattr(connection, "vendor", "sqlite")
    swept()
    monkeypatch.undo()
    assert recorded_emails() == emails_of_the_day()


def test_reminders_left_from_an_earlier_day_go_in_todays_digest(today):
    first = swept()[0]
    Reminder.objects.filter(recipient=today.olga).update(email=None)
    OutgoingEmail.objects.filter(recipient=today.olga).delete()
    thursday = DAY + timedelta(days=1)
    result, handed_on = swept(thursday)
    [email] = OutgoingEmail.objects.filter(recipient=today.olga)
    assert (email.for_day, email.kind, email.subject, email.run, result.emails_created) == (
        thursday, "digest", "Inspection tracker: 1 reminder for Thursday 15 June 2023", result.run_id, 1
    )
    assert [r.for_day for r in email.reminders.all()] == [DAY] and handed_on == [[email.pk]]
    assert first.run_id != result.run_id


def test_a_broker_that_refuses_the_emails_does_not_stop_the_sweep(today):
    def refuse(ids):
        raise ConnectionError("broker down")

    with TestCase.captureOnCommitCallbacks(execute=True):
        result = sweep.sweep(day=DAY, send=refuse)
    assert result.emails_created == 5
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {EmailStatus.READY}


@pytest.mark.parametrize(("minutes", "redelivered"), [(9.5, 0), (10.5, 5)])
def test_emails_still_ready_ten_minutes_on_are_handed_on_again(today, minutes, redelivered):
    swept()
    later = datetime.now(ZoneInfo("Europe/London")) + timedelta(minutes=minutes)
    with time_machine.travel(later, tick=False):
        again, handed_on = swept()
    ids = sorted(OutgoingEmail.objects.values_list("id", flat=True))
    assert (again.emails_redelivered, handed_on) == (redelivered, [ids] if redelivered else [])


def test_only_emails_still_waiting_to_go_today_or_before_are_handed_on_again(today):
    """An email sent (or given up) is never sent again; one written ahead for a later day waits for it."""
    swept()
    emails = list(OutgoingEmail.objects.order_by("id"))
    assert len(emails) == 5
    OutgoingEmail.objects.filter(pk=emails[0].pk).update(status=EmailStatus.SENT, sent_at=emails[0].created_at)
    OutgoingEmail.objects.filter(pk=emails[1].pk).update(status=EmailStatus.FAILED)
    OutgoingEmail.objects.filter(pk=emails[2].pk).update(for_day=DAY + timedelta(days=3))
    later = datetime.now(ZoneInfo("Europe/London")) + timedelta(minutes=11)
    with time_machine.travel(later, tick=False):
        again, handed_on = swept()
    assert (again.emails_redelivered, handed_on) == (2, [[emails[3].pk, emails[4].pk]])
