"""The weekly pages on a phone (390 CSS px) and a desktop: no page scrolls sideways (a wide table scrolls
in its own region), and the findings list's filters fold away on a phone so the findings come first."""

import pytest
from playwright.sync_api import expect

from tests.accessibility.scene import build_scene
from tests.conftest import page_width, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "home": lambda scene: "/",
    "dashboard": lambda scene: "/dashboard/",
    "findings": lambda scene: "/findings/",
    "finding": lambda scene: f"/findings/{scene.owned.pk}/",
    "inspection": lambda scene: f"/inspections/{scene.inspection_2021.pk}/",
    "board": lambda scene: f"/boards/{scene.assurance_board.pk}/",
    "pack": lambda scene: f"/boards/{scene.past_meeting.board_id}/meetings/{scene.past_meeting.pk}/pack/",
    "section55": lambda scene: f"/inspections/{scene.inspection_2021.pk}/section55/",
    "imports": lambda scene: "/imports/",
    "reminders": lambda scene: "/reminders/warwickshire/",
}


def test_no_weekly_page_scrolls_sideways(page, live_server, live_people, screenshot, viewport, media):
    scene = build_scene(live_people)
    sign_in(page, live_server, "opcc")
    wide = {}
    for name, path in PAGES.items():
        page.goto(live_server.url + path(scene))
        width = page_width(page)
        if width > page.viewport_size["width"]:
            wide[name] = width
        screenshot(f"journeys-3-{name}-{viewport}")
    assert not wide, f"pages wider than the {viewport} viewport: {wide}"


def test_the_filters_fold_away_on_a_phone_and_stay_open_on_a_desktop(page, live_server, live_people, screenshot,
                                                                       viewport):
    sign_in(page, live_server, "lead")
    page.goto(f"{live_server.url}/findings/")
    filters = page.locator("details.filter-details")
    toggle = filters.locator("summary")
    if viewport == "phone":
        expect(filters).not_to_have_attribute("open", "")
        first_finding = page.locator(".findings-table").bounding_box()
        assert first_finding["y"] < 600, first_finding  # the findings, not 1,700 px of filters, come first
        screenshot(f"journeys-3-filters-folded-{viewport}")
        toggle.click()
    expect(page.get_by_label("Search")).to_be_visible()
    page.get_by_label("Owned by me").select_option("yes")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("status")).to_contain_text("finding")
    if viewport == "phone":
        # With filters applied, the panel says so while folded.
        expect(toggle).to_contain_text("1 applied")
    screenshot(f"journeys-3-filters-applied-{viewport}")
