"""A report import from upload to a tracked inspection: reading in the background with progress,
the review page (edit, merge, split, drop, add), acceptance in one transaction, and who may do it."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from inspections.core.grading import Grade
from inspections.core.status import Status
from inspections.importing import formats, report_imports
from inspections.importing.extraction import Area, Extraction, Item
from inspections.models import (
    Access,
    ChangeAction,
    Finding,
    FindingChange,
    FindingKind,
    GradedJudgment,
    Inspection,
    JudgmentLevel,
    Membership,
    ReportImport,
    ReportImportStatus,
)
from tests.factories import ForceFactory, MembershipFactory, UserFactory
from tests.importing.support import REPORT, untrack_2021_22
from tracker.celery import app

TITLE = "PEEL 2021/22: An inspection of Warwickshire Police"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploads go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def eager_tasks(settings):
    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.fixture
def opcc(warwickshire):
    return MembershipFactory(force=warwickshire, access=Access.OPCC_STAFF, user__username="olivia").user


@pytest.fixture
def before_2021_22(warwickshire):
    untrack_2021_22(warwickshire)
    return warwickshire


def tracked_counts():
    return Inspection.objects.count(), GradedJudgment.objects.count(), Finding.objects.count()


def read_import(force, user, published=date(2022, 10, 14), data=None):
    report_import = report_imports.start_report_import(
        force=force, by=user, name="warwickshire.txt", data=data or REPORT.read_bytes(), published_on=published
    )
    report_imports.read_report_import(report_import.pk)
    report_import.refresh_from_db()
    return report_import


def review_data(report_import, action="save", changes=None):
    """The review form as the page posts it, from the saved draft, with `changes` per item index."""
    draft, changes = Extraction.from_dict(report_import.draft), changes or {}
    data = {
        "title": draft.title, "published_on": draft.published_on or "", "renumber": "on",
        "draft_version": report_import.draft_version, "action": action,
        "areas-TOTAL_FORMS": len(draft.areas) + 1, "areas-INITIAL_FORMS": len(draft.areas),
        "items-TOTAL_FORMS": len(draft.items) + 1, "items-INITIAL_FORMS": len(draft.items),
    }
    for index, area in enumerate(draft.areas):
        data |= {f"areas-{index}-key": area.key, f"areas-{index}-name": area.name, f"areas-{index}-grade": area.grade}
    for index, item in enumerate(draft.items):
        row = {
            "key": item.key, "kind": item.kind, "reference": item.reference, "area": item.area or "",
            "parent": item.parent or "", "text": item.text, "context": item.context, "time_frame": item.time_frame,
            "position": item.order, "repeats": (item.carry_over.chosen or "") if item.carry_over else "",
        }
        row |= changes.get(index, {})
        data |= {f"items-{index}-{name}": value for name, value in row.items() if value is not False}
    data |= {f"items-{len(draft.items)}-{name}": value for name, value in changes.get("new", {}).items()}
    return data


def test_upload_is_read_in_the_background_and_nothing_is_tracked(client, before_2021_22, opcc, eager_tasks,
                                                                  django_capture_on_commit_callbacks):
    counts = tracked_counts()
    client.force_login(opcc)
    upload = SimpleUploadedFile("report.txt", REPORT.read_bytes(), content_type="text/plain")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("report_import_upload"),
            {"force": before_2021_22.pk, "file": upload, "published_on": "2022-10-14"},
        )
    report_import = ReportImport.objects.get()
    assert response.url == reverse("report_import", args=[report_import.pk])
    assert report_import.status == ReportImportStatus.READY and report_import.progress == 100
    page = client.get(response.url).content.decode()
    assert "8 graded areas and 1 ungraded assessment" in page
    assert "22 areas for improvement" in page and "Review the draft" in page
    assert tracked_counts() == counts


def test_the_progress_page_refreshes_itself_while_the_report_is_read(client, warwickshire, opcc):
    report_import = report_imports.start_report_import(force=warwickshire, by=opcc, name="r.txt", data=b"PEEL text")
    ReportImport.objects.filter(pk=report_import.pk).update(
        status=ReportImportStatus.READING, progress=40, progress_message="Read page 12 of 30"
    )
    client.force_login(opcc)
    page = client.get(reverse("report_import", args=[report_import.pk])).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page
    assert 'value="40"' in page and "Read page 12 of 30" in page
    ReportImport.objects.filter(pk=report_import.pk).update(updated_at=timezone.now() - timedelta(hours=2))
    page = client.get(reverse("report_import", args=[report_import.pk])).content.decode()
    assert "Reading stopped without finishing" in page and "http-equiv" not in page


def test_a_file_that_cannot_be_read_is_recorded_as_failed_with_the_reason(warwickshire, opcc):
    counts = tracked_counts()
    report_import = read_import(warwickshire, opcc, data=b"Minutes of the Police and Crime Panel. Apologies.")
    assert report_import.status == ReportImportStatus.FAILED
    assert "does not look like an HMICFRS report" in report_import.error
    assert report_import.extraction is None and tracked_counts() == counts


def test_odd_uploads_are_refused_on_the_form_and_nothing_is_saved(client, warwickshire, opcc):
    client.force_login(opcc)
    empty = SimpleUploadedFile("report.pdf", b"", content_type="application/pdf")
    page = client.post(reverse("report_import_upload"), {"force": warwickshire.pk, "file": empty}).content.decode()
    assert "There is a problem" in page
    word = SimpleUploadedFile("report.pdf", b"PK\x03\x04" + b"\x00" * 30, content_type="application/pdf")
    page = client.post(reverse("report_import_upload"), {"force": warwickshire.pk, "file": word}).content.decode()
    assert "zip archive" in page
    assert not ReportImport.objects.exists()


def test_the_review_page_shows_each_item_beside_its_source_passage(client, before_2021_22, opcc):
    report_import = read_import(before_2021_22, opcc)
    client.force_login(opcc)
    page = client.get(reverse("report_import_review", args=[report_import.pk])).content.decode()
    assert page.count('class="review-item') == 23  # 22 findings and a blank one to add
    assert "As printed in the report, line 205" in page  # where AFI 1 is in the text
    assert "Our 2019 report said that the force needed to improve the application of risk assessment" in page
    assert "Individual performance reviews and processes for talent identification" in page  # the 2019 candidate
    assert "(proposed)" in page and "Shared words:" in page


def test_staff_edit_merge_split_drop_and_add_items(client, before_2021_22, opcc):
    report_import = read_import(before_2021_22, opcc)
    counts = tracked_counts()
    client.force_login(opcc)
    data = review_data(
        report_import,
        changes={
            0: {"text": "The force should improve external scrutiny of stop and search."},
            1: {"drop": "on"},
            3: {"merge_up": "on"},
            4: {"split_at": "2"},
            "new": {"kind": "recommendation", "text": "A recommendation the importer missed", "position": "99"},
        },
    )
    response = client.post(reverse("report_import_review", args=[report_import.pk]), data)
    assert response.status_code == 302
    report_import.refresh_from_db()
    draft = Extraction.from_dict(report_import.draft)
    texts = [i.text for i in draft.items]
    assert texts[0] == "The force should improve external scrutiny of stop and search."
    assert not any(t.startswith("The force should increase its use of body-worn video") for t in texts)
    abstractions = draft.items[1]
    assert abstractions.text.startswith("The force should make sure that abstractions")
    assert "repeat callers, and those that are vulnerable" in abstractions.context  # merged into the one above
    call_handlers = draft.items[2]
    assert call_handlers.text.startswith("The force needs to make sure that call handlers")
    assert draft.items[3].text.startswith("Giving good advice on the preservation of evidence")  # split off
    assert draft.items[-1].text == "A recommendation the importer missed" and draft.items[-1].reference == "Rec 1"
    assert [i.reference for i in draft.items[:4]] == ["AFI 1", "AFI 2", "AFI 3", "AFI 4"]
    assert len(draft.items) == 22 and report_import.draft_version == 2
    assert report_import.extraction["items"][1]["text"].startswith("The force should increase its use")  # kept
    assert tracked_counts() == counts


def test_a_stale_review_is_refused(client, before_2021_22, opcc):
    report_import = read_import(before_2021_22, opcc)
    client.force_login(opcc)
    stale = review_data(report_import, changes={0: {"text": "Mine"}})
    client.post(reverse("report_import_review", args=[report_import.pk]), review_data(report_import))
    response = client.post(reverse("report_import_review", args=[report_import.pk]), stale, follow=True)
    assert "Someone else saved this draft" in response.content.decode()
    report_import.refresh_from_db()
    assert report_import.draft["items"][0]["text"] != "Mine"


def test_accepting_creates_the_inspection_in_one_go_and_supersedes_the_2019_findings(client, before_2021_22, opcc):
    report_import = read_import(before_2021_22, opcc)
    afi_1, afi_12 = (Finding.objects.get(inspection__title__contains="2019", reference=r) for r in ("AFI 1", "AFI 12"))
    client.force_login(opcc)
    response = client.post(
        reverse("report_import_review", args=[report_import.pk]), review_data(report_import, action="accept")
    )
    assert response.status_code == 302
    inspection = Inspection.objects.get(force=before_2021_22, title=TITLE)
    assert inspection.published_on == date(2022, 10, 14) and inspection.previous.title.endswith("2019")
    assert inspection.judgments.count() == 9 and inspection.judgments.exclude(grade="").count() == 8
    findings = list(inspection.findings.order_by("order"))
    assert len(findings) == 22 and all(f.status == Status.AWAITING_ALLOCATION for f in findings)
    assert findings[20].time_frame == "Within three months" and findings[20].due_date == date(2023, 1, 14)
    assert findings[0].due_date == findings[0].original_due_date == date(2023, 10, 14)
    assert findings[6].repeats == afi_1 and findings[19].repeats == afi_12
    afi_1.refresh_from_db()
    assert afi_1.status == Status.SUPERSEDED and afi_1.superseded_by == findings[6]
    change = FindingChange.objects.get(finding=afi_1, field="status")
    assert change.changed_by == opcc and change.after == "Superseded" and "Carried over into" in change.reason
    assert FindingChange.objects.filter(finding__inspection=inspection, action=ChangeAction.CREATED).count() == 22
    report_import.refresh_from_db()
    assert report_import.status == ReportImportStatus.ACCEPTED and report_import.inspection == inspection
    page = client.get(response.url).content.decode()
    assert f"/inspections/{inspection.pk}/" in page


def test_acceptance_that_fails_writes_nothing(before_2021_22, opcc, monkeypatch):
    report_import = read_import(before_2021_22, opcc)
    counts, changes = tracked_counts(), FindingChange.objects.count()
    draft = report_import.draft
    draft["items"][21]["time_frame"] = "within three fortnights"  # the last finding fails after the rest
    report_import = report_imports.save_draft(report_import, draft=draft, by=opcc)
    with pytest.raises(ValidationError, match="AFI 22"):
        report_imports.accept(report_import, by=opcc)
    assert tracked_counts() == counts and FindingChange.objects.count() == changes
    assert Finding.objects.get(inspection__title__contains="2019", reference="AFI 1").status == Status.IN_PROGRESS
    report_import.refresh_from_db()
    assert report_import.status == ReportImportStatus.READY


def test_a_report_already_tracked_is_not_tracked_twice(client, warwickshire, opcc):
    report_import = read_import(warwickshire, opcc)
    counts = tracked_counts()
    client.force_login(opcc)
    response = client.post(
        reverse("report_import_review", args=[report_import.pk]), review_data(report_import, action="accept"),
        follow=True,
    )
    assert "already has an inspection called" in response.content.decode()
    assert tracked_counts() == counts


def test_acceptance_needs_a_publication_date(before_2021_22, opcc):
    report_import = read_import(before_2021_22, opcc, published=None)
    assert report_import.draft["published_on"] is None and report_import.draft["published_hint"] == "October 2022"
    with pytest.raises(ValidationError, match="publication date"):
        report_imports.accept(report_import, by=opcc)


@pytest.mark.parametrize("access", [Access.VIEWER, Access.FORCE_LEAD, Access.BOARD_MEMBER, None])
def test_only_the_forces_opcc_staff_reach_the_import_pages(client, warwickshire, opcc, access):
    report_import = read_import(warwickshire, opcc)
    user = UserFactory()
    if access:
        Membership.objects.create(user=user, force=warwickshire, access=access)
    else:
        MembershipFactory(user=user, force=ForceFactory(), access=Access.OPCC_STAFF)  # staff of another force
    client.force_login(user)
    for name in ("report_import", "report_import_review"):
        assert client.get(reverse(name, args=[report_import.pk])).status_code == 403
    forged = client.post(reverse("report_import_review", args=[report_import.pk]), review_data(report_import, "accept"))
    assert forged.status_code == 403
    assert client.post(reverse("report_import_discard", args=[report_import.pk])).status_code == 403
    upload = SimpleUploadedFile("r.txt", REPORT.read_bytes())
    assert client.post(reverse("report_import_upload"), {"force": warwickshire.pk, "file": upload}).status_code == 403
    report_import.refresh_from_db()
    assert report_import.status == ReportImportStatus.READY and ReportImport.objects.count() == 1
    listing = client.get(reverse("imports"))
    assert listing.status_code == (200 if access is None else 403)
    assert reverse("report_import", args=[report_import.pk]) not in listing.content.decode()


def test_signed_out_visitors_are_sent_to_sign_in(client, db):
    response = client.get(reverse("imports"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_imports_link_is_in_the_navigation_and_lists_the_forces_imports(client, warwickshire, opcc):
    report_import = read_import(warwickshire, opcc)
    client.force_login(opcc)
    page = client.get(reverse("imports")).content.decode()
    assert f'href="{reverse("imports")}">Imports</a>' in page
    assert reverse("report_import", args=[report_import.pk]) in page


def test_discarding_keeps_nothing(client, warwickshire, opcc):
    report_import = read_import(warwickshire, opcc)
    client.force_login(opcc)
    client.post(reverse("report_import_discard", args=[report_import.pk]))
    report_import.refresh_from_db()
    assert report_import.status == ReportImportStatus.DISCARDED
    assert client.get(reverse("report_import_review", args=[report_import.pk])).status_code == 302


class Peel2014To2019:
    """A stand-in for a later reader of the 2014-2019 reports (pillars, four tiers): registering a
    format is all it takes for the upload, review and acceptance to use it."""

    key = "peel2014"
    label = "PEEL, 2014 to 2019 (pillars, four tiers)"

    def detect(self, text):
        return text.startswith("PEEL 2018/19")

    def parse(self, text, force):
        return Extraction(
            format=self.key, format_label=self.label, title="PEEL 2018/19: Anyshire", grading_scale="four_tier",
            areas=[Area(key="p1", name="Effectiveness", grade=Grade.GOOD, order=1, level=JudgmentLevel.PILLAR),
                   Area(key="a1", name="Investigating crime", grade=Grade.REQUIRES_IMPROVEMENT, order=2, pillar="p1")],
            items=[Item(key="f1", kind=FindingKind.AREA_FOR_IMPROVEMENT, reference="AFI 1", text="The force should…",
                        area="a1", order=1)],
        )


def test_a_new_report_format_is_one_more_entry_in_the_list(monkeypatch, opcc, warwickshire):
    monkeypatch.setattr(formats, "FORMATS", [Peel2014To2019(), *formats.FORMATS])
    report_import = read_import(warwickshire, opcc, published=date(2019, 5, 2), data=b"PEEL 2018/19\n\nAnyshire")
    assert report_import.status == ReportImportStatus.READY and report_import.draft["format"] == "peel2014"
    inspection = report_imports.accept(report_import, by=opcc)
    pillar = inspection.judgments.get(name="Effectiveness")
    assert pillar.level == "pillar" and inspection.judgments.get(name="Investigating crime").pillar == pillar
    assert inspection.grading_scale == "four_tier"
    assert inspection.findings.get().judgment.name == "Investigating crime"
