"""TRACKER_REMINDERS checked word for word: whole numbers that are not yes/no, lists of days that are
not text, dates with stray spaces, Section 55 days within the 56, zero allowed where it means "none";
and the weekly beat when it is set to every day."""

import re
from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured

from inspections.reminders.rules import reminder_config
from tests.reminders.support import set_rules


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"BATCH_SIZE": True}, "TRACKER_REMINDERS['BATCH_SIZE'] must be a whole number of at least 1, not True."),
        ({"BATCH_SIZE": "500"}, "TRACKER_REMINDERS['BATCH_SIZE'] must be a whole number of at least 1, not '500'."),
        ({"S55_DAYS_AFTER_DEADLINE": -1},
         "TRACKER_REMINDERS['S55_DAYS_AFTER_DEADLINE'] must be a whole number of at least 0, not -1."),
        ({"DUE_SOON_DAYS": "14"},
         "TRACKER_REMINDERS['DUE_SOON_DAYS'] must be a list of whole numbers of days above 0, not '14'."),
        ({"DUE_SOON_DAYS": [14, True]},
         "TRACKER_REMINDERS['DUE_SOON_DAYS'] must be a list of whole numbers of days above 0, not [14, True]."),
        ({"S55_COMMENTS_DAYS_BEFORE": [0]},
         "TRACKER_REMINDERS['S55_COMMENTS_DAYS_BEFORE'] must be a list of whole numbers of days above 0, not [0]."),
        ({"S55_DAYS": [28, 57]},
         "TRACKER_REMINDERS['S55_DAYS'] and S55_DAILY_FROM_DAY must be days of the 56 (1 to 56)."),
        ({"HOLIDAYS": ["2025-13-01"]},
         "TRACKER_REMINDERS['HOLIDAYS'] holds '2025-13-01', which is not a date written YYYY-MM-DD."),
    ],
)
def test_a_bad_setting_is_refused_and_named(settings, change, message):
    set_rules(settings, **change)
    with pytest.raises(ImproperlyConfigured, match=f"^{re.escape(message)}$"):
        reminder_config()


@pytest.mark.parametrize("value", [None, [("BATCH_SIZE", 500)]])
def test_settings_that_are_not_a_dictionary_are_refused(settings, value):
    settings.TRACKER_REMINDERS = value
    with pytest.raises(ImproperlyConfigured, match=r"^Set TRACKER_REMINDERS in the settings \(see"):
        reminder_config()


def test_zero_means_none_where_it_is_allowed(settings):
    set_rules(settings, S55_DAYS_AFTER_DEADLINE=0, EMAIL_RETRY_SECONDS=0)
    rules = reminder_config()
    assert (rules.s55_days_after_deadline, rules.email_retry_seconds, rules.s55_last_reminder_day) == (0, 0, 56)
    assert [day for day in range(50, 60) if rules.s55_fires_after(day)] == []


def test_holidays_written_with_spaces_are_read(settings):
    set_rules(settings, HOLIDAYS=[" 2025-12-25 ", "2025-12-26\n"])
    assert reminder_config().holidays == frozenset({date(2025, 12, 25), date(2025, 12, 26)})


def test_days_are_kept_once_each_latest_first(settings):
    set_rules(settings, DUE_SOON_DAYS=[1, 14, 7, 14])
    assert reminder_config().due_soon_days == (14, 7, 1)


def test_chased_every_day_starts_the_day_after_the_due_date(settings):
    set_rules(settings, OVERDUE_EVERY_DAYS=1)
    rules = reminder_config()
    assert [late for late in range(-1, 4) if rules.chases(late)] == [1, 2, 3]
    assert [late for late in range(12, 18) if rules.escalates(late)] == [15, 16, 17]


def test_the_weekly_beat(settings):
    rules = reminder_config()
    assert [late for late in range(0, 30) if rules.chases(late)] == [1, 8, 15, 22, 29]
    assert [late for late in range(0, 37) if rules.escalates(late)] == [15, 22, 29, 36]
    assert [n for n in range(0, 58) if rules.s55_fires_before(n)] == [28, 42, 49, 52, 53, 54, 55, 56]
    assert [n for n in range(55, 66) if rules.s55_fires_after(n)] == [57, 58, 59, 60, 61, 62, 63]
