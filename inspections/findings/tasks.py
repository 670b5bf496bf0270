"""Celery tasks for findings: thin wrappers over the services."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from inspections.findings import demonstration


@shared_task(name="inspections.close_ended_demonstrations")
def close_ended_demonstrations(day=None):
    """Daily (Celery beat: CELERY_BEAT_SCHEDULE): close the findings whose demonstration period has ended.
    `day` is YYYY-MM-DD; by default today in Europe/London."""
    day = date.fromisoformat(day) if day else timezone.localdate()
    return demonstration.close_ended(on=day).summary()
