"""The findings list and a finding's page, with the actions people take on it every week."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from inspections import permissions, selectors
from inspections.findings import hmicfrs
from inspections.forms import findings as forms
from inspections.permissions import Action
from inspections.services import findings as finding_service
from inspections.services import progress as progress_service
from inspections.status import Status
from inspections.views.exports import spreadsheet_response


@login_required
def finding_list(request):
    filterset = selectors.findings_filter(request.user, request.GET or None)
    findings = filterset.qs if filterset.is_bound else filterset.queryset
    page = Paginator(findings, settings.TRACKER_PAGE_SIZE).get_page(request.GET.get("page"))
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
    return reverse("finding_detail", args=[finding.pk])


def _act(request, pk, *, action, form_class, title, submit, perform, done):
    """Show an action's form; on POST check permission, perform it through the service layer and
    go back. Errors, including someone else's save in between, keep what was typed."""
    finding = selectors.finding_detail(request.user, pk)
    permissions.require(request.user, action, finding)
    return_to = _return_to(request, finding)
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, finding=finding)
        if form.is_valid():
            try:
                perform(finding, form.cleaned_data, request.user)
            except finding_service.StaleFindingError as stale:
                return _stale(request, form_class, stale, title, submit, return_to)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, done)
                return redirect(return_to)
    else:
        form = form_class(finding=finding)
    context = {"finding": finding, "form": form, "title": title, "submit": submit, "return_to": return_to}
    return render(request, "findings/action_form.html", context)


def _stale(request, form_class, stale, title, submit, return_to):
    """Refuse the second save: show what changed meanwhile, keep the user's input, and let them
    submit again against the version they have now seen."""
    data = request.POST.copy()
    data["version"] = stale.finding.version
    form = form_class(data, finding=stale.finding)
    form.is_valid()
    context = {"finding": stale.finding, "form": form, "title": title, "submit": submit, "stale": stale,
               "files_dropped": bool(request.FILES), "return_to": return_to}  # fmt: skip
    return render(request, "findings/action_form.html", context, status=409)


def _add_errors(form, error):
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


@login_required
def add_update(request, pk):
    def perform(finding, data, user):
        progress_service.record_progress(
            finding, by=user, narrative=data["narrative"], rag=data["rag"], next_update_due=data["next_update_due"],
            start_work=data.get("start_work", False), evidence=data["evidence"], expected_version=data["version"],
        )  # fmt: skip

    return _act(request, pk, action=Action.ADD_UPDATE, form_class=forms.ProgressUpdateForm,
                title="Add a progress update", submit="Save update", perform=perform,
                done="Your update has been added.")  # fmt: skip


@login_required
def propose_complete(request, pk):
    def perform(finding, data, user):
        progress_service.propose_complete(
            finding, by=user, reason=data["reason"], evidence=data["evidence"], expected_version=data["version"]
        )

    return _act(request, pk, action=Action.PROPOSE_COMPLETE, form_class=forms.ProposeCompleteForm,
                title="Propose as complete", submit="Propose for sign-off", perform=perform,
                done="The finding has been proposed to the board for sign-off.")  # fmt: skip


@login_required
def decide(request, pk):
    def perform(finding, data, user):
        progress_service.decide(finding, by=user, sign_off=data["decision"] == "sign_off", reason=data["reason"],
                                expected_version=data["version"])  # fmt: skip

    return _act(request, pk, action=Action.DECIDE, form_class=forms.DecisionForm, title="Record the board's decision",
                submit="Record decision", perform=perform, done="The board's decision has been recorded.")  # fmt: skip


@login_required
def reassign(request, pk):
    def perform(finding, data, user):
        finding_service.reassign(finding, by=user, owner=data["owner"], board=data["board"], reason=data["reason"],
                                 expected_version=data["version"])  # fmt: skip

    return _act(request, pk, action=Action.REASSIGN, form_class=forms.ReassignForm, title="Reassign owner or board",
                submit="Reassign", perform=perform, done="The finding has been reassigned.")  # fmt: skip


@login_required
def revise_due_date(request, pk):
    def perform(finding, data, user):
        finding_service.revise_due_date(finding, due_date=data["due_date"], by=user, reason=data["reason"],
                                        expected_version=data["version"])  # fmt: skip

    return _act(request, pk, action=Action.REVISE_DUE_DATE, form_class=forms.DueDateForm,
                title="Revise the target date", submit="Revise date", perform=perform,
                done="The target date has been revised; the original is kept beside it.")  # fmt: skip


@login_required
def edit_response(request, pk):
    def perform(finding, data, user):
        finding_service.edit_response(finding, response=data["response"], by=user, expected_version=data["version"])

    return _act(request, pk, action=Action.EDIT_RESPONSE, form_class=forms.ResponseForm,
                title="Edit the force's response", submit="Save response", perform=perform,
                done="The response has been saved.")  # fmt: skip


@login_required
def close_otherwise(request, pk):
    def perform(finding, data, user):
        superseded = data["outcome"] == "superseded"
        if superseded and not data["superseded_by"]:
            raise ValidationError({"superseded_by": "Choose the finding that supersedes this one."})
        finding_service.change_status(
            finding, to=Status.SUPERSEDED if superseded else Status.NO_LONGER_RELEVANT, by=user, reason=data["reason"],
            superseded_by=data["superseded_by"] if superseded else None, expected_version=data["version"],
        )  # fmt: skip

    return _act(request, pk, action=Action.CLOSE_OTHERWISE, form_class=forms.CloseForm,
                title="Close as superseded or no longer relevant", submit="Close finding", perform=perform,
                done="The finding has been closed.")  # fmt: skip
