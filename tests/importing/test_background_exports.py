"""An export longer than TRACKER_EXPORT_BACKGROUND_ROWS is not streamed: it is written in the background
for whoever asked, with what they may see when it runs, and waits on a page of theirs until it is ready
(issue 12). Here the threshold is 10 rows, on the Warwickshire data (52 findings)."""

import csv
import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from inspections.importing import exports, spreadsheets
from inspections.models import Access, Export, ExportStatus, Finding, FindingKind, Inspection, Membership
from tests.factories import FindingFactory, InspectionFactory
from tests.faults_support import broker_down

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_threshold(settings, media):
    settings.TRACKER_EXPORT_BACKGROUND_ROWS = 10
    return settings


def ask_for(client, user, file_format="xlsx", query=""):
    """The user clicks "Download this list" (nothing is queued: these tests run the export themselves)."""
    client.force_login(user)
    response = client.get(reverse("finding_export", args=[file_format]) + query)
    assert response.status_code == 302, response
    export = Export.objects.get(requested_by=user, file_format=file_format)
    assert response.url == reverse("export", args=[export.pk])
    return export


def rows_of(content, file_format):
    """The rows of an export file, headings first, as text (dates as the CSV writes them, 2025-03-01)."""
    if file_format == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return [
        ["" if value is None else value.strftime("%Y-%m-%d") if hasattr(value, "strftime") else str(value)
         for value in row]
        for row in sheet.iter_rows(values_only=True)
    ]


def file_of(export):
    export.refresh_from_db()
    with export.file.open("rb") as handle:
        return handle.read()


def test_a_list_above_the_threshold_is_queued_not_streamed(client, people, low_threshold):
    export = ask_for(client, people.opcc, query="?kind=area_for_improvement&page=2")
    visible = Finding.objects.filter(inspection__force=people.force, kind=FindingKind.AREA_FOR_IMPROVEMENT)
    assert export.status == ExportStatus.QUEUED and export.rows_total == visible.count() > 10
    assert export.query == "kind=area_for_improvement"  # the filters, not the page
    assert export.filename.startswith("findings-") and export.filename.endswith(".xlsx") and not export.file
    page = client.get(export.get_absolute_url())
    text = page.content.decode()
    assert page.status_code == 200 and "Waiting for the background worker" in text
    assert '<meta http-equiv="refresh" content="2">' in text  # it refreshes itself, no script needed
    assert client.get(reverse("export_download", args=[export.pk])).status_code == 404  # no file yet


def test_the_list_says_a_long_download_is_written_in_the_background(client, people, settings):
    client.force_login(people.opcc)
    settings.TRACKER_EXPORT_BACKGROUND_ROWS = 52
    assert "written in the background" not in client.get(reverse("finding_list")).content.decode()
    settings.TRACKER_EXPORT_BACKGROUND_ROWS = 51
    assert "written in the background" in client.get(reverse("finding_list")).content.decode()


def test_asking_twice_while_it_is_written_is_one_export(client, people, low_threshold):
    first = ask_for(client, people.opcc)
    client.get(reverse("finding_export", args=["xlsx"]))
    assert Export.objects.get() == first


def test_an_inspection_above_the_threshold_is_queued_too(client, people, low_threshold):
    inspection = Inspection.objects.get(title__contains="2021")
    client.force_login(people.viewer)
    response = client.get(reverse("inspection_export", args=[inspection.pk, "csv"]))
    export = Export.objects.get()
    assert response.status_code == 302 and response.url == export.get_absolute_url()
    assert export.inspection == inspection and export.query == "" and export.rows_total == inspection.findings.count()
    exports.run_export(export.pk)
    rows = rows_of(file_of(export), "csv")
    references = inspection.findings.order_by("order").values_list("reference", flat=True)
    assert [row[0] for row in rows[1:]] == list(references)


def test_at_the_threshold_the_export_still_streams(client, people, settings):
    settings.TRACKER_EXPORT_BACKGROUND_ROWS = Finding.objects.count()
    client.force_login(people.opcc)
    response = client.get(reverse("finding_export", args=["csv"]))
    assert isinstance(response, StreamingHttpResponse) and not Export.objects.exists()


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_the_file_holds_the_rows_the_streamed_export_sends(client, people, low_threshold, file_format):
    query = "?kind=area_for_improvement"
    export = ask_for(client, people.opcc, file_format, query)
    done = exports.run_export(export.pk)
    assert done.status == ExportStatus.READY, done.error
    low_threshold.TRACKER_EXPORT_BACKGROUND_ROWS = 100_000
    streamed = client.get(reverse("finding_export", args=[file_format]) + query)
    expected = rows_of(b"".join(streamed.streaming_content), file_format)
    assert rows_of(file_of(export), file_format) == expected
    assert len(expected) - 1 == export.rows_total == export.rows_done > 10
    download = client.get(reverse("export_download", args=[export.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == file_of(export)
    assert download["Content-Disposition"] == f'attachment; filename="{export.filename}"'
    assert download["X-Content-Type-Options"] == "nosniff" and "no-store" in download["Cache-Control"]
    assert export.file.name.startswith(f"private/exports/{people.opcc.pk}/")
    page = client.get(export.get_absolute_url()).content.decode()
    assert f"Download {export.filename}" in page and "http-equiv" not in page
    assert f"The export is ready: {export.rows_total} rows." in page


def test_the_page_sees_the_rows_done_rise(client, people, low_threshold, monkeypatch):
    monkeypatch.setattr(spreadsheets, "PROGRESS_EVERY_ROWS", 10)
    export = ask_for(client, people.opcc, "csv")
    seen = []
    row_of = spreadsheets.row_of

    def reading(values):  # what the export's page would read, row by row
        seen.append(Export.objects.values_list("status", "rows_done", "rows_total").get(pk=export.pk))
        return row_of(values)

    monkeypatch.setattr(spreadsheets, "row_of", reading)
    exports.run_export(export.pk)
    assert {status for status, _, _ in seen} == {ExportStatus.RUNNING}
    assert sorted({done for _, done, _ in seen}) == [0, 10, 20, 30, 40, 50] and seen[-1][2] == 52
    export.refresh_from_db()
    assert (export.rows_done, export.rows_total, export.percent_done) == (52, 52, 100)


def test_only_the_requester_and_superusers_see_an_export(client, people, low_threshold, staff_user):
    export = ask_for(client, people.opcc, "csv")
    exports.run_export(export.pk)
    page, download = export.get_absolute_url(), reverse("export_download", args=[export.pk])
    for other in (people.outsider, people.lead, people.viewer):  # another force, and the same force
        client.force_login(other)
        assert client.get(page).status_code == 404
        assert client.get(download).status_code == 404
    client.force_login(staff_user)
    assert client.get(page).status_code == 200 and client.get(download).status_code == 200
    client.logout()
    assert client.get(download).status_code == 302  # to sign in
    client.force_login(people.outsider)
    assert export.get_absolute_url() not in client.get(reverse("exports")).content.decode()
    client.force_login(people.opcc)
    assert export.get_absolute_url() in client.get(reverse("exports")).content.decode()


def elsewhere_findings(people, number=12):
    inspection = InspectionFactory(force=people.outsider.memberships.get().force, title="Elsewhere PEEL")
    for order in range(1, number + 1):
        FindingFactory(inspection=inspection, reference=f"AFI {order}", order=order)
    return inspection


def test_a_force_scoped_export_holds_only_that_force(client, people, low_threshold):
    elsewhere = elsewhere_findings(people)
    for user, force in ((people.opcc, people.force), (people.outsider, elsewhere.force)):
        export = ask_for(client, user, "csv")
        exports.run_export(export.pk)
        titles = {row[1] for row in rows_of(file_of(export), "csv")[1:]}
        expected = set(Finding.objects.filter(inspection__force=force).values_list("inspection__title", flat=True))
        assert titles == expected and export.rows_done == Finding.objects.filter(inspection__force=force).count()


def test_the_export_is_written_with_what_the_requester_may_see_when_it_runs(client, people, low_threshold):
    elsewhere = elsewhere_findings(people)
    Membership.objects.create(user=people.viewer, force=elsewhere.force, access=Access.VIEWER)
    export = ask_for(client, people.viewer, "csv")
    assert export.rows_total == 52 + 12
    Membership.objects.filter(user=people.viewer, force=elsewhere.force).delete()  # before the worker starts
    exports.run_export(export.pk)
    rows = rows_of(file_of(export), "csv")[1:]
    assert len(rows) == 52 and "Elsewhere PEEL" not in {row[1] for row in rows}


def test_a_deleted_requester_fails_with_the_reason_and_no_file(client, people, low_threshold, staff_user):
    export = ask_for(client, people.viewer, "xlsx")
    people.viewer.delete()
    failed = exports.run_export(export.pk)
    assert failed.status == ExportStatus.FAILED and "has been deleted" in failed.error and not failed.file
    client.force_login(staff_user)
    assert "The export failed." in client.get(export.get_absolute_url()).content.decode()
    assert client.get(reverse("export_download", args=[export.pk])).status_code == 404


def test_an_inactive_requester_fails_too(client, people, low_threshold):
    export = ask_for(client, people.viewer, "csv")
    people.viewer.__class__.objects.filter(pk=people.viewer.pk).update(is_active=False)
    assert "no longer active" in exports.run_export(export.pk).error


def test_a_failure_half_way_keeps_no_half_file(client, people, low_threshold, monkeypatch):
    export = ask_for(client, people.opcc, "xlsx")
    row_of, count = spreadsheets.row_of, []

    def breaking(values):
        count.append(1)
        if len(count) == 30:
            raise RuntimeError("the database went away")
        return row_of(values)

    monkeypatch.setattr(spreadsheets, "row_of", breaking)
    failed = exports.run_export(export.pk)
    assert failed.status == ExportStatus.FAILED and not failed.file
    assert failed.error == "The export could not be written (RuntimeError: the database went away)."
    assert not list(low_threshold.MEDIA_ROOT.rglob("*.xlsx"))  # nothing stored under MEDIA_ROOT
    assert client.get(reverse("export_download", args=[export.pk])).status_code == 404
    assert "No file was kept." in client.get(export.get_absolute_url()).content.decode()


def test_a_bad_format_is_refused_with_nothing_saved(people, low_threshold):
    with pytest.raises(ValidationError, match="Exports are .xlsx or .csv"):
        exports.request_export(by=people.opcc, file_format="pdf", title="Findings", name="findings")
    assert not Export.objects.exists()
    queued, _ = exports.request_export(by=people.opcc, file_format="csv", title="Findings", name="findings")
    with pytest.raises(IntegrityError, match="export_format_valid"), transaction.atomic():
        Export.objects.filter(pk=queued.pk).update(file_format="ods")  # the database refuses it too


def test_a_second_run_of_a_ready_export_does_nothing(client, people, low_threshold):
    export = ask_for(client, people.opcc, "csv")
    exports.run_export(export.pk)
    first = file_of(export)
    FindingFactory(inspection=Inspection.objects.filter(force=people.force).first(), reference="AFI 99", order=99)
    again = exports.run_export(export.pk)
    assert again.status == ExportStatus.READY and again.attempts == 1 and file_of(again) == first


def test_with_the_broker_down_the_export_says_it_could_not_start(client, people, low_threshold,
                                                                 django_capture_on_commit_callbacks):
    client.force_login(people.opcc)
    with broker_down(), django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("finding_export", args=["csv"]))
    export = Export.objects.get()
    assert response.status_code == 302 and export.status == ExportStatus.FAILED
    assert "could not be started" in export.error and "try again shortly" in export.error
    assert "The export failed." in client.get(export.get_absolute_url()).content.decode()


def test_stalled_exports_fail_and_old_ones_are_deleted_with_their_files(client, people, low_threshold):
    stalled = ask_for(client, people.lead, "csv")
    Export.objects.filter(pk=stalled.pk).update(requested_at=timezone.now() - timedelta(minutes=20))
    ready = ask_for(client, people.opcc, "csv")
    exports.run_export(ready.pk)
    ready.refresh_from_db()
    path = ready.file.path
    assert exports.fail_stalled() == 1
    stalled.refresh_from_db()
    assert stalled.status == ExportStatus.FAILED and "stopped without finishing" in stalled.error
    assert exports.delete_old() == 0
    Export.objects.filter(pk=ready.pk).update(requested_at=timezone.now() - timedelta(days=8))
    assert exports.delete_old() == 1
    assert not Export.objects.filter(pk=ready.pk).exists() and not Path(path).exists()


def test_an_export_whose_worker_died_is_written_again_then_given_up(client, people, low_threshold):
    export = ask_for(client, people.opcc, "csv")
    Export.objects.filter(pk=export.pk).update(status=ExportStatus.RUNNING, attempts=1, rows_done=30)
    again = exports.run_export(export.pk)  # the task came back after its worker was killed
    assert again.status == ExportStatus.READY and again.attempts == 2 and again.rows_done == 52
    other = ask_for(client, people.lead, "csv")
    Export.objects.filter(pk=other.pk).update(status=ExportStatus.RUNNING, attempts=2)
    given_up = exports.run_export(other.pk)
    assert given_up.status == ExportStatus.FAILED and "stopped without finishing" in given_up.error


def test_no_more_than_three_exports_wait_at_once_for_one_person(client, people, low_threshold):
    client.force_login(people.opcc)
    for query in ("", "?kind=area_for_improvement", "?kind=recommendation"):
        assert client.get(reverse("finding_export", args=["csv"]) + query).url.startswith("/exports/")
    response = client.get(reverse("finding_export", args=["xlsx"]))
    assert response.status_code == 302 and response.url == reverse("exports")
    assert Export.objects.filter(requested_by=people.opcc).count() == 3
    page = client.get(response.url).content.decode()
    assert "You already have 3 exports being written" in page


def test_an_export_past_the_task_time_limit_says_to_filter_the_list(client, people, low_threshold, monkeypatch):
    from celery.exceptions import SoftTimeLimitExceeded

    export = ask_for(client, people.opcc, "xlsx")

    def too_slow(values):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(spreadsheets, "row_of", too_slow)
    failed = exports.run_export(export.pk)
    assert failed.status == ExportStatus.FAILED and not failed.file
    assert failed.error.startswith("The export took longer than the 10 minutes") and "Filter the list" in failed.error


def test_an_inspection_deleted_while_its_export_runs_leaves_nothing_behind(client, people, low_threshold,
                                                                           monkeypatch):
    inspection = InspectionFactory(force=people.force, title="Deleted half-way")
    for order in range(1, 13):
        FindingFactory(inspection=inspection, reference=f"AFI {order}", order=order)
    client.force_login(people.opcc)
    client.get(reverse("inspection_export", args=[inspection.pk, "csv"]))
    export = Export.objects.get()
    row_of = spreadsheets.row_of

    def deleting(values):
        Export.objects.filter(pk=export.pk).delete()  # as the inspection's cascade would
        return row_of(values)

    monkeypatch.setattr(spreadsheets, "row_of", deleting)
    gone = exports.run_export(export.pk)
    assert gone.status == ExportStatus.FAILED and not Export.objects.exists()
    assert not list(low_threshold.MEDIA_ROOT.rglob("*.csv"))
