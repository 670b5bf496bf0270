"""Pages of the report import: the list of imports, upload, progress, review and acceptance.

Every page needs Action.MANAGE on the import's force (OPCC staff of the force)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from inspections.core.permissions import Action, require, require_imports
from inspections.importing import carryovers, drafts, report_imports, review_overview
from inspections.importing.extraction import LETTER, NATIONAL, Extraction
from inspections.importing.formats import FORMATS
from inspections.importing.forms.reports import (
    AreaFormSet,
    DraftForm,
    ItemFormSet,
    ReportUploadForm,
    area_initial,
    item_initial,
)
from inspections.importing.tasks import schedule_reading
from inspections.importing.views import common
from inspections.importing.views import letters as letter_views
from inspections.importing.views.common import manageable_forces
from inspections.models import FindingKind, JudgmentLevel, ReportImport, ReportImportStatus, TrackerImport


def _report_import(request, pk):
    report_import = get_object_or_404(ReportImport.objects.select_related("force", "created_by", "inspection"), pk=pk)
    require(request.user, Action.MANAGE, report_import.force)
    return report_import


@login_required
def import_list(request):
    require_imports(request.user)
    forces = manageable_forces(request.user)
    reports = ReportImport.objects.filter(force__in=forces).select_related("force", "created_by", "inspection")
    trackers = TrackerImport.objects.filter(force__in=forces).select_related("force", "created_by")
    return render(
        request,
        "importing/list.html",
        {"forces": forces, "reports": reports[:50], "trackers": trackers[:50]},
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_upload(request):
    forces = common.forces_to_import_into(request, "reports")
    if request.method == "POST":
        form = ReportUploadForm(request.POST, request.FILES, forces=forces)
        if form.is_valid():
            data = form.cleaned_data
            report_import = report_imports.start_report_import(
                force=data["force"], by=request.user, name=data["name"], data=data["data"],
                published_on=data.get("published_on"),
            )
            schedule_reading(report_import)
            return redirect("report_import", pk=report_import.pk)
    else:
        form = ReportUploadForm(forces=forces, initial={"force": forces.first()})
    return render(request, "importing/report_upload.html", {"form": form, "formats": [f.label for f in FORMATS]})


@login_required
def report_detail(request, pk):
    report_import = _report_import(request, pk)
    draft = Extraction.from_dict(report_import.draft) if report_import.draft else None
    context = {
        "report_import": report_import,
        "draft": draft,
        "counts": draft.counts() if draft else {},
        "stalled": report_imports.is_stalled(report_import),
        "inspection_url": report_import.inspection.get_absolute_url() if report_import.inspection else "",
        "decisions": report_import.hmicfrs_decisions.select_related("finding__inspection"),
        "kinds": FindingKind,
    }
    return render(request, "importing/report_detail.html", context)


@login_required
@require_POST
def report_retry(request, pk):
    report_import = _report_import(request, pk)
    if report_import.status == ReportImportStatus.READING and not report_imports.is_stalled(report_import):
        messages.info(request, "The report is still being read.")
        return redirect("report_import", pk=pk)
    try:
        report_import = report_imports.requeue(report_import, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        schedule_reading(report_import)
    return redirect("report_import", pk=pk)


@login_required
@require_POST
def report_discard(request, pk):
    report_import = _report_import(request, pk)
    return common.discard(
        request, discard_with=report_imports.discard, item=report_import, back_to=report_import.get_absolute_url(),
        done=f"The import of {report_import.source_name} was discarded; nothing was tracked.",
    )


def _choices(draft, report_import):
    published = draft.published_on or report_import.published_on
    pool = carryovers.earlier_findings(report_import.force, published)
    return {
        "area_choices": [(a.key, a.name) for a in draft.areas if a.level != JudgmentLevel.PILLAR],
        "parent_choices": [
            (i.key, f"{i.reference}: {i.text[:60]}") for i in draft.items if i.kind == FindingKind.CAUSE_OF_CONCERN
        ],
        "repeat_choices": [(f.pk, f"{f.inspection.title} · {f.reference}: {f.text[:90]}") for f in pool],
    }


@login_required
@require_http_methods(["GET", "POST"])
def report_review(request, pk):
    report_import = _report_import(request, pk)
    if report_import.status != ReportImportStatus.READY:
        return redirect("report_import", pk=pk)
    draft = Extraction.from_dict(report_import.draft)
    if draft.kind == LETTER:
        return letter_views.review(request, report_import, draft)  # decisions on tracked causes of concern
    choices = _choices(draft, report_import)
    if request.method == "POST":
        draft_form = DraftForm(request.POST)
        area_forms = AreaFormSet(request.POST, prefix="areas")
        item_forms = ItemFormSet(request.POST, prefix="items", form_kwargs=choices)
        if draft_form.is_valid() and area_forms.is_valid() and item_forms.is_valid():
            return _save_review(request, report_import, draft, draft_form, area_forms, item_forms)
        messages.error(request, "Some of what you entered needs correcting; nothing was saved yet.")
    else:
        draft_form = DraftForm(
            initial={"title": draft.title, "published_on": draft.published_on,
                     # A national report numbers its own recommendations; keep its numbers.
                     "renumber": draft.kind != NATIONAL, "draft_version": report_import.draft_version}
        )
        area_forms = AreaFormSet(prefix="areas", initial=area_initial(draft))
        item_forms = ItemFormSet(prefix="items", initial=item_initial(draft), form_kwargs=choices)
    rows = []
    for index, form in enumerate(item_forms):
        item = draft.items[index] if index < len(draft.items) else None
        rows.append((form, item, [p for p in item.context.split("\n\n") if p.strip()] if item else []))
    context = {
        "report_import": report_import,
        "draft": draft,
        "draft_form": draft_form,
        "area_forms": area_forms,
        "item_forms": item_forms,
        "rows": rows,
        "problems": drafts.problems(draft),
        "counts": draft.counts(),
        "warnings": review_overview.link_warnings(draft.warnings, draft.items),
    }
    context["overview"] = review_overview.overview(draft.items, context["warnings"])
    return render(request, "importing/report_review.html", context)


def _rows(formset):
    return [form.row() for form in formset.forms if form.cleaned_data and (form.cleaned_data.get("key") or
            form.cleaned_data.get("text") or form.cleaned_data.get("name"))]


def _save_review(request, report_import, draft, draft_form, area_forms, item_forms):
    data = draft_form.cleaned_data
    edited = drafts.apply_review(
        draft,
        title=data["title"],
        published_on=data.get("published_on"),
        area_rows=_rows(area_forms),
        item_rows=_rows(item_forms),
        renumber=data.get("renumber", False),
        added_by=request.user.get_full_name() or request.user.get_username(),
    )
    try:
        saved = report_imports.save_draft(
            report_import, draft=edited, by=request.user, expected_version=data["draft_version"]
        )
    except report_imports.StaleDraftError as error:
        messages.error(request, str(error))
        return redirect("report_import_review", pk=report_import.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("report_import", pk=report_import.pk)
    if request.POST.get("action") != "accept":
        messages.success(request, "Your changes to the draft were saved. Nothing is tracked until you accept it.")
        return redirect("report_import_review", pk=report_import.pk)
    try:
        inspection = report_imports.accept(saved, by=request.user, expected_version=saved.draft_version)
    except ValidationError as error:
        messages.error(request, "The draft was saved but not accepted: " + " ".join(error.messages))
        return redirect("report_import_review", pk=report_import.pk)
    messages.success(
        request, f"{inspection.title} is now tracked, with {inspection.findings.count()} findings awaiting allocation."
    )
    return redirect("report_import", pk=report_import.pk)
