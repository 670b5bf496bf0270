"""The closure-request pack: for a finding its board has signed off, the summary a force sends HMICFRS
asking for it to be recorded as complete (the finding, the actions, the evidence list and the sign-off
decision), as a tagged PDF and as a Word copy, kept as versions; only OPCC staff make one, and only once
the board has signed the finding off."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspections.documents import versions as document_services
from inspections.findings import closure_request, progress
from inspections.models import DocumentKind, Finding, RenderedDocument
from tests.documents.pdf_tags import read_tags
from tests.documents.test_tagged_pdfs import assert_accessible_pdf, assert_table_headers
from tests.pdf_support import pdf_text
from tests.word_support import docx_headings, docx_text, html_headings

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def signed_off(warwickshire, people, media):
    """CoC 1 of the 2019 inspection: an update with evidence, proposed, and signed off by the assurance board."""
    cause = Finding.objects.get(reference="CoC 1", inspection__pk=2)
    progress.record_progress(
        cause, by=people.opcc, narrative="Investigation standards unit in place; backlog cleared.",
        evidence=[SimpleUploadedFile("investigations-audit.pdf", PDF_BYTES, content_type="application/pdf")],
    )
    progress.propose_complete(Finding.objects.get(pk=cause.pk), by=people.opcc,
                              reason="All seven recommendations delivered and audited.")
    progress.decide(Finding.objects.get(pk=cause.pk), by=people.chair, sign_off=True,
                    reason="The board has seen the audit and the new standards.")
    return Finding.objects.get(pk=cause.pk)


def rendered(finding, by, document_format):
    document = document_services.request_render(kind=DocumentKind.CLOSURE_REQUEST, by=by, format=document_format,
                                                inspection=finding.inspection, subject=finding)
    document_services.render(document.pk)
    document.refresh_from_db()
    assert document.is_ready, document.error
    with document.file.open("rb") as handle:
        return document, handle.read()


def test_the_pdf_says_the_finding_the_actions_the_evidence_and_the_sign_off(signed_off, people):
    document, content = rendered(signed_off, people.opcc, "pdf")
    _, text = pdf_text(content)
    assert "Request to record cause of concern CoC 1 as complete" in text
    assert signed_off.text[:80] in text
    assert "Rec 1.7" in text  # its recommendations, with their status
    assert "Investigation standards unit in place; backlog cleared." in text
    assert "investigations-audit.pdf" in text
    evidence = signed_off.updates.get(narrative__startswith="Investigation").evidence.get()
    assert evidence.sha256 in text.replace(" ", "")
    assert "The Warwickshire Assurance Board signed CoC 1 off as complete on" in text
    assert "The board has seen the audit and the new standards." in text
    assert "Warwickshire Police asks HMICFRS to record cause of concern CoC 1 as complete." in text
    tagged = read_tags(content)
    assert_accessible_pdf(tagged, "Closure request: CoC 1, Warwickshire Police: Integrated PEEL Assessment 2019")
    assert_table_headers(tagged)
    assert document.filename.startswith("closure-request-coc-1-") and document.filename.endswith("-v1.pdf")


def test_the_word_copy_has_the_same_headings_and_content(signed_off, people):
    _, content = rendered(signed_off, people.opcc, "docx")
    headings = docx_headings(content)
    assert headings == html_headings(closure_request.render_closure_request_html(signed_off))
    assert [text for level, text in headings if level == 2] == [
        "1. The cause of concern", "2. The actions taken", "3. Evidence", "4. The board's sign-off",
        "5. HMICFRS's position so far", "6. Request",
    ]
    words = docx_text(content)
    assert "investigations-audit.pdf" in words and "The board has seen the audit and the new standards." in words


def test_opcc_staff_ask_for_the_pack_on_the_finding_page(client, signed_off, people, eager_celery,
                                                         django_capture_on_commit_callbacks):
    client.force_login(people.opcc)
    page = client.get(signed_off.get_absolute_url()).content.decode()
    assert "Closure request to HMICFRS (PDF)" in page and "Closure request to HMICFRS (Word)" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("finding_closure_request", args=[signed_off.pk]), {"format": "docx"})
    document = RenderedDocument.objects.get(kind=DocumentKind.CLOSURE_REQUEST)
    assert response["Location"] == document.get_absolute_url() and document.subject == signed_off
    download = client.get(reverse("document_download", args=[document.pk]))
    assert download["Content-Type"].startswith("application/vnd.openxmlformats-officedocument")
    assert "Word version 1" in client.get(signed_off.get_absolute_url()).content.decode()


def test_no_closure_request_before_the_board_has_signed_off(client, warwickshire, people):
    open_cause = Finding.objects.get(reference="CoC 2", inspection__pk=2)
    client.force_login(people.opcc)
    assert "Closure request to HMICFRS" not in client.get(open_cause.get_absolute_url()).content.decode()
    assert client.post(reverse("finding_closure_request", args=[open_cause.pk])).status_code == 403
    assert not RenderedDocument.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("lead", 403), ("chair", 403), ("viewer", 403), ("outsider", 404)])
def test_only_opcc_staff_of_the_force_make_a_closure_request(client, signed_off, people, who, status):
    client.force_login(people[who])
    assert client.post(reverse("finding_closure_request", args=[signed_off.pk])).status_code == status
    assert not RenderedDocument.objects.exists()
