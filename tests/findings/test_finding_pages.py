"""The findings list, a finding's page, and the work done on it, through real requests."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse, set_script_prefix
from openpyxl import load_workbook

from inspections.core.status import Rag, Status
from inspections.importing.spreadsheets import HEADINGS
from inspections.models import ChangeAction, EvidenceFile, Finding, FindingChange, FindingKind, ProgressUpdate
from inspections.models.finding import finding_url

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NEXT_UPDATE = date.today() + timedelta(days=30)  # a next update date in the past is questioned


def finding(reference, inspection="2019"):
    return Finding.objects.get(inspection__title__contains=inspection, reference=reference)


def listed(client, **params):
    response = client.get(reverse("finding_list"), params)
    assert response.status_code == 200
    return [f.reference for f in response.context["page"].object_list], response.context["total"]


def test_list_filters_are_query_parameters(client, people):
    client.force_login(people.opcc)
    assert listed(client)[1] == 52
    peel_2022 = Finding.objects.filter(inspection__title__startswith="PEEL 2021/22").first().inspection_id
    assert listed(client, inspection=peel_2022)[1] == 22
    assert listed(client, kind=FindingKind.CAUSE_OF_CONCERN)[1] == 3
    assert listed(client, kind=FindingKind.RECOMMENDATION, inspection=peel_2022)[1] == 0
    assert listed(client, area="Investigating crime")[1] == 1 + 7 + 5
    assert listed(client, status=Status.SUPERSEDED)[1] == 2
    assert listed(client, status=["superseded", "pending_sign_off"])[1] == 4
    assert listed(client, rag=Rag.BLUE)[1] == 2
    assert listed(client, carried_over="yes")[1] == 2
    assert listed(client, due_before="2019-12-31")[1] == 8  # six "immediately" recommendations, two causes
    assert listed(client, due_after="2023-01-01", due_before="2023-01-31")[1] == 2
    digital = finding("Rec 1.3")
    assert listed(client, owner=digital.owner_id)[0] == ["Rec 1.3"]
    people_board = digital.board.children.get(name="People Services Board")
    assert (
        listed(client, board=people_board.pk)[1]
        == Finding.objects.filter(board__in=[people_board, *people_board.children.all()]).count()
    )
    assert listed(client, q="disclosure")[0] == ["Rec 1.7"]
    assert listed(client, force=people.force.pk)[1] == 52


def test_overdue_filter_matches_the_rule(client, people):
    client.force_login(people.viewer)
    expected = Finding.objects.overdue().count()
    assert expected > 0
    assert listed(client, overdue="yes")[1] == expected
    assert listed(client, overdue="no")[1] == 52 - expected


def test_list_sorts_and_paginates(client, people):
    client.force_login(people.opcc)
    with override_settings(TRACKER_PAGE_SIZE=20):
        references, total = listed(client, sort="-due")
        assert total == 52 and len(references) == 20
        response = client.get(reverse("finding_list"), {"sort": "-due", "page": 3})
        assert len(response.context["page"].object_list) == 12
    dues = [f.due_date for f in client.get(reverse("finding_list"), {"sort": "due"}).context["page"].object_list]
    assert dues == sorted(dues)


def test_a_bad_filter_value_is_named(client, people):
    client.force_login(people.opcc)
    response = client.get(reverse("finding_list"), {"due_before": "31/31/2020", "status": "parked"})
    body = response.content.decode()
    assert "There is a problem" in body and "Due on or before" in body and "parked" in body


def test_exports_have_the_trackers_columns_and_follow_the_filters(client, people):
    client.force_login(people.opcc)
    response = client.get(reverse("finding_export", args=["csv"]), {"kind": "cause_of_concern"})
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert rows[0] == HEADINGS
    assert [row[0] for row in rows[1:]] == ["CoC 1", "CoC 2", "CoC 3"]
    response = client.get(reverse("finding_export", args=["xlsx"]), {"carried_over": "yes"})
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    values = list(sheet.values)
    assert list(values[0]) == HEADINGS and len(values) == 3
    assert all("Integrated PEEL Assessment 2019" in row[HEADINGS.index("Carried over from")] for row in values[1:])


def test_export_defuses_formulas(client, people):
    target = finding("Rec 1.3")
    target.response = '=HYPERLINK("http://evil.example")'
    target.save()
    client.force_login(people.opcc)
    text = client.get(reverse("finding_export", args=["csv"]), {"q": "Rec 1.3"}).getvalue().decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    sheet = load_workbook(io.BytesIO(client.get(reverse("finding_export", args=["xlsx"])).getvalue())).active
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)


def test_detail_shows_text_dates_owner_board_chain_and_response(client, people):
    client.force_login(people.viewer)
    carried = finding("AFI 7", "PEEL 2021/22")
    body = client.get(reverse("finding_detail", args=[carried.pk])).content.decode()
    assert "Our 2019 report said that the force needed to improve the application of risk assessment" in body
    assert "14 October 2023" in body  # due: no time frame, 12 months after publication
    assert "Head of the Operations Communications Centre" in body
    assert "Investigations, Standards and Outcomes meeting" in body
    assert "Carried over" in body and "Integrated PEEL Assessment 2019: AFI 1" in body
    earlier = body.index("Integrated PEEL Assessment 2019: AFI 1")
    assert earlier < body.index("(this finding)")
    old = client.get(reverse("finding_detail", args=[carried.repeats_id])).content.decode()
    assert "Superseded by" in old and "PEEL 2021/22: An inspection of Warwickshire Police: AFI 7" in old
    assert "The Operations Communications Centre (OCC) supervision have made changes" in old


def test_progress_update_with_evidence_appears_in_the_timeline(client, people):
    target = finding("Rec 1.3")
    client.force_login(people.lead)
    upload = SimpleUploadedFile("roadmap.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(reverse("finding_add_update", args=[target.pk]), {
        "narrative": "Digital kiosks installed in two stations.", "rag": "green",
        "next_update_due": NEXT_UPDATE.isoformat(),
        "version": target.version, "evidence": [upload],
    })
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.rag, target.next_update_due, target.version) == (Rag.GREEN, NEXT_UPDATE, 2)
    evidence = EvidenceFile.objects.get()
    assert (evidence.original_name, evidence.content_type, evidence.size) == (
        "roadmap.pdf",
        "application/pdf",
        len(PDF_BYTES),
    )
    body = client.get(reverse("finding_detail", args=[target.pk])).content.decode()
    assert "Digital kiosks installed in two stations." in body and "roadmap.pdf" in body
    assert "RAG: (none) → Green" in body
    download = client.get(reverse("evidence_download", args=[evidence.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF_BYTES
    assert download["Content-Disposition"].startswith("attachment")
    client.force_login(people.outsider)
    assert client.get(reverse("evidence_download", args=[evidence.pk])).status_code == 404


def test_evidence_is_checked_by_content_and_nothing_is_saved_when_it_fails(client, people, settings):
    target = finding("Rec 1.3")
    client.force_login(people.opcc)
    renamed = SimpleUploadedFile("minutes.pdf", b"MZ\x90\x00 this is really a program", content_type="application/pdf")
    response = client.post(reverse("finding_add_update", args=[target.pk]), {
        "narrative": "Minutes attached.", "rag": "amber", "version": target.version, "evidence": [renamed],
    })
    assert response.status_code == 200
    body = response.content.decode()
    assert "minutes.pdf" in body and "not a file type the tracker accepts" in body
    assert "Minutes attached." in body  # what the user typed is kept
    assert not ProgressUpdate.objects.exists() and not EvidenceFile.objects.exists()
    settings.TRACKER_MAX_UPLOAD_BYTES = 10
    response = client.post(reverse("finding_add_update", args=[target.pk]), {
        "narrative": "Too big.", "version": target.version,
        "evidence": [SimpleUploadedFile("big.pdf", PDF_BYTES)],
    })
    assert "the limit is 10" in response.content.decode()
    assert Finding.objects.get(pk=target.pk).version == target.version


def test_failed_form_names_each_field_and_keeps_input(client, people):
    target = finding("Rec 1.3")
    client.force_login(people.opcc)
    response = client.post(reverse("finding_due_date", args=[target.pk]), {
        "due_date": "not a date", "reason": "Awaiting the records system.", "version": target.version,
    })
    body = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_due_date_day"' in body and "Enter new target date as a real date." in body  # the Day box
    assert "Awaiting the records system." in body
    assert not FindingChange.objects.exists()


def test_second_of_two_simultaneous_edits_is_refused_showing_what_changed(client, people):
    target = finding("Rec 1.3")
    read_version = target.version
    client.force_login(people.lead)
    client.post(reverse("finding_add_update", args=[target.pk]), {
        "narrative": "First update.", "rag": "amber", "version": read_version,
    })
    client.force_login(people.opcc)
    response = client.post(reverse("finding_response", args=[target.pk]), {
        "response": "My careful rewrite.", "version": read_version,
    })
    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone else changed this finding" in body and "Lead Tester" in body and "(none) → Amber" in body
    assert "My careful rewrite." in body
    target.refresh_from_db()
    assert target.response.startswith("The Head of Digital Forensics has put together")
    # Having seen the change, the user saves again on purpose.
    response = client.post(reverse("finding_response", args=[target.pk]), {
        "response": "My careful rewrite.", "version": target.version,
    })
    assert response.status_code == 302
    assert Finding.objects.get(pk=target.pk).response == "My careful rewrite."


def test_owner_proposes_and_chair_signs_off_recorded_in_the_timeline(client, people):
    target = finding("Rec 1.3")
    client.force_login(people.lead)
    client.post(reverse("finding_propose", args=[target.pk]), {
        "reason": "Roadmap delivered; backlog cleared.", "version": target.version,
        "evidence": [SimpleUploadedFile("backlog.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)],
    })
    target.refresh_from_db()
    assert (target.status, target.rag) == (Status.PENDING_SIGN_OFF, Rag.BLUE)
    client.force_login(people.chair)
    response = client.post(reverse("finding_decide", args=[target.pk]), {
        "decision": "sign_off", "reason": "", "version": target.version,
    })
    assert "Reason" in response.content.decode() and response.status_code == 200
    client.post(reverse("finding_decide", args=[target.pk]), {
        "decision": "sign_off", "reason": "Evidence seen at the November board.", "version": target.version,
    })
    target.refresh_from_db()
    assert target.status == Status.CLOSED and target.closed_by_board.name == "Warwickshire Assurance Board"
    body = client.get(reverse("finding_detail", args=[target.pk])).content.decode()
    assert "Proposed as complete" in body and "Roadmap delivered; backlog cleared." in body
    assert "Signed off by the board" in body and "Evidence seen at the November board." in body


def test_board_returns_a_proposal_with_a_reason(client, people):
    target = finding("AFI 2")  # pending sign-off in the fixture, governed by the WAB
    client.force_login(people.chair)
    client.post(reverse("finding_decide", args=[target.pk]), {
        "decision": "return", "reason": "Show compliance figures first.", "version": target.version,
    })
    target.refresh_from_db()
    assert target.status == Status.IN_PROGRESS
    assert target.changes.get(action=ChangeAction.RETURNED, field="status").reason == "Show compliance figures first."


def test_opcc_reassigns_revises_dates_and_closes_with_records(client, people):
    target = finding("Rec 1.3")
    client.force_login(people.opcc)
    new_owner = target.owner.force.roles.get(title="Head of Force Investigations")
    client.post(reverse("finding_reassign", args=[target.pk]), {
        "owner": new_owner.pk, "board": target.board_id, "reason": "Restructure.", "version": target.version,
    })
    target.refresh_from_db()
    assert target.owner == new_owner
    client.post(reverse("finding_due_date", args=[target.pk]), {
        "due_date": "2027-03-31", "reason": "New kiosks arrive in March.", "version": target.version,
    })
    target.refresh_from_db()
    assert (target.original_due_date, target.due_date) == (date(2020, 3, 27), date(2027, 3, 31))
    body = client.get(reverse("finding_detail", args=[target.pk])).content.decode()
    assert "originally 27 March 2020" in body and "New kiosks arrive in March." in body
    response = client.post(reverse("finding_close", args=[target.pk]), {
        "outcome": "superseded", "reason": "", "version": target.version,
    })
    assert "Choose the finding that supersedes this one" in response.content.decode()
    client.post(reverse("finding_close", args=[target.pk]), {
        "outcome": "no_longer_relevant", "reason": "Forensics now regional.", "version": target.version,
    })
    target.refresh_from_db()
    assert target.status == Status.NO_LONGER_RELEVANT and target.closure_reason == "Forensics now regional."
    actions = set(target.changes.values_list("action", flat=True))
    assert {ChangeAction.REASSIGNED, ChangeAction.DUE_DATE_REVISED, ChangeAction.STATUS} <= actions


def test_user_text_is_escaped(client, people):
    target = finding("Rec 1.3")
    client.force_login(people.opcc)
    client.post(reverse("finding_add_update", args=[target.pk]), {
        "narrative": "<script>alert('x')</script>", "version": target.version,
    })
    body = client.get(reverse("finding_detail", args=[target.pk])).content.decode()
    assert "<script>alert" not in body and "&lt;script&gt;alert" in body


def test_a_findings_address_is_the_one_its_page_answers_to():
    """Finding.get_absolute_url builds the address without the resolver; it is still the resolver's."""
    for pk in (1, 42, 987654321, 10**12):
        assert finding_url(pk) == reverse("finding_detail", args=[pk]) == f"/findings/{pk}/"
    set_script_prefix("/tracker/")  # served below a path, as behind some proxies
    try:
        assert finding_url(7) == reverse("finding_detail", args=[7]) == "/tracker/findings/7/"
    finally:
        set_script_prefix("/")
    assert finding_url(7) == "/findings/7/"
