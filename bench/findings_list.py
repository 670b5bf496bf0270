"""The findings list for a user who sees every force: page time against its own SQL, queries and weight.

    BENCH_SCALE=1 .venv/bin/python bench/findings_list.py     (and BENCH_SCALE=3)

Server time through Django's test client (no network); the SQL floor is the page's own statements,
captured from a render and run on their own; the filter form's list of areas is timed by itself.
"""

import re

from _setup import national_data, replay, scale_label, timed

national_data()

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inspections.core import permissions
from inspections.findings.filters import area_choices

User = get_user_model()
user, _ = User.objects.get_or_create(username="bench-superuser", defaults={"is_superuser": True, "is_staff": True})
client = Client()
client.force_login(user)
url = reverse("finding_list")
pages = {
    "all findings": {},
    "all findings, page 40": {"page": 40},
    "filtered (in progress, overdue, by due date)": {"status": "in_progress", "overdue": "yes", "sort": "-due"},
    "search: supervision of investigations": {"q": "supervision of investigations"},
    "search: digital evidence, page 2": {"q": "digital evidence", "page": 2},
    "search: a word in no finding": {"q": "zeppelin"},
}
print(scale_label())
for label, params in pages.items():
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    weight = len(response.content)
    total = re.search(r'results-count" role="status"><strong>(\d+)</strong>', response.content.decode())[1]
    # A server-side cursor (a select's choices) is run as the plain SELECT it declares.
    statements = [re.sub(r'^DECLARE "[^"]+" NO SCROLL CURSOR WITH(OUT)? HOLD FOR ', "", q["sql"])
                  for q in captured.captured_queries]

    def page(params=params):
        client.get(url, params)

    def sql(statements=statements):
        replay(statements)

    page_median, page_best = timed(page)
    sql_median, _ = timed(sql)
    print(
        f"{label:<46} {total:>6} found  {len(statements):>2} queries  {weight / 1024:5.0f} KB  "
        f"page {page_median:6.1f} ms (best {page_best:5.1f})  SQL {sql_median:6.1f} ms  "
        f"ratio {page_median / sql_median:4.1f}"
    )


def areas_uncached():
    cache.clear()
    area_choices(sorted(permissions.forces_for(user).values_list("pk", flat=True)))


def areas_cached():
    area_choices(sorted(permissions.forces_for(user).values_list("pk", flat=True)))


print(
    f"filter form's areas: {timed(areas_uncached)[0]:.1f} ms worked out, {timed(areas_cached)[0]:.2f} ms from the cache"
)
