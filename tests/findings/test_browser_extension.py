"""In a real browser: the lead asks the governing board for more time, and the chair approves it between
meetings; the target date is revised and the original stays beside it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from inspections.models import ExtensionRequest, ExtensionStatus, Finding
from tests.conftest import fill_date, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_lead_requests_an_extension_and_the_chair_approves_it(page, live_server, live_people, screenshot):
    finding = Finding.objects.get(inspection__title__contains="2019", reference="Rec 1.3")
    original, new_date = finding.original_due_date, timezone.localdate() + timedelta(days=120)

    sign_in(page, live_server, "lead")
    page.goto(f"{live_server.url}/findings/{finding.pk}/")
    page.get_by_role("link", name="Ask for more time").click()
    fill_date(page, "New target date asked for", new_date)
    page.get_by_label("Why more time is needed").fill("The forensic suite opens in the spring.")
    screenshot("extension-request-form")
    page.get_by_role("button", name="Send the request to the board").click()
    expect(page.get_by_text("Your extension request has gone to the governing board")).to_be_visible()
    requests = page.get_by_role("table", name="Extension requests on Rec 1.3")
    expect(requests).to_contain_text("Waiting for the board")
    expect(page.get_by_role("link", name="Approve or refuse")).to_have_count(0)
    assert Finding.objects.get(pk=finding.pk).due_date == finding.due_date  # not yet revised

    sign_in(page, live_server, "chair")
    page.goto(f"{live_server.url}/findings/{finding.pk}/")
    page.get_by_role("link", name="Approve or refuse").click()
    expect(page.get_by_role("heading", name="Decide the extension request")).to_be_visible()
    page.get_by_label("Approve: revise the target date").check()
    page.get_by_label("Reason").fill("Agreed: outside the force's control.")
    screenshot("extension-decision-form")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("The extension is approved and the target date revised")).to_be_visible()
    expect(page.get_by_role("table", name="Extension requests on Rec 1.3")).to_contain_text("Approved by Chair Tester")
    expect(page.locator(".summary-list")).to_contain_text(f"originally {original.day} {original:%B %Y}")
    expect(page.locator(".timeline")).to_contain_text("Target date revised")
    screenshot("extension-approved")
    revised = Finding.objects.get(pk=finding.pk)
    assert (revised.due_date, revised.original_due_date) == (new_date, original)
    assert ExtensionRequest.objects.get().status == ExtensionStatus.APPROVED
