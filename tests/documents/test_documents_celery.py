"""Documents are rendered, and reports read, by a real Celery worker over the Redis broker, as in production."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import transaction

from inspections.documents import versions as document_services
from inspections.documents.tasks import queue_render_on_commit
from inspections.importing import report_imports
from inspections.importing.tasks import schedule_reading
from inspections.models import DocumentKind, Force, GovernanceBoard, Inspection, RenderStatus, ReportImport
from tests.conftest import FIXTURES, People, wait_for
from tests.factories import BoardMeetingFactory
from tests.paths import DATA

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_letter_and_a_board_pack_are_rendered_by_the_worker(worker, media):
    call_command("loaddata", *FIXTURES, verbosity=0)
    people = People(GovernanceBoard.objects.get(name="Warwickshire Assurance Board").force)
    wab = GovernanceBoard.objects.get(name="Warwickshire Assurance Board")
    meeting = BoardMeetingFactory(board=wab, held_on=date(2026, 11, 10))
    with transaction.atomic():
        letter = document_services.request_render(
            kind="section55_letter", by=people.opcc, inspection=Inspection.objects.get(title__contains="2019")
        )
        pack = document_services.request_render(kind=DocumentKind.BOARD_PACK, by=people.chair, subject=meeting)
        queue_render_on_commit(letter)
        queue_render_on_commit(pack)
    for document in (letter, pack):
        assert wait_for(lambda d=document: d.__class__.objects.get(pk=d.pk).is_finished, timeout=60)
        document.refresh_from_db()
        assert document.status == RenderStatus.DONE, document.error
        assert document.file.read().startswith(b"%PDF") and len(document.sha256) == 64


def test_a_report_is_read_by_the_worker(worker, media):
    call_command("loaddata", *FIXTURES, verbosity=0)
    force = Force.objects.get(slug="warwickshire")
    people = People(force)
    report = (DATA / "warwickshire-peel-2021-22-report.txt").read_bytes()
    with transaction.atomic():
        draft = report_imports.start_report_import(
            force=force,
            by=people.opcc,
            name="warwickshire-peel-2021-22.txt",
            data=report,
            published_on=date(2022, 10, 14),
        )
        schedule_reading(draft)
    assert wait_for(lambda: ReportImport.objects.get(pk=draft.pk).status not in ("queued", "reading"), timeout=60)
    draft.refresh_from_db()
    assert draft.status == "ready", draft.error
    assert sum(1 for item in draft.extraction["items"] if item["kind"] == "area_for_improvement") == 22
