"""Reminder pages: a user's own (what they will be sent), and a force's for its OPCC staff
(the preview of the next send day, the problems to fix, the log of what was sent)."""

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from inspections.core.permissions import Action, can, forces_for, require
from inspections.models import Force, Membership
from inspections.reminders import selectors
from inspections.reminders.forms import ReminderPageForm
from inspections.reminders.planner import unreachable
from inspections.reminders.rules import reminder_config
from inspections.section55 import clock

LOG_PAGE_SIZE = 25


@login_required
@require_GET
def profile(request):
    user = request.user
    schedule, recorded = selectors.upcoming_for(user)
    today = timezone.localdate()
    context = {
        "schedule": schedule,
        "recorded": recorded,
        "today": today,
        "until": today + timedelta(days=reminder_config().preview_days),
        "cannot_email": unreachable(user, "you"),
        "memberships": Membership.objects.filter(user=user).select_related("force"),
        "roles": user.roles.select_related("force").order_by("force__name", "title"),
        "emails": selectors.emails_to(user),
    }
    return render(request, "reminders/profile.html", context)


@login_required
@require_GET
def reminder_forces(request):
    forces = [force for force in forces_for(request.user) if can(request.user, Action.SEE_REMINDERS, force)]
    if not forces:
        raise PermissionDenied("Only OPCC staff of a force see its reminders.")
    if len(forces) == 1:
        return redirect("force_reminders", slug=forces[0].slug)
    return render(request, "reminders/forces.html", {"forces": forces})


@login_required
@require_GET
def force_reminders(request, slug):
    force = get_object_or_404(Force, slug=slug)
    require(request.user, Action.SEE_REMINDERS, force)
    config = reminder_config()
    today = timezone.localdate()
    form = ReminderPageForm(request.GET or None)
    day, status = None, ""
    if form.is_bound and form.is_valid():
        day, status = form.cleaned_data["day"], form.cleaned_data["status"]
    day = day or config.next_send_day(today)
    candidates, skipped, recorded = selectors.preview_day(force, day=day)
    log = Paginator(selectors.email_log(force, status=status), LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    runs = [(run, run.skipped_for(force.pk)) for run in selectors.recent_runs()]
    context = {
        "force": force,
        "form": form,
        "day": day,
        "working_day": config.is_working_day(day),
        "candidates": candidates,
        "skipped": skipped,
        "recorded": recorded,
        "problems": selectors.problems(force, on=today),
        "log": log,
        "status": status,
        "runs": runs,
        "s55_last_day": clock.SECTION_55_DAYS,
        "cap": config.s55_last_reminder_day,
    }
    return render(request, "reminders/force.html", context)
