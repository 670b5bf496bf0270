"""A PDF report's text, page by page, in the form the parsers read: paragraphs separated by blank
lines, list items as "- …" lines, pages separated by form feeds.

pypdf reports each run of text with its position. Lines are rebuilt from the runs; a paragraph
ends where the gap to the next line is clearly wider than the page's usual line spacing, where the
type size changes or where a list item starts. Running headers and footers (text repeated at the
top or bottom of most pages, with page numbers) are dropped. Nothing is fetched; the whole file is
in memory and capped in size and page count (settings TRACKER_IMPORT_MAX_*).
"""

import io
import logging
import re
from collections import Counter
from dataclasses import dataclass
from statistics import median

from django.conf import settings
from pypdf import PdfReader

from inspections.importing.extraction import ImportProblem

logger = logging.getLogger(__name__)

BULLETS = {"•", "●", "▪", "◦", "‣", "∙", "·", "-", "–", "○", "■", "□", "➢", "►", "\uf0b7", "\uf0a7"}
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?$", re.I)
_MARGIN = 0.07  # headers and footers sit in the top and bottom 7% of the page, above or below the text


@dataclass
class Line:
    text: str
    x: float
    y: float
    size: float
    bullet: bool = False


def read_pdf(data, progress=None):
    """(text, number of pages). ImportProblem for encrypted, oversized, damaged or scanned PDFs."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportProblem("The PDF is protected by a password. Upload an unprotected copy of the report.")
        count = len(reader.pages)
    except ImportProblem:
        raise
    except Exception as error:  # pypdf raises many kinds of error on damaged files
        logger.info("Unreadable PDF: %s", error)
        raise ImportProblem("The PDF could not be read; it may be damaged. Download the report again.") from error
    limit = settings.TRACKER_IMPORT_MAX_PDF_PAGES
    if count > limit:
        raise ImportProblem(
            f"The PDF has {count} pages; the importer reads reports of up to {limit} pages. "
            "A PEEL report is usually under 100 pages: check this is the report itself, not a compilation."
        )
    if count == 0:
        raise ImportProblem("The PDF has no pages.")
    pages, characters = [], 0
    for number in range(count):
        try:
            page = reader.pages[number]
            lines = page_lines(page)
            height = float(page.mediabox.height)
        except Exception as error:
            logger.info("Unreadable PDF page %s: %s", number + 1, error)
            raise ImportProblem(f"Page {number + 1} of the PDF could not be read; it may be damaged.") from error
        pages.append((lines, height))
        characters += sum(len(line.text) for line in lines)
        if characters > settings.TRACKER_IMPORT_MAX_TEXT_CHARACTERS:
            raise ImportProblem("The PDF holds more text than a report; check this is the report itself.")
        if progress:
            progress(number + 1, count)
    if characters < 20 * count and characters < 2000:
        raise ImportProblem(
            f"The PDF's {count} page(s) hold no text that can be read: it looks like a scan (pictures of "
            "pages). Upload the report as published by HMICFRS, whose PDF has a text layer, or its text."
        )
    running = running_lines(pages)
    bodies = [[line for line in lines if not is_running(line, height, running)] for lines, height in pages]
    advance = line_advance(bodies)
    return "\n\f\n".join(paragraphs(body, advance) for body in bodies), count


def page_lines(page):
    """The page's lines in reading order, each with its position and type size."""
    runs = []

    def visit(text, cm, tm, font, size):
        if not text:
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = (cm[3] ** 2 + cm[2] ** 2) ** 0.5 or 1
        runs.append((text, x, y, float(size or 0) * scale))

    page.extract_text(visitor_text=visit)
    lines, current = [], None
    for text, x, y, size in runs:
        parts = text.split("\n")
        for index, part in enumerate(parts):
            if current is None and part.strip():
                current = Line(text="", x=x, y=y, size=size)
            if current is not None:
                current.text += part
                if index < len(parts) - 1:
                    lines.append(current)
                    current = None
    if current is not None:
        lines.append(current)
    lines = [line for line in lines if line.text.strip()]
    for line in lines:
        line.text = " ".join(line.text.split())
    return _attach_bullets(lines)


def _attach_bullets(lines):
    """Bullet marks drawn apart from their text become a flag on the line beside them."""
    kept = []
    for line in lines:
        if line.text in BULLETS:
            beside = min((o for o in lines if o is not line and o.text not in BULLETS),
                         key=lambda o: abs(o.y - line.y) + abs(o.x - line.x) / 1000, default=None)
            if beside is not None and abs(beside.y - line.y) < max(2.0, line.size * 0.3):
                beside.bullet = True
            continue  # a mark with no text beside it carries nothing
        elif line.text[:1] in BULLETS and line.text[1:2] == " ":
            line.text, line.bullet = line.text[2:], True
        kept.append(line)
    return kept


def _normal(text):
    return re.sub(r"\d+", "#", text.lower())


def _edges(lines):
    """The two topmost and two bottommost lines of a page: where running headers and footers are."""
    by_height = sorted(lines, key=lambda line: line.y)
    return by_height[:2] + by_height[-2:]


def running_lines(pages):
    """Texts (digits as #) repeated in the top or bottom margin of many pages: headers and footers."""
    seen = Counter()
    for lines, height in pages:
        seen.update({_normal(line.text) for line in _edges(lines) if _in_margin(line, height)})
    needed = max(2, int(0.4 * len(pages)))
    return {text for text, count in seen.items() if count >= needed}


def _in_margin(line, height):
    return line.y > height * (1 - _MARGIN) or line.y < height * _MARGIN


def is_running(line, height, running):
    if not _in_margin(line, height):
        return False
    return _normal(line.text) in running or bool(_PAGE_NUMBER.match(line.text))


def _gaps(lines):
    return [
        a.y - b.y
        for a, b in zip(lines, lines[1:], strict=False)
        if abs(a.size - b.size) < 0.5 and 0 < a.y - b.y < 3 * max(a.size, 1)
    ]


def line_advance(pages):
    """The usual distance from one line of a paragraph to the next: the smallest gap between lines
    that is common in the document (paragraph gaps are wider, and rarer than line gaps)."""
    gaps = [round(gap, 1) for lines in pages for gap in _gaps(lines)]
    if not gaps:
        return 0
    counts = Counter(round(gap) for gap in gaps)
    common = [gap for gap, seen in counts.items() if seen >= max(3, len(gaps) // 20)] or list(counts)
    smallest = min(common)
    return median(gap for gap in gaps if abs(gap - smallest) <= 1)


def paragraphs(lines, advance=0):
    """The lines of one page as paragraphs separated by blank lines; list items start with "- ".

    A paragraph ends where the gap to the next line is clearly wider than a line's usual advance
    (and, where every paragraph is one line long, wider than one and a half times the type size),
    where the type size changes, where a list item starts or where a list's indent ends."""
    out, current, indent = [], [], None
    for index, line in enumerate(lines):
        previous = lines[index - 1] if index else None
        new = previous is None or line.bullet
        if previous is not None and not new:
            gap = previous.y - line.y
            limit = min(advance * 1.3 + 0.5, 1.6 * max(previous.size, line.size)) if advance else 1.6 * line.size
            new = (
                gap > limit
                or gap < -1
                or abs(previous.size - line.size) >= 0.5
                or (indent is not None and line.x < indent - 2)
            )
        if new and current:
            out.append(current)
            current = []
        if new:
            indent = line.x if line.bullet else None
            current.append(("- " if line.bullet else "") + line.text)
        else:
            current.append(line.text)
    if current:
        out.append(current)
    return "\n\n".join(_join_lines(paragraph) for paragraph in out)


def _join_lines(lines):
    text = lines[0]
    for line in lines[1:]:
        text = text + line if text.endswith("-") and text[-2:-1].isalpha() else f"{text} {line}"
    return text
