"""Rendering documents (Section 55 letters, board papers) to PDF: thin wrappers over documents/versions.py."""

from celery import shared_task
from django.db import transaction

from inspections.documents import versions as documents
from inspections.models import DocumentFormat


# Acknowledged when done; a render whose worker process was killed goes back on the queue (the document
# counts its attempts: versions._claim).
@shared_task(name="inspections.render_document", ignore_result=True, acks_late=True, reject_on_worker_lost=True)
def render_document(document_id):
    document = documents.render(document_id)
    return document.status if document else None


def queue_render(document_id):
    try:
        render_document.delay(document_id)
    except Exception as error:  # the broker is unreachable: record it on the document, not a 500
        documents.mark_not_queued(document_id, error)


def queue_render_on_commit(document):
    """Start the render once the row that asks for it is committed (at once in the embedded mode)."""
    transaction.on_commit(lambda: queue_render(document.pk))


def queue_new_version(*, kind, by, inspection=None, subject=None, format=DocumentFormat.PDF):
    """A new version of a document (a PDF, or a Word copy), rendered in the background once its row is
    committed."""
    document = documents.request_render(kind=kind, by=by, inspection=inspection, subject=subject, format=format)
    queue_render_on_commit(document)
    return document


@shared_task(name="inspections.fail_stalled_renders", ignore_result=True)
def fail_stalled_renders():
    """Celery beat: renders whose worker died become failed, with a retry button, never "in progress"."""
    return documents.fail_stalled()
