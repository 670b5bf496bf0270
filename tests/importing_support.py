"""Shared by the import tests: the real report as text and as a PDF, and the tracker as it was
before the 2021/22 report was imported."""

import html
import re
from functools import cache
from pathlib import Path

from inspections.models import Finding, FindingChange, Inspection
from inspections.status import Status

# The report as HMICFRS published it on its website (Open Government Licence), copied unchanged.
REPORT = Path(__file__).resolve().parent / "data" / "warwickshire-peel-2021-22-report.txt"


def report_text():
    return REPORT.read_text(encoding="utf-8")


def _refuse(url, *args, **kwargs):
    raise ValueError(f"The test PDF fetches nothing ({url}).")


def pdf_from_text(text, header="PEEL 2021/22 Warwickshire Police", pages_hint=None):
    """A PDF of a report's text, laid out like a report: paragraphs, lists, a running header and
    page numbers. Markdown links left by copying from the web page become plain text, as in a PDF."""
    from weasyprint import HTML

    text = re.sub(
        r"\[((?:\\.|[^\]\\])+)\]\([^)]*\)", lambda m: m.group(1).replace("\\(", "(").replace("\\)", ")"), text
    )
    parts = []
    for paragraph in re.split(r"\n\s*\n", text):
        lines = [line for line in paragraph.strip("\n").split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            parts.append("<ul>" + "".join(f"<li>{html.escape(line[2:])}</li>" for line in lines) + "</ul>")
        else:
            parts.append("<p>" + "<br>".join(html.escape(line) for line in lines) + "</p>")
    document = f"""<html><head><style>
      @page {{ size: A4; margin: 25mm 20mm;
        @top-center {{ content: "{html.escape(header)}"; font-size: 9pt }}
        @bottom-right {{ content: counter(page); font-size: 9pt }} }}
      body {{ font-family: sans-serif; font-size: 11pt }} p {{ margin: 0 0 8pt }}
    </style></head><body>{"".join(parts)}</body></html>"""
    return HTML(string=document, url_fetcher=_refuse).write_pdf()


@cache
def report_pdf():
    return pdf_from_text(report_text())


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
