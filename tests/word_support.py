"""Reading a Word copy (.docx) back with python-docx, for checks of what it says: its headings with their
levels, and all its text (paragraphs and table cells, in order) squashed into one line."""

import io

from docx import Document
from lxml import html as lxml_html

from tests.pdf_support import squash


def docx_document(content):
    return Document(io.BytesIO(content))


def docx_headings(content):
    """[(level, text)] of every heading, in order, from Word's Heading styles."""
    headings = []
    for paragraph in docx_document(content).paragraphs:
        name = paragraph.style.name
        if name.startswith("Heading "):
            headings.append((int(name.split()[1]), squash(paragraph.text)))
    return headings


def docx_text(content):
    """The whole text, paragraphs and table cells in document order, squashed."""
    document = docx_document(content)
    parts = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            parts.append("".join(node.text or "" for node in block.iter() if node.tag.endswith("}t")))
        elif tag == "tbl":
            for cell in block.iter():
                if cell.tag.endswith("}tc"):
                    parts.append("".join(node.text or "" for node in cell.iter() if node.tag.endswith("}t")))
    return squash(" ".join(parts))


def html_headings(html):
    """[(level, text)] of the headings of an HTML document, as the PDF tags them."""
    tree = lxml_html.document_fromstring(html)
    return [
        (int(element.tag[1]), squash(element.text_content()))
        for element in tree.iter("h1", "h2", "h3", "h4", "h5", "h6")
        if not element.xpath("ancestor::nav[contains(@class, 'preview-bar')]")
    ]
