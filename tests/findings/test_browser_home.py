"""Each role's home in a real browser at desktop and phone widths: their own work first, jump links to
the parts of long pages, and the "owned by me" filter."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from inspections.models import GovernanceBoard
from tests.conftest import page_width, sign_in
from tests.factories import BoardMeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What each role sees first, in the order of the page.
FIRST = {
    "lead": ["Due this month", "My findings"],
    "chair": ["Awaiting my decision", "My boards' next meetings"],
    "opcc": ["Section 55 deadlines", "Overdue findings"],
    "viewer": ["Your forces"],
}


@pytest.mark.parametrize("role", list(FIRST))
def test_each_role_starts_at_its_own_work(page, live_server, live_people, screenshot, viewport, role):
    board = GovernanceBoard.objects.get(name="Warwickshire Assurance Board")
    BoardMeetingFactory(board=board, held_on=timezone.localdate() + timezone.timedelta(days=9))
    sign_in(page, live_server, role)
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Your work", level=1)).to_be_visible()
    headings = page.locator("main h2.heading-l").all_inner_texts()
    assert headings[: len(FIRST[role])] == FIRST[role], headings
    contents = page.get_by_role("navigation", name="On this page")
    for heading in FIRST[role]:
        expect(contents.get_by_role("link", name=heading)).to_be_visible()
    assert page_width(page) <= page.viewport_size["width"]
    screenshot(f"journeys-2-home-{role}-{viewport}")
    if role == "lead":
        page.get_by_role("link", name="See them in the findings list").click()
        expect(page.get_by_label("Owned by me")).to_have_value("yes")
        expect(page.get_by_role("status")).not_to_have_text("0 findings")
    if role == "chair":
        page.locator("#awaiting-decision ~ ul a").first.click()
        expect(page.get_by_role("heading", name="Record the board's decision")).to_be_visible()
        page.goto(f"{live_server.url}/dashboard/")
        page.get_by_role("navigation", name="On this page").get_by_role("link", name="Governance boards").click()
        expect(page.get_by_role("heading", name="Governance boards")).to_be_in_viewport()
        screenshot(f"journeys-2-dashboard-jump-{viewport}")
