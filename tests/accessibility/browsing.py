"""One browser context per role, signed in once and reused for every page that role opens."""

from contextlib import contextmanager

from tests.accessibility.axe import hold_still, with_axe
from tests.accessibility.pages import ANONYMOUS
from tests.conftest import sign_in


@contextmanager
def signed_in(browser, context_args, live_server, role, axe=False):
    context = browser.new_context(**context_args)
    if axe:
        with_axe(context)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        if role != ANONYMOUS:
            sign_in(page, live_server, role)
        yield page
    finally:
        context.close()


def visit(page, live_server, scene, page_type, role):
    """Open the page type as the role, do what its entry says, and return the address reached."""
    url = live_server.url + page_type.path(scene)
    if page_type.refreshes:
        hold_still(page, url)
    response = page.goto(url)
    assert response is not None and response.status == page_type.status, (
        f"{page_type.name} as {role}: {url} answered {response.status}"
    )
    if page_type.act:
        page_type.act(page, scene)
    if page_type.refreshes:
        page.unroute(url)
    return page.url
