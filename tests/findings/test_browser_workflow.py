"""The weekly journeys in a real browser (Playwright driving Debian's Chromium)."""

import re

import pytest
from playwright.sync_api import expect

from inspections.core.status import Status
from inspections.models import Finding, ProgressUpdate
from tests.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def digital_forensics():
    return Finding.objects.get(inspection__title__contains="2019", reference="Rec 1.3")


def test_opcc_filters_and_adds_an_update_with_evidence(page, live_server, live_people, screenshot, tmp_path):
    sign_in(page, live_server, "opcc")
    page.get_by_role("link", name="Findings").first.click()
    page.get_by_label("Type").select_option("recommendation")
    page.get_by_label("Search").fill("digital evidence")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("status")).to_have_text(re.compile(r"1\s+finding"))
    assert "kind=recommendation" in page.url  # the filtered list is a link
    screenshot("findings-list")
    page.get_by_role("link", name="Rec 1.3").click()
    screenshot("finding-detail")
    page.get_by_role("link", name="Add a progress update").click()
    evidence = tmp_path / "kiosk-rollout.pdf"
    evidence.write_bytes(b"%PDF-1.4\n%%EOF\n")
    page.get_by_label("What has happened since the last update").fill("Kiosks live in Leamington and Nuneaton.")
    page.get_by_label("RAG rating").select_option("green")
    page.get_by_label("Evidence").set_input_files(str(evidence))
    screenshot("progress-update-form")
    page.get_by_role("button", name="Save update").click()
    expect(page.get_by_text("Your update has been added.")).to_be_visible()
    timeline = page.locator(".timeline")
    expect(timeline).to_contain_text("Kiosks live in Leamington and Nuneaton.")
    expect(timeline.get_by_role("link", name="kiosk-rollout.pdf")).to_be_visible()
    assert ProgressUpdate.objects.get().evidence.count() == 1


def test_owner_proposes_and_chair_signs_off(page, live_server, live_people, screenshot):
    finding = digital_forensics()
    sign_in(page, live_server, "lead")
    page.goto(f"{live_server.url}/findings/{finding.pk}/")
    page.get_by_role("link", name="Propose as complete").click()
    page.get_by_label("Why the finding is complete").fill("Roadmap delivered; digital backlog below 30 days.")
    page.get_by_role("button", name="Propose for sign-off").click()
    expect(page.locator(".finding-tags")).to_contain_text("Pending sign-off")

    sign_in(page, live_server, "chair")
    page.goto(f"{live_server.url}/findings/{finding.pk}/")
    page.get_by_role("link", name="Sign off or return").click()
    page.get_by_label("Sign off as closed").check()
    page.get_by_label("Reason").fill("Evidence reviewed at the assurance board.")
    screenshot("board-decision-form")
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("Next awaiting your decision:")).to_be_visible()  # the next one, not back
    page.goto(f"{live_server.url}/findings/{finding.pk}/")
    expect(page.locator(".finding-tags")).to_contain_text("Closed")
    expect(page.locator(".timeline")).to_contain_text("Signed off by the board")
    screenshot("finding-signed-off")
    assert Finding.objects.get(pk=finding.pk).status == Status.CLOSED


def test_viewer_has_no_edit_controls_and_a_direct_post_is_refused(page, live_server, live_people):
    finding = digital_forensics()
    sign_in(page, live_server, "viewer")
    page.goto(f"{live_server.url}/findings/{finding.pk}/")
    expect(page.get_by_role("heading", name="Recommendation Rec 1.3")).to_be_visible()
    for label in ("Add a progress update", "Propose as complete", "Sign off or return", "Reassign"):
        expect(page.get_by_role("link", name=label)).to_have_count(0)
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    response = page.request.post(
        f"{live_server.url}/findings/{finding.pk}/update/",
        form={"narrative": "Forged by a viewer", "version": "1", "csrfmiddlewaretoken": token},
        headers={"Referer": f"{live_server.url}/findings/{finding.pk}/"},
    )
    assert response.status == 403
    assert not ProgressUpdate.objects.exists()


def test_inspection_page(page, live_server, live_people, screenshot):
    sign_in(page, live_server, "viewer")
    page.get_by_role("link", name="Inspections").first.click()
    screenshot("inspections-list")
    page.get_by_role("link", name="Warwickshire Police: Integrated PEEL Assessment 2019").click()
    expect(page.locator("#grades")).to_contain_text("Planning for the future")
    screenshot("inspection-detail")
