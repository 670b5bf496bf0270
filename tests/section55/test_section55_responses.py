"""Section 55: every missing response entered on the one page, saved together or not at all; an empty
response refused rather than called saved; the PDF made only from the letter as saved."""

import pytest
from django.urls import reverse

from inspections.models import Finding, RenderedDocument
from tests.section55.support import draft_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def peel_2022(warwickshire):
    """The 2021/22 inspection: its areas for improvement have no responses."""
    return warwickshire.inspections.get(pk=3)


def boxes(peel_2022, texts):
    data = {}
    for finding in peel_2022.findings.lacking_response():
        data[f"response-{finding.pk}"] = texts.get(finding.reference, "")
        data[f"version-{finding.pk}"] = finding.version
    return data


def test_opcc_staff_see_a_box_for_every_missing_response_on_the_page(client, people, peel_2022):
    missing = list(peel_2022.findings.lacking_response())
    assert len(missing) > 1
    client.force_login(people.opcc)
    page = client.get(reverse("section55", args=[peel_2022.pk])).content.decode()
    for finding in missing:
        assert f'name="response-{finding.pk}"' in page and f"Response to {finding.reference}" in page
    assert "Save the responses" in page


def test_the_responses_typed_are_saved_in_one_go_and_the_empty_ones_stay_missing(client, people, peel_2022):
    missing = list(peel_2022.findings.lacking_response())
    first, second = missing[0], missing[1]
    client.force_login(people.opcc)
    response = client.post(reverse("section55_responses", args=[peel_2022.pk]), boxes(peel_2022, {
        first.reference: "A new supervision framework is in place.", second.reference: "  Training starts in May. ",
    }), follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"2 responses saved. {len(missing) - 2} responses still missing." in page
    assert Finding.objects.get(pk=first.pk).response == "A new supervision framework is in place."
    assert Finding.objects.get(pk=second.pk).response == "Training starts in May."
    assert peel_2022.findings.lacking_response().count() == len(missing) - 2
    assert Finding.objects.get(pk=first.pk).changes.filter(field="response").exists()  # on its timeline


def test_all_boxes_empty_is_refused_and_nothing_is_called_saved(client, people, peel_2022):
    before = peel_2022.findings.lacking_response().count()
    client.force_login(people.opcc)
    response = client.post(reverse("section55_responses", args=[peel_2022.pk]), boxes(peel_2022, {}))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter at least one response" in page and "responses saved" not in page
    assert peel_2022.findings.lacking_response().count() == before


def test_one_stale_response_saves_none_and_keeps_what_was_typed(client, people, peel_2022):
    first, second = list(peel_2022.findings.lacking_response())[:2]
    data = boxes(peel_2022, {first.reference: "Typed first.", second.reference: "Typed second."})
    Finding.objects.filter(pk=second.pk).update(version=second.version + 1)  # someone else saved it meanwhile
    client.force_login(people.opcc)
    response = client.post(reverse("section55_responses", args=[peel_2022.pk]), data)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Nothing was saved" in page and "Typed first." in page and "Typed second." in page
    assert Finding.objects.get(pk=first.pk).response == ""


def test_a_viewer_or_a_forged_box_is_refused(client, people, peel_2022):
    first = peel_2022.findings.lacking_response().first()
    client.force_login(people.viewer)
    page = client.get(reverse("section55", args=[peel_2022.pk])).content.decode()
    assert "Save the responses" not in page and first.reference in page
    data = boxes(peel_2022, {first.reference: "Forged."})
    assert client.post(reverse("section55_responses", args=[peel_2022.pk]), data).status_code == 403
    client.force_login(people.outsider)
    assert client.post(reverse("section55_responses", args=[peel_2022.pk]), data).status_code == 404
    assert Finding.objects.get(pk=first.pk).response == ""


def test_an_empty_response_on_the_findings_own_form_is_refused_not_saved(client, people):
    finding = Finding.objects.get(inspection__title__contains="2019", reference="Rec 1.3")
    client.force_login(people.opcc)
    url = reverse("finding_response", args=[finding.pk])
    response = client.post(url, {"response": "   ", "version": finding.version})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter the force&#x27;s response" in page and "The response has been saved." not in page
    assert Finding.objects.get(pk=finding.pk).response == finding.response


def test_the_render_button_comes_after_the_draft_and_says_it_renders_what_is_saved(client, people, peel_2022):
    client.force_login(people.opcc)
    page = client.get(reverse("section55", args=[peel_2022.pk])).content.decode()
    assert page.index("Save the draft") < page.index("Render the PDF")
    assert "The preview and the PDF show the letter as it is saved" in page


def test_a_render_of_a_letter_saved_again_since_the_page_was_read_is_refused(client, people, peel_2022):
    client.force_login(people.opcc)
    client.post(reverse("section55", args=[peel_2022.pk]), draft_data())
    client.post(reverse("section55", args=[peel_2022.pk]), draft_data(version="1", pcc_response="Changed."))
    response = client.post(reverse("section55_render", args=[peel_2022.pk]), {"version": "1"}, follow=True)
    assert "The letter was saved again after you opened this page" in response.content.decode()
    assert not RenderedDocument.objects.exists()
