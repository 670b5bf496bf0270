"""Every chart says in words what it shows, and its lines differ by more than colour (WCAG 1.1.1, 1.4.1)."""

from datetime import date

import pytest

from inspections.boards import charts


def test_a_bar_chart_in_one_sentence_largest_first():
    items = [("Awaiting allocation", 0, ""), ("In progress", 40, ""), ("Pending sign-off", 2, ""), ("Closed", 10, "")]
    assert charts.bar_summary(items) == "52 findings: 40 in progress, 10 closed, 2 pending sign-off."
    assert charts.bar_summary([("Red", 1, "")], noun="open finding") == "1 open finding: 1 red."
    assert charts.bar_summary([("Red", 0, "")]) == "No findings."


def test_the_trend_in_words_with_its_peak():
    months = [date(2025, m, 1) for m in (1, 2, 3)]
    trend = [{"month": m, "open": o, "overdue": d, "closed": c}
             for m, o, d, c in zip(months, (10, 12, 9), (1, 5, 2), (0, 1, 3), strict=True)]
    assert charts.trend_summary(trend) == (
        "From January 2025 to March 2025, open findings went from 10 to 9 and overdue findings from 1 to 2; "
        "4 findings closed. Overdue findings peaked at 5 in February 2025."
    )


def test_each_line_has_its_own_dash():
    lines, _, _ = charts.line_chart([date(2025, 1, 1), date(2025, 2, 1)],
                                    [("Open", "#1d70b8", [1, 2]), ("Overdue", "#d4351c", [0, 1]),
                                     ("Closed", "#00703c", [0, 0])])
    assert len({line.dash for line in lines}) == 3


@pytest.mark.django_db
def test_the_dashboard_shows_each_charts_summary_beside_it(client, people):
    client.force_login(people.viewer)
    html = client.get("/dashboard/").content.decode()
    for chart in ("status", "rag", "trend"):
        assert f'<p class="chart-summary" id="{chart}-summary">' in html
        assert f'aria-describedby="{chart}-summary"' in html
    assert 'stroke-dasharray="9 5"' in html
