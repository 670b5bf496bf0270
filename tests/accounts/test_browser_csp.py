"""The Content-Security-Policy in a real browser: Chromium reports no violation on the tracker's pages,
the admin or the set-up of a second factor, and the page script still runs."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from inspections.models import Finding, GovernanceBoard, Inspection
from tests.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def watch_violations(page):
    violations = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text
            else None)
    return violations


def test_no_page_breaks_the_policy(page, live_server, live_people, screenshot):
    violations = watch_violations(page)
    get_user_model().objects.filter(username="opcc").update(is_staff=True, is_superuser=True)
    sign_in(page, live_server, "opcc")
    finding = Finding.objects.filter(inspection__title__contains="2019").first()
    inspection = Inspection.objects.get(title__contains="2019")
    board = GovernanceBoard.objects.get(name="Warwickshire Assurance Board")
    paths = [reverse("home"), reverse("dashboard"), reverse("board_dashboard", args=[board.pk]),
             reverse("finding_list"), reverse("finding_detail", args=[finding.pk]),
             reverse("inspection_detail", args=[inspection.pk]), reverse("section55", args=[inspection.pk]),
             reverse("section55_preview", args=[inspection.pk]), reverse("imports"), reverse("reminders"),
             reverse("security"), reverse("your_sessions"), reverse("mfa_enrol"), "/admin/",
             "/admin/inspections/finding/", f"/admin/inspections/finding/{finding.pk}/change/"]
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        if path == reverse("mfa_enrol"):
            screenshot("mfa-set-up")
    assert violations == []
    # The static script runs under the policy: an error summary takes the focus.
    page.goto(f"{live_server.url}{reverse('finding_add_update', args=[finding.pk])}")
    page.get_by_role("button", name="Save update").click()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert violations == []
