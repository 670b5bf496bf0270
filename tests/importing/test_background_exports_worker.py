"""A long export end to end through a real Celery worker over the Redis broker, as in production: the
download link queues it, the worker writes it, the page shows it ready, and the download is the file."""

import re
import time

import pytest
from django.core.management import call_command
from django.urls import reverse

from inspections.importing import spreadsheets
from inspections.models import Export, ExportStatus, Finding, Force
from tests.conftest import FIXTURES, People, wait_for
from tests.importing.test_background_exports import rows_of

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_a_long_list_is_written_by_the_worker_and_downloaded(worker, media, settings, client, file_format):
    call_command("loaddata", *FIXTURES, verbosity=0)
    people = People(Force.objects.get(slug="warwickshire"))
    settings.TRACKER_EXPORT_BACKGROUND_ROWS = 10
    client.force_login(people.opcc)
    url = reverse("finding_export", args=[file_format]) + "?kind=area_for_improvement"
    response = client.get(url)
    export = Export.objects.get()
    assert response.status_code == 302 and response.url == export.get_absolute_url()
    assert wait_for(lambda: Export.objects.get(pk=export.pk).is_finished, timeout=60)
    export.refresh_from_db()
    assert export.status == ExportStatus.READY, export.error
    assert export.attempts == 1 and export.rows_done == export.rows_total == Finding.objects.filter(
        inspection__force=people.force, kind="area_for_improvement"
    ).count()
    page = client.get(export.get_absolute_url()).content.decode()
    assert "The export is ready" in page and reverse("export_download", args=[export.pk]) in page
    download = client.get(reverse("export_download", args=[export.pk]))
    content = b"".join(download.streaming_content)
    settings.TRACKER_EXPORT_BACKGROUND_ROWS = 100_000
    streamed = b"".join(client.get(url).streaming_content)
    assert rows_of(content, file_format) == rows_of(streamed, file_format)
    assert len(rows_of(content, file_format)) == export.rows_total + 1


def test_the_page_sees_the_rows_done_rise_while_the_worker_writes(worker, media, settings, client, monkeypatch):
    """Each progress report is committed at once: another connection (the page's) sees it mid-way."""
    call_command("loaddata", *FIXTURES, verbosity=0)
    people = People(Force.objects.get(slug="warwickshire"))
    settings.TRACKER_EXPORT_BACKGROUND_ROWS = 10
    monkeypatch.setattr(spreadsheets, "PROGRESS_EVERY_ROWS", 5)
    row_of = spreadsheets.row_of

    def slowly(values):  # 52 rows in about a second and a half, so that the page can look in between
        time.sleep(0.03)
        return row_of(values)

    monkeypatch.setattr(spreadsheets, "row_of", slowly)
    client.force_login(people.opcc)
    client.get(reverse("finding_export", args=["csv"]))
    export = Export.objects.get()
    seen = set()

    def finished():
        status, done = Export.objects.values_list("status", "rows_done").get(pk=export.pk)
        if status == ExportStatus.RUNNING:
            seen.add(done)
            # The page reads a moment later than the line above: it shows as many rows or more.
            shown = re.search(r"(\d+) of 52 rows", client.get(export.get_absolute_url()).content.decode())
            assert shown is None or int(shown.group(1)) >= done  # None: it finished in between
        return status not in (ExportStatus.QUEUED, ExportStatus.RUNNING)

    assert wait_for(finished, timeout=60)
    assert Export.objects.get(pk=export.pk).status == ExportStatus.READY
    assert len(seen - {0}) >= 2 and max(seen) < 52, seen
