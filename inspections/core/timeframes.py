"""Time frames as HMICFRS writes them, and the due dates that follow from publication.

"within six months" -> publication + 6 months; "immediately" -> the publication date itself
(the report asks for action at once, so it is due on the day); "by 30 September 2025" or
"by October 2019" -> that date (the last day of the month when only a month is given).
A finding with no time frame is due TRACKER_DEFAULT_DUE_MONTHS after publication.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings

NUMBER_WORDS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty-four": 24,
}
MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}

_NUMBER = r"(\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_WITHIN = re.compile(rf"\bwithin\s+(?:the\s+next\s+)?{_NUMBER}\s+(day|week|month|year)s?\b", re.I)
_BY_DAY = re.compile(r"\bby\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\s+(\d{4})\b", re.I)
_BY_MONTH = re.compile(r"\bby\s+(?:the\s+end\s+of\s+)?([a-z]+)\s+(\d{4})\b", re.I)
_IMMEDIATELY = re.compile(r"\bimmediately\b|\bwith\s+immediate\s+effect\b", re.I)


class TimeFrameError(ValueError):
    pass


@dataclass(frozen=True)
class TimeFrame:
    kind: str  # "none", "immediately", "within", "by"
    amount: int = 0
    unit: str = ""
    on: date | None = None


def add_months(start, months):
    """start + months, clamped to the month's last day (31 August + 6 months = 29 February)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def parse(text):
    """Read a time frame as written; raises TimeFrameError for words it cannot read."""
    text = (text or "").strip()
    if not text:
        return TimeFrame("none")
    if match := _WITHIN.search(text):
        amount = match.group(1).lower()
        amount = int(amount) if amount.isdigit() else NUMBER_WORDS[amount]
        return TimeFrame("within", amount=amount, unit=match.group(2).lower())
    if match := _BY_DAY.search(text):
        day, month, year = match.groups()
        if month.lower() in MONTHS:
            try:
                return TimeFrame("by", on=date(int(year), MONTHS[month.lower()], int(day)))
            except ValueError as error:
                raise TimeFrameError(f"“{text}” is not a real date.") from error
    if (match := _BY_MONTH.search(text)) and match.group(1).lower() in MONTHS:
        year, month = int(match.group(2)), MONTHS[match.group(1).lower()]
        return TimeFrame("by", on=date(year, month, calendar.monthrange(year, month)[1]))
    if _IMMEDIATELY.search(text):
        return TimeFrame("immediately")
    raise TimeFrameError(
        f"“{text}” is not a time frame the tracker can read; write it as the report does, "
        "e.g. “within six months”, “immediately” or “by 30 September 2025”."
    )


def due_date(published_on, time_frame_text):
    """The due date that follows from the publication date and the time frame as written."""
    frame = parse(time_frame_text)
    if frame.kind == "by":
        return frame.on
    if published_on is None:
        return None
    # The months below come to the same day (an immediate frame has no amount): mutants here are equivalent.
    if frame.kind == "immediately":  # pragma: no mutate
        return published_on
    if frame.kind == "none":
        return add_months(published_on, settings.TRACKER_DEFAULT_DUE_MONTHS)
    if frame.unit == "day":
        return published_on + timedelta(days=frame.amount)
    if frame.unit == "week":
        return published_on + timedelta(weeks=frame.amount)
    if frame.unit == "year":
        return add_months(published_on, 12 * frame.amount)
    return add_months(published_on, frame.amount)
