"""The pack and the letter ready to send, in a real browser at desktop and phone widths: the pack as a
paper (marking, item, presenter, purpose, numbered paragraphs, days overdue and RAG), the letter without
empty references or an empty section 3."""

from datetime import date

import pytest
from playwright.sync_api import expect

from inspections.models import GovernanceBoard, Inspection, Section55Response
from tests.conftest import page_width, sign_in
from tests.factories import BoardMeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_pack_reads_as_a_paper_and_the_letter_as_one_ready_to_send(page, live_server, live_people,
                                                                        screenshot, viewport):
    board = GovernanceBoard.objects.get(name="Warwickshire Assurance Board")
    meeting = BoardMeetingFactory(board=board, held_on=date(2026, 2, 10), agenda_item="6",
                                  presented_by="Head of Assurance, OPCC")
    sign_in(page, live_server, "chair")
    page.goto(f"{live_server.url}/boards/{board.pk}/meetings/{meeting.pk}/pack/")
    expect(page.locator(".pack-marking")).to_have_text("OFFICIAL")
    furniture = page.locator(".pack-furniture")
    expect(furniture).to_contain_text("Agenda item")
    expect(furniture).to_contain_text("Head of Assurance, OPCC")
    expect(furniture).to_contain_text("Purpose")
    overdue = page.locator("#pack-overdue")
    expect(overdue.get_by_role("columnheader", name="Days overdue")).to_be_visible()
    expect(overdue.get_by_role("columnheader", name="RAG")).to_be_visible()
    numbered = page.evaluate(
        "() => getComputedStyle(document.querySelector('#pack-summary > p'), '::before').content"
    )
    assert "counter" in numbered or "1" in numbered, numbered
    assert page_width(page) <= page.viewport_size["width"]
    screenshot(f"journeys-7-pack-{viewport}")

    inspection = Inspection.objects.get(title__contains="2019", force=live_people.force)
    Section55Response.objects.filter(inspection=inspection).update(your_reference="", pcc_response="")
    page.goto(f"{live_server.url}/inspections/{inspection.pk}/section55/preview/")
    letter = page.locator("body")
    expect(letter).not_to_contain_text("Your Ref")
    expect(letter).not_to_contain_text("3. ANY COMMENTS FROM THE LOCAL POLICING BODY")
    expect(letter).to_contain_text("Yours faithfully")
    screenshot(f"journeys-7-letter-{viewport}")
