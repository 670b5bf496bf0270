"""The findings list's search: on PostgreSQL a stored search vector that the database keeps up to date
(a trigger, migration 0010) behind a GIN index; words, stems and phrases as people type them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inspections.findings.filters import search
from inspections.models import Finding
from tests.factories import FindingFactory, InspectionFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def findings():
    inspection = InspectionFactory()
    return {
        "digital": FindingFactory(
            inspection=inspection, reference="AFI 1", text="The force should improve how it retains digital evidence."
        ),
        "custody": FindingFactory(
            inspection=inspection, reference="Rec 2", text="Detainees should be seen promptly by a custody nurse.",
            response="A new healthcare contract starts in April.",
        ),
        "context": FindingFactory(
            inspection=inspection, reference="AFI 3", text="Supervision of investigations.",
            context="Supervisors did not review the crime files we examined.",
        ),
    }


def found(terms):
    return set(search(Finding.objects.all(), terms).values_list("reference", flat=True))


def test_words_stems_and_every_searched_column_are_found(findings):
    assert found("digital evidence") == {"AFI 1"}
    assert found("retaining") == {"AFI 1"}  # the English stem of "retains"
    assert found("healthcare contract") == {"Rec 2"}  # the force's response
    assert found("crime files") == {"AFI 3"}  # the report's paragraphs under the finding
    assert found("Rec 2") == {"Rec 2"}  # a reference as typed


def test_what_is_not_there_is_not_found(findings):
    assert found("firearms") == set()
    assert found("digital -evidence") == set()  # websearch syntax: a word excluded
    assert found('"evidence digital"') == set()  # a phrase in the wrong order


def test_the_vector_follows_every_change_to_the_text(findings):
    target = findings["custody"]
    target.text = "Firearms licensing backlogs should be cleared."
    target.save()
    assert found("firearms licensing") == {"Rec 2"}
    assert found("custody nurse") == set()
    Finding.objects.filter(pk=findings["digital"].pk).update(response="Body-worn video rolled out.")
    assert found("body-worn video") == {"AFI 1"}
    created = FindingFactory(inspection=target.inspection, reference="AFI 9", text="Stalking and harassment.")
    assert found("stalking") == {created.reference}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the stored vector is PostgreSQL's")
def test_the_page_and_its_count_use_the_stored_vector_never_computing_it(client, findings):
    inspection = findings["digital"].inspection
    client.force_login(MembershipFactory(force=inspection.force).user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("finding_list"), {"q": "digital evidence"})
    assert response.context["total"] == 1
    finding_queries = [q["sql"] for q in captured.captured_queries if "inspections_finding" in q["sql"]]
    assert any("COUNT(" in sql and "search_vector @@" in sql for sql in finding_queries)
    assert not any("to_tsvector" in sql for sql in finding_queries)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'inspections_finding' AND indexdef LIKE '%%gin%%'"
        )
        assert "search_vector" in cursor.fetchone()[0]
