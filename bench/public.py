"""The public pages' cost at national scale and at three times it: every inspection of every force
published, then each page's server time against the time of its own SQL run directly.

    createdb -h 127.0.0.1 -U postgres tracker_bench_public
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tracker_bench_public .venv/bin/python bench/public.py --scale 1
    DATABASE_URL=... .venv/bin/python bench/public.py --scale 3   # 43 forces, 24 inspections each

The national data set is 43 forces with 8 inspections each (bench/_setup.py); --scale 3 rebuilds it
with three times the inspections (and so findings and progress updates). The page is measured through
Django's test client (no network), as a visitor who is not signed in.
"""

import argparse
import time

from _setup import replay, timed

parser = argparse.ArgumentParser()
parser.add_argument("--scale", type=int, default=1, help="1: national scale; 3: three times it.")
options = parser.parse_args()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from inspections.devdata.synthetic import synthetic_forces  # noqa: E402
from inspections.models import Finding, Inspection, Publication  # noqa: E402
from inspections.public import services  # noqa: E402
from tests.paths import ROOT  # noqa: E402

INSPECTIONS_PER_FORCE = 8 * options.scale

call_command("migrate", verbosity=0)
if not Inspection.objects.filter(force__slug="warwickshire").exists():
    call_command("loaddata", *sorted(str(p) for p in (ROOT / "fixtures").glob("*.json")), verbosity=0)
wanted = 43 * INSPECTIONS_PER_FORCE
if Inspection.objects.filter(force__in=synthetic_forces()).count() != wanted:
    started = time.perf_counter()
    call_command("generate_data", forces=43, inspections_per_force=INSPECTIONS_PER_FORCE, seed=1, replace=True,
                 verbosity=0)
    print(f"generated the data set in {time.perf_counter() - started:.1f} s")
unpublished = Inspection.objects.filter(published_on__isnull=False, publication__isnull=True)
for inspection in unpublished.iterator():
    services.publish(inspection=inspection, by=None)

client = Client()
largest = (
    Inspection.objects.filter(force__in=synthetic_forces(), publication__isnull=False)
    .order_by("-id").first()
)
force_slug = largest.force.slug
slug = Publication.objects.get(inspection=largest).slug
pages = {
    "forces (/public/)": "/public/",
    f"a force's inspections ({largest.force.name})": f"/public/{force_slug}/",
    f"an inspection ({largest.findings.count()} findings)": f"/public/{force_slug}/{slug}/",
    "its JSON": f"/public/{force_slug}/{slug}.json",
    "the 2019 Warwickshire inspection": "/public/warwickshire/"
    + Publication.objects.get(inspection__title__contains="Integrated PEEL Assessment 2019").slug + "/",
}
print(
    f"data (scale {options.scale}): {Finding.objects.count()} findings in {Inspection.objects.count()} inspections, "
    f"{Publication.objects.count()} published, {synthetic_forces().count() + 1} forces"
)
for label, url in pages.items():
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    statements = [q["sql"] for q in captured.captured_queries]

    def page(url=url):
        client.get(url)

    def sql(statements=statements):
        replay(statements)

    page_median, page_best = timed(page)
    sql_median, sql_best = timed(sql)
    print(
        f"{label}: {len(statements)} queries; page {page_median:.1f} ms median ({page_best:.1f} best); "
        f"SQL alone {sql_median:.1f} ms median ({sql_best:.1f} best); page/SQL ratio {page_median / sql_median:.1f}"
    )
