"""A force's HMICFRS monitoring page: where it stands (Scan or Engage), since when and why, and the
oversight group's meetings; OPCC staff record a move or a meeting on the same page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from inspections.core import permissions
from inspections.core.forms import put_errors_on_form
from inspections.core.labels import day_month_year
from inspections.core.permissions import Action
from inspections.monitoring import selectors, services
from inspections.monitoring.forms import MonitoringChangeForm, OversightMeetingForm


def _force(request, slug):
    # Another force's page is as if it did not exist.
    return get_object_or_404(permissions.forces_for(request.user), slug=slug)


def _page(request, force, *, change_form=None, meeting_form=None, status=200):
    can_record = permissions.can(request.user, Action.RECORD_MONITORING, force)
    context = {
        "force": force,
        "monitoring": selectors.monitoring_for(force),
        "can_record": can_record,
        "change_form": change_form or MonitoringChangeForm(),
        "meeting_form": meeting_form or OversightMeetingForm(),
        "form": change_form if change_form is not None and change_form.errors else meeting_form,
    }
    return render(request, "monitoring/force.html", context, status=status)


@login_required
def force_monitoring(request, slug):
    force = _force(request, slug)
    permissions.require(request.user, Action.VIEW, force)
    return _page(request, force)


@login_required
@require_POST
def record_change(request, slug):
    force = _force(request, slug)
    permissions.require(request.user, Action.RECORD_MONITORING, force)
    form = MonitoringChangeForm(request.POST)
    if form.is_valid():
        try:
            period = services.record_monitoring_change(force=force, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            put_errors_on_form(form, error)
        else:
            messages.success(
                request, f"{force} recorded in {period.get_state_display()} from {day_month_year(period.started_on)}."
            )
            return redirect("force_monitoring", slug=force.slug)
    return _page(request, force, change_form=form)


@login_required
@require_POST
def record_oversight_meeting(request, slug):
    force = _force(request, slug)
    permissions.require(request.user, Action.RECORD_MONITORING, force)
    form = OversightMeetingForm(request.POST)
    if form.is_valid():
        try:
            meeting = services.record_oversight_meeting(force=force, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            put_errors_on_form(form, error)
        else:
            messages.success(request, f"Oversight group meeting of {day_month_year(meeting.held_on)} recorded.")
            return redirect("force_monitoring", slug=force.slug)
    return _page(request, force, meeting_form=form)
