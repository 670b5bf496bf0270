"""Refusals, missing pages and a pack's render page, in a real browser at desktop and phone widths."""

import pytest
from playwright.sync_api import expect

from inspections.documents import versions as document_services
from inspections.models import BoardMeeting, DocumentKind, GovernanceBoard
from tests.conftest import page_width, sign_in
from tests.factories import BoardMeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_lead_meets_styled_refusals_and_a_pack_page_in_its_own_words(
    page, live_server, live_people, screenshot, viewport, media
):
    sign_in(page, live_server, "lead")
    navigation = page.get_by_role("navigation", name="Main")
    expect(navigation.get_by_role("link", name="Imports")).to_have_count(0)
    response = page.goto(f"{live_server.url}/imports/")
    assert response.status == 403
    expect(page.get_by_role("heading", name="You cannot do this")).to_be_visible()
    expect(page.get_by_text("Only OPCC staff import reports and trackers.")).to_be_visible()
    screenshot(f"journeys-6-refused-{viewport}")
    response = page.goto(f"{live_server.url}/findings/999999/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    expect(page.get_by_role("link", name="Go to your home page")).to_be_visible()
    screenshot(f"journeys-6-not-found-{viewport}")

    board = GovernanceBoard.objects.filter(force=live_people.force, parent__isnull=True).first()
    meeting = BoardMeeting.objects.filter(board=board).first() or BoardMeetingFactory(board=board)
    document = document_services.request_render(kind=DocumentKind.BOARD_PACK, by=live_people.opcc, subject=meeting)
    page.goto(f"{live_server.url}/documents/{document.pk}/")
    breadcrumbs = page.get_by_role("navigation", name="Breadcrumb")
    expect(breadcrumbs).to_contain_text("Board pack")
    expect(page.locator("main")).not_to_contain_text("Section 55")
    expect(page.get_by_role("link", name="Back to the board pack")).to_be_visible()
    screenshot(f"journeys-6-pack-status-{viewport}")
    assert page_width(page) <= page.viewport_size["width"]
