"""OPCC staff publish an inspection on the public pages from the inspection page, and unpublish it;
nobody else can, whatever request they forge."""

import pytest
from django.test import Client
from django.urls import reverse

from inspections.models import Publication
from tests.public.support import TITLE_2019, TITLE_2021, inspection, publish

pytestmark = pytest.mark.django_db


def publish_url(title=TITLE_2019):
    return reverse("inspection_publish", args=[inspection(title).pk])


def unpublish_url(title=TITLE_2019):
    return reverse("inspection_unpublish", args=[inspection(title).pk])


def test_opcc_staff_publish_and_unpublish_from_the_inspection_page(client, people):
    client.force_login(people.opcc)
    page = client.get(inspection(TITLE_2019).get_absolute_url()).content.decode()
    assert "Public progress page" in page and "Not published." in page
    assert f'action="{publish_url()}"' in page
    response = client.post(publish_url(), follow=True)
    assert response.redirect_chain[-1][0] == inspection(TITLE_2019).get_absolute_url()
    page = response.content.decode()
    assert "Published on the public progress pages." in page
    assert "Published on the public pages on" in page and "by Opcc Tester" in page
    publication = Publication.objects.get()
    assert publication.published_by == people.opcc and publication.is_public
    assert f'href="/public/warwickshire/{publication.slug}/"' in page
    response = client.post(unpublish_url(), follow=True)
    assert "Unpublished: the public pages no longer show this inspection." in response.content.decode()
    publication.refresh_from_db()
    assert not publication.is_public and publication.withdrawn_by == people.opcc


@pytest.mark.parametrize("role", ["lead", "chair", "member", "viewer"])
def test_other_kinds_of_user_see_the_state_but_cannot_publish(client, people, role):
    client.force_login(people[role])
    page = client.get(inspection(TITLE_2019).get_absolute_url()).content.decode()
    assert "Public progress page" in page and publish_url() not in page
    assert client.post(publish_url()).status_code == 403
    publish(TITLE_2021, people.opcc)
    assert client.post(unpublish_url(TITLE_2021)).status_code == 403
    assert list(Publication.objects.values_list("inspection__title", "withdrawn_at")) == [(TITLE_2021, None)]


def test_another_forces_opcc_staff_get_a_404(client, people):
    client.force_login(people.outsider)
    assert client.post(publish_url()).status_code == 404
    publish(TITLE_2021, people.opcc)
    assert client.post(unpublish_url(TITLE_2021)).status_code == 404
    assert Publication.objects.get().is_public


def test_signed_out_a_request_goes_to_sign_in_and_publishes_nothing(client, people):
    response = client.post(publish_url())
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not Publication.objects.exists()


def test_publishing_is_a_form_post_with_its_csrf_token(people):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(people.opcc)
    assert browser.get(publish_url()).status_code == 405
    assert browser.post(publish_url()).status_code == 403  # no CSRF token
    assert not Publication.objects.exists()


def test_an_inspection_whose_report_is_not_published_says_why(client, people):
    client.force_login(people.opcc)
    target = inspection("PEEL 2017: Police effectiveness, efficiency and legitimacy")
    response = client.post(reverse("inspection_publish", args=[target.pk]), follow=True)
    assert "Record the date HMICFRS published the report before publishing" in response.content.decode()
    assert not Publication.objects.exists()
