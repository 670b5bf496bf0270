"""{% section55_status inspection as s55 %}: the Section 55 state of an inspection for the panel the
inspection page includes (templates/section55/_inspection_panel.html)."""

from dataclasses import dataclass
from datetime import date

from django import template
from django.utils import timezone

from inspections.models import SECTION_55_DAYS, Section55Response, section55_deadline

register = template.Library()


@dataclass(frozen=True)
class Section55Status:
    response: Section55Response | None
    deadline: date | None
    days_left: int | None  # 0 on the last day, negative once passed; None when published or unknown
    day_number: int | None  # day N of the 56, publication day being day one
    total_days: int = SECTION_55_DAYS

    @property
    def is_published(self):
        return bool(self.response and self.response.is_published)

    @property
    def is_sent(self):
        return bool(self.response and self.response.is_sent)

    @property
    def is_overdue(self):
        return self.days_left is not None and self.days_left < 0

    @property
    def days_late(self):
        return -self.days_left if self.is_overdue else 0

    @property
    def state(self):
        if self.response is None:
            return "Not started"
        if self.is_published:
            return "Published"
        if self.is_sent:
            return "Sent, not yet published"
        return "Final, not yet sent" if self.response.is_final else "Draft"

    @property
    def tag(self):
        if self.is_published:
            return "green"
        if self.is_overdue:
            return "overdue"
        if self.days_left is not None and self.days_left <= 14:
            return "amber"
        return "grey"


def status_for(inspection, on=None):
    on = on or timezone.localdate()
    try:
        response = inspection.section55
    except Section55Response.DoesNotExist:
        response = None
    deadline = section55_deadline(inspection.published_on)
    if deadline is None or (response and response.is_published):
        return Section55Status(response=response, deadline=deadline, days_left=None, day_number=None)
    return Section55Status(
        response=response,
        deadline=deadline,
        days_left=(deadline - on).days,
        day_number=(on - inspection.published_on).days + 1,
    )


@register.simple_tag
def section55_status(inspection):
    return status_for(inspection)
