"""The reminder tasks on a real Celery worker, over the real Redis broker (not eager mode)."""

from datetime import date, timedelta

from celery.schedules import crontab
from django.conf import settings as django_settings
from django.core import mail

from inspections.models import EmailStatus, OutgoingEmail, Reminder
from inspections.reminders.tasks import send_reminder_email, sweep_reminders
from tests.conftest import wait_for
from tests.reminders.support import FailingBackend, finding_due, set_rules
from tracker.celery import app

DAY = date(2023, 6, 14)


def test_sweep_task_on_a_worker_sends_the_digests(worker):
    findings = [finding_due(DAY + timedelta(days=7)) for _ in range(3)]
    summary = sweep_reminders.delay(DAY.isoformat()).get(timeout=60)
    assert summary["claimed"] == 3 and summary["emails_created"] == 3
    assert wait_for(lambda: OutgoingEmail.objects.filter(status=EmailStatus.SENT).count() == 3)
    assert wait_for(lambda: len(mail.outbox) == 3)
    assert {m.to[0] for m in mail.outbox} == {f.owner.holder.email for f in findings}
    for finding in findings:
        [message] = [m for m in mail.outbox if m.to == [finding.owner.holder.email]]
        assert f"http://127.0.0.1:8000/findings/{finding.pk}/" in message.body
    # The same sweep again, through the broker: nothing new.
    again = sweep_reminders.delay(DAY.isoformat()).get(timeout=60)
    assert again["claimed"] == 0 and again["emails_created"] == 0
    assert Reminder.objects.count() == 3 and len(mail.outbox) == 3


def test_failing_smtp_is_retried_by_the_worker_then_marked_failed(worker, settings):
    settings.EMAIL_BACKEND = "tests.reminders.support.FailingBackend"
    FailingBackend.fail_times, FailingBackend.calls = None, 0
    set_rules(settings, EMAIL_MAX_ATTEMPTS=3, EMAIL_RETRY_SECONDS=0)
    finding_due(DAY + timedelta(days=7))
    sweep_reminders.delay(DAY.isoformat()).get(timeout=60)
    assert wait_for(lambda: OutgoingEmail.objects.filter(status=EmailStatus.FAILED).exists())
    email = OutgoingEmail.objects.get()
    assert (
        email.attempts == 3
        and email.last_error.startswith("Attempt 3")
        and "SMTPServerDisconnected" in email.last_error
    )
    assert FailingBackend.calls == 3 and mail.outbox == []


def test_a_send_retried_after_one_failure_goes_once(worker, settings):
    settings.EMAIL_BACKEND = "tests.reminders.support.FailingBackend"
    FailingBackend.fail_times, FailingBackend.calls = 1, 0
    set_rules(settings, EMAIL_RETRY_SECONDS=0)
    finding_due(DAY + timedelta(days=7))
    sweep_reminders.delay(DAY.isoformat()).get(timeout=60)
    assert wait_for(lambda: OutgoingEmail.objects.filter(status=EmailStatus.SENT).exists())
    send_reminder_email.delay(OutgoingEmail.objects.get().pk).get(timeout=30)  # a duplicate task: skipped
    assert len(mail.outbox) == 1 and OutgoingEmail.objects.get().attempts == 2


def test_beat_runs_the_daily_sweep_with_an_expiry():
    entry = django_settings.CELERY_BEAT_SCHEDULE["daily-reminder-sweep"]
    assert entry["task"] == sweep_reminders.name and entry["task"] in app.tasks
    assert entry["options"]["expires"] > 0
    assert entry["schedule"] == crontab(hour=7, minute=0)
    assert app.conf.beat_schedule["daily-reminder-sweep"]["task"] == "inspections.sweep_reminders"
