"""The public progress pages show, for each force, the inspections the OPCC published: grades, each
finding with its status and (once the Section 55 response is published) the force's response, the
published letter as a PDF, and the date of the last update; with the same data as CSV and JSON."""

import csv
import io
import json
from datetime import date, timedelta
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from inspections.models import Finding, FindingChange, Inspection, Publication, Section55Response
from inspections.public import selectors, services
from tests.factories import InspectionFactory
from tests.public.support import (
    DRAFT,
    FINAL,
    SLUG_2019,
    TITLE_2017,
    TITLE_2019,
    TITLE_2021,
    body,
    inspection,
    publish,
    stored_letter,
)

pytestmark = pytest.mark.django_db

URL_2019 = f"/public/warwickshire/{SLUG_2019}/"


def text_of(response):
    return unescape(response.content.decode())


def test_nothing_is_public_until_opcc_staff_publish_it(client, people):
    assert "No inspections have been published here yet." in text_of(client.get("/public/"))
    assert client.get("/public/warwickshire/").status_code == 404
    assert client.get(URL_2019).status_code == 404


def test_the_forces_page_and_the_force_page_list_only_the_published_inspection(client, people):
    publish(TITLE_2019, people.opcc)
    forces = text_of(client.get("/public/"))
    assert 'href="/public/warwickshire/"' in forces and "Warwickshire Police" in forces and "(1 inspection)" in forces
    assert "Elsewhere" not in forces  # a force with nothing published is not listed
    force = text_of(client.get("/public/warwickshire/"))
    assert TITLE_2019 in force and f'href="{URL_2019}"' in force
    assert TITLE_2021 not in force and TITLE_2017 not in force
    assert "Report published</dt><dd>27 September 2019" in force
    assert "Section 55 response</dt><dd>Published 21 November 2019" in force
    assert "30, of which 2 closed" in force  # AFI 1 and AFI 12 were superseded by the 2021/22 inspection
    assert client.get("/public/elsewhere/").status_code == 404


def test_the_inspection_page_shows_grades_findings_statuses_and_published_responses(client, people):
    publish(TITLE_2019, people.opcc)
    page = text_of(client.get(URL_2019))
    assert "<h1>Warwickshire Police: Integrated PEEL Assessment 2019</h1>" in page
    assert '<th scope="row">Effectiveness</th><td><strong>Good</strong>' in page
    assert '<th scope="row" class="indented">Planning for the future</th><td>Inadequate</td>' in page
    assert '<th scope="row" class="indented">Armed policing</th><td>Not graded</td>' in page
    findings = Finding.objects.filter(inspection=inspection(TITLE_2019))
    assert findings.count() == 30
    for finding in findings:
        assert f"<strong>{finding.reference}</strong> {finding.text}" in page
        assert finding.response.splitlines()[0] in page
    afi_1 = page.split("<strong>AFI 1</strong>")[1]
    assert afi_1.index("<dt>Status</dt><dd>Superseded</dd>") < afi_1.index("<strong>AFI 2</strong>")
    afi_2 = page.split("<strong>AFI 2</strong>")[1]
    assert afi_2.index("<dd>Pending sign-off</dd>") < afi_2.index("<strong>AFI 3</strong>")
    assert "Last updated</dt><dd>" + f"{timezone.localdate().day} {timezone.localdate():%B %Y}" in page
    assert 'href="https://hmicfrs.justiceinspectorates.gov.uk/' in page


def test_the_responses_are_public_only_once_the_section55_response_is_published(client, people):
    publish(TITLE_2019, people.opcc)
    Section55Response.objects.filter(inspection=inspection(TITLE_2019)).update(published_on=None, published_url="")
    page = text_of(client.get(URL_2019))
    assert "Not published yet. The force's responses to the findings appear here once it is." in page
    for response in Finding.objects.filter(inspection=inspection(TITLE_2019)).values_list("response", flat=True):
        assert response.splitlines()[0] not in page
    data = json.loads(client.get(f"/public/warwickshire/{SLUG_2019}.json").content)
    assert data["section55_response"] is None and {f["response"] for f in data["findings"]} == {""}


def test_the_letter_is_the_final_version_the_pcc_published(client, people, media):
    publish(TITLE_2019, people.opcc)
    target = inspection(TITLE_2019)  # its response was published on 21 November 2019
    letter_url = URL_2019 + "section-55-response.pdf"
    assert client.get(letter_url).status_code == 404  # nothing rendered yet
    stored_letter(target, label=DRAFT, content=b"%PDF-1.7 the draft", on=date(2019, 11, 1))
    assert client.get(letter_url).status_code == 404  # a draft is never published
    assert "response letter (PDF)" not in text_of(client.get(URL_2019))
    stored_letter(target, label=FINAL, content=b"%PDF-1.7 rendered later", on=date(2024, 5, 1))
    assert body(client.get(letter_url)) == b"%PDF-1.7 rendered later"  # none from before: the first after
    stored_letter(target, label=FINAL, content=b"%PDF-1.7 as published", on=date(2019, 11, 21))
    stored_letter(target, label=FINAL, content=b"%PDF-1.7 an earlier final", on=date(2019, 11, 20))
    response = client.get(letter_url)
    assert body(response) == b"%PDF-1.7 as published" and response["Content-Type"] == "application/pdf"
    assert f'href="{letter_url}"' in text_of(client.get(URL_2019))
    Section55Response.objects.filter(inspection=target).update(published_on=None, published_url="")
    assert client.get(letter_url).status_code == 404


def test_unpublishing_takes_the_pages_down_and_publishing_again_keeps_the_address(client, people):
    publication = publish(TITLE_2019, people.opcc)
    services.unpublish(inspection=inspection(TITLE_2019), by=people.opcc)
    for url in ("/public/warwickshire/", URL_2019, f"/public/warwickshire/{SLUG_2019}.csv"):
        assert client.get(url).status_code == 404
    assert "No inspections have been published here yet." in text_of(client.get("/public/"))
    again = publish(TITLE_2019, people.opcc)
    assert (again.pk, again.slug, again.withdrawn_at) == (publication.pk, SLUG_2019, None)
    assert client.get(URL_2019).status_code == 200
    with pytest.raises(ValidationError, match="not published"):
        services.unpublish(inspection=inspection(TITLE_2021), by=people.opcc)


def test_an_inspection_whose_report_is_not_published_cannot_be_published(people):
    with pytest.raises(ValidationError, match="Record the date HMICFRS published the report"):
        publish(TITLE_2017, people.opcc)
    assert not Publication.objects.exists()


def test_two_inspections_with_the_same_title_get_different_addresses(people):
    other = InspectionFactory(force=people.outsider.memberships.get().force, title=TITLE_2019)
    first = publish(TITLE_2021, people.opcc)
    assert first.slug == "peel-202122-an-inspection-of-warwickshire-police"
    mine = services.publish(inspection=inspection_of(TITLE_2019, "warwickshire"), by=people.opcc)
    theirs = services.publish(inspection=other, by=people.outsider)
    assert (mine.slug, theirs.slug) == (SLUG_2019, f"{SLUG_2019}-2")


def inspection_of(title, force_slug):
    return Inspection.objects.get(title=title, force__slug=force_slug)


def test_the_csv_and_json_hold_the_same_data_as_the_page(client, people):
    publish(TITLE_2019, people.opcc)
    page = selectors.inspection_page("warwickshire", SLUG_2019)
    response = client.get(f"/public/warwickshire/{SLUG_2019}.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="warwickshire-{SLUG_2019}.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 30
    coc = rows[0]
    assert (coc["Reference"], coc["Kind"], coc["Area"], coc["Area grade"], coc["Status"]) == (
        "CoC 1", "Cause of concern", "Investigating crime", "Requires improvement", "In progress",
    )
    coc_1 = Finding.objects.get(inspection=inspection(TITLE_2019), reference="CoC 1")
    assert coc["Published response"] == coc_1.response
    data = json.loads(client.get(f"/public/warwickshire/{SLUG_2019}.json").content)
    assert data["force"] == {"name": "Warwickshire Police", "slug": "warwickshire"}
    assert data["inspection"]["report_published_on"] == "2019-09-27"
    assert data["section55_response"]["published_on"] == "2019-11-21"
    assert data["findings"] == page["findings"]
    assert data["grades"][0] == {"name": "Effectiveness", "level": "Pillar", "pillar": "", "grade": "Good"}
    assert set(data["findings"][0]) == {"reference", "kind", "area", "text", "status", "response"}


def test_a_cell_that_would_run_as_a_formula_is_written_as_text(client, people):
    Finding.objects.filter(inspection=inspection(TITLE_2019), reference="CoC 1").update(text="=HYPERLINK(1)")
    publish(TITLE_2019, people.opcc)
    rows = list(csv.reader(io.StringIO(client.get(f"/public/warwickshire/{SLUG_2019}.csv").content.decode())))
    assert rows[1][7] == "'=HYPERLINK(1)"


def test_the_last_update_is_the_last_change_the_public_can_see(people):
    publication = publish(TITLE_2019, people.opcc)
    finding = Finding.objects.get(inspection=inspection(TITLE_2019), reference="Rec 1.3")
    published_day = timezone.localdate(publication.published_at)

    def last_updated():
        return selectors.inspection_page("warwickshire", SLUG_2019)["inspection"]["last_updated"]

    assert last_updated() == published_day
    later = timezone.now() + timedelta(days=3)
    FindingChange.objects.create(finding=finding, version=2, changed_at=later, action="progress", field="rag",
                                 before="", after="Green")
    assert last_updated() == published_day  # a RAG rating is not public
    FindingChange.objects.create(finding=finding, version=3, changed_at=later, action="status", field="status",
                                 before="In progress", after="Pending sign-off")
    assert last_updated() == timezone.localdate(later)


def test_the_pages_take_a_few_queries_whatever_the_number_of_findings(client, people, django_assert_max_num_queries):
    publish(TITLE_2019, people.opcc)
    with django_assert_max_num_queries(3):
        client.get("/public/")
    with django_assert_max_num_queries(4):
        client.get("/public/warwickshire/")
    with django_assert_max_num_queries(8):
        client.get(URL_2019)



def test_only_web_links_are_offered_whatever_was_stored(client, people):
    Inspection.objects.filter(title=TITLE_2019).update(report_url="javascript:alert(1)")
    Section55Response.objects.filter(inspection=inspection(TITLE_2019)).update(published_url="data:text/html,x")
    publish(TITLE_2019, people.opcc)
    page = text_of(client.get(URL_2019))
    assert "javascript:" not in page and "data:text" not in page
    assert "read the report on the HMICFRS website" not in page
