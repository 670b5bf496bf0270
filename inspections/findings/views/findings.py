"""The findings list and a finding's page, with the actions people take on it every week."""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from inspections.core import permissions
from inspections.core.forms import put_errors_on_form
from inspections.core.permissions import Action
from inspections.core.status import Status
from inspections.documents import versions as document_services
from inspections.findings import extensions, forms, hmicfrs, progress, proposals, selectors, services
from inspections.findings.views.extensions import extension_context
from inspections.importing import exports
from inspections.importing.views.exports import export_response
from inspections.models import DocumentKind


@login_required
def finding_list(request):
    filterset = selectors.findings_filter(request.user, request.GET or None)
    findings = filterset.qs if filterset.is_bound else filterset.queryset
    page = Paginator(selectors.PageByKeys(findings), settings.TRACKER_PAGE_SIZE).get_page(request.GET.get("page"))
    applied = len({key for key, value in request.GET.items() if value and key not in ("page", "sort")})
    total = page.paginator.count
    context = {
        "filter": filterset, "page": page, "total": total, "applied": applied,
        "export_in_background": exports.in_background(total),  # the download link then leads to its page
    }
    return render(request, "findings/finding_list.html", context)


@login_required
def finding_export(request, fmt):
    """The filtered list, in the columns of a published OPCC tracker (in the background when it is long)."""
    filterset = selectors.findings_filter(request.user, request.GET or None)
    findings = filterset.qs if filterset.is_bound else filterset.queryset
    name = f"findings-{timezone.localdate().isoformat()}"
    return export_response(
        request, findings, name=name, file_format=fmt, title="Findings", query=exports.list_query(request.GET)
    )


@login_required
def finding_detail(request, pk):
    finding = selectors.finding_detail(request.user, pk)
    earlier, later = selectors.carry_over_chains(finding)
    user = request.user
    context = {
        "finding": finding,
        "earlier": earlier,
        "later": later,
        "timeline": selectors.timeline(finding),
        "hmicfrs_decisions": hmicfrs.decisions_for(finding),
        "can": {action.value: permissions.can(user, action, finding) for action in Action},
        # Only a finding its board has signed off has closure requests to HMICFRS (no query otherwise).
        "closure_requests": document_services.versions(
            kind=DocumentKind.CLOSURE_REQUEST, inspection=finding.inspection, subject=finding
        ) if finding.status == Status.CLOSED else [],
        **extension_context(user, finding),
    }
    return render(request, "findings/finding_detail.html", context)


def _return_to(request, finding):
    """Where to go after the action: a `next` address on this site (e.g. the Section 55 letter's
    page), or the finding."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return finding.get_absolute_url()


def _except_version(data):
    return {name: value for name, value in data.items() if name != "version"}


@dataclass(frozen=True)
class FindingAction:
    """One thing people do to a finding, on a page of its own: who may (Action), the form, the
    service that does it, and what the page says. The form's fields are the service's arguments
    unless `arguments` maps them."""

    action: Action
    form_class: type
    service: Callable
    title: str
    submit: str
    done: str
    arguments: Callable = _except_version


ACTIONS = {
    "add_update": FindingAction(
        Action.ADD_UPDATE, forms.ProgressUpdateForm, progress.record_progress,
        "Add a progress update", "Save update", "Your update has been added.",
    ),
    "propose": FindingAction(
        Action.PROPOSE_COMPLETE, forms.ProposeCompleteForm, progress.propose_complete,
        "Propose as complete", "Propose for sign-off", "The finding has been proposed to the board for sign-off.",
    ),
    "decide": FindingAction(
        Action.DECIDE, forms.DecisionForm, progress.decide,
        "Record the board's decision", "Record decision", "The board's decision has been recorded.",
        arguments=lambda data: {"sign_off": data["decision"] == "sign_off", "reason": data["reason"]},
    ),
    "reassign": FindingAction(
        Action.REASSIGN, forms.ReassignForm, services.reassign,
        "Reassign owner or board", "Reassign", "The finding has been reassigned.",
    ),
    "revise_due_date": FindingAction(
        Action.REVISE_DUE_DATE, forms.DueDateForm, services.revise_due_date,
        "Revise the target date", "Revise date", "The target date has been revised; the original is kept beside it.",
    ),
    "edit_response": FindingAction(
        Action.EDIT_RESPONSE, forms.ResponseForm, services.edit_response,
        "Edit the force's response", "Save response", "The response has been saved.",
    ),
    "request_extension": FindingAction(
        Action.REQUEST_EXTENSION, forms.ExtensionRequestForm, extensions.request_extension,
        "Ask for more time", "Send the request to the board",
        "Your extension request has gone to the governing board; the target date changes only if it is approved.",
    ),
    "close": FindingAction(
        Action.CLOSE_OTHERWISE, forms.CloseForm, services.close_otherwise,
        "Close as superseded or no longer relevant", "Close finding", "The finding has been closed.",
    ),
}


@login_required
def act(request, pk, name):
    """Show an action's form; on POST check permission, do it through the service layer and go back.
    Errors, including someone else's save in between, keep what was typed."""
    step = ACTIONS[name]
    finding = selectors.finding_detail(request.user, pk)
    permissions.require(request.user, step.action, finding)
    return_to = _return_to(request, finding)
    context = {"finding": finding, "title": step.title, "submit": step.submit, "return_to": return_to}
    if step.action == Action.DECIDE:
        # The chair decides with the owner's reason and evidence in front of them.
        context["proposal"] = proposals.attach_proposals([finding])[0].proposal
        context["shows_proposal"] = True
    if request.method == "POST":
        form = step.form_class(request.POST, request.FILES, finding=finding)
        if form.is_valid():
            data = form.cleaned_data
            try:
                step.service(finding, by=request.user, expected_version=data["version"], **step.arguments(data))
            except services.StaleFindingError as stale:
                return _stale(request, step, stale, context)
            except ValidationError as error:
                put_errors_on_form(form, error)
            else:
                messages.success(request, step.done)
                if step.action == Action.DECIDE and return_to == finding.get_absolute_url():
                    # No page asked to be returned to (such as the Section 55 letter's): on to the next.
                    return redirect(_after_decision(request, finding))
                return redirect(return_to)
    else:
        form = step.form_class(finding=finding)
    return render(request, "findings/action_form.html", {**context, "form": form})


def _after_decision(request, finding):
    """After a decision, the next finding awaiting the user's decision; the finding when none is left."""
    following = proposals.next_awaiting_decision(request.user, after=finding)
    if following is None:
        messages.info(request, "No other finding is awaiting your decision.")
        return finding.get_absolute_url()
    messages.info(request, f"Next awaiting your decision: {following.reference}, {following.inspection.title}.")
    return reverse("finding_decide", args=[following.pk])


def _stale(request, step, stale, context):
    """Refuse the second save: show what changed meanwhile, keep the user's input, and let them
    submit again against the version they have now seen."""
    data = request.POST.copy()
    data["version"] = stale.finding.version
    form = step.form_class(data, finding=stale.finding)
    form.is_valid()
    context = {**context, "finding": stale.finding, "form": form, "stale": stale, "files_dropped": bool(request.FILES)}
    return render(request, "findings/action_form.html", context, status=409)
