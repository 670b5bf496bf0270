"""The import review in a real browser at desktop and phone widths: an overview linking every finding,
each warning linked to what it names, the source box's caption clear of its text, and each scrolling
passage a named tab stop; axe finds nothing serious on the page."""

import pytest
from playwright.sync_api import expect

from inspections.importing import report_imports
from inspections.models import ReportImport
from tests.accessibility.axe import run_axe, with_axe
from tests.conftest import page_width, sign_in
from tests.importing.support import report_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CAPTION_CLEAR = """() => [...document.querySelectorAll('.review-source')].filter(box => {
  const title = box.querySelector('.review-source__title'), passage = box.querySelector('.review-passage');
  if (!title || !passage) return false;
  return title.getBoundingClientRect().bottom > passage.getBoundingClientRect().top + 0.5;
}).length"""

SCROLLERS_UNREACHABLE = """() => [...document.querySelectorAll('*:not(textarea):not(select):not(input)')].filter(el => {
  const style = getComputedStyle(el);
  const scrolls = (style.overflowY === 'auto' || style.overflowY === 'scroll') && el.scrollHeight > el.clientHeight + 1;
  return scrolls && !(el.tabIndex >= 0 && (el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')));
}).map(el => el.tagName + '.' + el.className)"""


def test_the_review_has_an_overview_and_linked_warnings(page, live_server, live_people, screenshot, viewport,
                                                        media):
    started = report_imports.start_report_import(force=live_people.force, by=live_people.opcc,
                                                 name="peel-2021-22.txt", data=report_text().encode())
    report_imports.read_report_import(started.pk)
    report_import = ReportImport.objects.get(pk=started.pk)
    sign_in(page, live_server, "opcc")
    with_axe(page.context)
    page.goto(f"{live_server.url}/imports/reports/{report_import.pk}/review/")
    overview = page.get_by_role("navigation", name="Overview")
    expect(overview).to_be_visible()
    links = overview.locator(".review-overview__findings a")
    assert links.count() == len(report_import.draft["items"])
    screenshot(f"journeys-5-review-overview-{viewport}")
    links.last.click()
    assert page.url.endswith(f"#finding-{links.count()}")
    expect(page.locator(f"#finding-{links.count()}-title")).to_be_in_viewport()
    for warning_link in page.locator("#check-these a").all():
        target = warning_link.get_attribute("href")
        assert page.locator(target).count() == 1, target
    assert page.evaluate(CAPTION_CLEAR) == 0
    assert page.evaluate(SCROLLERS_UNREACHABLE) == []
    serious = [v for v in run_axe(page) if v["impact"] in ("serious", "critical")]
    assert not serious, [(v["rule"], [n["html"][:120] for n in v["nodes"]][:3]) for v in serious]
    assert page_width(page) <= page.viewport_size["width"]
    screenshot(f"journeys-5-review-finding-{viewport}")
