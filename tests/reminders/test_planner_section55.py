"""The Section 55 reminders the planner calls for, word for word: who gets them (the force's OPCC staff
who can be reached, nobody else), on which days of the 56, what they say (day N of 56, the last day in
London dates, how late), when they stop, and the force lead's reminder of the Chief Constable's comments.

The planner is asked directly (Planner.for_inspection), one inspection and one send day at a time."""

from datetime import date

import pytest

from inspections.models import Access, LetterStatus
from inspections.reminders.planner import Planner, Skipped
from inspections.reminders.rules import reminder_config
from tests.factories import (
    ForceFactory,
    InspectionFactory,
    MembershipFactory,
    RoleFactory,
    Section55ResponseFactory,
    UserFactory,
)
from tests.reminders.support import opcc_staff, set_rules

pytestmark = pytest.mark.django_db

# Published on Wednesday 1 March 2023: day 28 is Tuesday 28 March, day 56 (the last) Tuesday 25 April.
PUBLISHED = date(2023, 3, 1)
DAY_28 = date(2023, 3, 28)
LAST_DAY = date(2023, 4, 25)


def for_inspection(inspection, day):
    planner = Planner(reminder_config(), first_day=day, last_day=day)
    return planner.for_inspection(inspection, day)


def described(candidates):
    """Each candidate as (recipient, rule, day, reason, force, inspection, finding)."""
    return [
        (c.recipient.username, c.rule, c.day, c.reason, c.force_id, c.inspection.pk, c.finding) for c in candidates
    ]


def clock_reminders(inspection, day, reason, *usernames):
    return [(name, "s55_clock", day, reason, inspection.force_id, inspection.pk, None) for name in usernames]


@pytest.fixture
def inspection():
    inspection = InspectionFactory(published_on=PUBLISHED, title="PEEL 2023")
    opcc_staff(inspection.force, "opcc-a")
    return inspection


def test_day_28_reminds_every_reachable_opcc_officer_of_the_force_and_nobody_else(inspection):
    force = inspection.force
    second = opcc_staff(force, "opcc-b")
    for username, field, value in (("opcc-inactive", "is_active", False), ("opcc-no-email", "email", "")):
        unreachable = opcc_staff(force, username)
        setattr(unreachable, field, value)
        unreachable.save()
    MembershipFactory(user=UserFactory(username="force-lead"), force=force, access=Access.FORCE_LEAD)
    opcc_staff(ForceFactory(), "opcc-elsewhere")

    candidates, skipped = for_inspection(inspection, DAY_28)

    reason = (
        "Day 28 of 56. The Section 55 response must be published by Tuesday 25 April 2023 (28 days from today); "
        "it is not yet marked as published."
    )
    assert described(candidates) == clock_reminders(inspection, DAY_28, reason, "opcc-a", second.username)
    assert skipped == []
    assert [c.key for c in candidates] == [
        (c.recipient.pk, None, inspection.pk, "s55_clock", DAY_28) for c in candidates
    ]


@pytest.mark.parametrize(
    ("day", "wording"),
    [
        (date(2023, 4, 11), "Day 42 of 56. The Section 55 response must be published by Tuesday 25 April 2023 "
         "(14 days from today)"),
        (date(2023, 4, 24), "Day 55 of 56. The Section 55 response must be published by Tuesday 25 April 2023 "
         "(1 day from today)"),
        (LAST_DAY, "Day 56 of 56. The Section 55 response must be published by Tuesday 25 April 2023 "
         "(today is the last day)"),
        (date(2023, 4, 26), "The Section 55 response was due to be published by Tuesday 25 April 2023; "
         "it is 1 day late"),
        (date(2023, 5, 2), "The Section 55 response was due to be published by Tuesday 25 April 2023; "
         "it is 7 days late"),
    ],
)
def test_the_wording_counts_the_days_to_the_last_day_and_after_it(inspection, day, wording):
    candidates, skipped = for_inspection(inspection, day)
    reason = f"{wording}; it is not yet marked as published."
    assert described(candidates) == clock_reminders(inspection, day, reason, "opcc-a") and skipped == []


@pytest.mark.parametrize(
    "day",
    [date(2023, 3, 27), date(2023, 3, 29), date(2023, 4, 20), date(2023, 5, 3), date(2023, 3, 1)],
    ids=["day 27", "day 29", "day 51", "day 64: a week late, it stops", "publication day"],
)
def test_no_reminder_on_the_days_between(inspection, day):
    assert for_inspection(inspection, day) == ([], [])


def test_a_friday_carries_the_weekends_days_before_the_deadline(inspection):
    # Friday 21 April is day 52; Saturday and Sunday (days 53 and 54) have no email of their own.
    friday = date(2023, 4, 21)
    candidates, _ = for_inspection(inspection, friday)
    reason = (
        "Day 52 of 56. The Section 55 response must be published by Tuesday 25 April 2023 (4 days from today); "
        "it is not yet marked as published."
    )
    assert described(candidates) == clock_reminders(inspection, friday, reason, "opcc-a")
    assert for_inspection(inspection, date(2023, 4, 22)) == ([], [])


def test_day_28_on_a_saturday_is_sent_on_the_friday_before():
    # Published on Sunday 5 March 2023: day 28 is Saturday 1 April, so Friday 31 March (day 27) sends it.
    inspection = InspectionFactory(published_on=date(2023, 3, 5))
    opcc_staff(inspection.force, "opcc-a")
    friday = date(2023, 3, 31)
    candidates, _ = for_inspection(inspection, friday)
    reason = (
        "Day 27 of 56. The Section 55 response must be published by Saturday 29 April 2023 (29 days from today); "
        "it is not yet marked as published."
    )
    assert described(candidates) == clock_reminders(inspection, friday, reason, "opcc-a")


def test_a_late_day_on_a_weekend_is_chased_on_the_monday_after():
    # Published on Saturday 4 March 2023: the last day is Friday 28 April; day 57 is Saturday 29 April.
    inspection = InspectionFactory(published_on=date(2023, 3, 4))
    opcc_staff(inspection.force, "opcc-a")
    monday = date(2023, 5, 1)
    candidates, _ = for_inspection(inspection, monday)
    reason = (
        "The Section 55 response was due to be published by Friday 28 April 2023; it is 3 days late; "
        "it is not yet marked as published."
    )
    assert described(candidates) == clock_reminders(inspection, monday, reason, "opcc-a")


def test_after_the_last_late_day_a_monday_does_not_carry_the_weekend_forward():
    # Published on Wednesday 1 March: day 63 is Tuesday 2 May; Monday 8 May (day 69) covers days 67 to 69.
    inspection = InspectionFactory(published_on=PUBLISHED)
    opcc_staff(inspection.force, "opcc-a")
    assert for_inspection(inspection, date(2023, 5, 8)) == ([], [])


def test_nothing_on_a_weekend_day_itself(inspection, settings):
    assert for_inspection(inspection, date(2023, 4, 23)) == ([], [])  # Sunday, day 54
    set_rules(settings, WORKING_DAYS_ONLY=False)
    candidates, _ = for_inspection(inspection, date(2023, 4, 23))
    reason = (
        "Day 54 of 56. The Section 55 response must be published by Tuesday 25 April 2023 (2 days from today); "
        "it is not yet marked as published."
    )
    assert described(candidates) == clock_reminders(inspection, date(2023, 4, 23), reason, "opcc-a")


def test_a_force_without_reachable_opcc_staff_is_listed_as_skipped():
    inspection = InspectionFactory(published_on=PUBLISHED, title="PEEL 2023")
    staff = opcc_staff(inspection.force, "opcc-gone")
    staff.is_active = False
    staff.save()
    opcc_staff(ForceFactory(), "opcc-elsewhere")
    assert for_inspection(inspection, DAY_28) == (
        [],
        [
            Skipped(
                force_id=inspection.force_id,
                inspection_id=inspection.pk,
                text="PEEL 2023: Section 55 reminder not sent: the force has no OPCC staff with email.",
            )
        ],
    )


def published_response(inspection, on, **kwargs):
    return Section55ResponseFactory(
        inspection=inspection, status=LetterStatus.FINAL, sent_on=on, published_on=on,
        published_url="https://opcc.example.org/s55", **kwargs,
    )


def test_the_clock_stops_on_the_day_the_response_is_marked_published(inspection):
    published_response(inspection, DAY_28)
    assert for_inspection(inspection, DAY_28) == ([], [])


def test_a_response_published_later_than_the_send_day_does_not_stop_that_days_reminder(inspection):
    published_response(inspection, date(2023, 3, 29))
    [candidate], skipped = for_inspection(inspection, DAY_28)
    assert (candidate.recipient.username, candidate.rule, skipped) == ("opcc-a", "s55_clock", [])


def test_a_response_started_but_not_published_keeps_the_clock_going(inspection):
    Section55ResponseFactory(inspection=inspection, status=LetterStatus.FINAL, sent_on=date(2023, 3, 20))
    [candidate], skipped = for_inspection(inspection, DAY_28)
    assert (candidate.recipient.username, candidate.rule, skipped) == ("opcc-a", "s55_clock", [])


def test_an_inspection_without_a_publication_date_has_no_clock():
    inspection = InspectionFactory(published_on=None)
    opcc_staff(inspection.force, "opcc-a")
    assert for_inspection(inspection, DAY_28) == ([], [])


# The Chief Constable's comments ----------------------------------------------------------------------

@pytest.fixture
def lead():
    return RoleFactory(title="Head of Corporate Development", holder=UserFactory(username="lead"))


def comments_due(inspection, due, lead, **kwargs):
    lead.force = inspection.force
    lead.save()
    return Section55ResponseFactory(
        inspection=inspection, comments_invited_on=PUBLISHED, comments_due_on=due, response_lead=lead, **kwargs
    )


@pytest.mark.parametrize(
    ("day", "when"),
    [(date(2023, 3, 16), "in 7 days"), (date(2023, 3, 22), "tomorrow")],
)
def test_the_force_lead_is_reminded_7_days_and_1_day_before_the_comments_are_due(inspection, lead, day, when):
    comments_due(inspection, date(2023, 3, 23), lead)
    candidates, skipped = for_inspection(inspection, day)
    reason = (
        f"The Chief Constable's comments on the report are due {when}, by Thursday 23 March 2023. "
        "You are the force lead for the Section 55 response."
    )
    assert described(candidates) == [("lead", "s55_comments", day, reason, inspection.force_id, inspection.pk, None)]
    assert skipped == []


@pytest.mark.parametrize("day", [date(2023, 3, 15), date(2023, 3, 17), date(2023, 3, 23)])
def test_the_force_lead_is_not_reminded_on_other_days(inspection, lead, day):
    comments_due(inspection, date(2023, 3, 23), lead)
    assert for_inspection(inspection, day) == ([], [])


def test_comments_due_on_a_monday_are_reminded_on_the_friday_before(inspection, lead):
    comments_due(inspection, date(2023, 3, 27), lead)
    [candidate], _ = for_inspection(inspection, date(2023, 3, 24))
    assert candidate.reason == (
        "The Chief Constable's comments on the report are due in 3 days, by Monday 27 March 2023. "
        "You are the force lead for the Section 55 response."
    )


def test_comments_reminders_stop_once_the_response_is_sent(inspection, lead):
    comments_due(inspection, date(2023, 3, 23), lead, status=LetterStatus.FINAL, sent_on=date(2023, 3, 22))
    assert for_inspection(inspection, date(2023, 3, 22)) == ([], [])


def test_a_response_sent_after_the_send_day_does_not_stop_the_reminder(inspection, lead):
    comments_due(inspection, date(2023, 3, 23), lead, status=LetterStatus.FINAL, sent_on=date(2023, 3, 23))
    [candidate], _ = for_inspection(inspection, date(2023, 3, 22))
    assert (candidate.recipient.username, candidate.rule) == ("lead", "s55_comments")


def test_comments_and_the_clock_on_the_same_day_are_two_reminders(inspection, lead):
    comments_due(inspection, date(2023, 3, 29), lead)
    candidates, skipped = for_inspection(inspection, DAY_28)
    assert [(c.recipient.username, c.rule) for c in candidates] == [("opcc-a", "s55_clock"), ("lead", "s55_comments")]
    assert skipped == []


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"holder": None}, "the force lead, Head of Corporate Development is vacant"),
        ({"holder.is_active": False}, "Lena Lead (the force lead, Head of Corporate Development) is an inactive user"),
        ({"holder.email": ""}, "Lena Lead (the force lead, Head of Corporate Development) has no email address"),
    ],
)
def test_a_force_lead_who_cannot_be_reached_is_listed_as_skipped(inspection, lead, change, why):
    holder = lead.holder
    holder.first_name, holder.last_name = "Lena", "Lead"
    for field, value in change.items():
        if field.startswith("holder."):
            setattr(holder, field.removeprefix("holder."), value)
        else:
            setattr(lead, field, value)
    holder.save()
    comments_due(inspection, date(2023, 3, 23), lead)
    assert for_inspection(inspection, date(2023, 3, 22)) == (
        [],
        [
            Skipped(
                force_id=inspection.force_id,
                inspection_id=inspection.pk,
                text=f"PEEL 2023: Reminder of the Chief Constable's comments not sent: {why}.",
            )
        ],
    )


def test_no_force_lead_set_is_listed_as_skipped(inspection):
    Section55ResponseFactory(inspection=inspection, comments_due_on=date(2023, 3, 23))
    assert for_inspection(inspection, date(2023, 3, 22)) == (
        [],
        [
            Skipped(
                force_id=inspection.force_id,
                inspection_id=inspection.pk,
                text="PEEL 2023: Reminder of the Chief Constable's comments not sent: no force lead is set.",
            )
        ],
    )
