"""Redis down while a report is uploaded: the page answers (no 500), the import says it could not be
queued, and "Try reading it again" works once the broker is back."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspections.models import Access, Membership, ReportImport, ReportImportStatus
from tests.faults_support import broker_down
from tests.importing.support import REPORT, untrack_2021_22


@pytest.fixture
def opcc(warwickshire, django_user_model):
    untrack_2021_22(warwickshire)
    user = django_user_model.objects.create_user("olivia", password="correct horse battery")
    Membership.objects.create(user=user, force=warwickshire, access=Access.OPCC_STAFF)
    return user


def test_a_redis_outage_leaves_a_retryable_import_and_no_500(client, opcc, warwickshire, media, eager_celery,
                                                              django_capture_on_commit_callbacks):
    eager_celery.conf.task_always_eager = False  # through the broker, which is down
    client.force_login(opcc)
    upload = SimpleUploadedFile("report.txt", REPORT.read_bytes(), content_type="text/plain")
    with broker_down():
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            form = {"force": warwickshire.pk, "file": upload, "published_on": "2022-10-14"}
            response = client.post(reverse("report_import_upload"), form)
        elapsed = time.monotonic() - started
        report_import = ReportImport.objects.get()
        assert response.status_code == 302 and response.url == reverse("report_import", args=[report_import.pk])
        assert report_import.status == ReportImportStatus.FAILED
        assert "could not be queued for reading" in report_import.error and "try again shortly" in report_import.error
        page = client.get(response.url)
        assert page.status_code == 200 and "Try reading it again" in page.content.decode()
        # Retrying while the broker is still down says so again, and still no 500.
        with django_capture_on_commit_callbacks(execute=True):
            retry = client.post(reverse("report_import_retry", args=[report_import.pk]))
        assert retry.status_code == 302
        report_import.refresh_from_db()
        assert report_import.status == ReportImportStatus.FAILED and "could not be queued" in report_import.error
    print(f"upload answered in {elapsed:.2f} s with the broker down")
    # The broker is back: the same button reads the report (in-process here, as the worker would).
    eager_celery.conf.task_always_eager = True
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("report_import_retry", args=[report_import.pk]))
    report_import.refresh_from_db()
    assert report_import.status == ReportImportStatus.READY and report_import.error == "", report_import.error
    assert report_import.attempts == 1
