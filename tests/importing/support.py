"""Shared by the import tests: the real report as text and as a PDF, and the tracker as it was
before the 2021/22 report was imported."""

import html
import re
from functools import cache

from weasyprint import HTML

from inspections.core.status import Status
from inspections.importing.formats import common
from inspections.importing.text import ends_sentence
from inspections.models import Finding, FindingChange, Inspection
from tests.paths import DATA

# The report as HMICFRS published it on its website (Open Government Licence), copied unchanged.
REPORT = DATA / "warwickshire-peel-2021-22-report.txt"


def report_text():
    return REPORT.read_text(encoding="utf-8")


def _refuse(url, *args, **kwargs):
    raise ValueError(f"The test PDF fetches nothing ({url}).")


PLAIN = """@page { size: A4; margin: 25mm 20mm;
    @top-center { content: "%s"; font-size: 9pt } @bottom-right { content: counter(page); font-size: 9pt } }
  body { font-family: sans-serif; font-size: 11pt } p { margin: 0 0 8pt }"""
# Closer to a published report: serif type with generous leading, larger section headings that
# start a new page, bold headlines, grades in a box, the header at the right, numbers at the foot.
STYLED = """@page { size: A4; margin: 20mm 18mm 22mm;
    @top-right { content: "%s"; font-size: 8pt } @bottom-center { content: counter(page); font-size: 9pt } }
  body { font-family: serif; font-size: 12pt; line-height: 1.5 } p { margin: 0 0 10pt }
  h2 { font-size: 20pt; page-break-before: always } h3 { font-size: 15pt } li { margin-bottom: 4pt }
  .grade { background: #fcc; padding: 6pt; font-weight: bold; width: 40%% }"""


def _styled(paragraph, sections):
    """A paragraph as a published report would set it (its role judged from the text alone)."""

    joined = " ".join(paragraph)
    if joined in ("Areas for improvement", "Area for improvement", "Main findings", "Innovative practice"):
        return f"<h3>{html.escape(joined)}</h3>"
    if joined in sections:
        return f"<h2>{html.escape(joined)}</h2>"
    if common.grade_of(joined):
        return f'<p class="grade">{html.escape(joined)}</p>'
    if len(joined.split()) < 80 and not ends_sentence(joined):
        return f"<p><strong>{html.escape(joined)}</strong></p>"
    return "<p>" + "<br>".join(html.escape(line) for line in paragraph) + "</p>"


def pdf_from_text(text, header="PEEL 2021/22 Warwickshire Police", styled=False):
    """A PDF of a report's text, laid out like a report: paragraphs, lists, a running header and
    page numbers. Markdown links left by copying from the web page become plain text, as in a PDF."""

    text = re.sub(
        r"\[((?:\\.|[^\]\\])+)\]\([^)]*\)", lambda m: m.group(1).replace("\\(", "(").replace("\\)", ")"), text
    )
    sections = set(common.contents(text.split("\n"))[0]) if styled else set()
    parts = []
    for paragraph in re.split(r"\n\s*\n", text):
        lines = [line for line in paragraph.strip("\n").split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            parts.append("<ul>" + "".join(f"<li>{html.escape(line[2:])}</li>" for line in lines) + "</ul>")
        elif styled:
            parts.append(_styled(lines, sections))
        else:
            parts.append("<p>" + "<br>".join(html.escape(line) for line in lines) + "</p>")
    style = (STYLED if styled else PLAIN) % html.escape(header)
    document = f"<html><head><style>{style}</style></head><body>{''.join(parts)}</body></html>"
    return HTML(string=document, url_fetcher=_refuse).write_pdf()


@cache
def report_pdf(styled=False):
    header = "PEEL 2021/22 – Warwickshire Police" if styled else "PEEL 2021/22 Warwickshire Police"
    return pdf_from_text(report_text(), header=header, styled=styled)


def untrack_2021_22(force):
    """The tracker as it stood before the 2021/22 report arrived: the fixtures already hold that
    inspection (with its carry-overs), so remove it and reopen the two 2019 findings it superseded."""
    later = Inspection.objects.get(force=force, title="PEEL 2021/22: An inspection of Warwickshire Police")
    superseded = Finding.objects.filter(superseded_by__inspection=later)
    superseded.update(status=Status.IN_PROGRESS, superseded_by=None, closed_on=None)
    FindingChange.objects.filter(finding__inspection=later).delete()
    later.findings.update(repeats=None)
    later.findings.all().delete()
    later.delete()
