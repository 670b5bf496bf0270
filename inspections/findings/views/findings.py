"""The findings list and a finding's page, with the actions people take on it every week."""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from inspections.core import permissions
from inspections.core.forms import put_errors_on_form
from inspections.core.permissions import Action
from inspections.findings import forms, hmicfrs, progress, selectors, services
from inspections.importing.views.exports import spreadsheet_response


@login_required
def finding_list(request):
    filterset = selectors.findings_filter(request.user, request.GET or None)
    findings = filterset.qs if filterset.is_bound else filterset.queryset
    page = Paginator(selectors.PageByKeys(findings), settings.TRACKER_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"filter": filterset, "page": page, "total": page.paginator.count}
    return render(request, "findings/finding_list.html", context)


@login_required
def finding_export(request, fmt):
    """The filtered list, in the columns of a published OPCC tracker."""
    filterset = selectors.findings_filter(request.user, request.GET or None)
    findings = filterset.qs if filterset.is_bound else filterset.queryset
    name = f"findings-{timezone.localdate().isoformat()}"
    return spreadsheet_response(findings, name=name, file_format=fmt, title="Findings")


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
                return redirect(return_to)
    else:
        form = step.form_class(finding=finding)
    return render(request, "findings/action_form.html", {**context, "form": form})


def _stale(request, step, stale, context):
    """Refuse the second save: show what changed meanwhile, keep the user's input, and let them
    submit again against the version they have now seen."""
    data = request.POST.copy()
    data["version"] = stale.finding.version
    form = step.form_class(data, finding=stale.finding)
    form.is_valid()
    context = {**context, "finding": stale.finding, "form": form, "stale": stale, "files_dropped": bool(request.FILES)}
    return render(request, "findings/action_form.html", context, status=409)
