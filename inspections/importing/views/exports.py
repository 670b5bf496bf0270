"""Trackers as spreadsheets, in the layout of importing/spreadsheets.py (the import reads it back).

`export_response` serves any queryset of findings (the findings list's export uses it too): streamed,
or, beyond settings.TRACKER_EXPORT_BACKGROUND_ROWS rows, written in the background (importing/exports.py)
with a page of its own that shows the progress and then the download."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from inspections.core import permissions
from inspections.core.permissions import visible_inspections
from inspections.importing import exports, spreadsheets, tasks
from inspections.models import Export

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
REFRESH_SECONDS = 2


def spreadsheet_response(findings, *, name, file_format="xlsx", title="Tracker"):
    """An attachment with the findings in the tracker's layout (.xlsx or .csv), streamed."""
    if file_format not in CONTENT_TYPES:
        raise Http404("Exports are .xlsx or .csv.")
    if file_format == "xlsx":
        chunks = spreadsheets.xlsx_chunks(findings, title=title)
    else:
        chunks = (chunk.encode("utf-8") for chunk in spreadsheets.csv_chunks(findings))
    # Streamed: the rows are read from the database in chunks and sent as they are written, so a
    # national export neither waits for the whole file in memory nor grows with the rows.
    response = StreamingHttpResponse(chunks, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{spreadsheets.download_name(name, file_format)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def export_response(request, findings, *, name, file_format, title, query="", inspection=None):
    """The export streamed, or (more rows than a request should take) queued, with a redirect to its page."""
    if file_format not in CONTENT_TYPES:
        raise Http404("Exports are .xlsx or .csv.")
    rows = findings.count()
    if not exports.in_background(rows):
        return spreadsheet_response(findings, name=name, file_format=file_format, title=title)
    try:
        export = tasks.start_export(
            by=request.user, file_format=file_format, title=title, name=name, rows_total=rows, query=query,
            inspection=inspection,
        )
    except exports.ExportProblem as problem:
        messages.error(request, str(problem))
        return redirect("exports")
    return redirect(export)


@login_required
@require_GET
def inspection_export(request, pk, file_format):
    """Anyone who may read an inspection may download it: the export holds nothing the pages do not."""
    inspection = get_object_or_404(visible_inspections(request.user).select_related("force"), pk=pk)
    findings = inspection.findings.order_by("order")
    return export_response(
        request, findings, name=inspection.title, file_format=file_format, title=inspection.title,
        inspection=inspection,
    )


def _export(request, pk):
    export = get_object_or_404(Export.objects.select_related("requested_by", "inspection"), pk=pk)
    if not permissions.may_see_export(request.user, export):
        raise Http404("No such export.")  # someone else's export: as if it did not exist
    return export


@login_required
@require_GET
@never_cache
def export_status(request, pk):
    """Progress while queued or written (the page refreshes itself, no script needed), then the download."""
    export = _export(request, pk)
    running = not export.is_finished and not export.is_stale
    context = {
        "export": export,
        "refresh_seconds": REFRESH_SECONDS if running else None,
        "keep_days": settings.TRACKER_EXPORT_KEEP_DAYS,
    }
    return render(request, "importing/export.html", context)


@login_required
@require_GET
def export_download(request, pk):
    export = _export(request, pk)
    if not export.is_ready or not export.file:
        raise Http404("This export has no file yet.")
    try:
        handle = export.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("The file of this export is missing from storage.") from error
    response = FileResponse(
        handle, as_attachment=True, filename=export.filename, content_type=CONTENT_TYPES[export.file_format]
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
@never_cache
def export_list(request):
    """The user's own recent exports written in the background."""
    context = {"exports": exports.recent_for(request.user), "keep_days": settings.TRACKER_EXPORT_KEEP_DAYS}
    return render(request, "importing/export_list.html", context)
