"""An overdue finding, as the planner words it: the owner chased from the day after the due date, then,
once overdue by more than 14 days, an escalation to the chair of the governing board (or of the nearest
board above it whose chair can be reached) and to the force's OPCC staff, weekly, never before, once
each; and who is left out, and why, when someone cannot be reached.

The planner is asked directly (Planner.for_finding), one finding and one send day at a time."""

from datetime import date, timedelta

import pytest

from inspections.core.status import Status
from inspections.models import Access, Membership
from inspections.reminders.planner import Planner, Skipped
from inspections.reminders.rules import reminder_config
from tests.factories import BoardFactory, ForceFactory, InspectionFactory, MembershipFactory, RoleFactory, UserFactory
from tests.reminders.support import finding_due, opcc_staff

pytestmark = pytest.mark.django_db

DUE = date(2023, 6, 21)  # a Wednesday
DAY_15 = date(2023, 7, 6)  # Thursday: overdue by 15 days, the first escalation
OWNER = "Head of Public Protection (Owen Owner)"


def planner(day, **kwargs):
    return Planner(reminder_config(), first_day=day, last_day=day, **kwargs)


def for_finding(finding, day):
    return planner(day).for_finding(finding, day)


def described(candidates):
    """Each candidate as (recipient, rule, day, reason); the finding, force and inspection are checked once."""
    return [(c.recipient.username, c.rule, c.day, c.reason) for c in candidates]


def person(username, first_name, last_name):
    return UserFactory(username=username, first_name=first_name, last_name=last_name)


@pytest.fixture
def force():
    return ForceFactory(name="Testshire Police")


@pytest.fixture
def finding(force):
    inspection = InspectionFactory(force=force, title="PEEL 2023")
    owner = RoleFactory(force=force, title="Head of Public Protection", holder=person("owner", "Owen", "Owner"))
    chair = RoleFactory(force=force, title="Deputy Chief Constable", holder=person("chair", "Chris", "Chair"))
    board = BoardFactory(force=force, name="Public Protection Board", chair_role=chair)
    opcc_staff(force, "opcc-a")
    opcc_staff(force, "opcc-b")
    return finding_due(DUE, inspection=inspection, owner=owner, board=board, reference="AFI 3")


def escalation(day, late, to_whom, owner=OWNER, due="Wednesday 21 June 2023"):
    return f"Overdue by {late} days: it was due on {due}. Owner: {owner}. {to_whom}"


def escalated_to_all(day, late, chaired="You chair the Public Protection Board.", owner=OWNER):
    staff = "You are OPCC staff for Testshire Police."
    return [
        ("chair", "escalation", day, escalation(day, late, chaired, owner)),
        ("opcc-a", "escalation", day, escalation(day, late, staff, owner)),
        ("opcc-b", "escalation", day, escalation(day, late, staff, owner)),
    ]


def test_overdue_by_15_days_the_owner_is_chased_and_the_chair_and_opcc_staff_are_escalated_to(finding):
    candidates, skipped = for_finding(finding, DAY_15)
    assert described(candidates) == [
        ("owner", "overdue", DAY_15, "Overdue: it was due on Wednesday 21 June 2023, 15 days ago."),
        *escalated_to_all(DAY_15, 15),
    ]
    assert skipped == []
    assert {(c.finding, c.inspection, c.force_id) for c in candidates} == {
        (finding, finding.inspection, finding.inspection.force_id)
    }
    assert [c.key for c in candidates] == [
        (c.recipient.pk, finding.pk, None, c.rule, DAY_15) for c in candidates
    ]


@pytest.mark.parametrize("late", [1, 8, 14, 16, 21])
def test_no_escalation_before_15_days_nor_between_the_weekly_ones(finding, late):
    day = DUE + timedelta(days=late)
    candidates, skipped = for_finding(finding, day)
    assert [c.rule for c in candidates if c.rule == "escalation"] == [] and skipped == []


@pytest.mark.parametrize("late", [22, 29])
def test_escalation_is_repeated_weekly(finding, late):
    day = DUE + timedelta(days=late)
    candidates, _ = for_finding(finding, day)
    assert described(candidates) == [
        ("owner", "overdue", day, f"Overdue: it was due on Wednesday 21 June 2023, {late} days ago."),
        *escalated_to_all(day, late),
    ]


def test_the_owner_is_chased_the_day_after_the_due_date_and_weekly(finding):
    for late in (1, 8):
        day = DUE + timedelta(days=late)
        ago = "1 day ago" if late == 1 else f"{late} days ago"
        assert described(for_finding(finding, day)[0]) == [
            ("owner", "overdue", day, f"Overdue: it was due on Wednesday 21 June 2023, {ago}.")
        ]
    assert for_finding(finding, DUE + timedelta(days=2)) == ([], [])


@pytest.mark.parametrize(
    ("before", "when"),
    [(14, "in 14 days"), (7, "in 7 days"), (1, "tomorrow")],
)
def test_the_owner_is_warned_before_the_due_date(finding, before, when):
    day = DUE - timedelta(days=before)
    candidates, skipped = for_finding(finding, day)
    assert described(candidates) == [("owner", "due_soon", day, f"Due {when}, on Wednesday 21 June 2023.")]
    assert skipped == []


def test_a_warning_for_a_sunday_goes_on_the_friday_before(finding):
    # Due Monday 26 June: a day before is Sunday 25 June, so Friday 23 June warns, worded for the Friday.
    finding.due_date = date(2023, 6, 26)
    friday = date(2023, 6, 23)
    assert described(for_finding(finding, friday)[0]) == [
        ("owner", "due_soon", friday, "Due in 3 days, on Monday 26 June 2023.")
    ]


def test_a_finding_without_a_due_date_is_not_chased(finding):
    finding.due_date = None
    assert for_finding(finding, DAY_15) == ([], [])


def test_an_escalation_day_on_a_weekend_goes_on_the_monday_after(force):
    # Due Friday 16 June: 15 days late is Saturday 1 July; Monday 3 July sends it, 17 days late.
    friday_due = finding_due(
        date(2023, 6, 16), inspection=InspectionFactory(force=force, title="PEEL 2023"), reference="AFI 1",
        owner=RoleFactory(force=force, title="Head of Public Protection", holder=person("owner", "Owen", "Owner")),
        board=BoardFactory(force=force, name="Public Protection Board",
                           chair_role=RoleFactory(force=force, holder=person("chair", "Chris", "Chair"))),
    )
    opcc_staff(force, "opcc-a")
    assert for_finding(friday_due, date(2023, 7, 1)) == ([], [])
    monday = date(2023, 7, 3)
    candidates, _ = for_finding(friday_due, monday)
    staff = "You are OPCC staff for Testshire Police."
    assert described(candidates) == [
        ("owner", "overdue", monday, "Overdue: it was due on Friday 16 June 2023, 17 days ago."),
        ("chair", "escalation", monday,
         escalation(monday, 17, "You chair the Public Protection Board.", due="Friday 16 June 2023")),
        ("opcc-a", "escalation", monday, escalation(monday, 17, staff, due="Friday 16 June 2023")),
    ]


def test_a_chair_who_is_also_opcc_staff_gets_one_escalation_as_the_chair(finding, force):
    MembershipFactory(user=finding.board.chair_role.holder, force=force, access=Access.OPCC_STAFF)
    candidates, _ = for_finding(finding, DAY_15)
    assert described(candidates)[1:] == escalated_to_all(DAY_15, 15)


@pytest.mark.parametrize("change", [{"is_active": False}, {"email": ""}, "vacant"])
def test_a_chair_who_cannot_be_reached_is_passed_over_for_the_chair_of_the_board_above(finding, force, change):
    executive = BoardFactory(
        force=force, name="Force Executive Board",
        chair_role=RoleFactory(force=force, holder=person("chief", "Cara", "Chief")),
    )
    board = finding.board
    board.parent = executive
    board.save()
    chair_role = board.chair_role
    if change == "vacant":
        chair_role.holder = None
        chair_role.save()
    else:
        for field, value in change.items():
            setattr(chair_role.holder, field, value)
        chair_role.holder.save()
    candidates, skipped = for_finding(finding, DAY_15)
    assert [(name, why) for name, rule, _, why in described(candidates) if rule == "escalation"] == [
        ("chief", escalation(DAY_15, 15, "You chair the Force Executive Board.")),
        ("opcc-a", escalation(DAY_15, 15, "You are OPCC staff for Testshire Police.")),
        ("opcc-b", escalation(DAY_15, 15, "You are OPCC staff for Testshire Police.")),
    ]
    assert skipped == []


def skip(finding, text):
    return Skipped(force_id=finding.inspection.force_id, finding_id=finding.pk, text=f"AFI 3 of PEEL 2023: {text}")


NO_CHAIR = "Escalation not sent to a board chair: no board above it has a chair."
NO_STAFF = "Escalation not sent to OPCC staff: the force has none with email."


def test_no_chair_who_can_be_reached_is_listed_as_skipped_and_opcc_staff_still_get_it(finding):
    role = finding.board.chair_role
    role.holder = None
    role.save()
    candidates, skipped = for_finding(finding, DAY_15)
    assert [name for name, rule, _, _ in described(candidates) if rule == "escalation"] == ["opcc-a", "opcc-b"]
    assert skipped == [skip(finding, NO_CHAIR)]


def test_a_finding_without_a_board_has_no_chair_to_escalate_to(finding):
    finding.board = None
    candidates, skipped = for_finding(finding, DAY_15)
    assert [name for name, rule, _, _ in described(candidates) if rule == "escalation"] == ["opcc-a", "opcc-b"]
    assert skipped == [skip(finding, NO_CHAIR)]


def test_no_opcc_staff_with_email_is_listed_as_skipped_and_the_chair_still_gets_it(finding, force):
    Membership.objects.filter(force=force, access=Access.OPCC_STAFF).update(access=Access.FORCE_LEAD)
    opcc_staff(ForceFactory(), "opcc-elsewhere")
    candidates, skipped = for_finding(finding, DAY_15)
    assert [name for name, rule, _, _ in described(candidates) if rule == "escalation"] == ["chair"]
    assert skipped == [skip(finding, NO_STAFF)]


@pytest.mark.parametrize(
    ("change", "owner", "why"),
    [
        ("vacant", "Head of Public Protection", "the owner, Head of Public Protection is vacant"),
        ({"is_active": False}, OWNER, "Owen Owner (the owner, Head of Public Protection) is an inactive user"),
        ({"email": ""}, OWNER, "Owen Owner (the owner, Head of Public Protection) has no email address"),
        ({"first_name": "", "last_name": ""}, "Head of Public Protection (owner)", None),
    ],
)
def test_an_owner_who_cannot_be_reached_is_skipped_and_named_in_the_escalation(finding, change, owner, why):
    role = finding.owner
    if change == "vacant":
        role.holder = None
        role.save()
    else:
        for field, value in change.items():
            setattr(role.holder, field, value)
        role.holder.save()
    candidates, skipped = for_finding(finding, DAY_15)
    overdue = ("owner", "overdue", DAY_15, "Overdue: it was due on Wednesday 21 June 2023, 15 days ago.")
    chased = [] if why else [overdue]
    assert described(candidates) == [*chased, *escalated_to_all(DAY_15, 15, owner=owner)]
    assert skipped == ([skip(finding, f"Overdue not sent: {why}.")] if why else [])


def test_a_finding_without_an_owner_is_escalated_as_having_none(finding):
    finding.owner, finding.status = None, Status.AWAITING_ALLOCATION
    candidates, skipped = for_finding(finding, DAY_15)
    assert described(candidates) == escalated_to_all(DAY_15, 15, owner="no owner")
    assert skipped == [skip(finding, "Overdue not sent: it has no owner.")]


def test_a_due_soon_warning_nobody_can_be_sent_is_named_by_its_rule(finding):
    finding.owner = None
    day = DUE - timedelta(days=7)
    assert for_finding(finding, day) == ([], [skip(finding, "Due date approaching not sent: it has no owner.")])


def test_nothing_is_worked_out_on_a_weekend(finding):
    assert for_finding(finding, date(2023, 7, 8)) == ([], [])


def test_a_planner_for_some_forces_loads_only_their_boards_chairs_and_opcc_staff(finding, force):
    other = ForceFactory()
    opcc_staff(other, "opcc-elsewhere")
    BoardFactory(force=other)
    loaded = planner(DAY_15, force_ids=[force.pk])
    assert set(loaded.boards) == {finding.board_id}
    assert {force_id: [u.username for u in users] for force_id, users in loaded.opcc_staff.items()} == {
        force.pk: ["opcc-a", "opcc-b"]
    }
    assert loaded.forces == {force.pk: force}
    everyone = planner(DAY_15)
    everyone_staff = {u.username for users in everyone.opcc_staff.values() for u in users}
    assert everyone_staff == {"opcc-a", "opcc-b", "opcc-elsewhere"}
