"""How dates, counts and spans of days are written, in British English, everywhere the tracker
writes them in Python (emails, letters, packs, messages and audit reasons). Templates use the same
forms through the filters in templatetags/tracker.py."""

from django.utils import timezone

# Spelt here rather than taken from strftime's %B, which follows the process's locale.
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def day_month_year(day):
    """10 February 2026 (no leading zero, on every platform); "" for no date."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else ""


def month_year(day):
    """February 2026; "" for no date."""
    return f"{MONTHS[day.month - 1]} {day.year}" if day else ""


def long_date(day):
    """Tuesday 10 February 2026; "" for no date."""
    return f"{day:%A} {day_month_year(day)}" if day else ""


def date_and_time(moment):
    """10 February 2026 at 14:05, in Europe/London; "" for none."""
    if not moment:
        return ""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{day_month_year(local)} at {local:%H:%M}"


def plural(number, word):
    """1 day, 2 days, 1,204 findings."""
    return f"{number:,} {word}{'' if number == 1 else 's'}"


def in_days(days):
    """today, tomorrow, in 5 days."""
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"in {days} days"
