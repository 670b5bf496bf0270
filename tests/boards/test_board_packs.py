"""Board packs: what changed since the previous meeting, across the meeting boundary, and decisions."""

import hashlib
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from pypdf import PdfReader

from inspections.boards.pack import CLOSING, build_pack
from inspections.core.status import Status
from inspections.findings import services as finding_service
from inspections.models import Finding, GovernanceBoard, RenderedDocument, RenderStatus
from tests.factories import BoardMeetingFactory, ProgressUpdateFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def at(*args):
    return datetime(*args, tzinfo=LONDON)


@pytest.fixture
def meetings(people):
    wab = GovernanceBoard.objects.get(name="Warwickshire Assurance Board")
    january = BoardMeetingFactory(board=wab, held_on=date(2026, 1, 13))
    february = BoardMeetingFactory(board=wab, held_on=date(2026, 2, 10))
    return wab, january, february


def update(finding, author, when, text):
    return ProgressUpdateFactory(finding=finding, author=author, written_at=when, narrative=text,
                                 status=finding.status)


def test_changes_since_the_previous_meeting_respect_the_boundary(people, meetings):
    wab, january, february = meetings
    digital = Finding.objects.get(inspection__title__contains="2019", reference="Rec 1.3")
    update(digital, people.lead, at(2026, 1, 13, 23, 30), "Late on the January meeting day")
    update(digital, people.lead, at(2026, 1, 14, 0, 30), "Just after midnight")
    update(digital, people.lead, at(2026, 2, 10, 18, 0), "The evening of the February meeting")
    update(digital, people.lead, at(2026, 2, 11, 9, 0), "The day after")
    pack = build_pack(february)
    assert pack.previous == january and pack.starts == date(2026, 1, 14)
    assert [u.narrative for u in pack.updates] == ["Just after midnight", "The evening of the February meeting"]
    assert [u.narrative for u in build_pack(january).updates] == ["Late on the January meeting day"]


def test_pack_lists_status_changes_closures_overdue_and_proposals(people, meetings):
    wab, january, february = meetings
    digital = Finding.objects.get(inspection__title__contains="2019", reference="Rec 1.3")
    update(digital, people.lead, at(2025, 12, 1, 10), "Roadmap agreed")
    finding_service.change_status(digital, to=Status.PENDING_SIGN_OFF, by=people.lead, reason="Delivered.",
                                  at=at(2026, 1, 20, 10))
    abstraction = Finding.objects.get(inspection__title__startswith="PEEL 2021/22", reference="AFI 3")
    finding_service.change_status(abstraction, to=Status.NO_LONGER_RELEVANT, by=people.opcc, reason="Policy ended.",
                                  on=date(2026, 2, 2), at=at(2026, 2, 2, 10))
    pack = build_pack(february)
    assert [(c.finding.reference, c.field, c.after) for c in pack.status_changes] == [
        ("Rec 1.3", "status", "Pending sign-off"), ("Rec 1.3", "rag", "Blue (complete)"),
        ("AFI 3", "status", "Closed: no longer relevant"),
    ]
    assert [f.reference for f in pack.closures] == ["AFI 3"]
    assert {f.reference for f in pack.proposed} == {"Rec 1.3", "AFI 2", "Rec 2.1"}
    overdue = {f.reference: f for f in pack.overdue if f.inspection.title.startswith("Warwickshire")}
    assert "Rec 1.3" in overdue and overdue["Rec 1.3"].latest_narrative == "Roadmap agreed"
    assert len(pack.overdue) == 49  # every open finding (46 in progress, 3 pending) was past its date by then
    assert pack.new_findings == []  # no report was published between the meetings
    assert "46 in progress" in pack.summary_sentence and "3 pending sign-off" in pack.summary_sentence


def test_pack_page_and_its_closing_line(client, people, meetings):
    wab, january, february = meetings
    client.force_login(people.viewer)
    response = client.get(reverse("meeting_pack", args=[wab.pk, february.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Board pack: meeting of 10 February 2026" in body and CLOSING in body
    assert body.index("Changes since the last meeting") < body.index("Overdue findings") < body.index(CLOSING)
    client.force_login(people.outsider)
    assert client.get(reverse("meeting_pack", args=[wab.pk, february.pk])).status_code == 404


def test_chair_records_decisions_into_each_timeline(client, people, meetings):
    wab, january, february = meetings
    encompass = Finding.objects.get(inspection__title__contains="2019", reference="AFI 2")
    plans = Finding.objects.get(inspection__title__contains="2019", reference="Rec 2.1")
    url = reverse("meeting_decisions", args=[wab.pk, february.pk])
    client.force_login(people.viewer)
    assert client.post(url, {}).status_code == 403
    client.force_login(people.chair)
    form = client.get(url)
    assert {row.finding.reference for row in form.context["rows"]} == {"AFI 2", "Rec 2.1"}
    response = client.post(url, {
        f"finding-{encompass.pk}-decision": "sign_off", f"finding-{encompass.pk}-reason": "",
        f"finding-{encompass.pk}-version": encompass.version,
        f"finding-{plans.pk}-decision": "return", f"finding-{plans.pk}-reason": "Plans superseded by the TOM.",
        f"finding-{plans.pk}-version": plans.version,
    })
    assert response.status_code == 200 and "Give the board&#x27;s reason" in response.content.decode()
    assert Finding.objects.get(pk=plans.pk).status == Status.PENDING_SIGN_OFF  # nothing half-saved
    client.post(url, {
        f"finding-{encompass.pk}-decision": "sign_off", f"finding-{encompass.pk}-reason": "Encompass embedded.",
        f"finding-{encompass.pk}-version": encompass.version,
        f"finding-{plans.pk}-decision": "return", f"finding-{plans.pk}-reason": "Plans superseded by the TOM.",
        f"finding-{plans.pk}-version": plans.version,
    })
    encompass.refresh_from_db()
    plans.refresh_from_db()
    assert (encompass.status, plans.status) == (Status.CLOSED, Status.IN_PROGRESS)
    reason = encompass.changes.get(field="status").reason
    assert reason == "At the Warwickshire Assurance Board meeting on 10 February 2026: Encompass embedded."


@pytest.mark.heavy
def test_pack_renders_to_a_pdf_version_with_contents_and_page_numbers(
    client, people, meetings, media, eager_celery, django_capture_on_commit_callbacks
):

    wab, january, february = meetings
    client.force_login(people.viewer)
    assert client.post(reverse("meeting_pack_render", args=[wab.pk, february.pk])).status_code == 403
    client.force_login(people.chair)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meeting_pack_render", args=[wab.pk, february.pk]))
    document = RenderedDocument.objects.get()
    assert response["Location"] == reverse("document", args=[document.pk])
    assert (document.status, document.kind, document.subject, document.version) == (
        RenderStatus.DONE, "board_pack", february, 1,
    )
    download = client.get(reverse("document_download", args=[document.pk]))
    content = b"".join(download.streaming_content)
    assert hashlib.sha256(content).hexdigest() == document.sha256
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]
    text = "\n".join(pages)
    assert pages[0].count("Page 1 of") == 1 and f"Page {len(pages)} of {len(pages)}" in pages[-1]
    order = ["Contents", "1. Summary", "2. Changes since the last meeting", "3. Overdue findings",
             "4. Proposed for sign-off", "5. Recommendation", CLOSING]
    positions = [text.index(heading) for heading in order]
    assert positions == sorted(positions)
    assert "Meeting of Tuesday 10 February 2026" in text and "since the meeting of 13 January 2026" in text
    pack_page = client.get(reverse("meeting_pack", args=[wab.pk, february.pk])).content.decode()
    assert "Download the PDF" in pack_page and document.sha256[:12] in pack_page
    client.force_login(people.outsider)
    assert client.get(reverse("document_download", args=[document.pk])).status_code == 404
