"""Reading a rendered PDF back as text, for checks of what a document says.

Where a line happens to break depends on the font and its metrics, so the text is compared with
line breaks, page footers and hyphenation at wraps normalised: "sign-\noff" and "latest/\nmeta-data"
read as "sign-off" and "latest/meta-data", whatever font set the lines.
"""

import io
import re
import unicodedata

from pypdf import PdfReader

# A wrap after a hyphen or a slash inside a word leaves a space behind it in the extracted text.
WRAP_AFTER_BREAK = re.compile(r"(?<=\w)([-/‐–])\s+(?=\w)")


def squash(text):
    """The text with Unicode compatibility forms folded, runs of white space made one space, and
    wraps after a hyphen or slash joined up."""
    text = " ".join(unicodedata.normalize("NFKC", text).split())
    return WRAP_AFTER_BREAK.sub(r"\1", text)


def pdf_pages(content):
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def pdf_text(content):
    """(the text of each page, the whole document squashed into one line)."""
    pages = pdf_pages(content)
    # Page footers interrupt paragraphs that run over a page; list bullets come out at the page's end.
    return pages, squash(re.sub(r"Page \d+ of \d+|•", " ", "\n".join(pages)))


def pdf_fonts(content):
    """The base names of every font embedded in the PDF, without the subset prefix (ABCDEF+)."""
    names = set()
    for page in PdfReader(io.BytesIO(content)).pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for font in fonts.values():
            base = str(font.get_object().get("/BaseFont", ""))
            names.add(base.lstrip("/").split("+", 1)[-1])
    return names
