"""The Section 55 clock, as s55(5A) of the Police Act 1996 states it: the local policing body publishes
its response within 56 days, the day of publication being day one."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.core.exceptions import ObjectDoesNotExist

from inspections.section55 import clock

# The Warwickshire PEEL 2021/22 report was published on 14 October 2022.
PUBLISHED = date(2022, 10, 14)


def response(*, final=False, sent=False, published=False):
    return SimpleNamespace(is_final=final or sent or published, is_sent=sent or published, is_published=published)


class Inspection:
    def __init__(self, published_on, section55=None):
        self.published_on = published_on
        self._section55 = section55

    @property
    def section55(self):
        if self._section55 is None:
            raise ObjectDoesNotExist
        return self._section55


def test_the_last_day_is_the_fifty_sixth_counting_publication_day_as_day_one():
    assert clock.SECTION_55_DAYS == 56
    assert clock.deadline(PUBLISHED) == date(2022, 12, 8)
    assert clock.day_number(PUBLISHED, PUBLISHED) == 1
    assert clock.day_number(PUBLISHED, date(2022, 12, 8)) == 56
    assert clock.day_number(PUBLISHED, date(2022, 12, 9)) == 57


def test_days_left_is_nought_on_the_last_day_and_negative_after_it():
    assert clock.days_left(PUBLISHED, PUBLISHED) == 55
    assert clock.days_left(PUBLISHED, date(2022, 12, 8)) == 0
    assert clock.days_left(PUBLISHED, date(2022, 12, 10)) == -2


def test_an_unpublished_report_has_no_clock():
    assert clock.deadline(None) is None
    assert clock.day_number(None, PUBLISHED) is None
    assert clock.days_left(None, PUBLISHED) is None
    status = clock.status_for(Inspection(None), on=PUBLISHED)
    assert (status.deadline, status.days_left, status.day_number) == (None, None, None)
    assert not status.is_overdue and status.days_late == 0 and status.tag == "grey"


def test_a_response_not_started_is_counted_down_and_said_so():
    status = clock.status_for(Inspection(PUBLISHED), on=date(2022, 11, 1))
    assert status.response is None
    assert status.state == "Not started"
    assert (status.deadline, status.days_left, status.day_number, status.total_days) == (date(2022, 12, 8), 37, 19, 56)
    assert not status.is_published and not status.is_sent
    assert status.tag == "grey"


@pytest.mark.parametrize(
    ("on", "tag"),
    [
        (date(2022, 11, 23), "grey"),
        (date(2022, 11, 24), "amber"),
        (date(2022, 12, 8), "amber"),
        (date(2022, 12, 9), "overdue"),
    ],
    ids=["15 days left", "14 days left", "the last day", "the day after"],
)
def test_the_last_fourteen_days_are_pressing_and_after_the_last_day_it_is_overdue(on, tag):
    status = clock.status_for(Inspection(PUBLISHED, response()), on=on)
    assert status.tag == tag
    assert status.is_overdue is (tag == "overdue")


def test_days_late_counts_from_the_day_after_the_last():
    assert clock.status_for(Inspection(PUBLISHED), on=date(2022, 12, 8)).days_late == 0
    assert clock.status_for(Inspection(PUBLISHED), on=date(2022, 12, 11)).days_late == 3


@pytest.mark.parametrize(
    ("record", "state"),
    [
        (response(), "Draft"),
        (response(final=True), "Final, not yet sent"),
        (response(sent=True), "Sent, not yet published"),
    ],
)
def test_each_state_of_a_response_still_to_be_published(record, state):
    status = clock.status_for(Inspection(PUBLISHED, record), on=date(2022, 12, 20))
    assert status.state == state
    assert status.response is record
    assert status.is_sent is (state == "Sent, not yet published")
    assert status.is_overdue and status.tag == "overdue"


def test_a_published_response_stops_the_clock_even_after_the_deadline():
    record = response(published=True)
    status = clock.status_for(Inspection(PUBLISHED, record), on=date(2023, 3, 1))
    assert status.state == "Published"
    assert status.is_published and status.is_sent
    assert status.deadline == date(2022, 12, 8)
    assert status.days_left is None and status.day_number is None
    assert not status.is_overdue and status.days_late == 0
    assert status.tag == "green"


def test_the_clock_reads_today_in_london_when_no_day_is_given(monkeypatch):
    monkeypatch.setattr(clock.timezone, "localdate", lambda: date(2022, 12, 8))
    status = clock.status_for(Inspection(PUBLISHED))
    assert status.days_left == 0 and status.day_number == 56
