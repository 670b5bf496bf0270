"""The Section 55 clock: the one place that counts its days.

s55(5A) of the Police Act 1996: the local policing body publishes its response within 56 days,
counting the day of publication as day one, so the last day is publication + 55 days. The model, the
pages, the templates, the letter and the reminders all read the deadline, the day number and the
state from here.

No model is imported at module level: models/section55.py reads SECTION_55_DAYS and deadline().
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone

SECTION_55_DAYS = 56
# A deadline this close (days left) is shown as pressing.
PRESSING_DAYS = 14


def deadline(published_on):
    """The last day to publish the response (day 56): publication + 55 days; None if unpublished."""
    return published_on + timedelta(days=SECTION_55_DAYS - 1) if published_on else None


def day_number(published_on, on):
    """Day N of the 56 on the date `on`, the day of publication being day one (57 and more once
    the deadline has passed); None if the report has no publication date."""
    return (on - published_on).days + 1 if published_on else None


def days_left(published_on, on):
    """Days from `on` to the deadline: 0 on the last day itself, negative once it has passed."""
    last = deadline(published_on)
    return (last - on).days if last else None


def response_of(inspection):
    """The inspection's Section 55 response record, or None when none has been started."""
    try:
        return inspection.section55
    except ObjectDoesNotExist:
        return None


@dataclass(frozen=True)
class Section55Status:
    response: object  # the Section55Response, or None when not started
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
        if self.days_left is not None and self.days_left <= PRESSING_DAYS:
            return "amber"
        return "grey"


def status_for(inspection, on=None):
    """Where the inspection's Section 55 response stands on `on` (today, Europe/London)."""
    on = on or timezone.localdate()
    response = response_of(inspection)
    published = inspection.published_on
    last = deadline(published)
    if last is None or (response and response.is_published):
        return Section55Status(response=response, deadline=last, days_left=None, day_number=None)
    return Section55Status(
        response=response, deadline=last, days_left=days_left(published, on), day_number=day_number(published, on)
    )
