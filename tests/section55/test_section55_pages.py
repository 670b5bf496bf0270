"""The Section 55 pages: who may read and write, the draft, final, sent and published, the inspection
panel and the finding response page."""

from datetime import date

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.template.loader import render_to_string
from django.urls import reverse

from inspections.documents import versions as document_services
from inspections.models import RenderedDocument, Section55Response
from tests.factories import FindingFactory
from tests.section55.support import draft_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def peel_2022(warwickshire):
    """The 2021/22 inspection: no letter yet, and its areas for improvement have no responses."""
    return warwickshire.inspections.get(pk=3)


# --- Who may do what -----------------------------------------------------------------------------


def test_viewer_reads_the_page_but_cannot_change_anything(client, people, peel_2022):
    client.force_login(people["viewer"])
    url = reverse("section55", args=[peel_2022.pk])
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Section 55 response" in body and "Responses still missing" in body and "AFI 1" in body
    assert "Save the draft" not in body and "Render the PDF" not in body and "Add the response" not in body
    for target in (
        url,
        reverse("section55_render", args=[peel_2022.pk]),
        reverse("section55_final", args=[peel_2022.pk]),
    ):
        assert client.post(target, draft_data()).status_code == 403
    assert not Section55Response.objects.filter(inspection=peel_2022).exists()
    assert not RenderedDocument.objects.exists()
    assert client.get(reverse("section55_preview", args=[peel_2022.pk])).status_code == 200


def test_force_lead_cannot_edit_the_letter(client, people, peel_2022):
    client.force_login(people["lead"])
    assert client.post(reverse("section55", args=[peel_2022.pk]), draft_data()).status_code == 403
    assert not Section55Response.objects.filter(inspection=peel_2022).exists()


def test_another_forces_staff_see_nothing(client, people, peel_2022, media, staff_user):
    document = document_services.request_render(kind="section55_letter", inspection=peel_2022, by=staff_user)
    document_services.render(document.pk)
    client.force_login(people["outsider"])
    assert client.get(reverse("section55", args=[peel_2022.pk])).status_code == 404
    assert client.post(reverse("section55_render", args=[peel_2022.pk])).status_code == 404
    assert client.get(reverse("document", args=[document.pk])).status_code == 404
    assert client.get(reverse("document_download", args=[document.pk])).status_code == 404
    assert RenderedDocument.objects.count() == 1


def test_signed_out_users_are_sent_to_sign_in(client, peel_2022):
    response = client.get(reverse("section55", args=[peel_2022.pk]))
    assert response.status_code == 302 and reverse("login") in response["Location"]


# --- The draft -------------------------------------------------------------------------------------


def test_new_draft_starts_from_the_data_and_saves(client, people, peel_2022):
    peel_2022.hmicfrs_reference = "PEEL 21/22 WAR"
    peel_2022.save()
    client.force_login(people["opcc"])
    url = reverse("section55", args=[peel_2022.pk])
    body = client.get(url).content.decode()
    assert 'value="PEEL 21/22 WAR"' in body  # your reference defaults to the inspection's
    assert "Jordan Hale" in body and "Warwickshire Assurance Board" in body  # signatory and governance summary
    response = client.post(url, draft_data(your_reference="PEEL 21/22 WAR"))
    assert response.status_code == 302
    saved = Section55Response.objects.get(inspection=peel_2022)
    assert (saved.our_reference, saved.your_reference, saved.letter_date) == (
        "PCC22 10/7",
        "PEEL 21/22 WAR",
        date(2022, 12, 1),
    )
    assert saved.version == 1 and saved.updated_by == people["opcc"] and saved.status == "draft"


def test_a_stale_draft_is_refused_and_the_typed_text_kept(client, people, peel_2022):
    client.force_login(people["opcc"])
    url = reverse("section55", args=[peel_2022.pk])
    client.post(url, draft_data())
    client.post(url, draft_data(version="1", pcc_response="Someone else's words."))  # now version 2
    response = client.post(url, draft_data(version="1", pcc_response="My words, typed on an old copy."))
    assert response.status_code == 409
    body = response.content.decode()
    assert "while you were editing it" in body and "My words, typed on an old copy." in body
    assert Section55Response.objects.get(inspection=peel_2022).pcc_response == "Someone else's words."


def test_a_bad_draft_names_the_field_and_saves_nothing(client, people, peel_2022):
    client.force_login(people["opcc"])
    response = client.post(
        reverse("section55", args=[peel_2022.pk]), draft_data(letter_date="2022-01-01", pcc_introduction="Kept")
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "The letter cannot be dated before the report was published." in body and "Kept" in body
    assert not Section55Response.objects.filter(inspection=peel_2022).exists()


def test_regenerating_the_governance_summary(client, people, peel_2022):
    client.force_login(people["opcc"])
    client.post(
        reverse("section55", args=[peel_2022.pk]),
        draft_data(governance_summary="Old words.", regenerate_governance="1"),
    )
    summary = Section55Response.objects.get(inspection=peel_2022).governance_summary
    assert summary.startswith("In summary, all of these areas for improvement have been designated a strategic force")
    assert "Warwickshire Assurance Board, chaired by the Deputy Chief Constable, meeting monthly" in summary


# --- Final, sent, published -----------------------------------------------------------------------


def test_final_is_refused_while_a_recommendation_lacks_a_response(client, people, warwickshire):
    ipa = warwickshire.inspections.get(pk=2)
    response = ipa.section55
    response.status, response.sent_on, response.published_on = "draft", None, None
    response.save()
    rec = ipa.findings.get(reference="Rec 2.2")
    rec.response = ""
    rec.save()
    client.force_login(people["opcc"])
    page = client.get(reverse("section55", args=[ipa.pk])).content.decode()
    assert "Section 55(5B) requires a response to every recommendation" in page and "Rec 2.2" in page
    result = client.post(reverse("section55_final", args=[ipa.pk]), {"version": response.version}, follow=True)
    assert "these have none yet: Rec 2.2." in result.content.decode()
    assert Section55Response.objects.get(pk=response.pk).status == "draft"

    edit = reverse("finding_response", args=[rec.pk])
    assert client.post(edit, {"response": "The skills review is under way.", "version": rec.version}).status_code == 302
    client.post(reverse("section55_final", args=[ipa.pk]), {"version": response.version})
    response.refresh_from_db()
    assert response.status == "final" and response.finalised_by == people["opcc"]


@time_machine.travel(date(2022, 12, 2), tick=False)
def test_final_then_sent_then_published(client, people, peel_2022):
    for finding in peel_2022.findings.all():
        finding.response = f"Response to {finding.reference}."
        finding.save()
    client.force_login(people["opcc"])
    url = reverse("section55", args=[peel_2022.pk])
    client.post(url, draft_data())
    assert client.post(reverse("section55_sent", args=[peel_2022.pk]), {"sent_on": "2022-12-01"}).status_code == 400
    client.post(reverse("section55_final", args=[peel_2022.pk]), {"version": "1"})
    assert client.post(url, draft_data(version="2")).status_code == 400  # final: reopen to edit
    future = client.post(reverse("section55_sent", args=[peel_2022.pk]), {"sent_on": "2022-12-25", "version": "2"})
    assert "cannot be in the future" in future.content.decode()
    assert (
        client.post(
            reverse("section55_sent", args=[peel_2022.pk]), {"sent_on": "2022-12-01", "version": "2"}
        ).status_code
        == 302
    )
    published = client.post(
        reverse("section55_published", args=[peel_2022.pk]),
        {"published_on": "2022-12-02", "published_url": "www.warwickshire-pcc.gov.uk/s55", "version": "3"},
    )
    assert published.status_code == 302
    saved = Section55Response.objects.get(inspection=peel_2022)
    assert (saved.sent_on, saved.published_on) == (date(2022, 12, 1), date(2022, 12, 2))
    assert saved.published_url == "https://www.warwickshire-pcc.gov.uk/s55"
    reopen = client.post(
        reverse("section55_final", args=[peel_2022.pk]), {"action": "reopen", "version": "4"}, follow=True
    )
    assert "stays as it was sent" in reopen.content.decode()
    panel = render_to_string("section55/_inspection_panel.html", {"inspection": peel_2022})
    assert "Published" in panel and "https://www.warwickshire-pcc.gov.uk/s55" in panel and "left" not in panel


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2022, 10, 14), "55 days left (day 1 of 56)"),
        (date(2022, 11, 30), "8 days left (day 48 of 56)"),
        (date(2022, 12, 8), "today is the last day"),
        (date(2022, 12, 10), "2 days late"),
    ],
)
def test_the_inspection_panel_counts_down_to_the_deadline(peel_2022, today, expected):
    with time_machine.travel(today, tick=False):
        panel = render_to_string("section55/_inspection_panel.html", {"inspection": peel_2022})
    assert "Thursday 8 December 2022" in panel  # 14 October 2022 + 55 days
    assert expected in " ".join(panel.split())
    assert "Not started" in panel


# --- A finding's response ---------------------------------------------------------------------------


def test_the_response_page_refuses_a_stale_edit_and_keeps_the_typed_text(client, people, peel_2022):
    finding = peel_2022.findings.get(reference="AFI 3")
    url = reverse("finding_response", args=[finding.pk])
    client.force_login(people["opcc"])
    assert "Edit the force&#x27;s response" in client.get(url).content.decode()
    old_version = finding.version
    assert client.post(url, {"response": "First answer.", "version": old_version}).status_code == 302
    stale = client.post(url, {"response": "My late answer.", "version": old_version})
    assert stale.status_code == 409
    body = stale.content.decode()
    assert "Someone else changed this finding" in body and "First answer." in body and "My late answer." in body
    finding.refresh_from_db()
    assert finding.response == "First answer."


def test_only_those_allowed_edit_a_response(client, people, peel_2022):
    finding = FindingFactory(inspection=peel_2022, response="", order=900, reference="AFI 900")
    url = reverse("finding_response", args=[finding.pk])
    client.force_login(people["viewer"])
    assert client.post(url, {"response": "Hijack", "version": finding.version}).status_code == 403
    client.force_login(people["outsider"])
    assert client.post(url, {"response": "Hijack", "version": finding.version}).status_code == 404
    finding.refresh_from_db()
    assert finding.response == ""


def test_the_response_page_only_returns_to_this_site(client, people, peel_2022):
    finding = peel_2022.findings.get(reference="AFI 4")
    client.force_login(people["opcc"])
    response = client.post(
        reverse("finding_response", args=[finding.pk]),
        {"response": "Done.", "version": finding.version, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("finding_detail", args=[finding.pk])
    back = reverse("section55", args=[peel_2022.pk])
    response = client.post(
        reverse("finding_response", args=[finding.pk]), {"response": "Done again.", "version": finding.version + 1,
                                                          "next": back},
    )
    assert response["Location"] == back


@pytest.mark.parametrize("who", ["opcc", "lead"])
@pytest.mark.parametrize("inspection_id", [2, 3])
def test_the_page_takes_a_bounded_number_of_queries(client, people, who, inspection_id, django_assert_max_num_queries):
    client.force_login(people[who])
    with django_assert_max_num_queries(18):  # no query per finding (the 2021/22 one lists 22 missing)
        assert client.get(reverse("section55", args=[inspection_id])).status_code == 200


def test_the_command_names_an_unknown_inspection(db):
    with pytest.raises(CommandError, match="There is no inspection with id 999"):
        call_command("render_section55", "999", "--out", "/dev/null")
