"""Editing the force's response to one finding: the same field the tracker and the Section 55 letter show.

Saved through services.findings.edit_response, which audits the change and refuses a stale edit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from inspections import permissions
from inspections.forms.section55 import FindingResponseForm
from inspections.permissions import Action
from inspections.services import findings as finding_services


def _next_url(request, finding):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("section55", args=[finding.inspection_id])


@login_required
def finding_response(request, pk):
    finding = get_object_or_404(
        permissions.visible_findings(request.user).select_related("inspection__force", "judgment", "owner"), pk=pk
    )
    permissions.require(request.user, Action.EDIT_RESPONSE, finding)
    next_url = _next_url(request, finding)
    stale = None
    if request.method == "POST":
        form = FindingResponseForm(request.POST)
        if form.is_valid():
            try:
                finding_services.edit_response(
                    finding, response=form.cleaned_data["response"], by=request.user,
                    expected_version=form.cleaned_data["version"],
                )  # fmt: skip
            except finding_services.StaleFindingError as error:
                stale = error
                form.add_error(None, str(error))
                form.data = form.data.copy()
                form.data["version"] = error.finding.version
            except ValidationError as error:
                form.add_error("response", error.messages)
            else:
                messages.success(request, f"The response to {finding.reference} has been saved.")
                return redirect(next_url)
        status = 409 if stale else 400
    else:
        form = FindingResponseForm(initial={"response": finding.response, "version": finding.version})
        status = 200
    context = {"finding": stale.finding if stale else finding, "form": form, "stale": stale, "next_url": next_url}
    return render(request, "section55/finding_response.html", context, status=status)
