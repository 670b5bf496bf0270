"""Housekeeping that Celery beat runs (CELERY_BEAT_SCHEDULE): thin wrappers over the services."""

from celery import shared_task

from inspections.services import documents, report_imports


@shared_task(name="inspections.fail_stalled_work", ignore_result=True)
def fail_stalled_work():
    """Renders and report imports whose worker died become failed, with a retry button, never "in progress"."""
    return {"documents": documents.fail_stalled(), "report_imports": report_imports.fail_stalled()}
