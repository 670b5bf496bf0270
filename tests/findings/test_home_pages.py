"""Each role starts at its own work: a lead at their findings and what is due this month, a chair or
member at what awaits their decision and their boards' next meetings, OPCC staff at the Section 55
deadlines and the overdue findings, a viewer at their forces and the dashboard."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from inspections.core.status import OPEN_STATUSES
from inspections.findings.starting_points import end_of_month, starting_point
from inspections.models import Finding, GovernanceBoard
from tests.factories import BoardMeetingFactory

pytestmark = pytest.mark.django_db


def test_a_lead_starts_at_their_own_findings_and_those_due_this_month(client, people):
    home = starting_point(people.lead)
    owned = Finding.objects.filter(owner__holder=people.lead, status__in=OPEN_STATUSES)
    assert home.owns_findings and {f.pk for f in home.my_findings} == set(owned.values_list("pk", flat=True))
    month_ends = end_of_month(timezone.localdate())
    due = owned.filter(due_date__lte=month_ends).values_list("pk", flat=True)
    assert {f.pk for f in home.due_this_month} == set(due)
    assert not home.decides and not home.opcc
    client.force_login(people.lead)
    page = client.get(reverse("home")).content.decode()
    assert "My findings" in page and "Due this month" in page and "Awaiting my decision" not in page
    assert "Section 55 deadlines" not in page
    assert owned.first().reference in page


def test_the_chair_starts_at_what_awaits_their_decision_and_the_next_meeting(client, people):
    board = GovernanceBoard.objects.get(name="Warwickshire Assurance Board")
    meeting = BoardMeetingFactory(board=board, held_on=timezone.localdate() + timedelta(days=9))
    BoardMeetingFactory(board=board, held_on=timezone.localdate() + timedelta(days=40))
    home = starting_point(people.chair)
    assert home.decides and home.awaiting_decision
    assert (board, meeting) in home.next_meetings
    client.force_login(people.chair)
    page = client.get(reverse("home")).content.decode()
    assert page.index("Awaiting my decision") < page.index("Your forces")
    assert reverse("finding_decide", args=[home.awaiting_decision[0].pk]) in page
    assert reverse("meeting_pack", args=[board.pk, meeting.pk]) in page


def test_opcc_staff_start_at_the_section_55_deadlines_and_the_overdue(client, people):
    home = starting_point(people.opcc)
    assert home.opcc and home.overdue_count == Finding.objects.overdue().filter(
        inspection__force=people.force).count()
    assert [inspection.pk for inspection, status in home.section55] == [3]  # 2021/22: not yet published
    client.force_login(people.opcc)
    page = client.get(reverse("home")).content.decode()
    assert "Section 55 deadlines" in page and reverse("section55", args=[3]) in page and "late" in page
    assert "?overdue=yes" in page


def test_a_viewer_starts_at_their_forces_and_the_dashboard(client, people):
    home = starting_point(people.viewer)
    assert not (home.owns_findings or home.decides or home.opcc)
    client.force_login(people.viewer)
    page = client.get(reverse("home")).content.decode()
    assert "Your forces" in page and f'href="{reverse("dashboard")}"' in page and "My findings" not in page


def test_an_outsider_sees_nothing_of_another_force(client, people):
    home = starting_point(people.outsider)
    assert home.my_findings == [] and home.section55 == [] and home.overdue_count == 0


def test_the_owned_by_me_filter_lists_only_the_users_findings(client, people):
    client.force_login(people.lead)
    response = client.get(reverse("finding_list"), {"mine": "yes"})
    listed = {f.pk for f in response.context["page"].object_list}
    assert listed
    assert all(Finding.objects.get(pk=pk).owner.holder == people.lead for pk in listed)
    assert response.context["total"] == Finding.objects.filter(owner__holder=people.lead).count()
    client.force_login(people.viewer)
    assert client.get(reverse("finding_list"), {"mine": "yes"}).context["total"] == 0


def test_the_month_ends_on_its_last_day():
    assert end_of_month(date(2028, 2, 3)) == date(2028, 2, 29)
    assert end_of_month(date(2026, 12, 31)) == date(2026, 12, 31)
