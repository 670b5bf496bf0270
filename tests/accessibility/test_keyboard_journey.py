"""The weekly journey done with the keyboard alone, in Chromium: the force lead updates a finding
(making a mistake first) and proposes it as complete; the board's chair signs it off. At every Tab the
focus is visible and on screen and moves forward; on every page the skip link comes first, Tab goes
round the whole page and back (no trap), and no control jumps the order with a positive tabindex.
Errors are announced: the summary takes the focus, the title says "Error:", each link leads to its field."""

import re

import pytest
from playwright.sync_api import expect

from inspections.core.status import Status
from inspections.models import Finding

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

from tests.accessibility.keyboard import KeyboardUser  # noqa: E402


def check_page(user, page):
    """The page as a keyboard user meets it: the skip link first, then round the page and back."""
    first, stops = user.tab_round_the_page()
    assert first.name == "Skip to main content", f"the first tab stop on {page.url} is {first.name}"
    assert stops > 3
    assert user.positive_tabindexes() == 0


def skip_to_main(user, page):
    user.page.evaluate("() => { const s = document.createElement('span'); s.tabIndex = -1;"
                       " document.body.prepend(s); s.focus(); }")
    stop = user.tab()
    assert stop.name == "Skip to main content" and stop.visible_focus
    user.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def sign_in(user, page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.evaluate("() => document.activeElement.id") == "id_username"  # autofocus
    user.type(username)
    user.tab_to("Password")
    user.type("correct horse battery")
    user.submit()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def find_by_keyboard(user, page, reference, words):
    """From any page: the Findings link in the navigation, a search, the finding's link."""
    user.activate("Findings", tag="a")
    expect(page.get_by_role("heading", name="Findings", exact=True)).to_be_visible()
    check_page(user, page)
    user.tab_to("Search")
    user.type(words)
    user.activate("Apply filters", tag="button")
    expect(page.get_by_role("status")).to_have_text(re.compile(r"1\s+finding"))
    user.activate(reference, tag="a")
    expect(page.get_by_role("heading", name=f"Recommendation {reference}")).to_be_visible()


def test_update_propose_and_sign_off_with_the_keyboard_alone(page, live_server, live_people):
    finding = Finding.objects.get(inspection__title__contains="2019", reference="Rec 1.3")
    user = KeyboardUser(page)

    # The force lead signs in, finds the finding and adds an update, first without saying what happened.
    sign_in(user, page, live_server, "lead")
    check_page(user, page)
    find_by_keyboard(user, page, "Rec 1.3", "digital evidence")
    check_page(user, page)
    skip_to_main(user, page)
    user.activate("Add a progress update", tag="a")
    check_page(user, page)
    user.activate("Save update", tag="button")
    expect(page).to_have_title(re.compile(r"^Error: Add a progress update"))
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    link = user.tab()
    assert link.name.startswith("What has happened since the last update:"), link.name
    user.press("Enter")  # the link to the field, on the same page
    field = page.get_by_label("What has happened since the last update")
    expect(field).to_be_focused()
    expect(field).to_have_attribute("aria-invalid", "true")
    assert "id_narrative-error" in field.get_attribute("aria-describedby")
    user.type("Kiosks are live in Leamington and Nuneaton; the backlog is under 30 days.")
    user.tab_to("RAG rating", tag="select")
    user.press("g")  # Green, chosen by its first letter as in any select
    expect(page.get_by_label("RAG rating")).to_have_value("green")
    check_page(user, page)
    user.activate("Save update", tag="button")
    expect(page.get_by_text("Your update has been added.")).to_be_visible()

    # ... and proposes it as complete.
    user.activate("Propose as complete", tag="a")
    check_page(user, page)
    user.tab_to("Why the finding is complete", tag="textarea")
    user.type("Roadmap delivered; digital backlog below 30 days for three months.")
    user.activate("Propose for sign-off", tag="button")
    expect(page.locator(".finding-tags")).to_contain_text("Pending sign-off")

    # The chair signs out, signs in, finds it and signs it off.
    user.activate("Sign out", tag="button")
    sign_in(user, page, live_server, "chair")
    find_by_keyboard(user, page, "Rec 1.3", "digital evidence")
    user.activate("Sign off or return", tag="a")
    check_page(user, page)
    user.tab_to("Sign off as closed", tag="input")
    user.press("Space")
    expect(page.get_by_label("Sign off as closed")).to_be_checked()
    user.tab_to("Reason", tag="textarea")
    user.type("Evidence reviewed at the assurance board.")
    user.activate("Record decision", tag="button")
    # On to the next finding awaiting the chair's decision, its owner's grounds first (issue 18).
    expect(page.get_by_text("Next awaiting your decision:")).to_be_visible()
    expect(page.get_by_role("heading", name="The owner's grounds for sign-off")).to_be_visible()
    check_page(user, page)

    assert Finding.objects.get(pk=finding.pk).status == Status.CLOSED
    assert len(user.stops) > 100
    assert not user.problems, "\n".join(user.problems)
