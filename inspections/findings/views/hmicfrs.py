"""HMICFRS's side of a finding, recorded by OPCC staff: its decision from a letter, and the closure-request
pack the force sends to HMICFRS once its own board has signed the finding off."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from inspections.core import permissions
from inspections.core.forms import put_errors_on_form
from inspections.core.permissions import Action
from inspections.documents import tasks as document_tasks
from inspections.documents.formats import format_from_request
from inspections.findings import hmicfrs, selectors
from inspections.findings.hmicfrs_forms import HmicfrsDecisionForm
from inspections.models import DocumentKind


@login_required
def record_decision(request, pk):
    finding = selectors.finding_detail(request.user, pk)
    permissions.require(request.user, Action.RECORD_HMICFRS_DECISION, finding)
    if request.method == "POST":
        form = HmicfrsDecisionForm(request.POST, finding=finding)
        if form.is_valid():
            try:
                decision = hmicfrs.record_hmicfrs_decision(finding, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                put_errors_on_form(form, error)
            else:
                messages.success(request, f"HMICFRS's decision recorded: {decision.get_outcome_display().lower()}.")
                return redirect(finding.get_absolute_url())
    else:
        form = HmicfrsDecisionForm(finding=finding)
    context = {
        "finding": finding,
        "form": form,
        "title": "Record HMICFRS's decision",
        "submit": "Record the decision",
        "return_to": finding.get_absolute_url(),
        "decisions": hmicfrs.decisions_for(finding),
    }
    return render(request, "findings/hmicfrs_decision_form.html", context)


@login_required
@require_POST
def closure_request_render(request, pk):
    """Queue a new version of the closure-request pack, as a PDF or a Word copy."""
    finding = selectors.finding_detail(request.user, pk)
    permissions.require(request.user, Action.REQUEST_CLOSURE, finding)
    document = document_tasks.queue_new_version(
        kind=DocumentKind.CLOSURE_REQUEST, by=request.user, inspection=finding.inspection, subject=finding,
        format=format_from_request(request),
    )
    return redirect(document.get_absolute_url())
