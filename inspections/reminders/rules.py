"""The reminder rules' settings (TRACKER_REMINDERS) and the calendar they run on.

Reminders go out on working days only (unless WORKING_DAYS_ONLY is off). A reminder that would
fall on a Saturday, Sunday or holiday moves:
- earlier, to the working day before, when it warns of a date still to come (due soon, update due,
  the Section 55 clock up to its last day, the Chief Constable's comments), so the warning is not late;
- later, to the working day after, when it chases a date that has passed (overdue, escalation, a
  Section 55 response past its last day), so nobody is chased before the date has actually passed.
So the sweep of a working day covers that day plus the non-working days next to it, in the direction
of each rule; each rule's reason is worded for the day the email is sent.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from inspections.section55.clock import SECTION_55_DAYS

BEFORE = "before"  # the rule warns of a date still to come
AFTER = "after"  # the rule chases a date that has passed
LONGEST_BREAK = 14  # no run of non-working days is longer than this

DAY_LISTS = ("DUE_SOON_DAYS", "S55_DAYS", "S55_COMMENTS_DAYS_BEFORE")
POSITIVE = (
    "OVERDUE_EVERY_DAYS", "ESCALATE_AFTER_DAYS", "UPDATE_DUE_DAYS_BEFORE", "S55_DAILY_FROM_DAY", "PREVIEW_DAYS",
    "BATCH_SIZE", "EMAIL_MAX_ATTEMPTS",
)
NOT_NEGATIVE = ("S55_DAYS_AFTER_DEADLINE", "EMAIL_RETRY_SECONDS")
FLAGS = ("WORKING_DAYS_ONLY",)
KEYS = (*DAY_LISTS, *POSITIVE, *NOT_NEGATIVE, *FLAGS, "HOLIDAYS")


@dataclass(frozen=True)
class ReminderConfig:
    due_soon_days: tuple
    overdue_every_days: int
    escalate_after_days: int
    update_due_days_before: int
    s55_days: tuple
    s55_daily_from_day: int
    s55_days_after_deadline: int
    s55_comments_days_before: tuple
    working_days_only: bool
    holidays: frozenset
    preview_days: int
    batch_size: int
    email_max_attempts: int
    email_retry_seconds: int

    def is_working_day(self, day):
        if not self.working_days_only:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def covers(self, send_day, direction):
        """The days whose reminders of this direction go out on send_day (empty on a non-working day)."""
        if not self.is_working_day(send_day):
            return []
        days, step = [send_day], timedelta(days=1 if direction == BEFORE else -1)
        day = send_day + step
        while not self.is_working_day(day) and len(days) <= LONGEST_BREAK:
            days.append(day)
            day += step
        return days

    def next_send_day(self, after):
        """The first working day after the given day."""
        day = after + timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def retry_delay(self, attempts):
        """Seconds to wait before the next attempt at an email already tried `attempts` times."""
        return self.email_retry_seconds * 2 ** max(attempts - 1, 0)

    @property
    def s55_last_reminder_day(self):
        """The last day of the Section 55 clock on which OPCC staff are still reminded."""
        return SECTION_55_DAYS + self.s55_days_after_deadline

    def s55_fires_before(self, day_number):
        return day_number in self.s55_days or self.s55_daily_from_day <= day_number <= SECTION_55_DAYS

    def s55_fires_after(self, day_number):
        return SECTION_55_DAYS < day_number <= self.s55_last_reminder_day

    def escalates(self, days_late):
        over = days_late - self.escalate_after_days
        return over >= 1 and (over - 1) % self.overdue_every_days == 0

    def chases(self, days_late):
        return days_late >= 1 and (days_late - 1) % self.overdue_every_days == 0


def _problem(key, message):
    return ImproperlyConfigured(f"TRACKER_REMINDERS[{key!r}] {message}")


def _int(raw, key, minimum):
    value = raw[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise _problem(key, f"must be a whole number of at least {minimum}, not {value!r}.")
    return value


def _days(raw, key):
    value = raw[key]
    if isinstance(value, str) or not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in value):
        raise _problem(key, f"must be a list of whole numbers of days above 0, not {value!r}.")
    return tuple(sorted(set(value), reverse=True))


def _holidays(raw):
    days = set()
    for value in raw["HOLIDAYS"]:
        if isinstance(value, date):
            days.add(value)
            continue
        try:
            days.add(date.fromisoformat(str(value).strip()))
        except ValueError:
            raise _problem("HOLIDAYS", f"holds {value!r}, which is not a date written YYYY-MM-DD.") from None
    return frozenset(days)


def reminder_config():
    """The rules as configured in settings.TRACKER_REMINDERS, checked."""
    raw = getattr(settings, "TRACKER_REMINDERS", None)
    if not isinstance(raw, dict):
        raise ImproperlyConfigured("Set TRACKER_REMINDERS in the settings (see tracker/settings/base.py).")
    missing = [key for key in KEYS if key not in raw]
    if missing:
        raise ImproperlyConfigured(f"TRACKER_REMINDERS is missing {', '.join(missing)}.")
    unknown = sorted(set(raw) - set(KEYS))
    if unknown:
        raise ImproperlyConfigured(f"TRACKER_REMINDERS has unknown settings: {', '.join(unknown)}.")
    values = {key: _days(raw, key) for key in DAY_LISTS}
    values.update({key: _int(raw, key, 1) for key in POSITIVE})
    values.update({key: _int(raw, key, 0) for key in NOT_NEGATIVE})
    if values["S55_DAILY_FROM_DAY"] > SECTION_55_DAYS or max(values["S55_DAYS"]) > SECTION_55_DAYS:
        raise _problem(
            "S55_DAYS", f"and S55_DAILY_FROM_DAY must be days of the {SECTION_55_DAYS} (1 to {SECTION_55_DAYS})."
        )
    return ReminderConfig(
        due_soon_days=values["DUE_SOON_DAYS"],
        overdue_every_days=values["OVERDUE_EVERY_DAYS"],
        escalate_after_days=values["ESCALATE_AFTER_DAYS"],
        update_due_days_before=values["UPDATE_DUE_DAYS_BEFORE"],
        s55_days=values["S55_DAYS"],
        s55_daily_from_day=values["S55_DAILY_FROM_DAY"],
        s55_days_after_deadline=values["S55_DAYS_AFTER_DEADLINE"],
        s55_comments_days_before=values["S55_COMMENTS_DAYS_BEFORE"],
        working_days_only=bool(raw["WORKING_DAYS_ONLY"]),
        holidays=_holidays(raw),
        preview_days=values["PREVIEW_DAYS"],
        batch_size=values["BATCH_SIZE"],
        email_max_attempts=values["EMAIL_MAX_ATTEMPTS"],
        email_retry_seconds=values["EMAIL_RETRY_SECONDS"],
    )
