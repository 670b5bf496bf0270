"""Every page type, as each role that can open it, scanned by axe-core in Chromium: no violation of
the WCAG 2.0, 2.1 or 2.2 A and AA rules. The report of the scan is kept in
test-artifacts/accessibility/axe-report.json (and .txt)."""

import time

import pytest

from tests.accessibility.axe import ScanReport, run_axe
from tests.accessibility.browsing import signed_in, visit
from tests.accessibility.pages import ANONYMOUS, PAGES, ROLES, pages_for
from tests.accessibility.scene import build_scene
from tests.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_page_type_passes_axe_as_each_role(browser, browser_context_args, live_server, live_people, media):
    scene = build_scene(live_people)
    report = ScanReport()
    for role in (ANONYMOUS, *ROLES):
        with signed_in(browser, browser_context_args, live_server, role, axe=True) as page:
            for page_type in pages_for(role):
                started = time.monotonic()
                url = visit(page, live_server, scene, page_type, role)
                report.add(page_type, role, url, run_axe(page), time.monotonic() - started)
    report.write(ARTIFACTS / "accessibility")
    assert {entry["page"] for entry in report.entries} == {page_type.name for page_type in PAGES}
    assert not report.failures, report.summary()
