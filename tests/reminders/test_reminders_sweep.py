"""The sweep records each reminder once, sends it once, survives a crash half-way, retries failed
email with back-off and shows what failed; the number of queries per batch does not grow with it."""

import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from inspections.models import EmailStatus, OutgoingEmail, Reminder, ReminderRun
from inspections.reminders import delivery, sweep
from tests.factories import ReminderFactory
from tests.reminders.support import FailingBackend, finding_due, run_sweep, set_rules

pytestmark = pytest.mark.django_db
DAY = date(2023, 6, 14)  # a Wednesday
DUE = DAY + timedelta(days=7)


def sent_reminder_ids():
    """Every reminder id named in the emails of the outbox, via the stored emails' reminders."""
    ids = []
    for email in OutgoingEmail.objects.filter(status=EmailStatus.SENT):
        ids.extend(email.reminders.values_list("id", flat=True))
    return ids


def test_two_sweeps_one_after_the_other_send_each_reminder_once():
    findings = [finding_due(DUE) for _ in range(3)]
    first = run_sweep(DAY)
    assert first.claimed == 3 and first.emails_created == 3 and len(mail.outbox) == 3
    second = run_sweep(DAY)
    assert second.claimed == 0 and second.emails_created == 0 and len(mail.outbox) == 3
    assert Reminder.objects.count() == 3 and sorted(sent_reminder_ids()) == sorted(
        Reminder.objects.values_list("id", flat=True)
    )
    assert {m.to[0] for m in mail.outbox} == {f.owner.holder.email for f in findings}
    runs = ReminderRun.objects.order_by("started_at")
    assert [run.reminders_claimed for run in runs] == [3, 0] and all(run.finished_at for run in runs)


def test_one_owner_gets_one_digest_for_several_findings():
    first = finding_due(DUE)
    finding_due(DUE, owner=first.owner, inspection=first.inspection, board=first.board)
    run_sweep(DAY)
    [message] = mail.outbox
    assert message.subject.startswith("Inspection tracker: 2 reminders for Wednesday 14 June 2023")


def test_crash_while_claiming_then_rerun_sends_everything_once(settings, monkeypatch):
    set_rules(settings, BATCH_SIZE=2)
    for _ in range(6):
        finding_due(DUE)
    real_claim, calls = sweep._claim, []

    def crash_on_second_batch(candidates, run_id):
        calls.append(run_id)
        if len(calls) == 2:
            raise RuntimeError("worker killed")
        return real_claim(candidates, run_id)

    monkeypatch.setattr(sweep, "_claim", crash_on_second_batch)
    with pytest.raises(RuntimeError):
        run_sweep(DAY)
    crashed = ReminderRun.objects.get()
    assert crashed.finished_at is None and "worker killed" in crashed.error and crashed.reminders_claimed == 2
    assert mail.outbox == [] and Reminder.objects.count() == 2

    monkeypatch.setattr(sweep, "_claim", real_claim)
    rerun = run_sweep(DAY)
    assert rerun.claimed == 4 and rerun.emails_created == 6
    assert len(mail.outbox) == 6 and len(sent_reminder_ids()) == 6 == Reminder.objects.count()


def test_crash_while_writing_emails_then_rerun_sends_everything_once(settings, monkeypatch):
    set_rules(settings, BATCH_SIZE=2)
    for _ in range(6):
        finding_due(DUE)
    real_compose, calls = sweep.compose, []

    def crash_on_third_email(**kwargs):
        calls.append(kwargs["recipient"])
        if len(calls) == 3:
            raise RuntimeError("out of memory")
        return real_compose(**kwargs)

    monkeypatch.setattr(sweep, "compose", crash_on_third_email)
    with pytest.raises(RuntimeError):
        run_sweep(DAY)
    assert len(mail.outbox) == 2  # the first batch of two recipients committed and went out
    monkeypatch.setattr(sweep, "compose", real_compose)
    rerun = run_sweep(DAY)
    assert rerun.claimed == 0 and rerun.emails_created == 4
    assert len(mail.outbox) == 6 and len({m.to[0] for m in mail.outbox}) == 6
    assert not Reminder.objects.filter(email__isnull=True).exists()


def test_a_reminder_found_after_the_days_digest_went_waits_for_the_next_digest():
    first = finding_due(DUE)
    run_sweep(DAY)
    late = finding_due(DUE, owner=first.owner, inspection=first.inspection, board=first.board)
    again = run_sweep(DAY)
    assert again.claimed == 1 and again.emails_created == 0 and len(mail.outbox) == 1
    waiting = Reminder.objects.get(finding=late)
    assert waiting.email is None
    run_sweep(DAY + timedelta(days=1))
    waiting.refresh_from_db()
    assert waiting.email.for_day == DAY + timedelta(days=1) and len(mail.outbox) == 2
    assert late.reference in mail.outbox[1].body


def test_a_failed_send_is_retried_with_back_off_then_sent(settings):
    settings.EMAIL_BACKEND = "tests.reminders.support.FailingBackend"
    FailingBackend.fail_times, FailingBackend.calls = 1, 0
    finding_due(DUE)
    result = run_sweep(DAY)
    email = OutgoingEmail.objects.get()
    assert result.emails_created == 1 and email.status == EmailStatus.READY and email.attempts == 1
    assert "SMTPServerDisconnected" in email.last_error
    with pytest.raises(delivery.EmailNotSent) as raised:
        FailingBackend.fail_times, FailingBackend.calls = 1, 0  # fails again, then works
        delivery.deliver(email_id=email.pk)
    assert raised.value.retry_in == 120  # 60 s, doubled for the second attempt
    assert delivery.deliver(email_id=email.pk) == delivery.SENT
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and email.attempts == 3 and len(mail.outbox) == 1


def test_an_email_that_never_goes_is_marked_failed_after_the_last_attempt(settings):
    settings.EMAIL_BACKEND = "tests.reminders.support.FailingBackend"
    FailingBackend.fail_times, FailingBackend.calls = None, 0
    set_rules(settings, EMAIL_MAX_ATTEMPTS=2)
    finding_due(DUE)
    run_sweep(DAY)
    email = OutgoingEmail.objects.get()
    assert delivery.deliver(email_id=email.pk) == delivery.FAILED
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED and email.last_error.startswith("Attempt 2")
    assert delivery.deliver(email_id=email.pk) == delivery.SKIPPED  # failed stays failed
    assert mail.outbox == []


def test_an_email_is_sent_by_one_worker_only():
    finding_due(DUE)
    sweep.sweep(day=DAY, send=lambda ids: None)  # written, never handed on
    email = OutgoingEmail.objects.get()
    assert delivery.deliver(email_id=email.pk) == delivery.SENT
    assert delivery.deliver(email_id=email.pk) == delivery.SKIPPED
    assert len(mail.outbox) == 1


def test_emails_left_ready_are_handed_on_again_by_a_later_sweep():
    finding_due(DUE)
    sweep.sweep(day=DAY, send=lambda ids: None)  # the broker lost them
    assert OutgoingEmail.objects.get().status == EmailStatus.READY
    assert run_sweep(DAY).emails_redelivered == 0  # too recent: perhaps still queued
    with time_machine.travel(datetime.now(ZoneInfo("Europe/London")) + timedelta(minutes=15)):
        again = run_sweep(DAY)
    assert again.emails_redelivered == 1 and len(mail.outbox) == 1
    assert OutgoingEmail.objects.get().status == EmailStatus.SENT


def test_owner_who_lost_their_email_address_after_the_claim_gets_a_failed_email():
    finding = finding_due(DUE)
    sweep.sweep(day=DAY, send=lambda ids: None)
    OutgoingEmail.objects.update(to="")
    assert delivery.deliver(email_id=OutgoingEmail.objects.get().pk) == delivery.FAILED
    assert "no email address" in OutgoingEmail.objects.get().last_error
    assert finding.pk


def test_dry_run_writes_nothing():
    finding_due(DUE)
    result = sweep.sweep(day=DAY, dry_run=True)
    assert len(result.candidates) == 1 and len(result.to_send) == 1
    assert Reminder.objects.count() == OutgoingEmail.objects.count() == ReminderRun.objects.count() == 0
    run_sweep(DAY)
    again = sweep.sweep(day=DAY, dry_run=True)
    assert len(again.candidates) == 1 and again.to_send == []  # already recorded


def test_nothing_happens_on_a_weekend():
    finding_due(date(2023, 6, 24) + timedelta(days=7))
    result = run_sweep(date(2023, 6, 24))
    assert not result.working_day and ReminderRun.objects.count() == 0


def test_sweep_needs_a_way_to_send():
    needs = r"^sweep\(\) needs send=…, a function that sends or queues a list of email ids\.$"
    with pytest.raises(TypeError, match=needs):
        sweep.sweep(day=DAY)


def count_sweep_queries(day, handed_on):
    """Queries of the sweep itself; sending is one task per email, outside the sweep's batches."""
    with CaptureQueriesContext(connection) as queries, TestCase.captureOnCommitCallbacks(execute=True):
        sweep.sweep(day=day, send=handed_on.extend)
    return len(queries)


def test_queries_per_batch_do_not_grow_with_the_batch(settings):
    # 4 findings in one batch of 4, then 8 more in one batch of 12: the same number of queries.
    set_rules(settings, BATCH_SIZE=4)
    for _ in range(4):
        finding_due(DAY + timedelta(days=7))
    first, second = [], []
    small = count_sweep_queries(DAY, first)
    set_rules(settings, BATCH_SIZE=12)
    for _ in range(8):
        finding_due(DAY + timedelta(days=8))
    large = count_sweep_queries(DAY + timedelta(days=1), second)
    assert len(first) == 4 and len(second) == 8
    assert small == large, (small, large)
    # Smaller batches cost the same fixed number of queries per extra batch.
    set_rules(settings, BATCH_SIZE=4)
    three_batches = sweep.sweep(day=DAY + timedelta(days=2), dry_run=True)
    assert three_batches.candidates == []
    with CaptureQueriesContext(connection) as four:
        sweep.sweep(day=DAY + timedelta(days=2), dry_run=True)
    set_rules(settings, BATCH_SIZE=12)
    with CaptureQueriesContext(connection) as one:
        sweep.sweep(day=DAY + timedelta(days=2), dry_run=True)
    assert len(four) - len(one) == 2  # two more batches, one query each (no candidates to check)


def test_a_reminder_already_in_an_email_is_never_composed_again():
    """Each reminder goes in one email: the next day's digest carries only what is new, and what was
    sent yesterday stays with yesterday's email."""
    first = finding_due(DUE)  # 7 days before: due-soon today
    yesterday = run_sweep(DAY)
    sent = Reminder.objects.get(finding=first)
    second = finding_due(DAY + timedelta(days=8), owner=first.owner, inspection=first.inspection, board=first.board)
    today = run_sweep(DAY + timedelta(days=1))  # 7 days before the second one's date
    assert yesterday.emails_created == today.emails_created == 1 and len(mail.outbox) == 2
    assert second.reference in mail.outbox[1].body and first.reference not in mail.outbox[1].body
    sent.refresh_from_db()
    assert sent.email.for_day == DAY
    assert list(Reminder.objects.filter(email__for_day=DAY + timedelta(days=1))) == [
        Reminder.objects.get(finding=second)
    ]


def test_two_sweeps_that_planned_at_once_record_each_reminder_once(monkeypatch):
    """The second sweep read what was recorded before the first wrote it: its claim of the same reminders
    is passed over by the database (not an error), and nothing is composed or sent twice."""
    finding_due(DUE)
    first = run_sweep(DAY)
    assert first.claimed == 1 and len(mail.outbox) == 1
    monkeypatch.setattr(sweep, "_recorded_keys", lambda candidates, day: set())
    second = run_sweep(DAY)
    assert second.claimed == 0 and ReminderRun.objects.get(pk=second.run_id).error == ""
    assert Reminder.objects.count() == 1 and OutgoingEmail.objects.count() == 1 and len(mail.outbox) == 1


def test_a_reminder_recorded_for_a_later_day_waits_for_that_day():
    """A sweep run ahead for next week (send_reminders --day) and stopped before its emails leaves its
    reminders for that day's email, not today's."""
    finding = finding_due(DUE)
    later = ReminderFactory(recipient=finding.owner.holder, finding=finding, for_day=DAY + timedelta(days=5),
                            email=None, run=uuid.uuid4())
    today = run_sweep(DAY)
    later.refresh_from_db()
    assert later.email is None
    assert [reminder.for_day for reminder in Reminder.objects.filter(email__for_day=DAY)] == [DAY]
    assert today.emails_created == 1
