"""The public pages are the same for everyone and cacheable: public, with a max-age and an ETag; they
set no cookie and do not vary on one, even for a signed-in user (who is served exactly what the public
is), while every signed-in page keeps its no-store."""

import pytest
from django.test import Client

from tests.public.support import SLUG_2019, TITLE_2019, body, inspection, publish, render_final_letter

pytestmark = pytest.mark.django_db

PAGE = f"/public/warwickshire/{SLUG_2019}/"
URLS = ["/public/", "/public/warwickshire/", PAGE, f"/public/warwickshire/{SLUG_2019}.csv",
        f"/public/warwickshire/{SLUG_2019}.json", PAGE + "section-55-response.pdf"]


@pytest.fixture
def published(people, media):
    publish(TITLE_2019, people.opcc)
    render_final_letter(inspection(TITLE_2019), people.opcc)
    return people


def assert_cacheable(response, url):
    assert response.status_code == 200, url
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert cache_control == {"public", "max-age=300"}, (url, cache_control)
    assert not response.cookies, (url, response.cookies)
    assert "cookie" not in response.get("Vary", "").lower(), (url, response.get("Vary"))
    assert response.has_header("ETag"), url


def test_every_public_page_is_cacheable_for_the_public(client, published):
    for url in URLS:
        response = client.get(url)
        assert_cacheable(response, url)
        # The security headers stay: the same Content-Security-Policy, and no framing.
        assert "default-src 'none'" in response["Content-Security-Policy"], url
        assert response["X-Frame-Options"] == "DENY", url


def test_a_signed_in_user_gets_exactly_what_the_public_gets_and_no_cookie(published):
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(published.opcc)
    for url in URLS:
        theirs = signed_in.get(url)
        assert_cacheable(theirs, url)
        assert body(theirs) == body(anonymous.get(url)), url
    assert "Opcc" not in signed_in.get(PAGE).content.decode()  # no name, no sign-out: nothing of the session
    # The signed-in pages keep their no-store (the exemption is for /public/ only).
    tracker_page = signed_in.get(inspection(TITLE_2019).get_absolute_url())
    assert tracker_page.status_code == 200 and "no-store" in tracker_page["Cache-Control"]
    assert signed_in.get("/publicity/").status_code == 404  # a look-alike prefix is not exempt
    assert "no-store" in signed_in.get("/publicity/")["Cache-Control"]


def test_a_cache_revalidates_with_the_etag(client, published):
    for url in URLS:
        first = client.get(url)
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304, url
        assert not body(again)


def test_the_public_pages_answer_only_reads(client, published):
    for url in URLS:
        assert client.head(url).status_code == 200, url
        assert client.post(url).status_code == 405, url
