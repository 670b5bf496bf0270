"""Section 55 in a real browser at desktop and phone widths: the missing responses entered on the one
page, an empty save refused, and the PDF held back while the draft has unsaved changes."""

import pytest
from playwright.sync_api import expect

from inspections.models import Inspection, RenderedDocument
from tests.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_opcc_enters_the_missing_responses_on_one_page(page, live_server, live_people, screenshot, viewport):
    inspection = Inspection.objects.get(pk=3)  # PEEL 2021/22: its areas for improvement lack responses
    missing = list(inspection.findings.lacking_response())
    sign_in(page, live_server, "opcc")
    page.goto(f"{live_server.url}/inspections/{inspection.pk}/section55/")
    screenshot(f"journeys-4-responses-form-{viewport}")
    page.get_by_role("button", name="Save the responses").click()
    expect(page.locator(".error-summary")).to_contain_text("Enter at least one response")
    screenshot(f"journeys-4-responses-empty-refused-{viewport}")
    page.get_by_label(f"Response to {missing[0].reference}", exact=True).fill("A supervision framework is in place.")
    page.get_by_label(f"Response to {missing[1].reference}", exact=True).fill("Training starts in May.")
    page.get_by_role("button", name="Save the responses").click()
    expect(page.get_by_text(f"2 responses saved. {len(missing) - 2} responses still missing.")).to_be_visible()
    expect(page.get_by_label(f"Response to {missing[0].reference}", exact=True)).to_have_count(0)
    assert inspection.findings.lacking_response().count() == len(missing) - 2
    screenshot(f"journeys-4-responses-saved-{viewport}")

    page.locator("#s55-draft textarea[name=pcc_response]").fill("Edited, not yet saved.")
    page.get_by_role("button", name="Render the PDF").click()
    expect(page.get_by_role("alert").filter(has_text="not saved")).to_be_visible()
    screenshot(f"journeys-4-render-held-back-{viewport}")
    assert not RenderedDocument.objects.exists()
