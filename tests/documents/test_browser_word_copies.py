"""In a real browser: OPCC staff make a Word copy of the Section 55 letter and download it as .docx."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from inspections.models import Inspection
from tests.conftest import sign_in
from tests.word_support import docx_headings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_opcc_downloads_the_section55_letter_as_word(page, live_server, live_people, eager_celery, media):
    ipa = Inspection.objects.get(title="Warwickshire Police: Integrated PEEL Assessment 2019")
    sign_in(page, live_server, "opcc")
    page.goto(f"{live_server.url}/inspections/{ipa.pk}/section55/")
    page.get_by_role("button", name="Make a Word copy").click()
    expect(page.get_by_text("The Word copy is ready.")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the Word copy").click()
    download = download_info.value
    name = "section-55-response-warwickshire-police-integrated-peel-assessment-2019-v1.docx"
    assert download.suggested_filename == name
    headings = docx_headings(Path(download.path()).read_bytes())
    assert headings[0] == (1, f"Response to the HMICFRS report ‘{ipa.title}’")
    page.get_by_role("link", name="Back to the Section 55 response").click()
    expect(page.get_by_role("table").first).to_contain_text("Word")
