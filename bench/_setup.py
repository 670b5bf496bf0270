"""Shared set-up for benchmark scripts: a database holding the national-scale synthetic data set.

Run a benchmark with the project's virtual environment, against a database of its own, e.g.
    createdb -h 127.0.0.1 -U postgres tracker_bench1
    BENCH_SCALE=1 .venv/bin/python bench/dashboard.py
BENCH_SCALE=1 is the national data set (43 synthetic forces and Warwickshire, 8 inspections a force:
about 10,000 findings) in tracker_bench1; BENCH_SCALE=3 is three times it (24 inspections a force)
in tracker_bench3. BENCH_DATABASE_URL, when set, names the database instead. The first run migrates,
loads the Warwickshire fixtures and generates the data set (a minute or two); later runs reuse it.
`bench/run_all.sh` runs every benchmark at both scales.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings.test")
SCALE = int(os.environ.get("BENCH_SCALE", "1"))
# Never the DATABASE_URL of the shell: benchmarks write (reminders, emails) and delete.
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/tracker_bench{SCALE}"
)


def national_data():
    import django

    django.setup()
    from django.core.management import call_command

    from inspections.devdata.synthetic import synthetic_forces
    from inspections.models import Force

    call_command("migrate", verbosity=0)
    if not Force.objects.filter(slug="warwickshire").exists():
        call_command("loaddata", *sorted(str(p) for p in (ROOT / "fixtures").glob("*.json")), verbosity=0)
    if not synthetic_forces().exists():
        started = time.perf_counter()
        call_command("generate_data", forces=43, inspections_per_force=8 * SCALE, seed=1, verbosity=0)
        print(f"generated the national data set in {time.perf_counter() - started:.1f} s")


def scale_label():
    from inspections.models import Finding

    return f"scale {SCALE}x: {Finding.objects.count():,} findings, {Finding.objects.open().count():,} open"


def timed(function, repeat=15):
    """(median, min) wall time in milliseconds of `repeat` calls, after one warm-up call."""
    function()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), min(times)


def replay(statements):
    """Run a page's captured SQL again, fetching every row: the page's SQL floor."""
    from django.db import connection  # after django.setup(), which the scripts call once this is imported

    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
            if cursor.description:
                cursor.fetchall()
