"""Recording HMICFRS's monitoring of a force (writes): a move into Engage or back to Scan, and the
oversight group's meetings. Each is a record with who recorded it; the history is never rewritten,
only the open period is ended when HMICFRS moves the force again."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from inspections.core.labels import day_month_year
from inspections.models import Force, MonitoringPeriod, MonitoringState, OversightGroupMeeting


@transaction.atomic
def record_monitoring_change(*, force, state, started_on, by, reasons="", letter_title="", note=""):
    """HMICFRS moves the force into a monitoring state from a day (its letter's date, or the day it
    says): the period open until then ends the day before, and the new one stays open."""
    Force.objects.select_for_update().filter(pk=force.pk).first()  # one change of state at a time
    state = MonitoringState(state)
    if state == MonitoringState.ENGAGE and not (reasons or "").strip():
        raise ValidationError({"reasons": "Say why HMICFRS moved the force into Engage, as its letter puts it."})
    if started_on and started_on > timezone.localdate():
        raise ValidationError({"started_on": "Record the move once it has happened: the date is in the future."})
    current = MonitoringPeriod.objects.filter(force=force, ended_on__isnull=True).first()
    if current is not None and started_on:
        if current.state == state:
            raise ValidationError({
                "state": f"{force} is already in {current.get_state_display()} "
                f"since {day_month_year(current.started_on)}."
            })
        if started_on <= current.started_on:
            raise ValidationError({
                "started_on": "The move must be dated after the start of the current period "
                f"({day_month_year(current.started_on)})."
            })
        current.ended_on = started_on - timedelta(days=1)
        current.full_clean()
        current.save(update_fields=["ended_on"])
    period = MonitoringPeriod(
        force=force, state=state, started_on=started_on, reasons=(reasons or "").strip(),
        letter_title=(letter_title or "").strip(), note=(note or "").strip(), recorded_by=by,
        recorded_at=timezone.now(),
    )
    period.full_clean()
    period.save()
    return period


@transaction.atomic
def record_oversight_meeting(*, force, held_on, decided, by, next_steps=""):
    """A Policing Performance Oversight Group meeting about the force, and what it decided."""
    meeting = OversightGroupMeeting(
        force=force, held_on=held_on, decided=(decided or "").strip(), next_steps=(next_steps or "").strip(),
        recorded_by=by, recorded_at=timezone.now(),
    )
    meeting.full_clean()
    meeting.save()
    return meeting
