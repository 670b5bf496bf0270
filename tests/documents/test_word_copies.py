"""Editable Word copies: the Section 55 letter and the board pack as .docx, with the same content and
headings as their PDFs, kept as versions like the PDFs and downloaded with the same checks; and the
render_section55 command writing whichever format its --out names."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from inspections.boards import document as boardpack
from inspections.documents import versions as document_services
from inspections.models import (
    BoardMeeting,
    DocumentFormat,
    DocumentKind,
    Finding,
    GovernanceBoard,
    Inspection,
    RenderedDocument,
)
from inspections.section55 import letter as section55
from tests.pdf_support import pdf_text, squash
from tests.section55.support import png_bytes
from tests.word_support import docx_document, docx_headings, docx_text, html_headings

pytestmark = pytest.mark.django_db

WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def ipa_2019(warwickshire):
    return Inspection.objects.get(title="Warwickshire Police: Integrated PEEL Assessment 2019")


def rendered(kind, by, document_format, **about):
    document = document_services.request_render(kind=kind, by=by, format=document_format, **about)
    document_services.render(document.pk)
    document.refresh_from_db()
    assert document.is_ready, document.error
    with document.file.open("rb") as handle:
        return document, handle.read()


def test_the_section55_letter_as_word_has_the_pdfs_headings_and_text(ipa_2019, staff_user, media):
    response = ipa_2019.section55
    response.signature.save("signature.png", ContentFile(png_bytes()), save=True)
    html = section55.render_letter_html(response)
    document, content = rendered(DocumentKind.SECTION55_LETTER, staff_user, DocumentFormat.DOCX, inspection=ipa_2019)
    _, pdf = rendered(DocumentKind.SECTION55_LETTER, staff_user, DocumentFormat.PDF, inspection=ipa_2019)
    _, pdf_words = pdf_text(pdf)

    headings = docx_headings(content)
    assert headings == html_headings(html)
    assert headings[0] == (1, f"Response to the HMICFRS report ‘{ipa_2019.title}’")
    assert [text for level, text in headings if level == 2] == [
        "1. LOCAL POLICING BODY'S COMMENTS", "2. COMMENTS FROM THE CHIEF CONSTABLE",
        "3. ANY COMMENTS FROM THE LOCAL POLICING BODY ON THE CC'S COMMENTS.",
    ]
    for _, text in headings:
        assert text in pdf_words  # the same headings as the PDF
    words = docx_text(content)
    # Every finding of the letter and its response, as in the PDF.
    for finding in ipa_2019.findings.exclude(response=""):
        assert squash(finding.text)[:120] in words
        assert squash(finding.response)[:120] in words
    assert squash(section55.publication_statement(response, ipa_2019.force.local_policing_body)) in words
    assert "Yours faithfully," in words and response.signatory_name in words
    word = docx_document(content)
    assert word.core_properties.title == f"Section 55 response: {ipa_2019.title}"
    assert word.core_properties.language == "en-GB"
    assert len(word.inline_shapes) == 1  # the signature
    assert document.filename.endswith("-v1.docx") and document.page_count is None
    assert document.format == "docx" and len(document.sha256) == 64


def test_word_and_pdf_versions_are_numbered_apart_and_listed_together(ipa_2019, staff_user, media):
    for document_format in ("pdf", "docx", "docx"):
        document_services.request_render(
            kind=DocumentKind.SECTION55_LETTER, by=staff_user, inspection=ipa_2019, format=document_format
        )
    listed = document_services.versions(kind=DocumentKind.SECTION55_LETTER, inspection=ipa_2019)
    assert sorted((d.format, d.version) for d in listed) == [("docx", 1), ("docx", 2), ("pdf", 1)]


def test_the_board_pack_as_word_has_the_pdfs_headings(warwickshire, staff_user, media):
    board = GovernanceBoard.objects.get(force=warwickshire, name="Warwickshire Assurance Board")
    meeting = BoardMeeting.objects.create(board=board, held_on=date(2026, 2, 10))
    _, content = rendered(DocumentKind.BOARD_PACK, staff_user, DocumentFormat.DOCX, subject=meeting)
    headings = docx_headings(content)
    assert headings == html_headings(boardpack.render_pack_html(meeting))
    assert (1, "Warwickshire Assurance Board") in headings
    assert (2, "4. Proposed for sign-off") in headings
    words = docx_text(content)
    assert "The board is asked to note the contents of this report." in words
    assert "Rec 2.1" in words  # the one finding awaiting sign-off, in its table
    tables = docx_document(content).tables
    assert tables and tables[0].rows[0].cells[0].text == "Red"


def test_a_word_copy_is_requested_on_the_letters_page_and_downloaded_as_word(client, ipa_2019, people, media,
                                                                             eager_celery,
                                                                             django_capture_on_commit_callbacks):
    client.force_login(people.opcc)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("section55_render", args=[ipa_2019.pk]), {"format": "docx"})
    document = RenderedDocument.objects.get(kind=DocumentKind.SECTION55_LETTER, inspection=ipa_2019)
    assert response.status_code == 302 and response["Location"] == document.get_absolute_url()
    document.refresh_from_db()
    assert document.format == "docx" and document.is_ready
    page = client.get(document.get_absolute_url()).content.decode()
    assert "The Word copy is ready." in page and "Download the Word copy" in page
    download = client.get(reverse("document_download", args=[document.pk]))
    assert download["Content-Type"] == WORD
    assert download["Cache-Control"] == "private, no-store" and download["X-Content-Type-Options"] == "nosniff"
    assert download["X-Document-SHA256"] == document.sha256
    assert f'filename="{document.filename}"' in download["Content-Disposition"]
    body = b"".join(download.streaming_content)
    assert docx_headings(body)[0][0] == 1
    listing = client.get(reverse("section55", args=[ipa_2019.pk])).content.decode()
    assert "Make a Word copy" in listing and "<td>Word</td>" in listing


def test_an_unknown_format_is_refused_and_nothing_is_queued(client, ipa_2019, people):
    client.force_login(people.opcc)
    response = client.post(reverse("section55_render", args=[ipa_2019.pk]), {"format": "odt"})
    assert response.status_code == 400
    assert not RenderedDocument.objects.exists()


def test_others_cannot_make_word_copies(client, ipa_2019, people):
    client.force_login(people.viewer)
    assert client.post(reverse("section55_render", args=[ipa_2019.pk]), {"format": "docx"}).status_code == 403
    client.force_login(people.outsider)
    assert client.post(reverse("section55_render", args=[ipa_2019.pk]), {"format": "docx"}).status_code == 404
    assert not RenderedDocument.objects.exists()


def test_render_section55_writes_the_format_its_out_file_names(ipa_2019, tmp_path, capsys):
    out = tmp_path / "letter.docx"
    call_command("render_section55", str(ipa_2019.pk), "--out", str(out))
    assert "Word copy" in capsys.readouterr().out
    assert docx_headings(out.read_bytes())[0] == (1, f"Response to the HMICFRS report ‘{ipa_2019.title}’")
    pdf = tmp_path / "letter.pdf"
    call_command("render_section55", str(ipa_2019.pk), "--out", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    with pytest.raises(CommandError, match="a .pdf or a .docx file"):
        call_command("render_section55", str(ipa_2019.pk), "--out", str(tmp_path / "letter.odt"))


def test_what_was_typed_is_text_in_word_never_markup_or_invisible_controls(ipa_2019, staff_user, media):
    finding = ipa_2019.findings.exclude(response="").order_by("order").first()
    Finding.objects.filter(pk=finding.pk).update(
        response="<b>Not bold</b> & <img src='http://internal.invalid/x.png'> done\u202e reversed"
    )
    _, content = rendered(DocumentKind.SECTION55_LETTER, staff_user, DocumentFormat.DOCX, inspection=ipa_2019)
    words = docx_text(content)
    assert "<b>Not bold</b> & <img src='http://internal.invalid/x.png'> done reversed" in words
    assert "\u202e" not in words and not docx_document(content).inline_shapes
