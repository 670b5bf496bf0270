"""The documents the tracker produces are tagged PDFs (PDF/UA-1), so that a screen reader can read
them: a structure tree with headings from H1 down without a level skipped, tables whose data cells
name their header cells, images with alternative text, the language (en-GB) and a title shown in the
reader's title bar. Read back from the PDFs the tracker stores, the same bytes a user downloads."""

from datetime import date

import pytest
from django.core.files.base import ContentFile

from inspections.documents import versions as document_services
from inspections.models import BoardMeeting, DocumentKind, GovernanceBoard, Inspection, JudgmentLevel
from inspections.section55 import letter as section55
from tests.documents.pdf_tags import read_tags
from tests.pdf_support import pdf_text
from tests.section55.support import png_bytes

pytestmark = pytest.mark.django_db


def rendered(kind, by, **about):
    document = document_services.request_render(kind=kind, by=by, **about)
    document_services.render(document.pk)
    document.refresh_from_db()
    with document.file.open("rb") as handle:
        return document, handle.read()


def assert_accessible_pdf(tagged, title):
    assert tagged.lang == "en-GB"
    assert tagged.title == tagged.xmp_title == title
    assert tagged.shows_title and tagged.marked
    assert tagged.ua_part == "1"
    assert tagged.root is not None and tagged.root.children[0].name == "Document"
    levels = tagged.heading_levels()
    assert levels[0] == 1 and levels.count(1) == 1, levels
    skipped = [(before, after) for before, after in zip(levels, levels[1:], strict=False) if after > before + 1]
    assert not skipped, f"heading levels skipped: {skipped}"


def assert_table_headers(tagged):
    """Every table has header cells, and every data cell names the header cells it falls under."""
    tables = tagged.named("Table")
    assert tables
    for table in tables:
        headers = [tag for tag in tagged.walk(table) if tag.name == "TH"]
        cells = [tag for tag in tagged.walk(table) if tag.name == "TD"]
        assert headers and cells
        ids = {str(tag.attributes["/ID"]) for tag in headers}
        for cell in cells:
            named = [str(header) for header in cell.attributes.get("/Headers", [])]
            assert named and set(named) <= ids


@pytest.fixture
def ipa_2019(warwickshire):
    return Inspection.objects.get(title="Warwickshire Police: Integrated PEEL Assessment 2019")


def test_the_section55_letter_is_tagged_with_title_language_and_headings(ipa_2019, staff_user, media):
    response = ipa_2019.section55
    response.signature.save("signature.png", ContentFile(png_bytes()), save=True)
    document, content = rendered(DocumentKind.SECTION55_LETTER, staff_user, inspection=ipa_2019)
    tagged = read_tags(content)
    assert_accessible_pdf(tagged, f"Section 55 response: {ipa_2019.title}")
    # 1., 2. and 3. of the letter; the three pillars of a 2014–2019 report under 2.; its areas below them.
    assert len(tagged.named("H2")) == 3
    assert len(tagged.named("H3")) == ipa_2019.judgments.filter(level=JudgmentLevel.PILLAR).count() == 3
    assert len(tagged.named("H4")) == ipa_2019.judgments.filter(level=JudgmentLevel.AREA).count()
    assert tagged.named("L") and tagged.named("LI") and tagged.named("P")
    [signature] = tagged.named("Figure")
    assert str(signature.attributes["/Alt"]) == f"Signature of {response.signatory_name}"
    # The first heading is the letter's subject line.
    _, text = pdf_text(content)
    assert f"Dear Inspector / Minister, Response to the HMICFRS report ‘{ipa_2019.title}’ As the" in text


def test_a_letter_without_pillars_skips_no_heading_level(warwickshire, staff_user, media):
    """2021 onward, areas have no pillar above them: they are H3, and what is under them H4."""
    peel = Inspection.objects.get(title="PEEL 2021/22: An inspection of Warwickshire Police")
    section55.default_response(peel).save()
    _, content = rendered(DocumentKind.SECTION55_LETTER, staff_user, inspection=peel)
    tagged = read_tags(content)
    assert_accessible_pdf(tagged, f"Section 55 response: {peel.title}")
    assert not peel.judgments.filter(level=JudgmentLevel.PILLAR).exists()
    assert len(tagged.named("H3")) >= peel.judgments.filter(findings__isnull=False).distinct().count() > 0
    assert tagged.named("H4")  # "Areas for improvement" under each area
    assert not tagged.named("H5")


@pytest.mark.heavy
def test_the_board_pack_is_tagged_with_title_language_headings_and_table_headers(people, staff_user, media):
    board = GovernanceBoard.objects.get(force=people.force, name="Warwickshire Assurance Board")
    BoardMeeting.objects.create(board=board, held_on=date(2026, 10, 13))
    meeting = BoardMeeting.objects.create(board=board, held_on=date(2026, 11, 10))
    _, content = rendered(DocumentKind.BOARD_PACK, people.chair, subject=meeting)
    tagged = read_tags(content)
    assert_accessible_pdf(tagged, "Warwickshire Assurance Board: board pack for 10 November 2026")
    # Contents and the five sections of the pack, under the board's name.
    assert len(tagged.named("H2")) == 6
    assert_table_headers(tagged)
