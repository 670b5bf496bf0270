import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from inspections.devdata import synthetic


class Command(BaseCommand):
    help = "Create a national-scale synthetic data set (forces named 'Synthetic …') for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--forces", type=int, default=43)
        parser.add_argument("--inspections-per-force", type=int, default=8)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--findings-per-inspection", type=int, default=29)
        parser.add_argument("--updates-per-finding", type=int, default=10)
        parser.add_argument("--replace", action="store_true", help="Delete an earlier synthetic data set first.")

    def handle(self, *args, **options):
        if options["forces"] < 1 or options["inspections_per_force"] < 1:
            raise CommandError("--forces and --inspections-per-force must be at least 1.")
        if options["findings_per_inspection"] < 10 or options["updates_per_finding"] < 5:
            raise CommandError("--findings-per-inspection must be at least 10 and --updates-per-finding at least 5.")
        if synthetic.synthetic_forces().exists():
            if not options["replace"]:
                raise CommandError("A synthetic data set already exists; run again with --replace to rebuild it.")
            synthetic.remove_synthetic()
        started = time.perf_counter()
        totals = synthetic.generate(
            forces=options["forces"],
            inspections_per_force=options["inspections_per_force"],
            seed=options["seed"],
            findings_per_inspection=options["findings_per_inspection"],
            updates_per_finding=options["updates_per_finding"],
        )
        # Fresh statistics, so that the planner knows the tables' new sizes at once rather than at
        # autovacuum's next visit (until then it plans for the empty tables it last saw).
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Created {totals.forces} forces, {totals.inspections} inspections, {totals.findings} findings "
            f"and {totals.updates} progress updates in {elapsed:.1f} s."
        )
