"""HMICFRS's side in a real browser: OPCC staff record Warwickshire's move into Engage and an oversight group
meeting on the force's page, record HMICFRS closing a 2019 cause of concern from its letter, and see both on
the dashboard."""

from datetime import date

import pytest
from playwright.sync_api import expect

from inspections.models import Finding, HmicfrsDecision, MonitoringPeriod, OversightGroupMeeting
from tests.conftest import fill_date, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_opcc_records_engage_a_ppog_meeting_and_an_hmicfrs_closure(page, live_server, live_people, screenshot):
    sign_in(page, live_server, "opcc")
    page.get_by_role("link", name="Dashboard").first.click()
    expect(page.get_by_role("heading", name="HMICFRS monitoring: Scan (routine monitoring)")).to_be_visible()
    page.get_by_role("link", name="HMICFRS monitoring of Warwickshire Police: record a move or a meeting").click()

    # A move into Engage without its reasons is refused, and what was typed stays.
    page.get_by_label("Engage (enhanced monitoring)").check()
    fill_date(page, "From", date(2022, 11, 1))
    page.get_by_label("HMICFRS letter").fill("Letter from HM Chief Inspector: Engage")
    page.get_by_role("button", name="Record the move").click()
    expect(page.locator(".error-summary")).to_contain_text("Say why HMICFRS moved the force into Engage")
    expect(page.get_by_label("HMICFRS letter")).to_have_value("Letter from HM Chief Inspector: Engage")
    page.get_by_label("Reasons").fill("Causes of concern about investigating crime.")
    page.get_by_role("button", name="Record the move").click()
    expect(page.get_by_text("recorded in Engage (enhanced monitoring) from 1 November 2022")).to_be_visible()

    fill_date(page, "Date of the meeting", date(2023, 3, 14))
    page.get_by_label("What the group decided").fill("The force remains in Engage.")
    page.get_by_label("Next steps").fill("A revisit of investigations in the autumn.")
    page.get_by_role("button", name="Record the meeting").click()
    expect(page.locator("#oversight-meetings")).to_contain_text("The force remains in Engage.")
    screenshot("hmicfrs-monitoring")

    cause = Finding.objects.get(inspection__title__contains="2019", reference="CoC 1")
    page.goto(f"{live_server.url}/findings/{cause.pk}/")
    page.get_by_role("link", name="Record HMICFRS's decision").click()
    page.get_by_label("Closed by HMICFRS").check()
    fill_date(page, "Date of the letter", date(2023, 10, 3))
    page.get_by_label("The letter", exact=True).fill("Revisit letter: Warwickshire Police causes of concern")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("HMICFRS's decision recorded: closed by hmicfrs.")).to_be_visible()
    expect(page.locator(".timeline")).to_contain_text("Closed by HMICFRS on 3 October 2023")

    page.get_by_role("link", name="Dashboard").first.click()
    panel = page.locator(".monitoring-panel")
    expect(panel).to_contain_text("HMICFRS monitoring: Engage (enhanced monitoring)")
    expect(panel).to_contain_text("Latest oversight group meeting, 14 March 2023: The force remains in Engage.")
    expect(panel.locator("#hmicfrs-closed")).to_contain_text("Causes of concern HMICFRS has closed: 1 of 3")
    screenshot("dashboard-hmicfrs")
    assert MonitoringPeriod.objects.get().state == "engage"
    assert OversightGroupMeeting.objects.count() == 1 and HmicfrsDecision.objects.get().finding == cause
