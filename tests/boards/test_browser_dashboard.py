"""The board chair's journey in a real browser: dashboard, drill-down, board pack."""

import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from inspections.models import GovernanceBoard
from tests.conftest import sign_in
from tests.factories import BoardMeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_chair_opens_dashboard_drills_down_and_downloads_the_pack(
    page, live_server, live_people, screenshot, eager_celery, media
):
    wab = GovernanceBoard.objects.get(name="Warwickshire Assurance Board")
    BoardMeetingFactory(board=wab, held_on=date(2026, 10, 13))
    BoardMeetingFactory(board=wab, held_on=date(2026, 11, 10))
    sign_in(page, live_server, "chair")
    page.get_by_role("link", name="Dashboard").first.click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    screenshot("dashboard-force")
    page.get_by_role("link", name="Warwickshire Assurance Board").last.click()
    expect(page.get_by_role("heading", name="Warwickshire Assurance Board")).to_be_visible()
    screenshot("dashboard-board")
    pending = page.locator(".figure", has_text="awaiting sign-off")
    expect(pending).to_contain_text("2")
    pending.click()
    expect(page.get_by_role("status")).to_have_text(re.compile(r"2\s+findings"))
    assert "status=pending_sign_off" in page.url and f"board={wab.pk}" in page.url
    page.go_back()
    page.get_by_role("link", name="board pack").first.click()
    expect(page.get_by_role("heading", name="Board pack: meeting of 10 November 2026")).to_be_visible()
    expect(page.get_by_text("The board is asked to note the contents of this report.")).to_be_visible()
    screenshot("board-pack")
    page.get_by_role("button", name="Produce the PDF").click()
    expect(page.get_by_text("The PDF is ready.")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the PDF").click()
    download = download_info.value
    assert download.suggested_filename == "board-pack-warwickshire-assurance-board-2026-11-10-v1.pdf"
    assert Path(download.path()).read_bytes().startswith(b"%PDF")
