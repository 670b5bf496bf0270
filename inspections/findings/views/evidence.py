from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from inspections.core import permissions
from inspections.models import EvidenceFile


@login_required
def download(request, pk):
    """Evidence is served only to users who may see its finding, always as a download."""
    evidence = get_object_or_404(EvidenceFile.objects.select_related("update__finding__inspection"), pk=pk)
    if not permissions.can(request.user, permissions.Action.VIEW, evidence.update.finding):
        raise Http404("No such evidence.")
    response = FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
