"""Chasing progress updates, as the planner words it: the update is due on the finding's next update
date, or else the day before the next meeting of the governing board (or of the nearest board above it
that has meetings recorded); the owner is reminded 7 days before it, when it falls before that meeting
or no meeting is scheduled.

The planner is asked directly (Planner.for_finding), one finding and one send day at a time."""

from datetime import date, timedelta

import pytest

from inspections.models import Finding
from inspections.reminders.planner import Planner
from inspections.reminders.rules import reminder_config
from tests.factories import BoardFactory, BoardMeetingFactory, ForceFactory, InspectionFactory, RoleFactory
from tests.reminders.support import finding_due

pytestmark = pytest.mark.django_db

DAY = date(2023, 6, 14)  # a Wednesday
WEEK_ON = date(2023, 6, 21)


def reasons(finding, day):
    """[(rule, reason)] of the owner's reminders on `day`."""
    planner = Planner(reminder_config(), first_day=day, last_day=day)
    candidates, skipped = planner.for_finding(finding, day)
    assert skipped == []
    return [(c.rule, c.reason) for c in candidates]


@pytest.fixture
def finding():
    force = ForceFactory()
    board = BoardFactory(force=force, name="Public Protection Board")
    finding = finding_due(
        date(2024, 3, 1), inspection=InspectionFactory(force=force), board=board, owner=RoleFactory(force=force)
    )
    return finding


def update_due_on(finding, due):
    Finding.objects.filter(pk=finding.pk).update(next_update_due=due)
    finding.refresh_from_db()


def meeting(board, held_on):
    BoardMeetingFactory(board=board, held_on=held_on)


def test_an_update_date_with_no_meeting_scheduled_is_chased_a_week_before(finding):
    update_due_on(finding, WEEK_ON)
    assert reasons(finding, DAY) == [("update_due", "Progress update due in 7 days, by Wednesday 21 June 2023.")]
    assert reasons(finding, DAY - timedelta(days=1)) == reasons(finding, DAY + timedelta(days=1)) == []


def test_an_update_date_before_the_next_meeting_names_the_meeting(finding):
    update_due_on(finding, WEEK_ON)
    meeting(finding.board, date(2023, 6, 27))
    assert reasons(finding, DAY) == [
        (
            "update_due",
            "Progress update due in 7 days, by Wednesday 21 June 2023, before the Public Protection Board meets "
            "on Tuesday 27 June 2023.",
        )
    ]


@pytest.mark.parametrize("held_on", [WEEK_ON, date(2023, 6, 20), DAY], ids=["same day", "day before", "today"])
def test_an_update_date_on_or_after_the_next_meeting_is_not_chased(finding, held_on):
    update_due_on(finding, WEEK_ON)
    meeting(finding.board, held_on)
    assert reasons(finding, DAY) == []


def test_a_meeting_three_weeks_ahead_is_still_named(finding):
    # The planner looks far enough ahead for the longest break plus the week's notice.
    update_due_on(finding, WEEK_ON)
    meeting(finding.board, DAY + timedelta(days=22))
    assert reasons(finding, DAY) == [
        (
            "update_due",
            "Progress update due in 7 days, by Wednesday 21 June 2023, before the Public Protection Board meets "
            "on Thursday 6 July 2023.",
        )
    ]


def test_a_board_whose_meetings_are_all_past_has_none_to_name(finding):
    update_due_on(finding, WEEK_ON)
    meeting(finding.board, date(2023, 1, 10))
    assert reasons(finding, DAY) == [("update_due", "Progress update due in 7 days, by Wednesday 21 June 2023.")]


def test_without_an_update_date_the_update_is_due_the_day_before_the_next_meeting(finding):
    meeting(finding.board, date(2023, 6, 22))
    assert reasons(finding, DAY) == [
        (
            "update_due",
            "Progress update due in 7 days, by Wednesday 21 June 2023, before the Public Protection Board meets "
            "on Thursday 22 June 2023.",
        )
    ]
    assert reasons(finding, DAY + timedelta(days=1)) == []


def test_without_an_update_date_or_a_meeting_nothing_is_chased(finding):
    assert reasons(finding, DAY) == []


def test_an_update_due_on_a_sunday_is_chased_on_the_friday_before(finding):
    # Meeting Monday 3 July: the update is due Sunday 2 July; a week before is Sunday 25 June.
    meeting(finding.board, date(2023, 7, 3))
    friday = date(2023, 6, 23)
    assert reasons(finding, friday) == [
        (
            "update_due",
            "Progress update due in 9 days, by Sunday 2 July 2023, before the Public Protection Board meets on "
            "Monday 3 July 2023.",
        )
    ]


def test_the_board_above_is_followed_when_the_board_has_no_meetings_recorded(finding):
    executive = BoardFactory(force=finding.board.force, name="Force Executive Board")
    board = finding.board
    board.parent = executive
    board.save()
    meeting(executive, date(2023, 6, 22))
    assert reasons(finding, DAY) == [
        (
            "update_due",
            "Progress update due in 7 days, by Wednesday 21 June 2023, before the Force Executive Board meets on "
            "Thursday 22 June 2023.",
        )
    ]


def test_the_boards_own_meetings_come_before_those_of_the_board_above(finding):
    executive = BoardFactory(force=finding.board.force, name="Force Executive Board")
    board = finding.board
    board.parent = executive
    board.save()
    meeting(executive, date(2023, 6, 22))
    meeting(board, date(2023, 7, 11))
    assert reasons(finding, DAY) == []
    assert reasons(finding, date(2023, 7, 3)) == [
        (
            "update_due",
            "Progress update due in 7 days, by Monday 10 July 2023, before the Public Protection Board meets on "
            "Tuesday 11 July 2023.",
        )
    ]


def test_a_finding_without_a_board_is_chased_on_its_update_date_alone(finding):
    update_due_on(finding, WEEK_ON)
    finding.board = None
    assert reasons(finding, DAY) == [("update_due", "Progress update due in 7 days, by Wednesday 21 June 2023.")]


def test_the_weekends_reminders_look_for_the_meeting_after_each_of_its_days(finding):
    # A meeting on Saturday 24 June is behind Sunday 25 June, whose reminder (sent on Friday 23 June) is for
    # the update due before the meeting after it, on Monday 3 July.
    meeting(finding.board, date(2023, 6, 24))
    meeting(finding.board, date(2023, 7, 3))
    assert reasons(finding, date(2023, 6, 23)) == [
        (
            "update_due",
            "Progress update due in 9 days, by Sunday 2 July 2023, before the Public Protection Board meets on "
            "Monday 3 July 2023.",
        )
    ]
