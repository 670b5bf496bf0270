"""Pages of the tracker import: upload, map the columns, preview, import. Action.MANAGE throughout."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from inspections.core.forms import put_errors_on_form
from inspections.core.permissions import Action, require
from inspections.importing import tracker_imports, trackers
from inspections.importing.extraction import ImportProblem
from inspections.importing.forms.trackers import ColumnMappingForm, TrackerUploadForm
from inspections.importing.views import common
from inspections.models import TrackerImport, TrackerImportStatus


def _tracker_import(request, pk):
    tracker_import = get_object_or_404(TrackerImport.objects.select_related("force", "inspection"), pk=pk)
    require(request.user, Action.MANAGE, tracker_import.force)
    return tracker_import


@login_required
@require_http_methods(["GET", "POST"])
def tracker_upload(request):
    forces = common.forces_to_import_into(request, "trackers")
    if request.method == "POST":
        form = TrackerUploadForm(request.POST, request.FILES, forces=forces)
        if form.is_valid():
            tracker_import = tracker_imports.start_tracker_import(
                force=form.cleaned_data["force"], by=request.user, name=form.cleaned_data["file"].name,
                data=form.data_bytes,
            )
            return redirect("tracker_import_columns", pk=tracker_import.pk)
    else:
        form = TrackerUploadForm(forces=forces, initial={"force": forces.first()})
    return render(request, "importing/tracker_upload.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def tracker_columns(request, pk):
    tracker_import = _tracker_import(request, pk)
    if tracker_import.status != TrackerImportStatus.MAPPING:
        return redirect("tracker_import_preview", pk=pk)
    kwargs = {"headings": tracker_import.headings, "force": tracker_import.force}
    if request.method == "POST":
        form = ColumnMappingForm(request.POST, **kwargs)
        if form.is_valid():
            try:
                tracker_imports.save_mapping(
                    tracker_import, mapping=form.mapping(), inspection=form.cleaned_data["inspection"], by=request.user
                )
            except ValidationError as error:
                put_errors_on_form(form, error)
            else:
                return redirect("tracker_import_preview", pk=pk)
    else:
        mapping = tracker_imports.suggested_mapping(tracker_import)
        form = ColumnMappingForm(initial=ColumnMappingForm.initial_for(mapping, tracker_import.inspection), **kwargs)
    try:
        sample = tracker_imports.sheet_of(tracker_import).rows[:3]
    except ImportProblem:
        sample = []
    columns = [(heading, [trackers.text_of(values.get(heading))[:60] for _n, values in sample])
               for heading in tracker_import.headings]
    return render(
        request, "importing/tracker_columns.html", {"tracker_import": tracker_import, "form": form, "columns": columns}
    )


@login_required
@require_http_methods(["GET", "POST"])
def tracker_preview(request, pk):
    tracker_import = _tracker_import(request, pk)
    if tracker_import.status != TrackerImportStatus.MAPPING:
        return render(request, "importing/tracker_done.html", {"tracker_import": tracker_import})
    if not tracker_import.mapping:
        return redirect("tracker_import_columns", pk=pk)
    if request.method == "POST":
        try:
            outcome = tracker_imports.import_tracker(tracker_import, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("tracker_import_preview", pk=pk)
        if outcome.committed:
            messages.success(
                request,
                f"The tracker was imported: {outcome.count('new')} new findings, {outcome.count('changed')} changed, "
                f"{outcome.count('unchanged')} unchanged.",
            )
            return redirect("tracker_import_preview", pk=pk)
        messages.error(request, "Nothing was imported: correct the rows below in the file, then upload it again.")
    else:
        outcome = tracker_imports.preview(tracker_import, by=request.user)
    totals = {"rows": len(outcome.rows)} | {action: outcome.count(action) for action in ("new", "changed", "unchanged")}
    context = {"tracker_import": tracker_import, "rows": outcome.rows, "errors": outcome.errors, "totals": totals}
    return render(request, "importing/tracker_preview.html", context)


@login_required
@require_POST
def tracker_discard(request, pk):
    tracker_import = _tracker_import(request, pk)
    return common.discard(
        request, discard_with=tracker_imports.discard, item=tracker_import, back_to=tracker_import.get_absolute_url(),
        done=f"The tracker {tracker_import.source_name} was discarded; nothing was imported.",
    )
