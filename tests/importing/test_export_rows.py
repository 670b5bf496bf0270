"""A tracker export, row by row, as an OPCC publishes it: every column in words (type, status, RAG),
empty cells left empty, the latest update and its London date, where a finding was carried over from, and
the sheet's name as Excel accepts it. And who may use the import pages at all."""

import csv
import functools
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.utils.text import slugify
from openpyxl import load_workbook

from inspections.core import permissions
from inspections.core.status import Rag, Status
from inspections.importing import spreadsheets, xlsx
from inspections.models import Access, Finding, FindingKind
from tests.factories import FindingFactory, InspectionFactory, MembershipFactory, ProgressUpdateFactory, UserFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def exported(findings):
    text = spreadsheets.csv_bytes(findings).decode("utf-8")
    assert text.startswith("\ufeff"), "the BOM that makes Excel read UTF-8"
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_a_row_gives_every_column_in_words():
    earlier = FindingFactory(inspection=InspectionFactory(title="PEEL 2019", published_on=date(2019, 9, 27)),
                             reference="AFI 3")
    finding = FindingFactory(
        inspection=InspectionFactory(force=earlier.inspection.force, title="PEEL 2021/22"), reference="AFI 7",
        kind=FindingKind.AREA_FOR_IMPROVEMENT, status=Status.IN_PROGRESS, rag=Rag.AMBER, repeats=earlier,
        response="The force accepts this.",
    )
    ProgressUpdateFactory(finding=finding, narrative="Older update.", written_at=datetime(2023, 1, 5, 9, tzinfo=LONDON))
    # 23:30 in London on 31 March is 31 March, though it is already 1 April nowhere near here.
    ProgressUpdateFactory(finding=finding, narrative="Kiosks installed.",
                          written_at=datetime(2023, 3, 31, 23, 30, tzinfo=LONDON))
    row = exported(Finding.objects.filter(pk=finding.pk))[0]
    assert row["Reference"] == "AFI 7" and row["Inspection"] == "PEEL 2021/22"
    assert row["Type"] == "Area for improvement"
    assert row["Status"] == "In progress" and row["RAG"] == "Amber"
    assert row["Owner"] == finding.owner.title and row["Governing board"] == finding.board.name
    assert row["Latest update"] == "Kiosks installed." and row["Latest update date"] == "2023-03-31"
    assert row["Carried over from"] == "PEEL 2019: AFI 3"
    assert row["Force response"] == "The force accepts this."
    assert row["Published"] == "2022-10-14" and row["Target date"] == finding.due_date.isoformat()


def test_what_a_finding_does_not_have_is_left_empty():
    finding = FindingFactory(status=Status.AWAITING_ALLOCATION, rag="", owner=None, board=None, judgment=None)
    row = exported(Finding.objects.filter(pk=finding.pk))[0]
    for column in ("Area", "Owner", "Governing board", "RAG", "Latest update", "Latest update date",
                   "Carried over from"):
        assert row[column] == "", column
    assert row["Status"] == "Awaiting allocation"


def test_a_large_export_comes_in_pieces_with_every_row_once(monkeypatch):
    monkeypatch.setattr(spreadsheets, "CSV_ROWS_PER_CHUNK", 2)
    inspection = InspectionFactory()
    for number in range(5):
        FindingFactory(inspection=inspection, reference=f"AFI {number + 1}")
    chunks = list(spreadsheets.csv_chunks(Finding.objects.filter(inspection=inspection).order_by("order")))
    assert len(chunks) == 1 + 3, "the headings, then rows two at a time"
    assert all(chunk for chunk in chunks)
    rows = list(csv.reader(io.StringIO("".join(chunks).removeprefix("\ufeff"))))
    assert rows[0] == spreadsheets.HEADINGS
    assert [row[0] for row in rows[1:]] == [f"AFI {n}" for n in range(1, 6)]
    written = io.StringIO()
    spreadsheets.write_csv(Finding.objects.filter(inspection=inspection).order_by("order"), written)
    assert written.getvalue() == "".join(chunks)


def test_the_whole_workbook_has_its_sheet_named_and_every_row(monkeypatch):
    # Pieces of a row each, so that the whole file is joined from several.
    monkeypatch.setattr(spreadsheets.xlsx, "stream", functools.partial(xlsx.stream, rows_per_piece=1))
    inspection = InspectionFactory(title="PEEL 2021/22")
    for number in range(3):
        FindingFactory(inspection=inspection, reference=f"AFI {number + 1}")
    findings = Finding.objects.filter(inspection=inspection).order_by("order")
    pieces = list(spreadsheets.xlsx_chunks(findings))
    assert len(pieces) > 1
    assert load_workbook(io.BytesIO(b"".join(pieces))).sheetnames == ["Tracker"]
    untitled = load_workbook(io.BytesIO(spreadsheets.xlsx_bytes(findings)))
    titled = load_workbook(io.BytesIO(spreadsheets.xlsx_bytes(findings, title=inspection.title)))
    assert untitled.sheetnames == ["Tracker"] and titled.sheetnames == ["PEEL 2021 22"]
    for book in (untitled, titled):
        rows = list(book.active.iter_rows(values_only=True))
        assert list(rows[0]) == spreadsheets.HEADINGS
        assert [row[0] for row in rows[1:]] == ["AFI 1", "AFI 2", "AFI 3"]
    assert spreadsheets.csv_bytes(findings).startswith("\ufeffReference,Inspection,".encode())


@pytest.mark.parametrize(
    ("title", "sheet"),
    [
        ("PEEL 2021/22: An inspection of Warwickshire Police", "PEEL 2021 22 An inspection of W"),
        ("Crime data integrity [re-inspection] * ?", "Crime data integrity re-inspect"),
        ("::://", "Tracker"),
        ("Short", "Short"),
    ],
)
def test_the_sheet_is_named_as_excel_accepts(title, sheet):
    assert spreadsheets.sheet_title(title) == sheet
    assert len(spreadsheets.sheet_title(title)) <= 31


def test_only_opcc_staff_may_use_the_import_pages():
    staff = MembershipFactory(access=Access.OPCC_STAFF).user
    assert permissions.runs_imports(staff)
    permissions.require_imports(staff)
    for access in (Access.FORCE_LEAD, Access.BOARD_MEMBER, Access.VIEWER):
        user = MembershipFactory(access=access).user
        assert not permissions.runs_imports(user)
        with pytest.raises(PermissionDenied) as refused:
            permissions.require_imports(user)
        assert str(refused.value) == "Only OPCC staff import reports and trackers."
    assert not permissions.runs_imports(UserFactory())


def test_the_download_is_named_after_the_export_in_80_characters_or_tracker():
    assert spreadsheets.download_name("PEEL 2021/22: Warwickshire", "xlsx") == "peel-202122-warwickshire.xlsx"
    long_title = "An inspection of the effectiveness, efficiency and legitimacy of Warwickshire Police " * 2
    name = spreadsheets.download_name(long_title, "csv")
    assert name == slugify(long_title)[:80] + ".csv" and len(name) == 84
    assert spreadsheets.download_name("::: ///", "xlsx") == "tracker.xlsx"


def test_the_latest_update_of_two_written_in_the_same_moment_is_the_later_one():
    finding = FindingFactory()
    moment = datetime(2024, 5, 1, 9, 30, tzinfo=LONDON)
    ProgressUpdateFactory(finding=finding, narrative="First note.", written_at=moment)
    ProgressUpdateFactory(finding=finding, narrative="Second note, same minute.", written_at=moment)
    assert exported(Finding.objects.filter(pk=finding.pk))[0]["Latest update"] == "Second note, same minute."


def test_an_export_of_no_rows_reports_nought_rows_read():
    reported = []
    assert list(spreadsheets.rows(Finding.objects.none(), progress=reported.append)) == []
    assert reported == [0]


def test_the_latest_update_is_the_one_written_last_not_the_one_entered_last():
    """A note typed up later about an earlier meeting (or brought in with a tracker's history) is older."""
    finding = FindingFactory()
    ProgressUpdateFactory(finding=finding, narrative="March: kiosks installed.",
                          written_at=datetime(2024, 3, 28, 10, tzinfo=LONDON))
    ProgressUpdateFactory(finding=finding, narrative="January: kiosks ordered (typed up late).",
                          written_at=datetime(2024, 1, 15, 10, tzinfo=LONDON))
    row = exported(Finding.objects.filter(pk=finding.pk))[0]
    assert row["Latest update"] == "March: kiosks installed." and row["Latest update date"] == "2024-03-28"
