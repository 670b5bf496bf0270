"""A board pack as a PDF at national scale: where the time goes (the pack's queries, its HTML, the
layout of the pages by WeasyPrint, the PDF written out).

    BENCH_SCALE=1 .venv/bin/python bench/board_pack.py [--profile]     (and BENCH_SCALE=3)

The meeting chosen is the synthetic force's top board's meeting whose pack is nearest 15 pages;
the Warwickshire 10-page Section 55 letter is timed beside it for comparison.
"""

import cProfile
import pstats
import sys
import time

from _setup import national_data, scale_label

national_data()

from django.db.models import Count

from inspections.boards.document import render_pack_html
from inspections.boards.pack import build_pack
from inspections.devdata.synthetic import synthetic_forces
from inspections.documents.renderer import html_to_pdf
from inspections.models import BoardMeeting


def timed(work):
    started = time.perf_counter()
    result = work()
    return result, time.perf_counter() - started


def pack_for(meeting):
    pack, built = timed(lambda: build_pack(meeting))
    html, rendered = timed(lambda: render_pack_html(meeting))
    pdf, laid_out = timed(lambda: html_to_pdf(html, title=pack.title))
    return pack, html, pdf, built, rendered, laid_out  # the HTML's render builds the pack again, inside it


print(scale_label())
force = synthetic_forces().order_by("slug").first()
meetings = (
    BoardMeeting.objects.filter(board__force=force, board__parent__isnull=True)
    .annotate(n=Count("board__findings"))
    .order_by("-held_on")[:6]
)
best = None
for meeting in meetings:
    pack, html, pdf, built, rendered, laid_out = pack_for(meeting)
    pages = pdf.page_count if hasattr(pdf, "page_count") else None
    print(
        f"{meeting.board.name}, {meeting.held_on}: {pages} pages, {len(html) / 1024:.0f} KB of HTML; "
        f"pack {built * 1000:.0f} ms, HTML with its pack {rendered * 1000:.0f} ms, PDF {laid_out:.2f} s; "
        f"total (HTML and PDF) {rendered + laid_out:.2f} s"
        + (f", {(rendered + laid_out) / pages:.2f} s a page" if pages else "")
    )
    if pages and (best is None or abs(pages - 15) < abs(best[1] - 15)):
        best = (meeting, pages)

if "--profile" in sys.argv and best:
    meeting = best[0]
    html = render_pack_html(meeting)
    profile = cProfile.Profile()
    profile.enable()
    html_to_pdf(html, title="profile")
    profile.disable()
    pstats.Stats(profile).sort_stats("cumulative").print_stats(30)
