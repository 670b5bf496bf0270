"""Each reminder rule on edge cases: due today, weekends and holidays, closed the day before, owners
without email or inactive, no owner, boards without a chair, update chasing, the Section 55 clock."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured

from inspections.core.status import Status
from inspections.models import Finding, LetterStatus
from inspections.reminders.rules import AFTER, BEFORE, reminder_config
from inspections.reminders.sweep import plan_day
from tests.factories import BoardFactory, BoardMeetingFactory, InspectionFactory, RoleFactory, Section55ResponseFactory
from tests.reminders.support import break_the_rules_for, finding_due, opcc_staff, planned, set_rules

pytestmark = pytest.mark.django_db
WEDNESDAY = date(2023, 6, 21)


def owner_rules(finding, day):
    username = finding.owner.holder.username
    return {rule for user, rule, ref in planned(day) if user == username and ref == finding.reference}


def test_owner_is_reminded_14_7_and_1_days_before_the_due_date_and_not_on_the_day():
    finding = finding_due(WEDNESDAY)
    for days_before in (14, 7, 1):
        assert owner_rules(finding, WEDNESDAY - timedelta(days=days_before)) == {"due_soon"}
    for days_before in (13, 8, 2):
        assert owner_rules(finding, WEDNESDAY - timedelta(days=days_before)) == set()
    assert owner_rules(finding, WEDNESDAY) == set(), "due today: not yet overdue, and the last warning went yesterday"


def test_overdue_is_chased_weekly_from_the_day_after_and_escalated_after_14_days():
    finding = finding_due(WEDNESDAY)
    chair = finding.board.chair_role.holder.username
    staff = opcc_staff(finding.inspection.force).username
    assert owner_rules(finding, WEDNESDAY + timedelta(days=1)) == {"overdue"}
    assert owner_rules(finding, WEDNESDAY + timedelta(days=2)) == set()
    assert owner_rules(finding, WEDNESDAY + timedelta(days=8)) == {"overdue"}
    assert not {r for r in planned(WEDNESDAY + timedelta(days=8)) if r[1] == "escalation"}, "8 days: no escalation"
    day15 = WEDNESDAY + timedelta(days=15)
    assert owner_rules(finding, day15) == {"overdue"}
    assert {(user, rule) for user, rule, _ in planned(day15) if rule == "escalation"} == {
        (chair, "escalation"),
        (staff, "escalation"),
    }
    assert {(u, r) for u, r, _ in planned(WEDNESDAY + timedelta(days=22))} >= {(chair, "escalation")}


def test_weekend_warnings_move_to_the_friday_before_and_chasers_to_the_monday_after():
    monday_due = finding_due(date(2023, 6, 26))  # one day before is Sunday 25 June
    assert owner_rules(monday_due, date(2023, 6, 23)) == {"due_soon"}  # Friday
    friday_due = finding_due(date(2023, 6, 23))  # first overdue day is Saturday 24 June
    assert owner_rules(friday_due, date(2023, 6, 26)) == {"overdue"}  # Monday
    assert planned(date(2023, 6, 24)) == set() and planned(date(2023, 6, 25)) == set()  # nothing on a weekend


def test_reason_is_worded_for_the_day_the_email_goes():
    finding = finding_due(date(2023, 6, 26))

    [candidate] = [c for c in plan_day(day=date(2023, 6, 23)).candidates if c.finding == finding]
    assert candidate.reason == "Due in 3 days, on Monday 26 June 2023."


def test_a_bank_holiday_counts_as_a_weekend_day(settings):
    set_rules(settings, HOLIDAYS=["2023-08-28"])
    finding = finding_due(date(2023, 8, 29))  # one day before is the bank holiday Monday
    assert owner_rules(finding, date(2023, 8, 25)) == {"due_soon"}
    assert planned(date(2023, 8, 28)) == set()


def test_without_working_days_only_reminders_go_on_the_day_itself(settings):
    set_rules(settings, WORKING_DAYS_ONLY=False)
    finding = finding_due(date(2023, 6, 26))
    assert owner_rules(finding, date(2023, 6, 25)) == {"due_soon"}
    assert owner_rules(finding, date(2023, 6, 23)) == set()


def test_finding_closed_the_day_before_is_not_chased():
    finding = finding_due(WEDNESDAY)
    Finding.objects.filter(pk=finding.pk).update(
        status=Status.NO_LONGER_RELEVANT, closed_on=WEDNESDAY, closure_reason="Overtaken."
    )
    assert planned(WEDNESDAY + timedelta(days=1)) == set()


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"email": ""}, "has no email address"),
        ({"is_active": False}, "is an inactive user"),
    ],
)
def test_owner_without_email_or_inactive_is_skipped_and_said_why(change, why):
    finding = finding_due(WEDNESDAY)
    holder = finding.owner.holder
    for field, value in change.items():
        setattr(holder, field, value)
    holder.save()
    result = plan_day(day=WEDNESDAY - timedelta(days=7))
    assert result.candidates == []
    [skipped] = result.skipped
    assert why in skipped.text and finding.reference in skipped.text and skipped.finding_id == finding.pk


def test_vacant_role_and_no_owner_are_skipped():
    vacant = finding_due(WEDNESDAY)
    vacant.owner.holder = None
    vacant.owner.save()
    unowned = finding_due(WEDNESDAY, owner=None, status=Status.AWAITING_ALLOCATION)
    texts = [s.text for s in plan_day(day=WEDNESDAY - timedelta(days=1)).skipped]
    assert any("is vacant" in text and vacant.reference in text for text in texts)
    assert any("it has no owner" in text and unowned.reference in text for text in texts)


def test_board_without_chair_escalates_to_the_chair_of_the_board_above():
    parent = BoardFactory()
    finding = finding_due(WEDNESDAY)
    force = finding.inspection.force
    parent.force = force
    parent.chair_role = RoleFactory(force=force)
    parent.save()
    board = finding.board
    board.parent, board.chair_role = parent, None
    board.save()
    escalated = {user for user, rule, _ in planned(WEDNESDAY + timedelta(days=15)) if rule == "escalation"}
    assert escalated == {parent.chair_role.holder.username}


def test_no_chair_anywhere_is_recorded_as_skipped():
    finding = finding_due(WEDNESDAY)
    finding.board.chair_role = None
    finding.board.save()
    texts = [s.text for s in plan_day(day=WEDNESDAY + timedelta(days=15)).skipped]
    assert any("no board above it has a chair" in text for text in texts)
    assert any("OPCC staff" in text for text in texts)


def test_update_due_before_the_boards_next_meeting():
    finding = finding_due(date(2024, 1, 1))
    Finding.objects.filter(pk=finding.pk).update(next_update_due=WEDNESDAY)
    BoardMeetingFactory(board=finding.board, held_on=WEDNESDAY + timedelta(days=6))
    assert owner_rules(finding, WEDNESDAY - timedelta(days=7)) == {"update_due"}
    # An update due after the next meeting is not chased: the meeting comes first.
    BoardMeetingFactory(board=finding.board, held_on=WEDNESDAY - timedelta(days=2))
    assert owner_rules(finding, WEDNESDAY - timedelta(days=7)) == set()


def test_update_due_the_day_before_the_next_meeting_when_no_date_is_set():
    finding = finding_due(date(2024, 1, 1))
    BoardMeetingFactory(board=finding.board, held_on=date(2023, 6, 13))  # a Tuesday
    assert owner_rules(finding, date(2023, 6, 5)) == {"update_due"}  # 7 days before Monday 12 June

    [candidate] = plan_day(day=date(2023, 6, 5)).candidates
    assert "by Monday 12 June 2023" in candidate.reason and "meets on Tuesday 13 June 2023" in candidate.reason


def test_update_due_follows_the_meetings_of_the_board_above_when_its_own_has_none():
    finding = finding_due(date(2024, 1, 1))
    parent = BoardFactory(force=finding.inspection.force)
    finding.board.parent = parent
    finding.board.save()
    BoardMeetingFactory(board=parent, held_on=date(2023, 6, 13))
    assert owner_rules(finding, date(2023, 6, 5)) == {"update_due"}


def s55_days(inspection, first, last):
    days = []
    day = first
    while day <= last:
        if any(rule == "s55_clock" for _, rule, _ in planned(day)):
            days.append((day - inspection.published_on).days + 1)
        day += timedelta(days=1)
    return days


def test_section55_clock_days_28_42_49_then_daily_and_a_week_late_then_stops(settings):
    set_rules(settings, WORKING_DAYS_ONLY=False)
    inspection = InspectionFactory(published_on=date(2023, 3, 1))
    opcc_staff(inspection.force)
    start = inspection.published_on
    assert s55_days(inspection, start, start + timedelta(days=80)) == [28, 42, 49, 52, 53, 54, 55, 56, *range(57, 64)]


def test_section55_clock_stops_when_the_response_is_published():
    inspection = InspectionFactory(published_on=date(2023, 3, 1))
    opcc_staff(inspection.force)
    day28 = date(2023, 3, 28)
    assert {rule for _, rule, _ in planned(day28)} == {"s55_clock"}
    Section55ResponseFactory(
        inspection=inspection,
        status=LetterStatus.FINAL,
        sent_on=date(2023, 3, 20),
        published_on=date(2023, 3, 21),
        published_url="https://x.test/",
    )
    assert planned(day28) == set()
    assert {rule for _, rule, _ in planned(date(2023, 3, 20))} == set()  # not a reminder day anyway
    assert planned(date(2023, 3, 7)) == set()  # day 7: no rule


def test_section55_chief_constables_comments_reminded_7_and_1_days_before():
    inspection = InspectionFactory(published_on=date(2023, 3, 1))
    lead = RoleFactory(force=inspection.force)
    Section55ResponseFactory(
        inspection=inspection, comments_invited_on=date(2023, 3, 2), comments_due_on=date(2023, 3, 23),
        response_lead=lead,
    )
    for day in (date(2023, 3, 16), date(2023, 3, 22)):
        assert planned(day) == {(lead.holder.username, "s55_comments", f"s55:{inspection.pk}")}
    assert planned(date(2023, 3, 17)) == set()


def test_section55_comments_without_a_lead_are_skipped():
    inspection = InspectionFactory(published_on=date(2023, 3, 1))
    Section55ResponseFactory(inspection=inspection, comments_due_on=date(2023, 3, 23))
    result = plan_day(day=date(2023, 3, 22))
    assert result.candidates == [] and "no force lead is set" in result.skipped[0].text


def test_a_bad_row_is_recorded_and_the_rest_carry_on(monkeypatch):
    good, bad = finding_due(WEDNESDAY), finding_due(WEDNESDAY)
    break_the_rules_for(monkeypatch, bad)
    result = plan_day(day=WEDNESDAY - timedelta(days=1))
    assert [c.finding for c in result.candidates] == [good]
    assert "corrupt row" in result.skipped[0].text and result.skipped[0].finding_id == bad.pk


def test_config_is_read_from_settings_with_the_issues_defaults():
    config = reminder_config()
    assert config.due_soon_days == (14, 7, 1) and config.overdue_every_days == 7
    assert config.escalate_after_days == 14 and config.update_due_days_before == 7
    assert config.s55_days == (49, 42, 28) and config.s55_daily_from_day == 52
    assert config.s55_comments_days_before == (7, 1)
    assert config.covers(date(2023, 6, 23), BEFORE) == [date(2023, 6, 23), date(2023, 6, 24), date(2023, 6, 25)]
    assert config.covers(date(2023, 6, 26), AFTER) == [date(2023, 6, 26), date(2023, 6, 25), date(2023, 6, 24)]
    assert config.retry_delay(1) == 60 and config.retry_delay(3) == 240


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"DUE_SOON_DAYS": [14, -1]}, "DUE_SOON_DAYS"),
        ({"OVERDUE_EVERY_DAYS": 0}, "OVERDUE_EVERY_DAYS"),
        ({"HOLIDAYS": ["25/12/2025"]}, "not a date written YYYY-MM-DD"),
        ({"S55_DAILY_FROM_DAY": 60}, "days of the 56"),
        ({"SURPRISE": 1}, "unknown settings: SURPRISE"),
    ],
)
def test_bad_settings_are_named(settings, change, message):
    set_rules(settings, **change)
    with pytest.raises(ImproperlyConfigured, match=message):
        reminder_config()


def test_missing_setting_is_named(settings):
    rules = dict(settings.TRACKER_REMINDERS)
    del rules["BATCH_SIZE"]
    settings.TRACKER_REMINDERS = rules
    with pytest.raises(ImproperlyConfigured, match="missing BATCH_SIZE"):
        reminder_config()


def test_inactive_opcc_staff_get_no_escalation():
    finding = finding_due(WEDNESDAY)
    staff = opcc_staff(finding.inspection.force)
    staff.is_active = False
    staff.save()
    escalated = {u for u, rule, _ in planned(WEDNESDAY + timedelta(days=15)) if rule == "escalation"}
    assert escalated == {finding.board.chair_role.holder.username}
    assert staff.username not in {u for u, _, _ in planned(WEDNESDAY + timedelta(days=15))}


def test_two_missing_or_unknown_settings_are_each_named(settings):
    full = dict(settings.TRACKER_REMINDERS)
    settings.TRACKER_REMINDERS = {key: value for key, value in full.items() if key not in ("BATCH_SIZE", "HOLIDAYS")}
    with pytest.raises(ImproperlyConfigured) as missing:
        reminder_config()
    assert str(missing.value) == "TRACKER_REMINDERS is missing BATCH_SIZE, HOLIDAYS."
    settings.TRACKER_REMINDERS = {**full, "SURPRISE": 1, "ALSO": 2}
    with pytest.raises(ImproperlyConfigured) as unknown:
        reminder_config()
    assert str(unknown.value) == "TRACKER_REMINDERS has unknown settings: ALSO, SURPRISE."


def test_the_fifty_sixth_day_itself_may_have_a_reminder_and_daily_ones_may_start_on_it(settings):
    """Section 55 gives the PCC 56 days: any of them, up to and including the 56th, may carry a reminder."""
    set_rules(settings, S55_DAILY_FROM_DAY=56, S55_DAYS=[56, 28])
    config = reminder_config()
    assert config.s55_daily_from_day == 56 and 56 in config.s55_days
    for change in ({"S55_DAILY_FROM_DAY": 57}, {"S55_DAYS": [57, 28]}):
        set_rules(settings, **{"S55_DAILY_FROM_DAY": 52, "S55_DAYS": [49, 42, 28], **change})
        with pytest.raises(ImproperlyConfigured, match="days of the 56"):
            reminder_config()


def test_no_reminder_settings_at_all_is_named_not_a_crash(settings):
    del settings.TRACKER_REMINDERS
    with pytest.raises(ImproperlyConfigured, match="^Set TRACKER_REMINDERS in the settings"):
        reminder_config()
