"""The one code path from an uploaded report to an extraction: the review page's task and
`manage.py import_report` both call `extract`. Nothing is saved here."""

import time
from datetime import date

from django.conf import settings

from inspections.core import textguard, timeframes
from inspections.core.labels import day_month_year
from inspections.importing import carryovers, letters, pdf, uploads
from inspections.importing.extraction import LETTER, NATIONAL, Extraction, ImportProblem
from inspections.importing.formats import format_for, signals
from inspections.importing.text import normalise
from inspections.models import Inspection


def _no_progress(percent, message):
    return None


def extract(data, *, force, published_on=None, progress=None) -> Extraction:
    """The areas and findings of a report (PDF or text, by content), for a force.

    `published_on` (a date, or None) sets the due dates; without it, a publication date printed
    in the report is used where there is one. `progress(percent, message)` is told how far it got.
    Raises ImportProblem, with a message for staff, for anything it cannot read."""
    progress = progress or _no_progress
    started = time.perf_counter()
    kind = uploads.report_kind(data)
    pages = None
    if kind == "pdf":
        progress(5, "Reading the PDF")

        def page_read(number, total):
            progress(5 + int(75 * number / total), f"Read page {number} of {total}")

        raw, pages = pdf.read_pdf(data, progress=page_read)
    else:
        raw = uploads.decode_text(data, "a PDF or text")
    if len(raw) > settings.TRACKER_IMPORT_MAX_TEXT_CHARACTERS:
        raise ImportProblem("The file holds more text than a report; check this is the report itself.")
    guarded = textguard.clean(raw, keep_page_breaks=True)
    text = normalise(guarded.text)
    if not text.strip():
        raise ImportProblem("The file holds no text.")
    progress(85, "Finding the graded areas and the findings")
    report_format = format_for(text)
    extraction = report_format.parse(text, force)
    if published_on and extraction.kind != LETTER:
        extraction.published_on = published_on.isoformat()  # a letter's date is its own
    check_force_and_title(extraction, text, force)
    if extraction.kind == LETTER:
        progress(92, "Matching the letter's causes of concern to the force's")
        letters.propose_matches(extraction, force)
    else:
        progress(92, "Looking for the earlier findings that carried-over findings repeat")
        carryovers.propose(extraction, force, extraction.published_on)
        warn_if_tracked(extraction, force)
    if guarded.changed:
        extraction.warnings.append(
            f"The file held invisible characters ({guarded.describe()}); they were removed, so each finding "
            "reads in the order it was written."
        )
    set_due_dates(extraction)
    extraction.stats = {
        "source": kind,
        "pages": pages,
        "characters": len(text),
        "seconds": round(time.perf_counter() - started, 3),
        "counts": {str(k): v for k, v in extraction.counts().items()},
    }
    progress(100, "Ready for review")
    return extraction


def check_force_and_title(extraction, text, force):
    """Whatever the format: name the force the text is about, and warn when it is not the force chosen;
    and say so where the text gives no title (none is made up)."""
    if not extraction.force_named and extraction.kind != NATIONAL:
        extraction.force_named = signals.subject_force(text) or ""
    named = extraction.force_named
    if named and not signals.same_force(named, force.name) and not any(named in w for w in extraction.warnings):
        what = {LETTER: "The letter is addressed to", NATIONAL: "The report is about"}.get(
            extraction.kind, "The report is an inspection of"
        )
        extraction.warnings.insert(
            0, f"{what} {named}, but it is being imported for {force.name}. Check you chose the right force."
        )
    if not extraction.title:
        what = "letter" if extraction.kind == LETTER else "inspection"
        extraction.warnings.append(
            f"The text has no title line (is it one page, copied from the web page?): give the {what} its title "
            "on the review page."
        )


def warn_if_tracked(extraction, force):
    """Say so where the force already tracks an inspection with this report's title."""
    if force.pk is None or not extraction.title:
        return
    tracked = Inspection.objects.filter(force=force, title__iexact=extraction.title).first()
    if tracked:
        published = f", published {day_month_year(tracked.published_on)}" if tracked.published_on else ""
        extraction.warnings.insert(
            0,
            f"{force} already tracks “{tracked.title}”{published}. If this is the same report, discard this "
            "import; the tracker will not accept a second inspection with the same title.",
        )


def set_due_dates(extraction):
    """Each item's due date from the publication date and its time frame (None without a date)."""
    published = date.fromisoformat(extraction.published_on) if extraction.published_on else None
    for item in extraction.items:
        try:
            due = timeframes.due_date(published, item.time_frame) if published else None
        except timeframes.TimeFrameError:
            due = None
        item.due_date = due.isoformat() if due else None
