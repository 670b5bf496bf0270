"""The accessibility statement, in the GOV.UK model: served to anyone without signing in, linked from
the footer of every page, with the OPCC's contact details for reporting a problem."""

import re

import pytest

from tests.accessibility.pages import ANONYMOUS, PAGES
from tests.accessibility.scene import build_scene

pytestmark = pytest.mark.django_db

# The sections of the GOV.UK model statement, in its order.
SECTIONS = [
    "Accessibility statement for the HMICFRS inspection tracker",
    "How accessible this website is",
    "Feedback and contact information",
    "Reporting accessibility problems with this website",
    "Enforcement procedure",
    "Technical information about this website's accessibility",
    "Compliance status",
    "Non-accessible content",
    "Non-compliance with the accessibility regulations",
    "Disproportionate burden",
    "Content that's not within the scope of the accessibility regulations",
    "What we're doing to improve accessibility",
    "Preparation of this accessibility statement",
]


def headings(html):
    found = re.findall(r"<h[1-3][^>]*>(.*?)</h[1-3]>", html)
    return [re.sub(r"<[^>]+>", "", text).replace("&#x27;", "'") for text in found]


def test_the_statement_is_served_without_signing_in_with_every_section(client, warwickshire):
    response = client.get("/accessibility/")
    assert response.status_code == 200
    html = response.content.decode()
    found = headings(html)
    assert [heading for heading in found if heading in SECTIONS] == SECTIONS
    assert "partially compliant with the" in html and "Web Content Accessibility Guidelines version 2.2" in html
    assert "Equality and Human Rights Commission" in html and "Equality Advisory and Support Service" in html
    assert "This statement was prepared on" in html and "This website was last tested on" in html
    assert "<title>Accessibility statement – Inspection tracker</title>" in html


def test_problems_are_reported_to_the_local_policing_bodys_office_unless_a_contact_is_set(
    client, warwickshire, settings
):
    body = warwickshire.local_policing_body
    html = client.get("/accessibility/").content.decode()
    assert f"run by {body.office_name}" in html
    assert f'<a href="mailto:{body.email}">{body.email}</a>' in html and body.telephone in html

    settings.TRACKER_ACCESSIBILITY = {
        **settings.TRACKER_ACCESSIBILITY,
        "ORGANISATION": "the Office of the Police and Crime Commissioner for Anyshire",
        "EMAIL": "accessibility@anyshire-pcc.example", "TELEPHONE": "01234 567890", "RESPONSE_DAYS": 5,
        "REVIEWED_ON": "2027-01-15",
    }
    html = client.get("/accessibility/").content.decode()
    assert "run by the Office of the Police and Crime Commissioner for Anyshire" in html
    assert 'href="mailto:accessibility@anyshire-pcc.example"' in html and "01234 567890" in html
    assert body.email not in html
    assert "get back to you in 5 working days" in html and "last reviewed on <time datetime=\"2027-01-15\">" in html


def test_every_page_links_to_the_statement_from_its_footer(client, people, media):
    scene = build_scene(people)
    missing = []
    for page_type in PAGES:
        role = page_type.roles[0]
        client.logout()
        if role != ANONYMOUS:
            client.force_login(people[role])
        html = client.get(page_type.path(scene)).content.decode()
        footer = html[html.rfind("<footer"):]
        if 'href="/accessibility/">Accessibility statement</a>' not in footer:
            missing.append(page_type.name)
    assert not missing
