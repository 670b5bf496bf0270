"""python manage.py render_section55 <inspection id> --out letter.pdf: the same PDF as the web page renders."""

import hashlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inspections.documents import renderer
from inspections.documents.errors import DocumentProblem
from inspections.models import Inspection
from inspections.section55.letter import render_letter_html, response_for


class Command(BaseCommand):
    help = "Render an inspection's Section 55 response letter to a PDF file (nothing is stored in the tracker)."

    def add_arguments(self, parser):
        parser.add_argument("inspection_id", type=int)
        parser.add_argument("--out", required=True, help="Where to write the PDF, e.g. letter.pdf.")
        parser.add_argument("--html", help="Also write the letter's HTML here.")

    def handle(self, *args, inspection_id, out, html=None, **options):
        inspection = Inspection.objects.select_related("force", "previous").filter(pk=inspection_id).first()
        if inspection is None:
            raise CommandError(f"There is no inspection with id {inspection_id}.")
        try:
            letter = render_letter_html(response_for(inspection))
            pdf = renderer.html_to_pdf(letter, title=f"Section 55 response: {inspection.title}")
        except DocumentProblem as problem:
            raise CommandError(str(problem)) from problem
        if html:
            Path(html).write_text(letter, encoding="utf-8")
        try:
            Path(out).write_bytes(pdf.content)
        except OSError as error:
            raise CommandError(f"Cannot write {out}: {error.strerror}.") from error
        self.stdout.write(
            f"{out}: {pdf.page_count} pages, {len(pdf.content)} bytes, sha256 {hashlib.sha256(pdf.content).hexdigest()}"
        )
