"""The 2019 Warwickshire Section 55 letter, rendered from the fixtures, read back from the PDF.

The real letter (../shared/reference/warwickshire-2019-peel-section55-response.txt) runs: letterhead,
addressees, references, date, salutation, opening; 1. the PCC's comments with the grades; 2. the Chief
Constable's comments, pillar by pillar and area by area, each finding followed by its response; the
governance summary; 3. the PCC's comments on them; the publication statement; the signature block.
"""

import hashlib
import io
import shutil
import subprocess

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from inspections.documents import renderer
from inspections.documents import versions as document_services
from inspections.models import DocumentKind, FindingKind, Inspection, JudgmentLevel, RenderStatus
from inspections.section55.letter import render_letter_html, response_for
from tests.paths import ARTIFACTS
from tests.pdf_support import pdf_text, squash


def assert_in_order(text, pieces):
    position = 0
    for piece in pieces:
        wanted = squash(piece)
        found = text.find(wanted, position)
        assert found >= 0, f"Not found (in order) after character {position}: {wanted[:90]!r}"
        position = found + len(wanted)


def grade_heading(judgment, upper=False):
    name = judgment.name.upper() if upper else judgment.name
    if not judgment.grade:
        return name
    label = judgment.get_grade_display()
    return f"{name} – {label.upper() if upper else label}"


def expected_section_two(inspection):
    """Every graded pillar and area, and every finding with its response, in report order."""
    pieces = []
    findings = list(inspection.findings.order_by("order"))
    for judgment in inspection.judgments.order_by("order"):
        if judgment.level == JudgmentLevel.PILLAR:
            pieces.append(grade_heading(judgment, upper=True))
            continue
        pieces.append(grade_heading(judgment))
        for finding in [f for f in findings if f.judgment_id == judgment.pk and not f.cause_of_concern_id]:
            if finding.kind == FindingKind.CAUSE_OF_CONCERN:
                pieces += ["Cause of concern", finding.text, finding.response, "Recommendations"]
                for rec in finding.recommendations.order_by("order"):
                    pieces += [rec.text, rec.response]
            else:
                pieces += [finding.text]
                if finding.context:
                    pieces.append(finding.context)
                pieces.append(finding.response)
    return pieces


@pytest.fixture
def ipa_2019(warwickshire):
    return Inspection.objects.get(pk=2)


@pytest.fixture
def rendered_2019(ipa_2019, settings, tmp_path, staff_user):
    settings.MEDIA_ROOT = tmp_path
    document = document_services.request_render(kind=DocumentKind.SECTION55_LETTER, inspection=ipa_2019, by=staff_user)
    document = document_services.render(document.pk)
    assert document.status == RenderStatus.DONE, document.error
    with document.file.open("rb") as handle:
        return document, handle.read()


def test_the_fixture_holds_the_2019_letter(ipa_2019):
    response = ipa_2019.section55
    assert (response.our_reference, response.your_reference) == ("PCC19 09/102", "Warwickshire IPA")
    assert response.letter_date.isoformat() == "2019-11-21"
    assert response.sent_on.isoformat() == "2019-11-21" and response.published_on.isoformat() == "2019-11-21"
    assert response.is_final and response.published_url == "https://www.warwickshire-pcc.gov.uk/"
    assert response.signatory_name == "Jordan Hale"
    assert response.deadline.isoformat() == "2019-11-21"  # 27 September 2019 + 55 days
    assert not response.recommendations_lacking_response().exists()


def test_2019_letter_has_every_section_area_finding_and_response_in_report_order(ipa_2019, rendered_2019):
    document, content = rendered_2019
    pages, text = pdf_text(content)
    assert content.startswith(b"%PDF-")
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert document.page_count == len(pages) and 7 <= len(pages) <= 11  # the real letter has 9
    assert "Page 1 of" in pages[0] and f"Page 2 of {len(pages)}" in pages[1]
    body = ipa_2019.force.local_policing_body
    assert_in_order(
        text,
        [
            body.holder_name, body.office_name, "3 Northgate Street", "CV34 4SP", "Tel: 01926 412322",
            "HMICFRS and HOME OFFICE", "section55responses@homeoffice.gov.uk",
            "Our Ref: PCC19 09/102", "Your Ref: Warwickshire IPA", "21 November 2019", "Dear Inspector / Minister,",
            "‘Warwickshire Police: Integrated PEEL Assessment 2019’ that was published on 27 September 2019",
            "Section 55(1) of the Police Act 1996",
            "1. LOCAL POLICING BODY'S COMMENTS", "I welcome the report",
            "Effectiveness – Good", "Efficiency – Requires improvement", "Legitimacy – Good",
            "These grades compare with those awarded following the previous HMICFRS inspection",
            "Effectiveness – Requires improvement", "Efficiency – Good", "Legitimacy – Requires improvement",
            "I welcome the view of HMICFRS", "I have received the following report from the Chief Constable",
            "2. COMMENTS FROM THE CHIEF CONSTABLE", "Warwickshire Police supports the report",
            *expected_section_two(ipa_2019),
            "In summary, all of these recommendations and areas for improvement",
            "3. ANY COMMENTS FROM THE LOCAL POLICING BODY ON THE CC'S COMMENTS.",
            "The Chief Constable is supportive of the report",
            "This response will be published on the website of the Warwickshire Office of the PCC within the "
            "prescribed 56 days",
            "Yours faithfully,", "Jordan Hale", "Warwickshire Police and Crime Commissioner",
        ],
    )
    assert "Response missing" not in text and "DRAFT" not in text
    assert "Seccombe" not in text and "Moore" not in text  # invented names only


def test_2019_letter_recommendation_lead_ins_follow_the_time_frames(rendered_2019):
    _, text = pdf_text(rendered_2019[1])
    assert_in_order(
        text,
        [
            "To address this cause of concern, we recommend that within six months the force should:",
            "Improve how it responds to reports of crimes",
            "To address this cause of concern, we recommend that the force should immediately:",
            "Put in place plans to maintain the full range of public services",
            "To address this cause of concern, we recommend that the force should immediately:",
            "Clearly define its new operating model",
        ],
    )
    assert text.count("Cause of concern") == 3
    assert text.count("Areas for improvement") == 6  # one heading per area with AFIs


def page_texts(pdf):
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_command_renders_the_same_letter(ipa_2019, rendered_2019, tmp_path):
    """The same pages with the same words as the page's render. Not the same bytes: the embedded font
    subsets can come out in another order from one render to the next, so a hash of the file flickers."""
    out = tmp_path / "letter.pdf"
    call_command("render_section55", str(ipa_2019.pk), "--out", str(out), stdout=io.StringIO())
    texts = page_texts(out.read_bytes())
    assert texts == page_texts(rendered_2019[1])
    assert len(texts) == rendered_2019[0].page_count and "Warwickshire" in texts[0]


def test_save_the_first_page_as_an_artifact(rendered_2019):
    """test-artifacts/section55-2019-page-1.png, to compare with the real letter by eye."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / "section55-2019.pdf"
    pdf.write_bytes(rendered_2019[1])
    target = ARTIFACTS / "section55-2019-page-1"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(target)],
        check=True,
        timeout=60,
    )
    image = target.with_suffix(".png")
    assert image.read_bytes().startswith(b"\x89PNG")
    assert image.stat().st_size > 20_000  # a page of text, not a blank


def test_html_preview_matches_the_pdf_source(ipa_2019):
    html = render_letter_html(response_for(ipa_2019), preview=True)
    assert "1. LOCAL POLICING BODY'S COMMENTS" in html and "Back to the Section 55 response" in html
    assert '<link rel="stylesheet" href="/static/css/documents.css">' in html
    pdf = renderer.html_to_pdf(render_letter_html(response_for(ipa_2019)))
    assert pdf.refused_urls == ()  # both stylesheets came from static files
