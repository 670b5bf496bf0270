"""The fonts a document asks for are the fonts it is printed in.

static/css/documents.css names Liberation Sans first. Without it fontconfig quietly substitutes
another face whose widths differ, so the letter breaks its lines elsewhere than the one that was
checked; the set-up installs it (.ci/services.sh, the Dockerfile) and this test says so plainly when
it is missing.
"""

import re

from inspections.documents import renderer
from tests.paths import ROOT
from tests.pdf_support import pdf_fonts

CSS = ROOT / "static" / "css" / "documents.css"


def first_family():
    families = re.findall(r"font-family:\s*([^;]+);", CSS.read_text())
    assert families, "documents.css names no font family"
    first = {family.split(",")[0].strip().strip("\"'") for family in families}
    assert len(first) == 1, f"documents.css asks for more than one first choice of font: {sorted(first)}"
    return first.pop()


def letters(name):
    """A PDF names a face "Liberation-Sans-Bold" or "LiberationSans-Bold": compare the letters only."""
    return re.sub(r"[^a-z]", "", name.lower())


def test_documents_are_printed_in_the_font_their_stylesheet_asks_for():
    wanted = first_family()
    html = (
        '<html lang="en-GB"><head><link rel="stylesheet" href="/static/css/documents.css"></head>'
        "<body><h1>Section 55 response</h1><p>Plain and <strong>bold</strong> text.</p></body></html>"
    )
    fonts = pdf_fonts(renderer.html_to_pdf(html, title="Fonts").content)
    assert fonts, "the PDF embeds no fonts"
    strays = sorted(font for font in fonts if not letters(font).startswith(letters(wanted)))
    assert not strays, (
        f"documents.css asks for {wanted!r} but WeasyPrint used {strays}: install the font "
        "(Debian: fonts-liberation; .ci/services.sh does this as root)."
    )
