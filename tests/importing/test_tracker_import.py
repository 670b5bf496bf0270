"""Spreadsheet trackers in and out: export then import changes nothing; imported changes go through the
workflow services and the permission rules, all or nothing; uploads are checked by content."""

import csv
import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from inspections.core.status import Rag, Status
from inspections.importing import spreadsheets, tracker_imports, trackers
from inspections.models import (
    Access,
    ChangeAction,
    Finding,
    FindingChange,
    Membership,
    ProgressUpdate,
    Role,
    TrackerColumnMapping,
    TrackerImport,
    TrackerImportStatus,
)
from tests.factories import (
    BoardFactory,
    FindingFactory,
    ForceFactory,
    InspectionFactory,
    MembershipFactory,
    ProgressUpdateFactory,
    RoleFactory,
    UserFactory,
)


def snapshot(findings):
    return [model_to_dict(f, exclude=["id"]) | {"version": f.version} for f in findings.order_by("pk")]


def start(force, user, data, name="tracker.xlsx"):
    tracker_import = tracker_imports.start_tracker_import(force=force, by=user, name=name, data=data)
    mapping = tracker_imports.suggested_mapping(tracker_import)
    return tracker_imports.save_mapping(tracker_import, mapping=mapping, inspection=None, by=user)


def edit_workbook(data, changes):
    """The workbook with cells changed: {(reference, heading): value}."""
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.active
    headings = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        reference = row[0].value
        for (wanted, heading), value in changes.items():
            if reference == wanted:
                row[headings.index(heading)].value = value
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploads go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def opcc(warwickshire):
    return MembershipFactory(force=warwickshire, access=Access.OPCC_STAFF).user


def test_an_inspection_whose_title_excel_would_refuse_as_a_sheet_name_exports(client, warwickshire, opcc):
    client.force_login(opcc)
    inspection = warwickshire.inspections.get(title__startswith="PEEL 2021/22: An inspection")
    response = client.get(reverse("inspection_export", args=[inspection.pk, "xlsx"]))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.getvalue()))
    assert workbook.active.title == "PEEL 2021 22 An inspection of W"
    assert workbook.active.max_row == 23


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_export_then_import_changes_nothing(warwickshire, opcc, file_format):
    findings = Finding.objects.filter(inspection__force=warwickshire)
    update = ProgressUpdateFactory(
        finding=findings.get(inspection__title__contains="2019", reference="AFI 3"), author=opcc,
        narrative="=SUM(A1) looks like a formula but is an update", status=Status.IN_PROGRESS, rag=Rag.AMBER,
    )
    Finding.objects.filter(pk=update.finding_id).update(rag=Rag.AMBER)
    before, changes, updates = snapshot(findings), FindingChange.objects.count(), ProgressUpdate.objects.count()
    data = spreadsheets.xlsx_bytes(findings) if file_format == "xlsx" else spreadsheets.csv_bytes(findings)
    tracker_import = start(warwickshire, opcc, data, name=f"tracker.{file_format}")
    assert set(tracker_import.mapping) >= {"reference", "inspection", "text", "status", "rag", "owner", "board"}
    preview = tracker_imports.preview(tracker_import, by=opcc)
    assert not preview.errors and preview.count("unchanged") == findings.count() == 52
    outcome = tracker_imports.import_tracker(tracker_import, by=opcc)
    assert outcome.committed
    assert FindingChange.objects.count() == changes and ProgressUpdate.objects.count() == updates
    assert snapshot(findings) == before
    tracker_import.refresh_from_db()
    assert tracker_import.status == TrackerImportStatus.IMPORTED
    assert tracker_import.summary == {"new": 0, "changed": 0, "unchanged": 52}


@pytest.fixture
def scene(db):
    """A force with a board chaired by one user, OPCC staff who also sit on the board, and findings."""
    force = ForceFactory()
    opcc = MembershipFactory(force=force, access=Access.OPCC_STAFF).user
    board = BoardFactory(force=force, name="Assurance Board")
    board.members.add(opcc)
    owner = RoleFactory(force=force, title="Head of Investigations")
    inspection = InspectionFactory(force=force, title="PEEL 2023–2025", published_on=date(2024, 5, 1))
    started = FindingFactory(inspection=inspection, reference="AFI 1", owner=owner, board=board)
    waiting = FindingFactory(inspection=inspection, reference="AFI 2", owner=None, board=board,
                             status=Status.AWAITING_ALLOCATION)
    proposed = FindingFactory(inspection=inspection, reference="AFI 3", owner=owner, board=board,
                              status=Status.PENDING_SIGN_OFF, rag=Rag.BLUE)
    return {"force": force, "opcc": opcc, "board": board, "owner": owner, "inspection": inspection,
            "started": started, "waiting": waiting, "proposed": proposed}


def export(scene):
    return spreadsheets.xlsx_bytes(scene["inspection"].findings.all())


def test_changes_go_through_the_workflow_and_the_audit_trail(scene):
    opcc = scene["opcc"]
    data = edit_workbook(export(scene), {
        ("AFI 1", "Owner"): "Head of Neighbourhoods", ("AFI 1", "Target date"): date(2025, 3, 31),
        ("AFI 1", "RAG"): "Amber", ("AFI 1", "Latest update"): "The new team started in March.",
        ("AFI 2", "Status"): "In progress", ("AFI 2", "Owner"): "Head of Investigations",
        ("AFI 3", "Status"): "Closed", ("AFI 3", "Latest update"): "Evidence reviewed by the board.",
    })
    tracker_import = start(scene["force"], opcc, data)
    preview = tracker_imports.preview(tracker_import, by=opcc)
    assert not preview.errors and preview.count("changed") == 3
    described = [change for row in preview.rows for change in row.changes]
    assert "AFI 1 RAG: (empty) → Amber (edited)" in described
    assert "AFI 3 status: Pending sign-off → Closed (signed off by the board)" in described
    assert Finding.objects.get(pk=scene["started"].pk).owner == scene["owner"]  # the preview kept nothing
    assert tracker_imports.import_tracker(tracker_import, by=opcc).committed
    started = Finding.objects.get(pk=scene["started"].pk)
    assert started.owner.title == "Head of Neighbourhoods" and started.owner.holder is None  # a new role
    assert started.due_date == date(2025, 3, 31) and started.original_due_date == date(2025, 5, 1)
    assert started.rag == Rag.AMBER
    assert started.updates.get().narrative == "The new team started in March."
    actions = set(FindingChange.objects.filter(finding=started).values_list("action", "field"))
    assert actions == {(ChangeAction.REASSIGNED, "owner"), (ChangeAction.DUE_DATE_REVISED, "due_date"),
                       (ChangeAction.EDITED, "rag")}
    waiting = Finding.objects.get(pk=scene["waiting"].pk)
    assert waiting.status == Status.IN_PROGRESS and waiting.owner == scene["owner"]
    closed = Finding.objects.get(pk=scene["proposed"].pk)
    assert closed.status == Status.CLOSED and closed.closed_by_board == scene["board"]
    sign_off = FindingChange.objects.get(finding=closed, field="status")
    assert sign_off.action == ChangeAction.SIGNED_OFF and sign_off.changed_by == opcc
    assert sign_off.reason == "Evidence reviewed by the board."


def test_a_closed_row_needs_the_governing_boards_decision_and_one_bad_row_stops_the_file(scene):
    scene["board"].members.remove(scene["opcc"])
    before, changes = snapshot(scene["inspection"].findings.all()), FindingChange.objects.count()
    data = edit_workbook(export(scene), {
        ("AFI 1", "RAG"): "Green",
        ("AFI 3", "Status"): "Closed",
    })
    tracker_import = start(scene["force"], scene["opcc"], data)
    outcome = tracker_imports.import_tracker(tracker_import, by=scene["opcc"])
    assert not outcome.committed
    [bad] = outcome.errors
    assert bad.reference == "AFI 3" and "only the chair or a member of its governing board" in bad.errors[0]
    assert snapshot(scene["inspection"].findings.all()) == before and FindingChange.objects.count() == changes
    tracker_import.refresh_from_db()
    assert tracker_import.status == TrackerImportStatus.MAPPING


def test_only_the_owner_proposes_a_finding_as_complete(scene):
    data = edit_workbook(export(scene), {("AFI 1", "Status"): "Pending sign-off"})
    outcome = tracker_imports.preview(start(scene["force"], scene["opcc"], data), by=scene["opcc"])
    assert "only the finding's owner may propose as complete" in outcome.errors[0].errors[0]
    data = edit_workbook(export(scene), {
        ("AFI 3", "Status"): "In progress", ("AFI 3", "RAG"): "Amber", ("AFI 1", "Status"): "Awaiting allocation",
    })
    outcome = tracker_imports.preview(start(scene["force"], scene["opcc"], data), by=scene["opcc"])
    assert {row.reference for row in outcome.errors} == {"AFI 1"}  # AFI 3: the board returns it
    assert "cannot go from “In progress” to “Awaiting allocation”" in outcome.errors[0].errors[0]


def test_rows_that_are_not_in_the_tracker_become_new_findings(scene):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Ref", "Recommendation", "Lead", "Board", "Status", "RAG status", "Timescale", "Deadline"])
    sheet.append(["CoC 1", "The force isn't answering calls quickly enough", "", "", "", "", "", ""])
    sheet.append(["Rec 1.1", "Answer 90% of calls in 10 seconds", "Head of Contact", "Assurance Board", "In progress",
                  "Red", "within three months", None])
    sheet.append(["AFI 9", "Closed long ago", "Head of Contact", "Assurance Board", "Closed", "Blue", "", "31/01/2025"])
    stream = io.BytesIO()
    workbook.save(stream)
    opcc = scene["opcc"]
    tracker_import = tracker_imports.start_tracker_import(force=scene["force"], by=opcc, name="t.xlsx",
                                                          data=stream.getvalue())
    mapping = tracker_imports.suggested_mapping(tracker_import)
    assert mapping == {
        "reference": "Ref",
        "text": "Recommendation",
        "owner": "Lead",
        "board": "Board",
        "status": "Status",
        "rag": "RAG status",
        "time_frame": "Timescale",
        "due_date": "Deadline",
    }
    tracker_imports.save_mapping(tracker_import, mapping=mapping, inspection=scene["inspection"], by=opcc)
    outcome = tracker_imports.import_tracker(tracker_import, by=opcc)
    assert outcome.committed and outcome.count("new") == 3
    coc = Finding.objects.get(inspection=scene["inspection"], reference="CoC 1")
    rec = Finding.objects.get(inspection=scene["inspection"], reference="Rec 1.1")
    assert rec.kind == "recommendation" and rec.cause_of_concern == coc
    assert rec.owner.title == "Head of Contact" and rec.due_date == date(2024, 8, 1) and rec.rag == Rag.RED
    old = Finding.objects.get(inspection=scene["inspection"], reference="AFI 9")
    assert old.status == Status.CLOSED and old.closed_by_board == scene["board"] and old.due_date == date(2025, 1, 31)
    assert FindingChange.objects.filter(finding__in=[coc, rec, old], action=ChangeAction.CREATED).count() == 3
    # The mapping is remembered for the force's next file with the same headings.
    assert TrackerColumnMapping.objects.get(force=scene["force"]).mapping["owner"] == "Lead"
    again = tracker_imports.start_tracker_import(force=scene["force"], by=opcc, name="t.xlsx", data=stream.getvalue())
    assert tracker_imports.suggested_mapping(again)["rag"] == "RAG status"


def test_row_errors_name_the_row_and_what_is_wrong(scene):
    csv = (
        "Reference,Inspection,Finding,Status,Governing board,Target date\r\n"
        "AFI 1,PEEL 2023–2025,,In progress,Nowhere Board,\r\n"
        "AFI 2,PEEL 2023–2025,,Sort of done,,\r\n"
        "AFI 1,PEEL 2023–2025,,,,\r\n"
        "AFI 40,PEEL 2023–2025,,,,\r\n"
        "AFI 3,Some other report,,,,31/02/2025\r\n"
    ).encode("cp1252")
    outcome = tracker_imports.preview(start(scene["force"], scene["opcc"], csv, "t.csv"), by=scene["opcc"])
    errors = {row.number: " ".join(row.errors) for row in outcome.errors}
    assert "no governing board called “Nowhere Board”" in errors[2]
    assert "“Sort of done” is not a status" in errors[3]
    assert "also on row 2" in errors[4]
    assert "needs the finding's text" in errors[5]
    assert "no inspection called “Some other report”" in errors[6]


def test_the_pages_map_preview_and_import(client, scene):
    opcc = scene["opcc"]
    client.force_login(opcc)
    data = edit_workbook(export(scene), {("AFI 1", "RAG"): "Green"})
    upload = SimpleUploadedFile("ours.xlsx", data)
    response = client.post(reverse("tracker_import_upload"), {"force": scene["force"].pk, "file": upload})
    tracker_import = TrackerImport.objects.get()
    assert response.url == reverse("tracker_import_columns", args=[tracker_import.pk])
    page = client.get(response.url).content.decode()
    assert '<option value="Reference" selected>' in page
    form = {f"column_{key}": heading for key, heading in tracker_imports.suggested_mapping(tracker_import).items()}
    response = client.post(reverse("tracker_import_columns", args=[tracker_import.pk]), form)
    assert response.url == reverse("tracker_import_preview", args=[tracker_import.pk])
    page = client.get(response.url).content.decode()
    assert "1 changed" in page and "Import 1 row" in page
    client.post(response.url)
    assert Finding.objects.get(pk=scene["started"].pk).rag == Rag.GREEN
    assert "Imported on" in client.get(response.url).content.decode()


def test_only_opcc_staff_import_trackers(client, scene):
    viewer = UserFactory()
    Membership.objects.create(user=viewer, force=scene["force"], access=Access.VIEWER)
    data = edit_workbook(export(scene), {("AFI 1", "RAG"): "Green"})
    tracker_import = start(scene["force"], scene["opcc"], data)
    client.force_login(viewer)
    assert client.post(reverse("tracker_import_preview", args=[tracker_import.pk])).status_code == 403
    assert client.get(reverse("tracker_import_columns", args=[tracker_import.pk])).status_code == 403
    upload = SimpleUploadedFile("t.xlsx", data)
    assert (
        client.post(reverse("tracker_import_upload"), {"force": scene["force"].pk, "file": upload}).status_code == 403
    )
    assert Finding.objects.get(pk=scene["started"].pk).rag == ""
    assert TrackerImport.objects.count() == 1


def test_a_renamed_word_document_is_refused_on_the_upload_page(client, scene):
    client.force_login(scene["opcc"])
    stream = io.BytesIO()

    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w/>")
    upload = SimpleUploadedFile("tracker.xlsx", stream.getvalue())
    page = client.post(reverse("tracker_import_upload"), {"force": scene["force"].pk, "file": upload}).content.decode()
    assert "Word document (.docx), whatever its name says" in page
    assert not TrackerImport.objects.exists()


def test_the_inspection_exports_as_xlsx_and_csv_for_its_readers(client, scene):
    client.force_login(scene["opcc"])
    Finding.objects.filter(pk=scene["started"].pk).update(text='=HYPERLINK("http://evil")')
    response = client.get(reverse("inspection_export", args=[scene["inspection"].pk, "xlsx"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="peel-20232025.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    assert [c.value for c in sheet[1]] == spreadsheets.HEADINGS
    cell = next(row[5] for row in sheet.iter_rows(min_row=2) if row[0].value == "AFI 1")
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")  # text, never a formula
    csv = client.get(reverse("inspection_export", args=[scene["inspection"].pk, "csv"])).getvalue().decode("utf-8-sig")
    assert "'=HYPERLINK" in csv
    assert client.get(reverse("inspection_export", args=[scene["inspection"].pk, "pdf"])).status_code == 404
    viewer = UserFactory()
    Membership.objects.create(user=viewer, force=scene["force"], access=Access.VIEWER)
    client.force_login(viewer)  # reads the inspection, so may download it
    assert client.get(reverse("inspection_export", args=[scene["inspection"].pk, "xlsx"])).status_code == 200
    client.force_login(UserFactory())  # a member of no force: as if it did not exist
    assert client.get(reverse("inspection_export", args=[scene["inspection"].pk, "xlsx"])).status_code == 404


def test_blue_is_refused_for_work_that_is_not_complete(scene):
    data = edit_workbook(export(scene), {("AFI 3", "Status"): "In progress"})  # RAG left at Blue
    outcome = tracker_imports.preview(start(scene["force"], scene["opcc"], data), by=scene["opcc"])
    assert "says Blue (complete) but the finding is “In progress”" in outcome.errors[0].errors[0]


def test_roles_created_by_a_refused_import_are_not_kept(scene):
    data = edit_workbook(export(scene), {("AFI 1", "Owner"): "Head of Somewhere New", ("AFI 2", "Status"): "Nonsense"})
    outcome = tracker_imports.import_tracker(start(scene["force"], scene["opcc"], data), by=scene["opcc"])
    assert not outcome.committed
    assert not Role.objects.filter(title="Head of Somewhere New").exists()


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r"])
def test_every_cell_a_spreadsheet_would_run_is_written_as_text(client, scene, prefix):
    """OWASP's CSV injection list: a cell starting with = + - @, a tab or a carriage return is run by
    Excel as a formula. The CSV writes it behind an apostrophe; the XLSX marks it as text; importing
    the export back gives the words as typed."""
    client.force_login(scene["opcc"])
    text = f'{prefix}HYPERLINK("http://evil.example/","click")'
    Finding.objects.filter(pk=scene["started"].pk).update(text=text)
    export = reverse("inspection_export", args=[scene["inspection"].pk, "csv"])
    csv_text = client.get(export).getvalue().decode("utf-8-sig")
    [row] = [row for row in csv.reader(io.StringIO(csv_text)) if row and row[0] == scene["started"].reference]
    assert row[5] == "'" + text
    xlsx = client.get(reverse("inspection_export", args=[scene["inspection"].pk, "xlsx"])).getvalue()
    cell = next(r[5] for r in load_workbook(io.BytesIO(xlsx)).active.iter_rows(min_row=2) if r[0].value == row[0])
    assert cell.data_type == "s" and cell.value[1:] == text[1:]  # XML keeps a leading CR as a line feed
    read_back = trackers.read_tracker(csv_text.encode(), "csv").rows
    assert [values["Finding"] for _, values in read_back if values["Reference"] == row[0]] == [text]
