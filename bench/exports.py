"""Exports at national scale: the findings list as CSV and Excel for a user who sees every force,
and one inspection's tracker, with their time and the most memory Python held while making them.

    BENCH_SCALE=1 .venv/bin/python bench/exports.py     (and BENCH_SCALE=3)

Time is measured with the response consumed as a browser would (every streamed piece read);
memory is the peak of Python's allocations (tracemalloc) during a second run, so it shows whether
memory grows with the rows.
"""

import time
import tracemalloc

from _setup import national_data, scale_label

national_data()

from django.contrib.auth import get_user_model
from django.db import connection, reset_queries
from django.test import Client
from django.urls import reverse

from inspections.devdata.synthetic import synthetic_forces
from inspections.models import Finding

User = get_user_model()
user, _ = User.objects.get_or_create(username="bench-superuser", defaults={"is_superuser": True, "is_staff": True})
client = Client()
client.force_login(user)
inspection = (
    synthetic_forces().order_by("slug").first().inspections.order_by("-published_on").first()
)


def download(url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    size, pieces = 0, 0
    for piece in response.streaming_content:
        size += len(piece)
        pieces += 1
    response.close()
    return size, pieces


def measure(label, url, rows):
    started = time.perf_counter()
    size, pieces = download(url)
    elapsed = time.perf_counter() - started
    reset_queries()
    tracemalloc.start()
    download(url)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{label:<34} {rows:>7,} rows  {elapsed:6.2f} s  {size / 1e6:6.1f} MB file in {pieces:>5} pieces  "
        f"peak Python memory {peak / 1e6:6.1f} MB"
    )


connection.force_debug_cursor = False
print(scale_label())
everything = Finding.objects.count()
measure("findings list, CSV, every force", reverse("finding_export", args=["csv"]), everything)
measure("findings list, XLSX, every force", reverse("finding_export", args=["xlsx"]), everything)
measure(
    "one inspection, XLSX", reverse("inspection_export", args=[inspection.pk, "xlsx"]), inspection.findings.count()
)
measure("one inspection, CSV", reverse("inspection_export", args=[inspection.pk, "csv"]), inspection.findings.count())


def measure_background(label, file_format):
    """The same list written by the background export's service (what the Celery worker runs), to a file."""
    from inspections.importing import exports

    def once():
        export, _ = exports.request_export(by=user, file_format=file_format, title="Findings", name="findings")
        started = time.perf_counter()
        export = exports.run_export(export.pk)
        assert export.status == "ready", export.error
        return export, time.perf_counter() - started

    export, elapsed = once()
    tracemalloc.start()
    again, _ = once()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    for each in (export, again):
        each.file.delete(save=False)
        each.delete()
    print(
        f"{label:<34} {export.rows_done:>7,} rows  {elapsed:6.2f} s  {export.size / 1e6:6.1f} MB file "
        f"({export.rows_done / elapsed:,.0f} rows a second)  peak Python memory {peak / 1e6:6.1f} MB"
    )


measure_background("background export, CSV, every force", "csv")
measure_background("background export, XLSX, every force", "xlsx")
