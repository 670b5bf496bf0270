"""The dashboards' cheaper ways of writing dates, counts and links write exactly what the general ones did.

A dashboard writes a few hundred dates, counts and links; they are written by the tracker's own filters,
with localize off, and from link parts encoded once per table. The page must read as before.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.template import Context, Template

from inspections.boards.selectors import OPEN, Row, Scope
from inspections.templatetags.tracker import day_month_year, month_year

LONDON = ZoneInfo("Europe/London")
UTC = ZoneInfo("UTC")


def written(template, value):
    return Template("{% load tracker %}" + template).render(Context({"d": value}))


def test_dates_in_the_tables_read_as_the_date_filter_wrote_them():
    days = [date(2026, month, day) for month in range(1, 13) for day in (1, 9, 28)] + [date(2024, 2, 29)]
    for day in days:
        assert written("{{ d|day_month_year }}", day) == written('{{ d|date:"j F Y" }}', day)
        assert written("{{ d|month_year }}", day) == written('{{ d|date:"F Y" }}', day)
    assert day_month_year(date(2026, 2, 10)) == "10 February 2026"
    assert month_year(date(2026, 9, 1)) == "September 2026"


def test_no_date_is_written_as_nothing_as_before():
    for nothing in (None, ""):
        cheap = written('{{ d|day_month_year|default:"–" }}', nothing)
        assert cheap == written('{{ d|date:"j F Y"|default:"–" }}', nothing) == "–"
        assert written("{{ d|month_year }}", nothing) == ""


def test_a_moment_is_written_on_its_london_day():
    late_in_summer = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)  # 00:30 on 1 July in London
    winter = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)  # GMT: still 31 December
    for moment in (late_in_summer, winter, datetime(2026, 3, 29, 0, 30, tzinfo=LONDON) + timedelta(hours=1)):
        assert written("{{ d|day_month_year }}", moment) == written('{{ d|date:"j F Y" }}', moment)
        assert written("{{ d|month_year }}", moment) == written('{{ d|date:"F Y" }}', moment)
    assert day_month_year(late_in_summer) == "1 July 2026"
    assert day_month_year(winter) == "31 December 2026"


def test_a_grouped_tables_links_are_the_links_the_scope_writes():
    for params in ({"force": 7}, {"board": 12}, {}):
        scope = Scope("A scope", None, params)
        for param in ("inspection", "area", "owner"):
            links = scope.row_links(param)
            for key in (3, "Investigating crime", "Protecting vulnerable people & others", None):
                value = "null" if key is None else key
                expected = {status: scope.link(status=status, **{param: value}) for status in OPEN}
                expected["open"] = scope.link(status=OPEN, **{param: value})
                expected["overdue"] = scope.link(overdue="yes", **{param: value})
                assert links(key) == expected


GROUPED = Template('{% include "boards/_grouped.html" with rows=rows caption="Open" heading="Area" %}')


def _grouped_page(count):
    counts = dict.fromkeys([*OPEN, "overdue", "open"], count)
    return GROUPED.render(Context({"rows": [Row("Investigating crime", counts, dict.fromkeys(counts, "/x"))]}))


def test_counts_in_the_grouped_tables_are_written_as_before():
    # localize off writes a count as str() does, as localize did while the tracker groups no thousands;
    # were it to group them, the dashboards' tables of counts would not follow.
    assert settings.USE_THOUSAND_SEPARATOR is False
    assert _grouped_page(1204).count('<a href="/x">1204</a>') == 5
