"""Celery tasks for reminders: thin wrappers over sweep.py and delivery.py."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from inspections.reminders import delivery, sweep


@shared_task(name="inspections.sweep_reminders")
def sweep_reminders(day=None):
    """The daily sweep (Celery beat: CELERY_BEAT_SCHEDULE). `day` is YYYY-MM-DD; by default today in
    Europe/London."""
    day = date.fromisoformat(day) if day else timezone.localdate()
    return sweep.sweep(day=day, send=queue_emails).summary()


@shared_task(bind=True, name="inspections.send_reminder_email", acks_late=True, max_retries=None)
def send_reminder_email(self, email_id):
    """Send one stored email; retried with exponential back-off until EMAIL_MAX_ATTEMPTS are used, after
    which delivery.py marks it failed (the attempts are counted in the database, not here)."""
    try:
        return delivery.deliver(email_id=email_id)
    except delivery.EmailNotSent as error:
        raise self.retry(countdown=error.retry_in) from error


def queue_emails(email_ids):
    for email_id in email_ids:
        send_reminder_email.delay(email_id)
