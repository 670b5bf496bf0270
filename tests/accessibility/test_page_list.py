"""The list of pages the accessibility checks walk (pages.py) is complete: every address in it is
scanned as exactly the roles that can open it, and every page of the tracker's URLs is in it."""

from collections import defaultdict

import pytest
from django.urls import URLResolver, get_resolver, resolve

from tests.accessibility.pages import ANONYMOUS, PAGES, ROLES
from tests.accessibility.scene import build_scene

pytestmark = pytest.mark.django_db

# Addresses that are not pages a person reads: downloads, form posts that redirect, health checks,
# the Django admin (outside this scan) and the sign-in machinery's own redirects.
NOT_PAGES = {
    "health", "finding_export", "evidence_download", "meeting_pack_render", "section55_render",
    "section55_responses",  # the missing responses' form posts here; its errors are scanned on the Section 55 page
    "section55_final", "section55_sent", "section55_published", "section55_signature", "document_download",
    "export_download",
    "report_import_retry", "report_import_discard", "tracker_import_discard", "inspection_export",
    "force_monitoring_change", "force_oversight_meeting", "finding_closure_request",  # form posts
    "reminders",  # redirects OPCC staff of one force to their force's page, which is scanned
    "logout", "password_change_done",
    "oidc_authentication_init", "oidc_authentication_callback",  # redirects to and from the identity provider
    "sign_in_code",  # reached only by signing in with a second factor: scanned after the sign-in entries' act
    "public_inspection_data", "public_letter", "inspection_publish", "inspection_unpublish",  # downloads, posts
}


def test_each_address_is_scanned_as_every_role_that_can_open_it(client, people, media):
    scene = build_scene(people)
    scanned, statuses = defaultdict(set), {}
    for page_type in PAGES:
        scanned[page_type.path(scene)] |= set(page_type.roles)
        statuses[page_type.path(scene)] = page_type.status
    wrong = []
    for path, roles in scanned.items():
        for role in (ANONYMOUS, *ROLES):
            client.logout()
            if role != ANONYMOUS:
                client.force_login(people[role])
            opens = client.get(path).status_code == statuses[path]
            if opens != (role in roles):
                wrong.append(f"{path} {'opens' if opens else 'does not open'} for {role}")
    assert not wrong, "\n".join(wrong)


def url_names(patterns):
    """Every named URL of the site, outside the admin's namespace."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":
                yield from url_names(pattern.url_patterns)
        elif pattern.name:
            yield pattern.name


def test_every_page_of_the_tracker_is_in_the_list(people, media):
    scene = build_scene(people)
    listed = {resolve(page_type.path(scene).split("?")[0]).url_name for page_type in PAGES}
    missing = set(url_names(get_resolver().url_patterns)) - NOT_PAGES - listed
    assert not missing, f"pages the accessibility checks do not open: {sorted(missing)}"
