"""The reminders' calendar on its own: the next working day over weekends and bank holidays, and the
days after the Section 55 deadline on which OPCC staff are still reminded."""

from datetime import date

from inspections.reminders.rules import AFTER, BEFORE, LONGEST_BREAK, reminder_config
from tests.reminders.support import set_rules

FRIDAY = date(2025, 4, 11)
GOOD_FRIDAY, EASTER_MONDAY = date(2025, 4, 18), date(2025, 4, 21)


def test_the_next_working_day_skips_the_weekend_from_friday_saturday_or_sunday(settings):
    set_rules(settings, WORKING_DAYS_ONLY=True, HOLIDAYS=[])
    rules = reminder_config()
    assert rules.next_send_day(date(2025, 4, 10)) == FRIDAY
    for day in (FRIDAY, date(2025, 4, 12), date(2025, 4, 13)):
        assert rules.next_send_day(day) == date(2025, 4, 14)


def test_the_next_working_day_skips_bank_holidays_one_day_at_a_time(settings):
    set_rules(settings, WORKING_DAYS_ONLY=True, HOLIDAYS=[GOOD_FRIDAY.isoformat(), EASTER_MONDAY.isoformat()])
    rules = reminder_config()
    assert rules.next_send_day(date(2025, 4, 17)) == date(2025, 4, 22), "Maundy Thursday to the Tuesday after Easter"
    assert rules.next_send_day(EASTER_MONDAY) == date(2025, 4, 22)
    set_rules(settings, HOLIDAYS=[date(2025, 4, 15).isoformat()])
    assert reminder_config().next_send_day(date(2025, 4, 14)) == date(2025, 4, 16)


def test_every_day_is_a_sending_day_when_working_days_only_is_off(settings):
    set_rules(settings, WORKING_DAYS_ONLY=False)
    assert reminder_config().next_send_day(FRIDAY) == date(2025, 4, 12)


def test_after_the_deadline_staff_are_reminded_from_day_57_for_the_days_configured(settings):
    set_rules(settings, S55_DAYS_AFTER_DEADLINE=7)
    rules = reminder_config()
    assert rules.s55_last_reminder_day == 63
    assert not rules.s55_fires_after(56), "day 56 is the last day to publish, not yet after it"
    assert rules.s55_fires_after(57)
    assert rules.s55_fires_after(63)
    assert not rules.s55_fires_after(64)


def test_holidays_may_be_given_as_dates_or_as_iso_text_and_all_count(settings):
    set_rules(settings, WORKING_DAYS_ONLY=True, HOLIDAYS=[GOOD_FRIDAY, EASTER_MONDAY.isoformat(), date(2025, 4, 22)])
    rules = reminder_config()
    assert rules.holidays == frozenset({GOOD_FRIDAY, EASTER_MONDAY, date(2025, 4, 22)})
    assert rules.next_send_day(date(2025, 4, 17)) == date(2025, 4, 23)


def test_a_friday_covers_the_weekend_before_and_a_monday_the_weekend_after(settings):
    set_rules(settings, WORKING_DAYS_ONLY=True, HOLIDAYS=[])
    rules = reminder_config()
    assert rules.covers(FRIDAY, BEFORE) == [FRIDAY, date(2025, 4, 12), date(2025, 4, 13)]
    assert rules.covers(date(2025, 4, 14), AFTER) == [date(2025, 4, 14), date(2025, 4, 13), date(2025, 4, 12)]
    assert rules.covers(date(2025, 4, 12), BEFORE) == []


def test_a_break_longer_than_the_longest_is_covered_for_the_longest_only(settings):
    shutdown = [date(2025, 12, 20 + n).isoformat() for n in range(12)]
    shutdown += [date(2026, 1, n).isoformat() for n in range(1, 10)]
    set_rules(settings, WORKING_DAYS_ONLY=True, HOLIDAYS=shutdown)
    days = reminder_config().covers(date(2025, 12, 19), BEFORE)
    assert len(days) == LONGEST_BREAK + 1
    assert days[0] == date(2025, 12, 19) and days[-1] == date(2026, 1, 2)
