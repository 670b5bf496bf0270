"""WCAG 2.2's layout criteria on every page type (as the first role that can open it): the content
reflows at 320 CSS px wide without scrolling sideways (tables scroll inside their own region), text
doubled by the browser's text size setting grows everywhere and is not cut off, and every control is
at least 24 by 24 CSS px."""

from collections import defaultdict

import pytest

from tests.accessibility import layout
from tests.accessibility.browsing import signed_in, visit
from tests.accessibility.pages import PAGES
from tests.accessibility.scene import build_scene

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 800}


def test_every_page_type_reflows_resizes_and_has_targets_of_24px(browser, browser_context_args, live_server,
                                                                  live_people, media):
    scene = build_scene(live_people)
    by_role = defaultdict(list)
    for page_type in PAGES:
        by_role[page_type.roles[0]].append(page_type)
    problems = []
    for role, page_types in by_role.items():
        with signed_in(browser, browser_context_args, live_server, role) as page:
            for page_type in page_types:
                page.set_viewport_size(DESKTOP)
                visit(page, live_server, scene, page_type, role)
                found = {
                    "controls under 24×24 px": layout.small_targets(page),
                    "text at 200%": layout.text_that_does_not_resize(page),
                }
                page.set_viewport_size(NARROW)
                found["reflow at 320 px"] = layout.overflow(page)
                found["controls under 24×24 px at 320 px"] = layout.small_targets(page)
                problems += [f"{page_type.name} as {role}, {check}: " + "; ".join(items)
                             for check, items in found.items() if items]
    assert not problems, "\n".join(problems)
