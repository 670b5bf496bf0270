"""Reading HMICFRS's monitoring of a force (reads): where it stands on a day, its history and the oversight
group's meetings, for the force's monitoring page, its dashboard and its inspections' pages."""

from dataclasses import dataclass

from django.utils import timezone

from inspections.models import MonitoringState, OversightGroupMeeting

ROUTINE = MonitoringState.SCAN.label


@dataclass
class Monitoring:
    force: object
    current: object  # the MonitoringPeriod in force today, or None (routine monitoring: Scan)
    periods: list  # newest first
    meetings: list  # oversight group meetings, newest first

    @property
    def state_label(self):
        return self.current.get_state_display() if self.current else ROUTINE

    @property
    def in_engage(self):
        return bool(self.current) and self.current.state == MonitoringState.ENGAGE

    def period_on(self, day):
        """The period in force on a day, from the periods already read (no query)."""
        if day is None:
            return None
        covering = (p for p in self.periods if p.started_on <= day and (p.ended_on is None or p.ended_on >= day))
        return next(covering, None)

    def state_on(self, day):
        period = self.period_on(day)
        return period.get_state_display() if period else ROUTINE

    @property
    def latest_meeting(self):
        return self.meetings[0] if self.meetings else None

    @property
    def meetings_in_current_period(self):
        if not self.current:
            return []
        return [m for m in self.meetings if m.held_on >= self.current.started_on]


def monitoring_for(force, day=None):
    """The force's monitoring: three queries, whatever the history."""
    day = day or timezone.localdate()
    periods = list(force.monitoring_periods.select_related("recorded_by").order_by("-started_on"))
    meetings = OversightGroupMeeting.objects.filter(force=force).select_related("recorded_by").order_by("-held_on")
    monitoring = Monitoring(force=force, current=None, periods=periods, meetings=list(meetings))
    monitoring.current = monitoring.period_on(day)
    return monitoring


def state_on(force, day):
    """The monitoring state's label on a day (e.g. an inspection's publication date)."""
    period = force.monitoring_on(day) if day else None
    return period.get_state_display() if period else ROUTINE
