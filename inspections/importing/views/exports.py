"""Trackers as spreadsheets, in the layout of importing/spreadsheets.py (the import reads it back).

`spreadsheet_response` serves any queryset of findings; the findings list's export can use it."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from inspections.core.permissions import visible_inspections
from inspections.importing import spreadsheets

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


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
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)[:80] or "tracker"}.{file_format}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def inspection_export(request, pk, file_format):
    """Anyone who may read an inspection may download it: the export holds nothing the pages do not."""
    inspection = get_object_or_404(visible_inspections(request.user).select_related("force"), pk=pk)
    findings = inspection.findings.order_by("order")
    return spreadsheet_response(findings, name=inspection.title, file_format=file_format, title=inspection.title)
