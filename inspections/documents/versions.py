"""Rendering documents to PDF as versions: a RenderedDocument row is queued, then rendered by the Celery
task inspections.documents.tasks.render_document (in-process in the embedded mode), and kept with its
file and SHA-256 for ever. Queue with request_render, then tasks.documents.queue_render_on_commit."""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from inspections.documents import formats, registry, renderer, word
from inspections.documents.errors import DocumentProblem
from inspections.models import DocumentFormat, Inspection, RenderedDocument, RenderStatus
from inspections.models.documents import UNFINISHED_RENDER_STATUSES

logger = logging.getLogger(__name__)


def _subject_q(*, kind, inspection, subject, document_format=None):
    q = Q(kind=kind)
    if document_format is not None:
        q &= Q(format=document_format)
    if subject is not None:
        q &= Q(subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk)
    else:
        q &= Q(subject_type__isnull=True)
    if inspection is not None:
        q &= Q(inspection=inspection)
    return q


@transaction.atomic
def request_render(*, kind, by, inspection=None, subject=None, format=DocumentFormat.PDF):
    """A new queued version of a document (start it with tasks.documents.queue_render_on_commit), as a PDF
    or as an editable Word copy; each format numbers its own versions."""
    if inspection is None and subject is None:
        raise DocumentProblem("Say what the document is about: an inspection or another subject.")
    if inspection is not None:
        # Serialise version numbers per inspection.
        Inspection.objects.select_for_update().filter(pk=inspection.pk).first()
    format = DocumentFormat(format)
    matching = _subject_q(kind=kind, inspection=inspection, subject=subject, document_format=format)
    latest = RenderedDocument.objects.filter(matching).aggregate(latest=Max("version"))["latest"]
    document = RenderedDocument(
        kind=kind,
        inspection=inspection,
        subject_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
        subject_id=subject.pk if subject is not None else None,
        format=format,
        version=(latest or 0) + 1,
        created_by=by,
    )
    document.full_clean()
    document.save()
    return document


def mark_not_queued(document_id, error):
    """The task queue could not be reached: say so on the document rather than leave it queued."""
    logger.error("Could not queue the render of document %s: %s", document_id, error)
    RenderedDocument.objects.filter(pk=document_id, status=RenderStatus.QUEUED).update(
        status=RenderStatus.FAILED,
        error=f"The render could not be queued ({type(error).__name__}); try again shortly.",
        finished_at=timezone.now(),
    )


STOPPED_MESSAGE = (
    "The render stopped without finishing: the background worker stopped (it may have restarted, or run out "
    "of memory). Render it again."
)


def _claim(document_id):
    """Move a queued document to rendering; None if it is finished. A document still "rendering" came back
    because its worker died (tasks.documents rejects on worker loss): render it again, up to
    TRACKER_TASK_MAX_ATTEMPTS renders in all, then mark it failed."""
    with transaction.atomic():
        document = RenderedDocument.objects.select_for_update().filter(pk=document_id).first()
        if document is None or document.is_finished:
            return None
        if document.status == RenderStatus.RENDERING and document.attempts >= settings.TRACKER_TASK_MAX_ATTEMPTS:
            _fail(document, STOPPED_MESSAGE)
            return None
        document.status = RenderStatus.RENDERING
        document.started_at = timezone.now()
        document.attempts += 1
        document.save(update_fields=["status", "started_at", "attempts"])
        return document


def fail_stalled(now=None):
    """Mark failed every render queued or rendering for longer than DOCUMENTS_RENDER_STALE_MINUTES: its
    worker died and nothing brought the task back. The page then offers to render it again."""
    now = now or timezone.now()
    limit = now - timedelta(minutes=settings.DOCUMENTS_RENDER_STALE_MINUTES)
    stalled = RenderedDocument.objects.filter(status__in=UNFINISHED_RENDER_STATUSES).filter(
        Q(started_at__lt=limit) | Q(started_at__isnull=True, created_at__lt=limit)
    )
    return stalled.update(status=RenderStatus.FAILED, error=STOPPED_MESSAGE, finished_at=now)


def render(document_id):
    """Render a queued document (the Celery task calls this). Safe to run twice: a second run does nothing."""
    document = _claim(document_id)
    if document is None:
        return RenderedDocument.objects.filter(pk=document_id).first()
    try:
        built = registry.build(document)
        output = _convert(document, built)
    except DocumentProblem as problem:
        return _fail(document, str(problem))
    except Exception as error:
        logger.exception("Rendering document %s failed", document.pk)
        return _fail(document, f"The document could not be rendered ({type(error).__name__}: {error}).")
    filename = formats.filename_for(built.filename, document.format)
    with transaction.atomic():
        document.file.save(filename, ContentFile(output.content), save=False)
        document.filename = filename
        document.label = built.label
        document.sha256 = hashlib.sha256(output.content).hexdigest()
        document.size = len(output.content)
        document.page_count = getattr(output, "page_count", None)  # Word lays out its own pages
        document.status = RenderStatus.DONE
        document.finished_at = timezone.now()
        document.error = ""
        document.save()
    return document


def _convert(document, built):
    """The built HTML as the format asked for: the PDF, or the Word copy with the same content."""
    if document.format == DocumentFormat.DOCX:
        return word.html_to_docx(built.html, title=built.title)
    return renderer.html_to_pdf(built.html, title=built.title)


def _fail(document, message):
    document.status = RenderStatus.FAILED
    document.error = message[:2000]
    document.finished_at = timezone.now()
    document.save(update_fields=["status", "error", "finished_at"])
    return document


def versions(*, kind, inspection=None, subject=None, format=None):
    """Every version of the document, newest first: both formats, or one."""
    return RenderedDocument.objects.filter(
        _subject_q(kind=kind, inspection=inspection, subject=subject, document_format=format)
    ).select_related("created_by")
