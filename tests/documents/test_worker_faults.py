"""A worker process killed in the middle of a render: the render is retried by another process, and a
render that kills its worker every time ends failed with a retry button, never "Rendering the PDF…"."""

import os
import signal
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from inspections.documents import tasks as document_tasks
from inspections.documents import versions as document_services
from inspections.documents.tasks import queue_render_on_commit
from inspections.importing import tasks as importing_tasks
from inspections.models import Inspection, RenderedDocument, RenderStatus
from tests.conftest import FIXTURES, People
from tests.faults_support import children_of, wait_until, worker_process

pytestmark = pytest.mark.django_db(transaction=True)


def queue_letter(people):
    inspection = Inspection.objects.get(title__contains="2019")
    with transaction.atomic():
        document = document_services.request_render(kind="section55_letter", by=people.opcc, inspection=inspection)
        queue_render_on_commit(document)
    return document


def status(document):
    return RenderedDocument.objects.values_list("status", "attempts").get(pk=document.pk)


def kill_the_child_mid_render(worker, document, attempt):
    """Wait until the worker's child process has claimed the render, then SIGKILL that process."""
    assert wait_until(lambda: status(document) == (RenderStatus.RENDERING, attempt), timeout=90), status(document)
    child = wait_until(lambda: children_of(worker.pid), timeout=10)
    os.kill(child[0], signal.SIGKILL)


def test_a_killed_worker_process_is_replaced_and_the_render_retried_or_failed(media):
    call_command("loaddata", *FIXTURES, verbosity=0)
    people = People(Inspection.objects.get(title__contains="2019").force)
    with worker_process() as worker:
        # Killed once: the task goes back on the queue, a new child renders it.
        retried = queue_letter(people)
        kill_the_child_mid_render(worker, retried, attempt=1)
        assert wait_until(lambda: status(retried)[0] in (RenderStatus.DONE, RenderStatus.FAILED), timeout=90)
        retried.refresh_from_db()
        assert retried.status == RenderStatus.DONE and retried.attempts == 2, retried.error
        assert len(retried.sha256) == 64 and retried.page_count >= 2  # (the worker keeps it in its own MEDIA_ROOT)
        # Killed every time (a document that exhausts the worker): failed after two attempts, with the reason.
        doomed = queue_letter(people)
        kill_the_child_mid_render(worker, doomed, attempt=1)
        kill_the_child_mid_render(worker, doomed, attempt=2)
        assert wait_until(lambda: status(doomed)[0] == RenderStatus.FAILED, timeout=90), status(doomed)
    doomed.refresh_from_db()
    assert "stopped without finishing" in doomed.error


def test_a_render_whose_whole_worker_died_is_marked_failed_with_a_retry_button(client, people, media):
    inspection = Inspection.objects.get(title__contains="2019")
    document = document_services.request_render(kind="section55_letter", by=people.opcc, inspection=inspection)
    RenderedDocument.objects.filter(pk=document.pk).update(status=RenderStatus.RENDERING, started_at=timezone.now(),
                                                           attempts=1)
    # Still within its time:
    assert (document_tasks.fail_stalled_renders(), importing_tasks.fail_stalled_imports()) == (0, 0)
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert document_tasks.fail_stalled_renders() == 1
    document.refresh_from_db()
    assert document.status == RenderStatus.FAILED and "Render it again" in document.error
    client.force_login(people.opcc)
    page = client.get(reverse("document", args=[document.pk])).content.decode()
    assert "The render failed." in page and reverse("section55_render", args=[inspection.pk]) in page
    client.force_login(people.viewer)  # a reader sees why, but may not render
    assert reverse("section55_render", args=[inspection.pk]) not in client.get(
        reverse("document", args=[document.pk])
    ).content.decode()


def test_a_report_import_whose_worker_died_is_marked_failed_and_can_be_read_again(people, media):
    from inspections.importing import report_imports
    from inspections.models import ReportImport, ReportImportStatus
    from tests.importing.support import REPORT

    draft = report_imports.start_report_import(force=people.force, by=people.opcc, name="r.txt",
                                               data=REPORT.read_bytes())
    ReportImport.objects.filter(pk=draft.pk).update(status=ReportImportStatus.READING, attempts=1)
    with time_machine.travel(timezone.now() + timedelta(minutes=13)):
        assert importing_tasks.fail_stalled_imports() == 1
    draft.refresh_from_db()
    assert draft.status == ReportImportStatus.FAILED and "stopped without finishing" in draft.error
    assert report_imports.requeue(draft, by=people.opcc).status == ReportImportStatus.QUEUED
