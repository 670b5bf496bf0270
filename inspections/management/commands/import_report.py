"""Read an HMICFRS report (PDF or text) and print what the importer finds, without saving anything.

    python manage.py import_report report.pdf --force warwickshire --published 2022-10-14 --json

It runs the same code as the import page (inspections.importing.pipeline.extract)."""

import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from inspections.importing.extraction import ImportProblem
from inspections.importing.pipeline import extract
from inspections.models import Force


class Command(BaseCommand):
    help = (
        "Print what the importer reads from an HMICFRS report or letter (the format it read, areas, findings, "
        "HMICFRS's decisions), without saving anything."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The report: its PDF, or its text.")
        parser.add_argument("--force", required=True, help="The force the report is about: its slug or name.")
        parser.add_argument("--published", help="The publication date, YYYY-MM-DD (sets the due dates).")
        parser.add_argument("--json", action="store_true", help="Print the whole extraction as JSON.")

    def handle(self, *args, **options):
        force = Force.objects.filter(Q(slug=options["force"]) | Q(name__iexact=options["force"])).first()
        if force is None:
            raise CommandError(f"No force has the slug or name “{options['force']}”.")
        published = None
        if options["published"]:
            try:
                published = date.fromisoformat(options["published"])
            except ValueError as error:
                raise CommandError("Give --published as YYYY-MM-DD, e.g. 2022-10-14.") from error
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"There is no file at {path}.")
        try:
            extraction = extract(path.read_bytes(), force=force, published_on=published)
        except ImportProblem as problem:
            raise CommandError(str(problem)) from problem
        if options["json"]:
            self.stdout.write(json.dumps(extraction.to_dict(), indent=2, ensure_ascii=False, default=str))
            return
        self.stdout.write(f"{extraction.title or '(no title in the text)'}")
        self.stdout.write(f"Read as: {extraction.format_label} [{extraction.format}]")
        for area in extraction.areas:
            self.stdout.write(f"  {area.name}: {area.grade or 'not graded'}")
        for item in extraction.items:
            carried = ""
            if item.carry_over and item.carry_over.chosen:
                best = item.carry_over.candidates[0]
                carried = f" [carries over {best.reference}, similarity {best.similarity:.2f}]"
            frame = f" ({item.time_frame})" if item.time_frame else ""
            if item.decision:
                chosen = next((c for c in item.decision.candidates if c.finding_id == item.decision.chosen), None)
                matched = f" [matches {chosen.reference}, similarity {chosen.similarity:.2f}]" if chosen else ""
                carried = f" – HMICFRS: {item.decision.outcome}{matched}"
            who = f" [for {item.addressee}]" if item.addressee else ""
            self.stdout.write(f"  {item.reference}{frame}{who}: {item.text[:100]}{carried}")
        for item in extraction.not_tracked:
            self.stdout.write(f"  not tracked ({item.addressee or 'addressee not named'}): {item.text[:100]}")
        for warning in extraction.warnings:
            self.stdout.write(self.style.WARNING(f"Check: {warning}"))
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in extraction.counts().items()))
