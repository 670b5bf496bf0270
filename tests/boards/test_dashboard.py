"""Dashboard numbers on the Warwickshire data, counted by hand, and their drill-down links.

On 20 December 2022 (the 2021/22 report published on 14 October 2022):
- 52 findings: 48 in progress, 2 pending sign-off (2019 AFI 2, Rec 2.1), 2 superseded (2019 AFI 1, AFI 12);
- 50 open; every open 2019 finding (28) is past its due date (the last, the AFIs, fell due on
  27 September 2020); no 2021/22 finding is overdue yet; two (AFI 21 and 22, "within three months")
  fall due on 14 January 2023, within 30 days; the two carried-over 2021/22 AFIs are open.
"""

from datetime import date, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from inspections.boards import selectors as dashboard
from inspections.models import GovernanceBoard

pytestmark = pytest.mark.django_db
ON = datetime(2022, 12, 20, 12, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture
def dashboard_page(client, people):
    client.force_login(people.chair)
    with time_machine.travel(ON, tick=False):
        yield lambda url: client.get(url)


def drill(client, link):
    """The findings a dashboard link leads to."""
    parts = urlsplit(link)
    response = client.get(parts.path + "?" + parts.query)
    return response.context["total"]


def test_force_dashboard_headline_figures(dashboard_page, client):
    response = dashboard_page(reverse("dashboard"))
    assert response.context["totals"] == {"open": 50, "overdue": 28, "due_soon": 2, "pending": 2, "carried": 2}
    statuses = {label: count for label, count, _ in response.context["by_status"]}
    assert statuses == {
        "Awaiting allocation": 0, "In progress": 48, "Pending sign-off": 2, "Closed": 0, "Superseded": 2,
        "Closed: no longer relevant": 0,
    }
    rags = {label: count for label, count, _ in response.context["by_rag"]}
    assert rags == {"Red": 0, "Amber": 0, "Green": 0, "Blue (complete)": 2, "Not rated": 48}
    per_inspection = {row.label: row.counts for row in response.context["per_inspection"]}
    assert per_inspection["Warwickshire Police: Integrated PEEL Assessment 2019"] == {
        "awaiting_allocation": 0, "in_progress": 26, "pending_sign_off": 2, "overdue": 28, "open": 28,
    }
    assert per_inspection["PEEL 2021/22: An inspection of Warwickshire Police"]["open"] == 22
    per_area = {row.label: row.counts["open"] for row in response.context["per_area"]}
    assert per_area["Investigating crime"] == 8 + 5
    assert per_area["Responding to the public"] == 4
    assert [f.reference for f in response.context["due_soon"]] == ["AFI 21", "AFI 22"]
    overdue = response.context["overdue"]
    assert overdue[0].due_date == date(2019, 9, 27)  # oldest first
    assert [(f.reference, first.year, then.year) for f, first, then in response.context["carried"]] == [
        ("AFI 7", 2019, 2022), ("AFI 20", 2019, 2022),
    ]
    body = response.content.decode()
    assert "raised 2019, repeated 2022" in body


@pytest.mark.heavy
def test_every_figure_links_to_exactly_those_findings(dashboard_page, client):
    context = dashboard_page(reverse("dashboard")).context
    with time_machine.travel(ON, tick=False):
        for name, count in context["totals"].items():
            assert drill(client, context["totals_links"][name]) == count, name
        for label, count, link in context["by_status"] + context["by_rag"]:
            assert drill(client, link) == count, label
        for group in ("per_inspection", "per_area", "per_owner"):
            for row in context[group]:
                for key, count in row.counts.items():
                    assert drill(client, row.links[key]) == count, (group, row.label, key)


def test_board_dashboard_covers_its_sub_boards(dashboard_page, client):
    iso = GovernanceBoard.objects.get(name="Investigations, Standards and Outcomes meeting")
    assert dashboard_page(reverse("board_dashboard", args=[iso.pk])).context["totals"]["open"] == 14
    people_board = GovernanceBoard.objects.get(name="People Services Board")
    context = dashboard_page(reverse("board_dashboard", args=[people_board.pk])).context
    assert context["totals"]["open"] == 8
    with time_machine.travel(ON, tick=False):
        assert drill(client, context["totals_links"]["open"]) == 8
    wab = GovernanceBoard.objects.get(name="Warwickshire Assurance Board")
    assert dashboard_page(reverse("board_dashboard", args=[wab.pk])).context["totals"]["open"] == 50


def test_trend_month_by_month(warwickshire):
    with time_machine.travel(ON, tick=False):
        rows = {row["month"]: row for row in dashboard.trend(dashboard.force_scope(warwickshire), date(2022, 12, 20))}
    september_2019 = rows[date(2019, 9, 1)]
    assert (september_2019["open"], september_2019["overdue"]) == (30, 8)  # eight were due "immediately"
    assert rows[date(2020, 3, 1)]["overdue"] == 16  # and cause of concern 1 with its seven recommendations
    assert rows[date(2020, 9, 1)]["overdue"] == 30
    october_2022 = rows[date(2022, 10, 1)]
    assert (october_2022["open"], october_2022["closed"], october_2022["overdue"]) == (50, 2, 28)
    assert min(rows) == date(2019, 9, 1) and max(rows) == date(2022, 12, 1)


def test_grades_by_area_show_what_improved_and_what_fell(warwickshire):
    grades = dashboard.grades_by_area(warwickshire)
    assert len(grades["inspections"]) == 3
    change = {row["name"]: row["change"] for row in grades["rows"]}
    assert change["Effectiveness"] == "improved"  # RI in 2017, Good in 2019
    assert change["Efficiency"] == "fell"
    assert change["Protecting vulnerable people"] == "fell"  # Good to Adequate
    assert change["Engaging with and treating the public with fairness and respect"] == "improved"
    assert change["Investigating crime"] == "same"
    assert change["Building, supporting and protecting the workforce"] == "fell"
    assert change["Responding to the public"] is None  # first graded in 2021/22


def test_dashboard_is_scoped_to_the_users_forces(client, people):
    client.force_login(people.outsider)
    response = client.get(reverse("dashboard"))
    assert response.context["force"].slug == "elsewhere"
    assert response.context["totals"]["open"] == 0
    wab = GovernanceBoard.objects.get(name="Warwickshire Assurance Board")
    assert client.get(reverse("board_dashboard", args=[wab.pk])).status_code == 404
