"""Hostile and awkward input: HTML and script in free text and responses, a 5,000-word response, a
finding with no response, URLs the renderer must not fetch."""

import base64

import pytest

from inspections.documents import renderer, text
from inspections.findings import services as finding_services
from inspections.models import FindingKind
from inspections.section55.letter import render_letter_html, response_for
from tests.factories import (
    FindingFactory,
    InspectionFactory,
    LocalPolicingBodyFactory,
    Section55ResponseFactory,
    UserFactory,
)
from tests.pdf_support import pdf_text, squash

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("owned")</script><img src="http://169.254.169.254/latest/meta-data/" onerror="x()">'


def letterhead(force):
    return LocalPolicingBodyFactory(
        force=force, name="Police and Crime Commissioner for Testshire", holder_name="Alex Example",
        holder_title="Police and Crime Commissioner for Testshire", office_name="Testshire Office of the PCC",
        address="1 High Street\nTesttown\nTE1 1ST", telephone="01234 567890", email="opcc@example.org",
    )


@pytest.fixture
def inspection():
    inspection = InspectionFactory(title='Report <b>"bold"</b> & co')
    letterhead(inspection.force)
    return inspection


def test_html_and_script_come_out_as_text_in_html_and_pdf(inspection):
    finding = FindingFactory(inspection=inspection, kind=FindingKind.AREA_FOR_IMPROVEMENT, response=SCRIPT)
    Section55ResponseFactory(
        inspection=inspection, pcc_introduction=f"Before {SCRIPT}", pcc_comments="- <i>bullet</i>",
        pcc_response="</section><h2>4. FAKE SECTION</h2>", our_reference="<ref>", salutation="Dear <you>,",
    )
    html = render_letter_html(response_for(inspection))
    assert "<script>" not in html and '<img src="http://169' not in html and "<i>bullet</i>" not in html
    assert "&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;" in html
    assert "&lt;/section&gt;&lt;h2&gt;4. FAKE SECTION&lt;/h2&gt;" in html
    assert "Report &lt;b&gt;&quot;bold&quot;&lt;/b&gt; &amp; co" in html
    pdf = renderer.html_to_pdf(html)
    assert pdf.refused_urls == ()  # the escaped <img> is text, so nothing was even attempted
    _, printed = pdf_text(pdf.content)
    assert squash(f"Before {SCRIPT}") in printed
    assert squash(SCRIPT) in printed and "<i>bullet</i>" in printed
    assert "</section><h2>4. FAKE SECTION</h2>" in printed and "<ref>" in printed and "Dear <you>," in printed
    assert finding.reference not in printed  # it has a response, so no missing marker


def test_a_5000_word_response_wraps_across_pages(inspection):
    words = [f"word{n}" for n in range(5000)]
    long_response = "\n\n".join(" ".join(words[i : i + 250]) for i in range(0, 5000, 250))
    long_response += "\n\n" + "x" * 3000  # one unbreakable word longer than the page is wide
    FindingFactory(inspection=inspection, kind=FindingKind.AREA_FOR_IMPROVEMENT, response=long_response)
    pdf = renderer.html_to_pdf(render_letter_html(response_for(inspection)))
    pages, printed = pdf_text(pdf.content)
    assert pdf.page_count >= 8
    assert all(f"Page {n} of {pdf.page_count}" in page for n, page in enumerate(pages, 1))
    assert "word0 word1" in printed and "word4998 word4999" in printed
    spread = [n for n, page in enumerate(pages) if "word2500" in page or "word4999" in page or "word10 " in page]
    assert len(set(spread)) >= 2  # the response runs over several pages


def test_a_finding_with_no_response_is_listed_and_marked_but_still_renders(inspection):
    rec = FindingFactory(
        inspection=inspection, kind=FindingKind.RECOMMENDATION, reference="Rec 1", response="", time_frame=""
    )
    FindingFactory(inspection=inspection, kind=FindingKind.AREA_FOR_IMPROVEMENT, reference="AFI 9", response="Done.")
    response = Section55ResponseFactory(inspection=inspection)
    assert list(response.recommendations_lacking_response()) == [rec]
    assert [f.reference for f in response.findings_lacking_response()] == ["Rec 1"]
    pdf = renderer.html_to_pdf(render_letter_html(response))
    _, printed = pdf_text(pdf.content)
    assert "Response missing: no response has been recorded for Rec 1 yet." in printed
    assert "AFI 9" not in printed
    assert "DRAFT – not yet final" in printed  # a draft says so on every page


def test_free_text_is_paragraphs_and_bullets_only():
    blocks = text.parse("First line\ncontinues here.\n\n- one\n- two\n  still two\n\n<p>Not HTML</p>\r\n")
    assert [block.kind for block in blocks] == ["paragraph", "bullets", "paragraph"]
    assert blocks[0].text == "First line continues here."
    assert blocks[1].items == ("one", "two still two")
    assert blocks[2].text == "<p>Not HTML</p>"
    assert text.parse("") == [] and text.parse("   \n\n ") == []
    assert text.plain_text("- a\n- b\n\nc") == "- a\n- b\nc"


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "https://example.org/logo.png",
        "file:///etc/passwd",
        "ftp://example.org/x.css",
        "https://documents.invalid/static/../../../../etc/passwd",
        "https://documents.invalid/static/%2e%2e/%2e%2e/pyproject.toml",
        "https://documents.invalid/media-not-served/section55/signatures/x.png",
        "https://documents.invalid/static/css/missing.css",
        "https://documents.invalid/static/css/documents.css%00.png",  # a NUL byte to cut the name short
        "https://documents.invalid/static/",  # the folder itself
        "https://documents.invalid/staticfiles/css/documents.css",  # not under the static prefix
        "https://documents.invalid/static/js/tracker.js",  # a static file, but not a kind a document uses
        "https://documents.invalid.example.org/static/css/documents.css",  # another host
    ],
)
def test_the_renderer_refuses_everything_but_static_files_and_data_urls(url):
    fetcher = renderer.StaticOnlyURLFetcher()
    with pytest.raises(renderer.RefusedURL):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_the_renderer_serves_static_files_and_data_urls():
    fetcher = renderer.StaticOnlyURLFetcher()
    css = fetcher.fetch(renderer.DOCUMENT_BASE_URL + "static/css/documents.css")
    assert b"@page" in css.read() and css.content_type == "text/css"
    pixel = base64.b64encode(b"\x89PNG\r\n\x1a\nrest").decode()
    assert fetcher.fetch(f"data:image/png;base64,{pixel}").read().startswith(b"\x89PNG")


def test_a_document_that_links_elsewhere_still_renders_without_it():
    html = (
        '<html><head><link rel="stylesheet" href="http://127.0.0.1:9/x.css"></head>'
        '<body><p>Text</p><img src="file:///etc/hostname"></body></html>'
    )
    pdf = renderer.html_to_pdf(html)
    assert pdf.content.startswith(b"%PDF") and pdf.page_count == 1
    assert set(pdf.refused_urls) == {"http://127.0.0.1:9/x.css", "file:///etc/hostname"}


def test_editing_a_response_changes_the_letter_and_is_audited(inspection):
    finding = FindingFactory(inspection=inspection, kind=FindingKind.AREA_FOR_IMPROVEMENT, response="")
    user = UserFactory()
    finding_services.edit_response(finding, response="Now answered.", by=user, expected_version=finding.version)
    html = render_letter_html(response_for(inspection))
    assert "Now answered." in html and "Response missing" not in html
    assert finding.changes.filter(field="response", after="Now answered.", changed_by=user).exists()
