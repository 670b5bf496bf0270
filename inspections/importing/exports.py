"""Exports too large to stream within a request, written in the background (issue 12).

The export views stream up to settings.TRACKER_EXPORT_BACKGROUND_ROWS rows; beyond that they call
`request_export` (through tasks.start_export, which queues the Celery task once the row is committed)
and send the user to the export's page. `run_export` writes the file on the worker: it finds the
findings again as the requester (what they may see when it runs, not when they asked), writes the
same pieces the streamed export sends (spreadsheets.xlsx_chunks and csv_chunks) to a temporary file,
records the rows done as it goes, and stores the file only once it is whole. A failed export says
why and has no file.
"""

import logging
import tempfile
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone

from inspections.core import permissions
from inspections.findings import selectors
from inspections.importing import spreadsheets
from inspections.models import Export, ExportFormat, ExportStatus
from inspections.models.exports import UNFINISHED_EXPORT_STATUSES

logger = logging.getLogger(__name__)

# The same export asked for again within this time (a second click) is the one already under way.
SAME_REQUEST_WITHIN = timedelta(minutes=2)
# Exports one person may have waiting or being written at once: each holds a worker for seconds to
# minutes, and a download link is a GET that anything (a prefetch, another site's link) could follow.
MAX_UNFINISHED_PER_USER = 3


class ExportProblem(Exception):
    """Why an export cannot be written, in words for its page."""


def in_background(rows):
    """Whether an export of this many rows is written in the background rather than streamed."""
    return rows > settings.TRACKER_EXPORT_BACKGROUND_ROWS


def list_query(data):
    """The findings list's query string as an export keeps it: the filters and the order, not the page."""
    data = data.copy()
    data.pop("page", None)
    return data.urlencode()


def request_export(*, by, file_format, title, name, rows_total=0, query="", inspection=None):
    """A queued export of the findings list (its query string) or of an inspection, for `by`.
    Returns (export, created): the same export asked for again while it is under way is not queued twice."""
    if file_format not in ExportFormat.values:
        raise ValidationError({"file_format": "Exports are .xlsx or .csv."})
    with transaction.atomic():
        recent = Export.objects.filter(
            requested_by=by, file_format=file_format, inspection=inspection, query=query,
            status__in=UNFINISHED_EXPORT_STATUSES, requested_at__gte=timezone.now() - SAME_REQUEST_WITHIN,
        ).first()
        if recent is not None:
            return recent, False
        unfinished = Export.objects.filter(requested_by=by, status__in=UNFINISHED_EXPORT_STATUSES).count()
        if unfinished >= MAX_UNFINISHED_PER_USER:
            raise ExportProblem(
                f"You already have {unfinished} exports being written. Wait for one of them to finish before "
                "asking for another."
            )
        export = Export(
            requested_by=by, file_format=file_format, inspection=inspection, query=query, title=title[:200],
            filename=spreadsheets.download_name(name, file_format), rows_total=rows_total,
        )
        export.full_clean()
        export.save()
    return export, True


def mark_not_queued(export_id, error):
    """The task queue could not be reached: say so on the export rather than leave it waiting for ever."""
    logger.error("Could not queue export %s: %s", export_id, error)
    Export.objects.filter(pk=export_id, status=ExportStatus.QUEUED).update(
        status=ExportStatus.FAILED,
        error=f"The export could not be started ({type(error).__name__}: the background worker cannot be "
        "reached); try again shortly.",
        finished_at=timezone.now(),
    )


STOPPED_MESSAGE = (
    "The export stopped without finishing: the background worker stopped (it may have restarted, or run out "
    "of memory). Download the list again to start another."
)


def _claim(export_id):
    """Move a queued export to running; None if it is finished (a second run does nothing). One still
    "running" came back because its worker died (the task rejects on worker loss): write it again from
    the start, up to TRACKER_TASK_MAX_ATTEMPTS runs in all, then mark it failed."""
    with transaction.atomic():
        export = Export.objects.select_for_update().filter(pk=export_id).first()
        if export is None or export.is_finished:
            return None
        if export.status == ExportStatus.RUNNING and export.attempts >= settings.TRACKER_TASK_MAX_ATTEMPTS:
            _fail(export, STOPPED_MESSAGE)
            return None
        export.status = ExportStatus.RUNNING
        export.started_at = timezone.now()
        export.attempts += 1
        export.rows_done = 0
        export.save(update_fields=["status", "started_at", "attempts", "rows_done"])
        return export


def findings_of(export):
    """The findings the export holds, as its requester may see them now; ExportProblem if nothing can be."""
    user = export.requested_by
    if user is None:
        raise ExportProblem("The account that asked for this export has been deleted.")
    if not user.is_active:
        raise ExportProblem("The account that asked for this export is no longer active.")
    if export.inspection_id is not None:
        inspection = permissions.visible_inspections(user).filter(pk=export.inspection_id).first()
        if inspection is None:
            raise ExportProblem("The inspection is no longer one its requester may see.")
        return inspection.findings.order_by("order")
    filterset = selectors.findings_filter(user, QueryDict(export.query) or None)
    return filterset.qs if filterset.is_bound else filterset.queryset


def run_export(export_id):
    """Write a queued export (the Celery task calls this). Safe to run twice: a second run does nothing."""
    export = _claim(export_id)
    if export is None:
        return Export.objects.filter(pk=export_id).first()
    try:
        findings = findings_of(export)
        export.rows_total = findings.count()
        export.save(update_fields=["rows_total"])
        with tempfile.TemporaryFile() as handle:
            for chunk in _chunks(export, findings):
                handle.write(chunk)
            size = handle.tell()
            handle.seek(0)
            return _finish(export, handle, size)
    except ExportProblem as problem:
        return _fail(export, str(problem))
    except SoftTimeLimitExceeded:
        minutes = settings.CELERY_TASK_TIME_LIMIT // 60
        return _fail(export, f"The export took longer than the {minutes} minutes a background task may run. "
                     "Filter the list to fewer findings and download it again.")
    except Exception as error:
        logger.exception("Export %s failed", export.pk)
        return _fail(export, f"The export could not be written ({type(error).__name__}: {error}).")


def _chunks(export, findings):
    # Each progress report is its own short UPDATE (autocommit), so the page sees the count rise.
    def progress(count):
        Export.objects.filter(pk=export.pk).update(rows_done=count)
        export.rows_done = count

    if export.file_format == ExportFormat.XLSX:
        return spreadsheets.xlsx_chunks(findings, title=export.title, progress=progress)
    if export.file_format == ExportFormat.CSV:
        return (chunk.encode("utf-8") for chunk in spreadsheets.csv_chunks(findings, progress=progress))
    raise ExportProblem(f"Exports are .xlsx or .csv, not {export.file_format!r}.")


def _finish(export, handle, size):
    """Store the whole file, then mark the export ready; a file stored for an export that cannot be
    marked ready is removed again."""
    export.file.save(f"{export.pk}.{export.file_format}", File(handle), save=False)
    try:
        with transaction.atomic():
            export.status = ExportStatus.READY
            export.size = size
            export.rows_total = export.rows_done
            export.finished_at = timezone.now()
            export.error = ""
            export.save(update_fields=["file", "status", "size", "rows_total", "finished_at", "error"])
    except Exception:
        export.file.delete(save=False)
        raise
    return export


def _fail(export, message):
    # An update, not a save: an export deleted while it ran (its inspection was) leaves nothing to mark.
    if export.file:
        export.file.delete(save=False)
    export.status = ExportStatus.FAILED
    export.error = message[:2000]
    export.finished_at = timezone.now()
    Export.objects.filter(pk=export.pk).update(status=export.status, error=export.error,
                                               finished_at=export.finished_at, file="")
    return export


def fail_stalled(now=None):
    """Mark failed every export queued or running for longer than TRACKER_EXPORT_STALE_MINUTES: its worker
    died and nothing brought the task back."""
    now = now or timezone.now()
    limit = now - timedelta(minutes=settings.TRACKER_EXPORT_STALE_MINUTES)
    stalled = Export.objects.filter(status__in=UNFINISHED_EXPORT_STATUSES).filter(
        Q(started_at__lt=limit) | Q(started_at__isnull=True, requested_at__lt=limit)
    )
    return stalled.update(status=ExportStatus.FAILED, error=STOPPED_MESSAGE, finished_at=now)


def delete_old(now=None):
    """Delete exports asked for more than TRACKER_EXPORT_KEEP_DAYS ago, and their files; how many went."""
    now = now or timezone.now()
    old = Export.objects.filter(requested_at__lt=now - timedelta(days=settings.TRACKER_EXPORT_KEEP_DAYS))
    deleted = 0
    for export in old.exclude(status__in=UNFINISHED_EXPORT_STATUSES).iterator(chunk_size=200):
        if export.file:
            export.file.delete(save=False)  # the file first: a row left behind is deleted next time
        export.delete()
        deleted += 1
    return deleted


def recent_for(user, limit=20):
    """The user's exports, newest first (their exports page)."""
    return Export.objects.filter(requested_by=user).select_related("inspection")[:limit]
