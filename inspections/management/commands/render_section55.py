"""python manage.py render_section55 <inspection id> --out letter.pdf: the same PDF as the web page renders;
--out letter.docx writes the editable Word copy instead (the format follows the file's extension)."""

import hashlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inspections.documents import formats, renderer, word
from inspections.documents.errors import DocumentProblem
from inspections.models import DocumentFormat, Inspection
from inspections.section55.letter import render_letter_html, response_for


class Command(BaseCommand):
    help = (
        "Render an inspection's Section 55 response letter to a PDF or Word file, by the extension of --out "
        "(nothing is stored in the tracker)."
    )

    def add_arguments(self, parser):
        parser.add_argument("inspection_id", type=int)
        parser.add_argument("--out", required=True, help="Where to write it: letter.pdf, or letter.docx for Word.")
        parser.add_argument("--html", help="Also write the letter's HTML here.")

    def handle(self, *args, inspection_id, out, html=None, **options):
        inspection = Inspection.objects.select_related("force", "previous").filter(pk=inspection_id).first()
        if inspection is None:
            raise CommandError(f"There is no inspection with id {inspection_id}.")
        try:
            document_format = formats.format_from_path(out)
        except ValueError as error:
            raise CommandError(str(error)) from error
        title = f"Section 55 response: {inspection.title}"
        try:
            letter = render_letter_html(response_for(inspection))
            if document_format == DocumentFormat.DOCX:
                output, pages = word.html_to_docx(letter, title=title), "Word copy"
            else:
                output = renderer.html_to_pdf(letter, title=title)
                pages = f"{output.page_count} pages"
        except DocumentProblem as problem:
            raise CommandError(str(problem)) from problem
        if html:
            Path(html).write_text(letter, encoding="utf-8")
        try:
            Path(out).write_bytes(output.content)
        except OSError as error:
            raise CommandError(f"Cannot write {out}: {error.strerror}.") from error
        digest = hashlib.sha256(output.content).hexdigest()
        self.stdout.write(f"{out}: {pages}, {len(output.content)} bytes, sha256 {digest}")
