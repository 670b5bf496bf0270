"""Rendering documents (Section 55 letters, board papers) to PDF: thin wrappers over services.documents."""

from celery import shared_task
from django.db import transaction

from inspections.services import documents


# Acknowledged when done; a render whose worker process was killed goes back on the queue (the document
# counts its attempts: services.documents._claim).
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
