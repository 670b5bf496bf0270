"""A pack shows the board's findings as they stood at the end of its meeting day (Europe/London): what
happened afterwards (a finding signed off today, a RAG rating changed, a target date revised) leaves
an older pack as it was. And the pack reads like a board paper."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from inspections.boards.pack import build_pack
from inspections.core.status import Status
from inspections.findings import progress
from inspections.findings import services as finding_service
from inspections.models import Finding, GovernanceBoard
from tests.factories import BoardMeetingFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def at(*args):
    return datetime(*args, tzinfo=LONDON)


@pytest.fixture
def february(people):
    board = GovernanceBoard.objects.get(name="Warwickshire Assurance Board")
    return BoardMeetingFactory(board=board, held_on=date(2026, 2, 10))


def counts(pack):
    return dict(pack.status_counts)


def test_a_finding_closed_after_the_meeting_leaves_the_older_pack_unchanged(people, february):
    encompass = Finding.objects.get(inspection__title__contains="2019", reference="AFI 2")  # pending sign-off
    before = build_pack(february)
    assert "AFI 2" in {f.reference for f in before.proposed}
    # Signed off after the meeting: at 00:30 the next morning (London), and again today.
    finding_service.change_status(encompass, to=Status.CLOSED, by=people.chair, reason="Signed off.",
                                  board=encompass.board, at=at(2026, 2, 11, 0, 30), on=date(2026, 2, 11))
    after = build_pack(february)
    assert counts(after) == counts(before)
    assert dict(after.rag_counts) == dict(before.rag_counts)
    assert "AFI 2" in {f.reference for f in after.proposed}
    assert {f.pk for f in after.overdue} == {f.pk for f in before.overdue}
    # The next meeting's pack does count it as closed.
    march = BoardMeetingFactory(board=february.board, held_on=date(2026, 3, 10))
    later = build_pack(march)
    assert counts(later)["Closed"] == counts(before)["Closed"] + 1
    assert "AFI 2" not in {f.reference for f in later.proposed}


def test_a_closure_late_on_the_meeting_day_is_in_that_days_pack(people, february):
    encompass = Finding.objects.get(inspection__title__contains="2019", reference="AFI 2")
    before = counts(build_pack(february))
    finding_service.change_status(encompass, to=Status.CLOSED, by=people.chair, reason="Signed off.",
                                  board=encompass.board, at=at(2026, 2, 10, 23, 30), on=date(2026, 2, 10))
    assert counts(build_pack(february))["Closed"] == before["Closed"] + 1


def test_the_rag_and_target_date_are_those_of_the_meeting_day(people, february):
    digital = Finding.objects.get(inspection__title__contains="2019", reference="Rec 1.3")
    pack = build_pack(february)
    then = next(f for f in pack.overdue if f.pk == digital.pk)
    rag_then, due_then = then.then.rag, then.then.due_date
    progress.record_progress(digital, by=people.lead, narrative="Now green.", rag="green")
    digital.refresh_from_db()
    finding_service.revise_due_date(digital, due_date=date.today() + timedelta(days=90), by=people.opcc,
                                    reason="Agreed with the board.")
    again = next(f for f in build_pack(february).overdue if f.pk == digital.pk)
    assert (again.then.rag, again.then.due_date) == (rag_then, due_then)
    assert again.days_overdue == (february.held_on - due_then).days > 0


def test_the_overdue_table_has_days_overdue_rag_and_the_full_text(client, people, february):
    client.force_login(people.viewer)
    page = client.get(reverse("meeting_pack", args=[february.board_id, february.pk])).content.decode()
    overdue = page[page.index('id="pack-overdue"'):page.index('id="pack-proposed"')]
    assert "Days overdue" in overdue and ">RAG<" in overdue
    digital = Finding.objects.get(inspection__title__contains="2019", reference="Rec 1.3")
    assert digital.text in overdue  # not cut short


def test_the_pack_is_a_paper_with_its_marking_item_presenter_purpose_and_numbered_paragraphs(
    client, people, february, settings
):
    february.agenda_item, february.presented_by = "6", "Head of Assurance, OPCC"
    february.save()
    client.force_login(people.viewer)
    page = client.get(reverse("meeting_pack", args=[february.board_id, february.pk])).content.decode()
    assert 'class="pack-marking">OFFICIAL<' in page
    assert "<dt>Agenda item</dt><dd>6</dd>" in page and "<dd>Head of Assurance, OPCC</dd>" in page
    assert "To update the board on the progress of the HMICFRS findings it governs" in page
    settings.TRACKER_PROTECTIVE_MARKING = "OFFICIAL-SENSITIVE"
    february.presented_by = ""
    february.save()
    page = client.get(reverse("meeting_pack", args=[february.board_id, february.pk])).content.decode()
    assert 'class="pack-marking">OFFICIAL-SENSITIVE<' in page
    office = people.force.local_policing_body.office_name
    assert f"<dt>Presented by</dt><dd>{office}</dd>" in page


@pytest.mark.heavy
def test_the_pdf_prints_the_marking_on_every_page(client, people, february, media, eager_celery,
                                                   django_capture_on_commit_callbacks):
    import io

    from pypdf import PdfReader

    from inspections.models import RenderedDocument

    client.force_login(people.opcc)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("meeting_pack_render", args=[february.board_id, february.pk]))
    document = RenderedDocument.objects.get()
    with document.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) > 1 and all("OFFICIAL" in text for text in pages)
    assert "1.1" in pages[0] + pages[1]  # numbered paragraphs
