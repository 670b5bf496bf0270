"""What a document may fetch while it is rendered (documents/renderer.py): the tracker's own static
files, from the source folders or from the collected STATIC_ROOT of a deployment, of the kinds a
document uses whatever the case of their names; data: URLs; nothing else, each refusal logged and
named. And what every PDF carries: the title readers show, its pages, tagging for PDF/UA."""

import io
import logging

import pytest
from pypdf import PdfReader

from inspections.documents import renderer

BASE = renderer.DOCUMENT_BASE_URL


@pytest.fixture
def collected(settings, tmp_path):
    """A deployment's collected static files (collectstatic), with no source folders."""
    root = tmp_path / "staticfiles"
    (root / "css").mkdir(parents=True)
    (root / "css" / "collected.css").write_text("p { color: black }")
    (root / "img").mkdir()
    (root / "img" / "CREST.PNG").write_bytes(b"\x89PNG\r\n\x1a\ncrest")
    (root / "fonts").mkdir()
    (root / "fonts" / "letter.otf").write_bytes(b"OTTO")
    (root / "notes.txt").write_text("not for documents")
    settings.STATICFILES_DIRS = [tmp_path / "no-such-folder"]
    settings.STATIC_ROOT = root
    return root


def test_the_collected_static_files_of_a_deployment_are_served(collected):
    assert renderer.static_roots() == [collected.resolve()]
    found = renderer.static_path_for(BASE + "static/css/collected.css")
    assert found == (collected / "css" / "collected.css").resolve()
    response = renderer.StaticOnlyURLFetcher().fetch(BASE + "static/css/collected.css")
    assert response.read() == b"p { color: black }" and response.content_type == "text/css"
    assert response.url == BASE + "static/css/collected.css"  # what the stylesheet's own url()s are read against


def test_the_kind_of_file_is_told_by_its_suffix_in_any_case(collected):
    assert renderer.static_path_for(BASE + "static/img/CREST.PNG") == (collected / "img" / "CREST.PNG").resolve()
    assert renderer.StaticOnlyURLFetcher().fetch(BASE + "static/img/CREST.PNG").content_type == "image/png"
    assert renderer.StaticOnlyURLFetcher().fetch(BASE + "static/fonts/letter.otf").content_type == "font/otf"
    assert renderer.static_path_for(BASE + "static/notes.txt") is None


def test_with_no_static_root_only_the_source_folders_are_used(settings, tmp_path):
    settings.STATIC_ROOT = None
    settings.STATICFILES_DIRS = [tmp_path / "missing", tmp_path]
    assert renderer.static_roots() == [tmp_path.resolve()]


def test_a_static_url_set_without_slashes_still_maps_to_the_files(settings):
    settings.STATIC_URL = "static"
    assert renderer.static_path_for(BASE + "static/css/documents.css").name == "documents.css"
    settings.STATIC_URL = "/assets/"
    assert renderer.static_path_for(BASE + "static/css/documents.css") is None
    assert renderer.static_path_for(BASE + "assets/css/documents.css").name == "documents.css"


def test_the_same_path_on_another_scheme_is_refused():
    assert renderer.static_path_for("http://documents.invalid/static/css/documents.css") is None
    assert renderer.static_path_for(BASE + "static/css/documents.css").name == "documents.css"


def test_each_refusal_is_logged_and_named(caplog):
    fetcher = renderer.StaticOnlyURLFetcher()
    long_url = "https://example.org/" + "x" * 400
    with caplog.at_level(logging.WARNING, logger="inspections.documents.renderer"), \
            pytest.raises(renderer.RefusedURL) as refused:
        fetcher.fetch(long_url)
    assert str(refused.value) == (
        "Documents may only use the tracker's static files and data: URLs, not " + long_url[:200]
    )
    assert [record.getMessage() for record in caplog.records] == [f"Document render refused to fetch {long_url[:200]}"]
    assert fetcher.refused == [long_url]


def pdf_of(html, **options):
    rendered = renderer.html_to_pdf(html, **options)
    return rendered, PdfReader(io.BytesIO(rendered.content))


def test_the_title_is_what_a_reader_shows_and_the_pages_are_counted():
    rendered, reader = pdf_of(
        '<html lang="en-GB"><head><title>From the page</title></head><body>'
        '<p>One</p><p style="break-before: page">Two</p></body></html>',
        title="Section 55 response: PEEL 2023–25",
    )
    assert rendered.page_count == len(reader.pages) == 2
    assert reader.metadata.title == "Section 55 response: PEEL 2023–25"
    assert rendered.refused_urls == ()


def test_without_a_title_the_page_title_is_kept():
    _, reader = pdf_of('<html lang="en-GB"><head><title>From the page</title></head><body><p>x</p></body></html>')
    assert reader.metadata.title == "From the page"


def test_every_pdf_is_tagged_for_screen_readers():
    rendered, reader = pdf_of('<html lang="en-GB"><head><title>T</title></head><body><h1>Heading</h1></body></html>')
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in catalog and catalog["/Lang"] == "en-GB"
    assert b"pdfuaid:part" in catalog["/Metadata"].get_object().get_data()
