"""The Section 55 response page of an inspection: the draft letter, what is missing, preview, render,
versions, final, sent and published. OPCC staff edit (Action.MANAGE); everyone with access reads."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from inspections.core import permissions
from inspections.core.forms import put_errors_on_form
from inspections.core.labels import plural
from inspections.core.permissions import Action
from inspections.documents import images
from inspections.documents import tasks as document_tasks
from inspections.documents import versions as document_services
from inspections.documents.errors import DocumentProblem
from inspections.documents.formats import format_from_request
from inspections.findings import services as finding_services
from inspections.models import DocumentKind, FindingKind
from inspections.section55 import clock, services
from inspections.section55.forms import PublishedForm, Section55DraftForm, SentForm
from inspections.section55.letter import local_policing_body_of, render_letter_html, response_for
from inspections.section55.responses import MissingResponsesForm, record_responses


def _inspection(request, inspection_id, action=Action.VIEW):
    inspection = get_object_or_404(
        permissions.visible_inspections(request.user).select_related("force", "previous"), pk=inspection_id
    )
    permissions.require(request.user, action, inspection)
    return inspection


def _expected_version(request):
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


def _page_context(request, inspection, response, **forms):
    can_manage = permissions.can(request.user, Action.MANAGE, inspection)
    body = local_policing_body_of(inspection, required=False)
    missing = list(inspection.findings.lacking_response().select_related("judgment", "owner"))
    for finding in missing:
        finding.inspection = inspection  # for the permission check, without a query per finding
        finding.can_edit_response = permissions.can(request.user, Action.EDIT_RESPONSE, finding)
    answerable = [f for f in missing if f.can_edit_response]
    context = {
        "inspection": inspection,
        "response": response,
        "responses_form": forms.get("responses_form") or (
            MissingResponsesForm.for_findings(answerable) if answerable else None
        ),
        "is_saved": response.pk is not None,
        "can_manage": can_manage,
        "status": clock.status_for(inspection),
        "missing": missing,
        "missing_recommendations": [f for f in missing if f.kind == FindingKind.RECOMMENDATION],
        "final_problems": services.final_problems(response) if response.pk and not response.is_final else [],
        "versions": document_services.versions(kind=DocumentKind.SECTION55_LETTER, inspection=inspection),
        "letterhead_problem": ""
        if body
        else (
            f"{inspection.force} has no local policing body recorded, so the letterhead cannot be printed. "
            "Add it in the admin before rendering."
        ),
        "signature_limit_kb": settings.SECTION55_SIGNATURE_MAX_BYTES // 1024,
        "mailbox": settings.SECTION55_HOME_OFFICE_MAILBOX,
    }
    if can_manage:
        version = response.version if response.pk else None
        context["form"] = forms.get("form") or Section55DraftForm(
            instance=response, inspection=inspection, initial={"version": version}
        )
        context["sent_form"] = forms.get("sent_form") or SentForm(
            initial={"sent_on": response.sent_on or response.letter_date, "version": version}
        )
        context["published_form"] = forms.get("published_form") or PublishedForm(
            initial={
                "published_on": response.published_on,
                "published_url": response.published_url or (body.website if body else ""),
                "version": version,
            }
        )
    return context


@login_required
def section55_page(request, inspection_id):
    inspection = _inspection(request, inspection_id)
    response = response_for(inspection)
    if request.method != "POST":
        return render(request, "section55/page.html", _page_context(request, inspection, response))
    permissions.require(request.user, Action.MANAGE, inspection)
    form = Section55DraftForm(request.POST, request.FILES, instance=response_for(inspection), inspection=inspection)
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.DRAFT_FIELDS}
        try:
            services.save_draft(
                inspection=inspection,
                by=request.user,
                expected_version=form.cleaned_data.get("version"),
                signature=form.cleaned_data.get("signature_upload"),
                remove_signature=form.cleaned_data.get("remove_signature"),
                regenerate_governance="regenerate_governance" in request.POST,
                **fields,
            )
        except services.StaleResponseError as stale:
            form.add_error(None, str(stale))
            current = stale.response
            form.data = form.data.copy()
            form.data["version"] = current.version
            return render(
                request, "section55/page.html",
                _page_context(request, inspection, current, form=form) | {"stale": current},
                status=409,
            )
        except ValidationError as error:
            put_errors_on_form(form, error)
        else:
            messages.success(request, "The draft letter has been saved.")
            return redirect("section55", inspection.pk)
    return render(request, "section55/page.html", _page_context(request, inspection, response, form=form), status=400)


@login_required
@require_POST
def section55_responses(request, inspection_id):
    """Every missing response entered on the one page: the boxes filled are saved together, or none."""
    inspection = _inspection(request, inspection_id)
    entered = [key.removeprefix("response-") for key, value in request.POST.items()
               if key.startswith("response-") and value.strip()]
    posted = {int(pk) for pk in entered if pk.isdigit()}
    missing = {f.pk for f in inspection.findings.lacking_response()}
    findings = list(
        inspection.findings.filter(pk__in=missing | posted).select_related("owner").order_by("order")
    )
    for finding in findings:
        finding.inspection = inspection
        if finding.pk in posted:
            permissions.require(request.user, Action.EDIT_RESPONSE, finding)  # a forged box: 403
    answerable = [f for f in findings if permissions.can(request.user, Action.EDIT_RESPONSE, f)]
    if not answerable:
        permissions.require(request.user, Action.MANAGE, inspection)
    form = MissingResponsesForm.for_findings(answerable, request.POST)
    status = 400
    if form.is_valid():
        try:
            saved = record_responses(entries=form.entries(), by=request.user)
        except finding_services.StaleFindingError as stale:
            form.add_error(None, f"{stale} Nothing was saved: check the responses below and save again.")
            status = 409
        except ValidationError as error:
            put_errors_on_form(form, error)
        else:
            left = inspection.findings.lacking_response().count()
            messages.success(request, f"{plural(len(saved), 'response')} saved. "
                             + (f"{plural(left, 'response')} still missing." if left else "No responses are missing."))
            return redirect("section55", inspection.pk)
    context = _page_context(request, inspection, response_for(inspection), responses_form=form)
    return render(request, "section55/page.html", context, status=status)


def _state_change(request, inspection_id, change, success):
    inspection = _inspection(request, inspection_id, Action.MANAGE)
    try:
        change(inspection=inspection, by=request.user, expected_version=_expected_version(request))
    except services.StaleResponseError as stale:
        messages.error(request, str(stale))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect("section55", inspection.pk)


@login_required
@require_POST
def section55_final(request, inspection_id):
    if request.POST.get("action") == "reopen":
        return _state_change(request, inspection_id, services.reopen, "The letter is a draft again.")
    return _state_change(request, inspection_id, services.mark_final, "The letter is final.")


def _dated_form(request, inspection_id, form_class, key, change, success):
    inspection = _inspection(request, inspection_id, Action.MANAGE)
    form = form_class(request.POST)
    if form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name != "version"}
        try:
            change(inspection=inspection, by=request.user, expected_version=form.cleaned_data["version"], **data)
        except services.StaleResponseError as stale:
            form.add_error(None, str(stale))
        except ValidationError as error:
            put_errors_on_form(form, error)
        else:
            messages.success(request, success)
            return redirect("section55", inspection.pk)
    context = _page_context(request, inspection, response_for(inspection), **{key: form})
    return render(request, "section55/page.html", context, status=400)


@login_required
@require_POST
def section55_sent(request, inspection_id):
    return _dated_form(
        request, inspection_id, SentForm, "sent_form", services.mark_sent, "The letter is recorded as sent."
    )


@login_required
@require_POST
def section55_published(request, inspection_id):
    return _dated_form(
        request, inspection_id, PublishedForm, "published_form", services.mark_published,
        "The response is recorded as published; the Section 55 reminders stop.",
    )


@login_required
@require_GET
def section55_preview(request, inspection_id):
    inspection = _inspection(request, inspection_id)
    try:
        html = render_letter_html(response_for(inspection), preview=True)
    except DocumentProblem as problem:
        messages.error(request, str(problem))
        return redirect("section55", inspection.pk)
    return HttpResponse(html)


@login_required
@require_POST
def section55_render(request, inspection_id):
    inspection = _inspection(request, inspection_id, Action.MANAGE)
    read, saved = _expected_version(request), response_for(inspection)
    if read is not None and saved.pk and saved.version != read:
        # The PDF is made from the saved letter: not the one this user read, so say so rather than render it.
        messages.error(request, "The letter was saved again after you opened this page, so it was not rendered. "
                                "Check the draft as it is saved now, then render it.")
        return redirect("section55", inspection.pk)
    document = document_tasks.queue_new_version(
        kind=DocumentKind.SECTION55_LETTER, inspection=inspection, by=request.user,
        format=format_from_request(request),
    )
    return redirect(document.get_absolute_url())


@login_required
@require_GET
def section55_signature(request, inspection_id):
    """The signature image, to users who may see the inspection; never from a public media URL."""
    inspection = _inspection(request, inspection_id)
    response = response_for(inspection)
    if not response.pk or not response.signature:
        raise Http404("No signature image.")
    with response.signature.open("rb") as handle:
        data = handle.read()
    image_format = images.format_of(data)
    if image_format is None:
        raise Http404("No signature image.")
    reply = HttpResponse(data, content_type=images.mime_type_for(image_format))
    reply["Cache-Control"] = "private, no-store"
    reply["X-Content-Type-Options"] = "nosniff"
    reply["Content-Disposition"] = "inline"
    return reply
