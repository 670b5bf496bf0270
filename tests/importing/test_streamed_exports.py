"""Exports are streamed: the response is sent in pieces as the rows are read, never built whole in
memory, and the workbook and CSV are the same tracker layout as before (headings in bold, the top
row frozen, a filter over the columns, dates as dates, text never a formula)."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from inspections.importing import spreadsheets
from inspections.models import Finding
from tests.factories import FindingFactory, InspectionFactory, MembershipFactory, ProgressUpdateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspection():
    inspection = InspectionFactory(title="PEEL 2023–2025", published_on=date(2024, 5, 1))
    for number in range(1, 4):
        FindingFactory(inspection=inspection, reference=f"AFI {number}", order=number, due_date=date(2025, 3, number))
    return inspection


def opcc_client(client, inspection):
    client.force_login(MembershipFactory(force=inspection.force, access="opcc_staff").user)
    return client


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_both_exports_are_streamed_responses(client, inspection, file_format):
    client = opcc_client(client, inspection)
    for url in (
        reverse("inspection_export", args=[inspection.pk, file_format]),
        reverse("finding_export", args=[file_format]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert isinstance(response, StreamingHttpResponse) and response.streaming
        assert not response.has_header("Content-Length")
        assert "attachment;" in response["Content-Disposition"]


def test_the_workbook_keeps_the_tracker_layout(client, inspection):
    first = inspection.findings.get(reference="AFI 1")
    ProgressUpdateFactory(finding=first, narrative="+44 line installed")
    sheet = load_workbook(
        io.BytesIO(opcc_client(client, inspection).get(reverse("inspection_export", args=[inspection.pk, "xlsx"]))
                   .getvalue())
    ).active
    assert sheet.title == "PEEL 2023–2025"
    assert [c.value for c in sheet[1]] == spreadsheets.HEADINGS and all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:Q4"
    assert [sheet.column_dimensions[letter].width for letter in "AF"] == [10, 70]
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == ["AFI 1", "AFI 2", "AFI 3"]
    row = next(sheet.iter_rows(min_row=2))
    target = row[spreadsheets.HEADINGS.index("Target date")]
    assert target.value.date() == date(2025, 3, 1) and target.number_format == "dd/mm/yyyy"
    latest = row[spreadsheets.HEADINGS.index("Latest update")]
    assert latest.value == "+44 line installed" and latest.data_type == "s"  # text, not a formula
    assert latest.alignment.wrap_text and latest.alignment.vertical == "top"


def test_the_streamed_csv_is_the_same_file_as_the_whole_one(client, inspection):
    response = opcc_client(client, inspection).get(reverse("inspection_export", args=[inspection.pk, "csv"]))
    body = response.getvalue()
    assert body == spreadsheets.csv_bytes(inspection.findings.order_by("order"))
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == spreadsheets.HEADINGS and [r[0] for r in rows[1:]] == ["AFI 1", "AFI 2", "AFI 3"]


def test_a_csv_of_many_rows_comes_in_many_pieces(inspection, monkeypatch):
    monkeypatch.setattr(spreadsheets, "CSV_ROWS_PER_CHUNK", 2)
    chunks = list(spreadsheets.csv_chunks(Finding.objects.order_by("pk")))
    assert len(chunks) == 3  # the headings, two rows, one row
    assert "".join(chunks).count("\r\n") == 4


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_queries_of_an_export_do_not_grow_with_its_rows(client, inspection, file_format):
    client = opcc_client(client, inspection)
    url = reverse("finding_export", args=[file_format])

    def count():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
            b"".join(response.streaming_content)
        return len(captured)

    count()  # the first request of the session records it (last seen); the export is what is counted
    few = count()
    for number in range(4, 40):
        finding = FindingFactory(inspection=inspection, reference=f"AFI {number}", order=number)
        ProgressUpdateFactory(finding=finding)
    assert count() == few
