"""Mistakes answered in the users' words, in a real browser at desktop and phone widths."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from inspections.models import Finding
from tests.conftest import fill_date, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_past_next_update_date_is_questioned_and_a_reversed_range_explained(
    page, live_server, live_people, screenshot, viewport
):
    finding = Finding.objects.get(inspection__title__contains="2019", reference="Rec 1.3")
    last_week = date.today() - timedelta(days=7)
    sign_in(page, live_server, "lead")
    page.goto(f"{live_server.url}/findings/{finding.pk}/update/")
    page.get_by_label("What has happened since the last update").fill("Kiosks live in Leamington.")
    fill_date(page, "Next update due", last_week)
    page.get_by_role("button", name="Save update").click()
    expect(page.locator(".error-summary")).to_contain_text("is in the past")
    expect(page.get_by_label("What has happened since the last update")).to_have_value("Kiosks live in Leamington.")
    screenshot(f"journeys-8-past-date-questioned-{viewport}")
    page.get_by_label("Yes, keep this next update date although it is in the past").check()
    page.get_by_role("button", name="Save update").click()
    expect(page.get_by_text("Your update has been added.")).to_be_visible()
    assert Finding.objects.get(pk=finding.pk).next_update_due == last_week

    page.goto(f"{live_server.url}/findings/?due_after=2026-06-30&due_before=2026-01-01")
    expect(page.locator(".error-summary")).to_contain_text("Swap them")
    screenshot(f"journeys-8-reversed-range-{viewport}")
    sign_in(page, live_server, "chair")
    afi = Finding.objects.get(reference="AFI 2", inspection__title__contains="2019")
    page.goto(f"{live_server.url}/findings/{afi.pk}/decide/")
    page.get_by_label("Return to the owner").check()
    page.get_by_role("button", name="Record decision").click()
    expect(page.locator(".error-summary")).to_contain_text("Enter a reason for returning the finding.")
    expect(page.locator("main")).not_to_contain_text("This field is required")
    screenshot(f"journeys-8-decision-reason-{viewport}")
