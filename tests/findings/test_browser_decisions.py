"""The chair decides with the owner's grounds and evidence in front of them, then moves to the next
finding awaiting their decision: in a real browser at desktop and phone widths."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from inspections.core.status import Status
from inspections.findings import progress
from inspections.models import Finding
from tests.conftest import page_width, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
GROUNDS = "Roadmap delivered; digital backlog below 30 days since August."


def test_the_chair_sees_the_grounds_decides_and_goes_to_the_next(page, live_server, live_people, screenshot,
                                                                  viewport, media):
    finding = Finding.objects.get(inspection__title__contains="2019", reference="Rec 1.3")
    upload = SimpleUploadedFile("backlog-figures.pdf", PDF_BYTES, content_type="application/pdf")
    progress.propose_complete(finding, by=live_people.lead, reason=GROUNDS, evidence=[upload])
    sign_in(page, live_server, "chair")
    page.goto(f"{live_server.url}/findings/{finding.pk}/decide/")
    grounds = page.locator(".proposal")
    expect(grounds.get_by_role("heading", name="The owner's grounds for sign-off")).to_be_visible()
    expect(grounds).to_contain_text(GROUNDS)
    expect(grounds.get_by_role("link", name="backlog-figures.pdf")).to_be_visible()
    screenshot(f"journeys-1-decision-form-{viewport}")
    assert page_width(page) <= page.viewport_size["width"]
    page.get_by_label("Sign off as closed").check()
    page.get_by_label("Reason").fill("Evidence reviewed at the assurance board.")
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("The board's decision has been recorded.")).to_be_visible()
    expect(page.get_by_text("Next awaiting your decision:")).to_be_visible()
    expect(page.get_by_role("heading", name="Record the board's decision")).to_be_visible()
    assert "/decide/" in page.url and f"/findings/{finding.pk}/" not in page.url
    screenshot(f"journeys-1-next-awaiting-{viewport}")
    assert Finding.objects.get(pk=finding.pk).status == Status.CLOSED
