"""Reading an uploaded report runs in the background: the page shows its progress."""

from celery import shared_task
from django.conf import settings
from django.db import transaction

from inspections.importing import report_imports


@shared_task(
    name="inspections.read_report_import",
    acks_late=True,
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
    soft_time_limit=settings.CELERY_TASK_TIME_LIMIT - 30,
)
def read_report_import(import_id):
    report_imports.read_report_import(import_id)


def schedule_reading(report_import):
    """Queue the reading once the upload is committed (at once, in-process, in the embedded mode)."""
    transaction.on_commit(lambda: read_report_import.delay(report_import.pk))
