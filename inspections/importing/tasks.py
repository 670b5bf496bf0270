"""Reading an uploaded report runs in the background: the page shows its progress."""

from celery import shared_task
from django.conf import settings
from django.db import transaction

from inspections.importing import report_imports


@shared_task(
    name="inspections.read_report_import",
    acks_late=True,
    reject_on_worker_lost=True,  # a reader killed mid-way goes back on the queue; the import counts attempts
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
    soft_time_limit=settings.CELERY_TASK_TIME_LIMIT - 30,
)
def read_report_import(import_id):
    report_imports.read_report_import(import_id)


def queue_reading(import_id):
    try:
        read_report_import.delay(import_id)
    except Exception as error:  # the broker is unreachable: record it on the import (retryable), not a 500
        report_imports.mark_not_queued(import_id, error)


def schedule_reading(report_import):
    """Queue the reading once the upload is committed (at once, in-process, in the embedded mode)."""
    transaction.on_commit(lambda: queue_reading(report_import.pk))


@shared_task(name="inspections.fail_stalled_imports", ignore_result=True)
def fail_stalled_imports():
    """Celery beat: report imports whose worker died become failed and can be read again."""
    return report_imports.fail_stalled()
