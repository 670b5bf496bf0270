from datetime import date

import pytest
from django.test import override_settings

from inspections.core.timeframes import TimeFrame, TimeFrameError, add_months, due_date, parse

PUBLISHED = date(2019, 9, 27)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("within six months", date(2020, 3, 27)),
        ("Within three months", date(2019, 12, 27)),
        ("within 3 months", date(2019, 12, 27)),
        ("within twelve months", date(2020, 9, 27)),
        ("within one year", date(2020, 9, 27)),
        ("within 28 days", date(2019, 10, 25)),
        ("within six weeks", date(2019, 11, 8)),
        ("immediately", PUBLISHED),
        ("we recommend that the force should immediately", PUBLISHED),
        ("by 30 September 2025", date(2025, 9, 30)),
        ("by 1st April 2020", date(2020, 4, 1)),
        ("by October 2019", date(2019, 10, 31)),
        ("by the end of March 2020", date(2020, 3, 31)),
    ],
)
def test_due_date_from_time_frame_as_written(written, expected):
    assert due_date(PUBLISHED, written) == expected


@override_settings(TRACKER_DEFAULT_DUE_MONTHS=12)
def test_no_time_frame_uses_the_default_period():
    assert parse("").kind == "none"
    assert due_date(PUBLISHED, "") == date(2020, 9, 27)


def test_month_arithmetic_clamps_to_month_end():
    assert add_months(date(2019, 8, 31), 6) == date(2020, 2, 29)
    assert add_months(date(2022, 10, 31), 4) == date(2023, 2, 28)
    assert add_months(date(2022, 11, 15), 14) == date(2024, 1, 15)


@pytest.mark.parametrize("written", ["soon", "as soon as practicable", "by 31 February 2024"])
def test_unreadable_time_frame_is_refused_with_a_clear_message(written):
    with pytest.raises(TimeFrameError, match="time frame|not a real date"):
        parse(written)


def test_the_refusal_shows_how_to_write_a_time_frame():
    with pytest.raises(TimeFrameError) as error:
        parse("soon")
    assert str(error.value) == (
        "“soon” is not a time frame the tracker can read; write it as the report does, "
        "e.g. “within six months”, “immediately” or “by 30 September 2025”."
    )


def test_no_publication_date_means_no_due_date_unless_a_date_is_given():
    assert due_date(None, "within six months") is None
    assert due_date(None, "by 30 September 2025") == date(2025, 9, 30)


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("", TimeFrame("none")),
        ("Within SIX Months", TimeFrame("within", amount=6, unit="month")),
        ("within 28 days", TimeFrame("within", amount=28, unit="day")),
        ("Immediately", TimeFrame("immediately")),
        ("by 30 September 2025", TimeFrame("by", on=date(2025, 9, 30))),
        ("by October 2019", TimeFrame("by", on=date(2019, 10, 31))),
    ],
)
def test_a_time_frame_is_read_as_one_of_four_kinds(written, read):
    """None given, immediately, within a period of the publication, or by a date: as the reports write them."""
    assert parse(written) == read
