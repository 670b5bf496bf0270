"""Reading an uploaded report, and writing a large export, run in the background: their pages show the progress."""

from celery import shared_task
from django.conf import settings
from django.db import transaction

from inspections.importing import exports, report_imports


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


# Exports too large to stream (importing/exports.py). Acknowledged when done; an export whose worker process
# was killed goes back on the queue and is written again from the start (the export counts its attempts).
@shared_task(
    name="inspections.run_export",
    ignore_result=True,
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
    soft_time_limit=settings.CELERY_TASK_TIME_LIMIT - 30,
)
def run_export(export_id):
    export = exports.run_export(export_id)
    return export.status if export else None


def queue_export(export_id):
    try:
        run_export.delay(export_id)
    except Exception as error:  # the broker is unreachable: record it on the export, not a 500
        exports.mark_not_queued(export_id, error)


def start_export(**request):
    """An export written in the background (exports.request_export's arguments), queued once its row is
    committed (at once, in-process, in the embedded mode). The same export asked for twice is queued once."""
    export, created = exports.request_export(**request)
    if created:
        transaction.on_commit(lambda: queue_export(export.pk))
    return export


@shared_task(name="inspections.fail_stalled_exports", ignore_result=True)
def fail_stalled_exports():
    """Celery beat: exports whose worker died become failed, never "being written" for ever."""
    return exports.fail_stalled()


@shared_task(name="inspections.delete_old_exports", ignore_result=True)
def delete_old_exports():
    """Celery beat, daily: exports older than TRACKER_EXPORT_KEEP_DAYS go, with their files."""
    return exports.delete_old()
