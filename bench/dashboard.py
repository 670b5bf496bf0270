"""Dashboard cost at national scale: page time against the time of its SQL run directly.

    BENCH_SCALE=1 .venv/bin/python bench/dashboard.py [--profile]     (and BENCH_SCALE=3)

The page's server time is measured through Django's test client (no network); the database
floor is the same SQL statements, captured from a page render, executed on their own.
--profile adds a cProfile of ten requests of each page, by internal time.
"""

import cProfile
import pstats
import sys

from _setup import national_data, replay, scale_label, timed

national_data()

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inspections.devdata.synthetic import synthetic_forces
from inspections.models import GovernanceBoard

User = get_user_model()
user, _ = User.objects.get_or_create(username="bench-superuser", defaults={"is_superuser": True, "is_staff": True})
client = Client()
client.force_login(user)

force = synthetic_forces().order_by("slug").first()
board = GovernanceBoard.objects.filter(force=force, parent__isnull=True).first()
pages = {
    f"force dashboard ({force.name})": f"{reverse('dashboard')}?force={force.pk}",
    f"board dashboard ({board.name}, {force.name})": reverse("board_dashboard", args=[board.pk]),
}
print(scale_label())
for label, url in pages.items():
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    statements = [q["sql"] for q in captured.captured_queries]

    def page(url=url):
        client.get(url)

    def sql(statements=statements):
        replay(statements)

    page_median, page_best = timed(page)
    sql_median, sql_best = timed(sql)
    print(
        f"{label}: {len(statements)} queries; page {page_median:.0f} ms median ({page_best:.0f} best); "
        f"SQL alone {sql_median:.0f} ms median ({sql_best:.0f} best); page/SQL ratio {page_median / sql_median:.1f}"
    )
    if "--profile" in sys.argv:
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(10):
            client.get(url)
        profile.disable()
        pstats.Stats(profile).sort_stats("tottime").print_stats(30)
