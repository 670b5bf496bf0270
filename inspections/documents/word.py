"""The editable Word copy of a document (.docx, with python-docx), made from the same HTML as its PDF.

Staff make their last edits in Word before signing, so the copy must say what the PDF says: the
builders' HTML (registry.py) is walked once and each element becomes its Word equivalent, with Word's
own styles so the headings show in Word's navigation pane and read out as headings:
h1–h4 → Heading 1–4; p and address → paragraphs (strong/em → bold/italic, br → line break); ul/ol →
List Bullet / List Number; table → a table with its header row repeated on each page; dl → "term: value"
lines; img with a data: URL (a signature) → the picture. The preview's own navigation is left out.
Nothing is fetched: only data: images are read, as in the PDF (renderer.py).
"""

import base64
import binascii
import io
import re
from dataclasses import dataclass

from django.utils import timezone
from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from lxml import html as lxml_html

from inspections.core import textguard
from inspections.documents import images

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
BLOCKS = {
    *HEADINGS, "p", "ul", "ol", "li", "table", "div", "section", "header", "footer", "main", "article",
    "nav", "address", "dl", "dt", "dd", "blockquote", "figure", "figcaption", "caption",
}
SKIPPED_CLASSES = {"preview-bar", "preview-footer", "visually-hidden"}  # as in the PDF (documents.css)
SKIPPED_TAGS = {"head", "script", "style", "template"}
WHITE_SPACE = re.compile(r"\s+")
SIGNATURE_WIDTH = Cm(5)
MIME_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class WordDocument:
    content: bytes


def html_to_docx(html, *, title="", author=""):
    """A .docx with the content and headings of the HTML document (a whole page, as for the PDF)."""
    html = textguard.strip(html)
    tree = lxml_html.document_fromstring(html)
    document = Document()
    _styles(document)
    properties = document.core_properties
    properties.title = title or (tree.findtext(".//title") or "").strip()
    properties.author = author or _meta(tree, "author")
    properties.language = tree.get("lang") or "en-GB"
    properties.created = properties.modified = timezone.now()
    properties.comments = _meta(tree, "description")
    body = tree.find("body")
    _blocks(document, body if body is not None else tree)
    stream = io.BytesIO()
    document.save(stream)
    return WordDocument(stream.getvalue())


def _meta(tree, name):
    for meta in tree.iter("meta"):
        if meta.get("name") == name:
            return (meta.get("content") or "").strip()
    return ""


def _styles(document):
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "Arial")
    # British English for Word's spelling and grammar checks.
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "en-GB")
    normal.element.get_or_add_rPr().append(language)


def _skipped(element):
    if not isinstance(element.tag, str) or element.tag in SKIPPED_TAGS:
        return True
    classes = set((element.get("class") or "").split())
    return bool(classes & SKIPPED_CLASSES)


def _has_blocks(element):
    return any(isinstance(child.tag, str) and child.tag in BLOCKS for child in element)


def _blocks(container, element, *, list_style=None):
    """Each block element inside `element`, in order; loose text between blocks is a paragraph too."""
    loose = []

    def flush():
        if _text_of(loose):  # white space between blocks is no paragraph
            _runs(container.add_paragraph(style=list_style), loose)
        loose.clear()

    if element.text:
        loose.append((element.text, False, False, False))
    for child in element:
        if _skipped(child):
            if child.tail:
                loose.append((child.tail, False, False, False))
            continue
        if child.tag in BLOCKS or child.tag == "img":
            flush()
            _block(container, child, list_style=list_style)
        else:
            loose.extend(_inline(child))
        if child.tail:
            loose.append((child.tail, False, False, False))
    flush()


def _block(container, element, *, list_style=None):
    tag = element.tag
    if tag in HEADINGS:
        heading = container.add_heading(level=HEADINGS[tag])
        _runs(heading, _inline_children(element))
    elif tag in ("ul", "ol"):
        style = "List Bullet" if tag == "ul" else "List Number"
        for item in element:
            if isinstance(item.tag, str) and item.tag == "li" and not _skipped(item):
                _list_item(container, item, style)
    elif tag == "table":
        _table(container, element)
    elif tag == "dl":
        _definitions(container, element)
    elif tag == "img":
        _picture(container, element)
    elif tag in ("p", "address", "dt", "dd", "caption", "figcaption") or not _has_blocks(element):
        runs = _inline_children(element)
        if _text_of(runs):
            style = list_style or ("Caption" if tag in ("caption", "figcaption") else None)
            _runs(container.add_paragraph(style=style), runs)
        for image in element.iter("img"):
            _picture(container, image)
    else:
        _blocks(container, element, list_style=list_style)


def _list_item(container, item, style):
    if _has_blocks(item):
        _blocks(container, item, list_style=style)
    else:
        _runs(container.add_paragraph(style=style), _inline_children(item))


def _table(container, element):
    caption = element.find("caption")
    if caption is not None and not _skipped(caption):
        _runs(container.add_paragraph(style="Caption"), _inline_children(caption))
    rows = list(element.iter("tr"))
    if not rows:
        return
    width = max(len([c for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")]) for row in rows)
    table = container.add_table(rows=0, cols=max(width, 1))
    table.style = "Table Grid"
    for row in rows:
        cells = [c for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")]
        word_row = table.add_row()
        in_head = row.getparent() is not None and row.getparent().tag == "thead"
        if in_head:
            # Repeat the header row at the top of each page, as the PDF does.
            properties = word_row._tr.get_or_add_trPr()
            header = OxmlElement("w:tblHeader")
            header.set(qn("w:val"), "true")
            properties.append(header)
        for cell, word_cell in zip(cells, word_row.cells, strict=False):
            bold = cell.tag == "th"
            runs = [(text, bold or b, i, br) for text, b, i, br in _inline_children(cell)]
            paragraph = word_cell.paragraphs[0]
            _runs(paragraph, runs)


def _definitions(container, element):
    """<dl>: each term and its value on one line, the term in bold."""
    for item in element.iter("dt"):
        value = item.getnext()
        runs = [(text, True, i, br) for text, _, i, br in _inline_children(item)]
        if value is not None and value.tag == "dd":
            runs.append((" ", False, False, False))
            runs.extend(_inline_children(value))
        _runs(container.add_paragraph(), runs)


def _picture(container, element):
    source = element.get("src") or ""
    if not source.startswith("data:") or ";base64," not in source:
        return  # nothing but data: images, as in the PDF
    try:
        data = base64.b64decode(source.split(";base64,", 1)[1], validate=False)
    except (binascii.Error, ValueError):
        return
    if images.format_of(data) is None:
        return
    paragraph = container.add_paragraph()
    paragraph.add_run().add_picture(io.BytesIO(data), width=SIGNATURE_WIDTH)
    if element.get("alt"):
        # The picture's description, for screen readers (Word's "alt text").
        for properties in paragraph._p.iter(qn("wp:docPr")):
            properties.set("descr", element.get("alt"))


# --- Inline text -------------------------------------------------------------------------------------


def _inline_children(element, bold=False, italic=False):
    runs = []
    if element.text:
        runs.append((element.text, bold, italic, False))
    for child in element:
        if not _skipped(child):
            runs.extend(_inline(child, bold, italic))
        if child.tail:
            runs.append((child.tail, bold, italic, False))
    return runs


def _inline(element, bold=False, italic=False):
    tag = element.tag
    if tag == "br":
        return [("", bold, italic, True)]
    if tag == "img":
        return []
    bold = bold or tag in ("strong", "b")
    italic = italic or tag in ("em", "i", "cite")
    return _inline_children(element, bold, italic)


def _text_of(runs):
    return "".join(text for text, *_ in runs).strip()


def _runs(paragraph, runs):
    """Add the runs to the paragraph with HTML's white space rules: runs of spaces are one space, and
    none is left at the start or end of a line."""
    at_line_start = True
    pending_space = False
    pending_breaks = 0  # a line break is written before the text after it: none is left at the end
    for text, bold, italic, is_break in runs:
        if is_break:
            pending_breaks += 1
            at_line_start, pending_space = True, False
            continue
        if not text:
            continue
        collapsed = WHITE_SPACE.sub(" ", text)
        if collapsed.startswith(" "):
            pending_space = not at_line_start
            collapsed = collapsed.lstrip(" ")
        if not collapsed:
            continue
        trailing = collapsed.endswith(" ")
        collapsed = collapsed.rstrip(" ")
        for _ in range(pending_breaks if paragraph.runs else 0):
            paragraph.add_run().add_break(WD_BREAK.LINE)
        pending_breaks = 0
        run = paragraph.add_run(("" if not pending_space else " ") + collapsed)
        run.bold = bold or None
        run.italic = italic or None
        at_line_start, pending_space = False, trailing
