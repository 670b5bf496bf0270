"""The public pages in a real browser, signed out: a phone's width (390 CSS px) without scrolling
sideways (nor at 320 px), WCAG 2.2 AA by axe-core, text at 200% and targets of 24 px, from the forces
to the letter."""

import pytest
from playwright.sync_api import expect

from tests.accessibility import layout
from tests.accessibility.axe import run_axe, with_axe
from tests.paths import ARTIFACTS
from tests.public.support import SLUG_2019, TITLE_2019, inspection, publish, render_final_letter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def screenshot_path(name):
    path = ARTIFACTS / "screenshots" / f"public-{name}-390px.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def test_a_member_of_the_public_reads_the_2019_inspection_on_a_phone(browser, browser_context_args, live_server,
                                                                      live_people, media):
    publish(TITLE_2019, live_people.opcc)
    render_final_letter(inspection(TITLE_2019), live_people.opcc)
    context = browser.new_context(**{**browser_context_args, "viewport": PHONE})
    with_axe(context)
    page = context.new_page()
    problems = []
    try:
        def check(name):
            page.screenshot(path=str(screenshot_path(name)), full_page=True)
            found = {
                "scrolls sideways at 390 px": layout.overflow(page),
                "axe": [f"{v['rule']}: {v['help']} {v['nodes'][0]['target']}" for v in run_axe(page)],
                "controls under 24×24 px": layout.small_targets(page),
                "text at 200%": layout.text_that_does_not_resize(page),
            }
            page.set_viewport_size({"width": 320, "height": 800})  # WCAG 1.4.10's reflow width, too
            found["scrolls sideways at 320 px"] = layout.overflow(page)
            page.set_viewport_size(PHONE)
            problems.extend(f"{name}, {what}: {items}" for what, items in found.items() if items)

        page.goto(f"{live_server.url}/public/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Progress on HMICFRS inspections")
        expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
        check("forces")
        page.get_by_role("link", name="Warwickshire Police").click()
        heading = "Warwickshire Police: progress on HMICFRS inspections"
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        expect(page.get_by_role("link", name="PEEL 2021/22: An inspection of Warwickshire Police")).to_have_count(0)
        check("force")
        page.get_by_role("link", name=TITLE_2019).click()
        assert page.url == f"{live_server.url}/public/warwickshire/{SLUG_2019}/"
        expect(page.get_by_role("heading", level=1)).to_have_text(TITLE_2019)
        expect(page.get_by_role("region", name="Grades")).to_contain_text("Requires improvement")
        expect(page.locator(".public-finding")).to_have_count(30)
        check("inspection")
        letter = page.get_by_role("link", name="the Police and Crime Commissioner's response letter (PDF)")
        response = page.request.get(live_server.url + letter.get_attribute("href"))
        assert response.status == 200 and response.body().startswith(b"%PDF")
        assert response.headers["cache-control"] in ("public, max-age=300", "max-age=300, public")
    finally:
        context.close()
    assert not problems, "\n".join(problems)
