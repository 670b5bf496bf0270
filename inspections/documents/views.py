"""A rendered document's progress page and its download, for users who may see its subject."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from inspections.core import permissions
from inspections.core.permissions import Action
from inspections.models import DocumentFormat, DocumentKind, RenderedDocument

REFRESH_SECONDS = 2


def _document(request, pk):
    document = get_object_or_404(RenderedDocument.objects.select_related("inspection__force", "created_by"), pk=pk)
    if not permissions.can(request.user, Action.VIEW, document):
        # Someone else's force: as if it did not exist.
        raise Http404("No such document.")
    return document


@login_required
@require_GET
@never_cache
def document_status(request, pk):
    """Progress while queued or rendering (the page refreshes itself, no script needed), then the download."""
    document = _document(request, pk)
    context = {
        "document": document,
        "refresh_seconds": REFRESH_SECONDS if not document.is_finished and not document.is_stale else None,
        "back_url": None,
        "back_label": None,  # what the back link leads to, in the words of the document's kind
        "retry_url": None,  # a failed or stalled render offers to render the document again
    }
    if document.kind == DocumentKind.SECTION55_LETTER and document.inspection_id:
        context["back_url"] = reverse("section55", args=[document.inspection_id])
        context["back_label"] = "Section 55 response"
        context["back_text"] = "Back to the Section 55 response"
        context["subject_title"] = document.inspection.title
        if permissions.can(request.user, Action.MANAGE, document.inspection):
            context["retry_url"] = reverse("section55_render", args=[document.inspection_id])
    elif document.kind == DocumentKind.BOARD_PACK and document.subject is not None:
        meeting = document.subject
        context["back_url"] = reverse("meeting_pack", args=[meeting.board_id, meeting.pk])
        context["back_label"] = "Board pack"
        context["back_text"] = "Back to the board pack"
        context["subject_title"] = meeting
        if permissions.can(request.user, Action.PRODUCE_PACK, meeting):
            context["retry_url"] = reverse("meeting_pack_render", args=[meeting.board_id, meeting.pk])
    elif document.kind == DocumentKind.CLOSURE_REQUEST and document.subject is not None:
        finding = document.subject
        context["back_url"] = finding.get_absolute_url()
        context["back_label"] = "Closure request"
        context["back_text"] = "Back to the finding"
        context["subject_title"] = f"{finding.inspection.title}: {finding.reference}"
        if permissions.can(request.user, Action.REQUEST_CLOSURE, finding):
            context["retry_url"] = reverse("finding_closure_request", args=[finding.pk])
    return render(request, "documents/status.html", context)


@login_required
@require_GET
def document_download(request, pk):
    document = _document(request, pk)
    if not document.is_ready or not document.file:
        raise Http404("This version has no file yet.")
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("The file of this version is missing from storage.") from error
    content_type = DocumentFormat(document.format).content_type
    response = FileResponse(handle, as_attachment=True, filename=document.filename, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Document-SHA256"] = document.sha256
    return response
