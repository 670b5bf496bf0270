"""Benchmark of the daily reminder sweep on the national-scale synthetic data set.

Builds the data set if the database has none (`generate_data --forces 43 --inspections-per-force 8
--seed 1`: about 10,000 findings), then times a dry run and a full sweep of one day (emails written and
sent to Django's in-memory backend), a second sweep of the same day (which must find nothing to do),
and counts queries at several batch sizes to show the queries per batch do not grow with the batch.

Run against a benchmark database (it writes reminders and emails, and deletes earlier ones):
    BENCH_SCALE=1 .venv/bin/python bench/reminders.py     (and BENCH_SCALE=3)
Options: --day YYYY-MM-DD (default 2025-06-16, a Monday), --batch-size N (default: the setting),
--open N: time the sweep with N findings open (closed findings reopened for the run, put back after it;
the issue asks for the sweep at 10,000 open, more than either data set has).
"""

import argparse
import sys
import time
from datetime import date

from _setup import national_data  # the database of BENCH_SCALE (1 or 3); Django's test settings: email in memory

national_data()

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from inspections.core.status import Rag, Status
from inspections.devdata import synthetic
from inspections.models import Access, Finding, Membership, OutgoingEmail, Reminder, ReminderRun
from inspections.reminders import delivery, selectors, sweep


def clear():
    Reminder.objects.all().delete()
    OutgoingEmail.objects.all().delete()
    ReminderRun.objects.all().delete()


def with_batch(size):
    settings.TRACKER_REMINDERS = {**settings.TRACKER_REMINDERS, "BATCH_SIZE": size}


ORIGINAL = {"claim": sweep._claim, "compose": sweep._compose, "batches": sweep.batches}


def restore():
    sweep._claim, sweep._compose = ORIGINAL["claim"], ORIGINAL["compose"]
    sweep.batches = ORIGINAL["batches"]


def measure_batches():
    """Wrap the sweep's batch steps to count the queries of each batch: the SELECT of a batch of rows
    plus its claim (INSERT … ON CONFLICT DO NOTHING); and each batch of recipients' emails."""
    claims, composes, fetches = [], [], []

    def batches(queryset, size):
        rows = ORIGINAL["batches"](queryset, size)
        while True:
            with CaptureQueriesContext(connection) as fetch:
                batch = next(rows, None)
            if batch is None:
                return
            fetches.append(len(fetch))
            yield batch

    def claim(candidates, run_id):
        with CaptureQueriesContext(connection) as queries:
            ORIGINAL["claim"](candidates, run_id)
        claims.append(fetches[-1] + len(queries))

    def compose(recipient_ids, day, run_id, send):
        with CaptureQueriesContext(connection) as queries:
            written = ORIGINAL["compose"](recipient_ids, day, run_id, send)
        composes.append(len(queries))
        return written

    sweep._claim, sweep._compose, sweep.batches = claim, compose, batches
    return (lambda: claims), (lambda: composes)


def spread(counts):
    if not counts:
        return "-"
    low, high = min(counts), max(counts)
    return str(low) if low == high else f"{low}-{high}"


def reopened(count):
    """Reopen closed findings (In progress, Amber) until `count` are open; returns what puts them back."""
    missing = count - Finding.objects.open().count()
    if missing <= 0:
        return lambda: None
    chosen = list(Finding.objects.filter(status=Status.CLOSED).order_by("pk").values(
        "pk", "status", "closed_on", "rag")[:missing])
    if len(chosen) < missing:
        sys.exit(f"Only {len(chosen):,} closed findings to reopen: {count:,} open is out of reach here.")
    ids = [row["pk"] for row in chosen]
    Finding.objects.filter(pk__in=ids).update(status=Status.IN_PROGRESS, closed_on=None, rag=Rag.AMBER)

    def put_back():
        for row in chosen:
            pk = row.pop("pk")
            Finding.objects.filter(pk=pk).update(**row)
    return put_back


def timed(label, work):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = work()
        elapsed = time.perf_counter() - started
    print(f"{label:<46} {elapsed:7.2f} s  {len(queries):6d} queries")
    return result, elapsed, len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--day", type=date.fromisoformat, default=date(2025, 6, 16))
    parser.add_argument("--batch-size", type=int, default=None)
    parser.add_argument("--open", type=int, default=None, help="findings open for this run (reopens closed ones)")
    args = parser.parse_args()
    if "bench" not in connection.settings_dict["NAME"]:
        sys.exit(
            f"Refusing to run on {connection.settings_dict['NAME']!r}: use a database whose name has 'bench' in it."
        )
    call_command("migrate", verbosity=0)
    if not synthetic.synthetic_forces().exists():
        print("Building the national-scale data set (generate_data --forces 43 --inspections-per-force 8 --seed 1)…")
        call_command("generate_data", forces=43, inspections_per_force=8, seed=1)
    batch = args.batch_size or settings.TRACKER_REMINDERS["BATCH_SIZE"]
    with_batch(batch)
    put_back = reopened(args.open) if args.open else (lambda: None)
    try:
        measure(args, batch)
    finally:
        clear()
        put_back()


def measure(args, batch):
    day = args.day
    print(
        f"{Finding.objects.count():,} findings, {Finding.objects.open().count():,} open; "
        f"sweep of {day:%A %d %B %Y}, batches of {batch}\n"
    )
    clear()
    # Load the URLconf first (emails link to pages): a worker does it once in its life, not per sweep.
    from django.urls import reverse

    reverse("profile")
    plan, _, _ = timed("Dry run (nothing written)", lambda: sweep.sweep(day=day, dry_run=True))
    print(f"  {len(plan.candidates):,} reminders would be sent; {len(plan.skipped):,} cannot be sent")

    sent = []

    def send(ids):
        sent.append(delivery.deliver_now(ids))

    result, elapsed, _ = timed("Full sweep (record, write and send emails)", lambda: sweep.sweep(day=day, send=send))
    total_sent = sum(outcome[delivery.SENT] for outcome in sent)
    print(f"  {result.claimed:,} reminders recorded, {result.emails_created:,} emails written, {total_sent:,} sent")
    again, _, _ = timed("Same sweep again (nothing to do)", lambda: sweep.sweep(day=day, send=send))
    print(f"  {again.claimed} recorded, {again.emails_created} emails written")
    open_count = Finding.objects.open().count()
    print(f"  full sweep: {elapsed / open_count * 1000:.2f} ms per open finding")

    print("\nQueries per batch against batch size (emails handed to a no-op sender, as when queued for Celery):")
    print("  batch size   claim batches  queries each   email batches  queries each   whole sweep")
    for size in (100, 250, 500, 1000, 5000):
        clear()
        with_batch(size)
        per_claim, per_compose = measure_batches()
        with CaptureQueriesContext(connection) as queries:
            sweep.sweep(day=day, send=len)
        claim, compose = per_claim(), per_compose()
        print(
            f"  {size:>10}   {len(claim):>13}  {spread(claim):>12}   {len(compose):>13}  {spread(compose):>12}"
            f"   {len(queries):>6} queries"
        )
        restore()
    clear()
    with_batch(batch)
    force = synthetic.synthetic_forces().order_by("slug").first()
    officer = Membership.objects.filter(force=force, access=Access.OPCC_STAFF).first().user
    print(f"\nPage reads for {force} (done on each request):")
    timed("  force page: preview of the day", lambda: selectors.preview_day(force, day=day))
    timed("  force page: problems", lambda: selectors.problems(force, on=day))
    timed("  profile of an OPCC officer: 14 days ahead", lambda: selectors.upcoming_for(officer, start=day))


if __name__ == "__main__":
    main()
