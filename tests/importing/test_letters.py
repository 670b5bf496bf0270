"""HMICFRS letters imported for Warwickshire: matched to the force's own causes of concern (with their
similarity shown), checked on the review page and accepted as HMICFRS's decisions; an accelerated cause
of concern added to an inspection; nothing else in the tracker changed."""

from datetime import date

import pytest
from django.urls import reverse

from inspections.importing import report_imports
from inspections.importing.extraction import Extraction
from inspections.models import (
    Access,
    ChangeAction,
    Finding,
    FindingChange,
    HmicfrsDecision,
    Inspection,
    ReportImportStatus,
)
from tests.factories import FindingFactory, InspectionFactory, MembershipFactory
from tests.importing.expected_findings import DATA

pytestmark = pytest.mark.django_db

REVISIT = (
    (DATA / "letter-westshire-police-revisit-2021.txt")
    .read_text()
    .replace("Westshire", "Warwickshire")
    .replace("a neighbouring force", "West Mercia Police")
)
ACCELERATED = (DATA / "letter-tollbridge-police-accelerated.txt").read_text().replace("Tollbridge", "Warwickshire")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def causes(warwickshire):
    """The 2019 report's causes of concern, by reference."""
    return {f.reference: f for f in Finding.objects.filter(inspection__pk=2, kind="cause_of_concern")}


def read_letter(force, user, text):
    report_import = report_imports.start_report_import(force=force, by=user, name="letter.txt", data=text.encode())
    report_imports.read_report_import(report_import.pk)
    report_import.refresh_from_db()
    assert report_import.status == ReportImportStatus.READY, report_import.error
    return report_import


def letter_post(report_import, action="save", **changes):
    """The letter review form as the page posts it, from the saved draft, with `changes` per decision index."""
    draft = Extraction.from_dict(report_import.draft)
    causes = [i for i in draft.items if i.decision]
    data = {
        "title": draft.title, "sent_on": draft.published_on or "", "url": changes.pop("url", ""),
        "draft_version": report_import.draft_version, "action": action,
        "decisions-TOTAL_FORMS": len(causes), "decisions-INITIAL_FORMS": len(causes),
    }
    for index, item in enumerate(causes):
        row = {
            "key": item.key, "finding": item.decision.chosen or "", "outcome": item.decision.outcome,
            "summary": item.decision.summary, "next_steps": item.decision.next_steps,
        }
        row |= changes.get(f"row{index}", {})
        data |= {f"decisions-{index}-{name}": value for name, value in row.items()}
    return data


def test_a_revisit_letter_is_matched_to_the_force_own_causes_of_concern(warwickshire, people, causes):
    report_import = read_letter(warwickshire, people["opcc"], REVISIT)
    draft = Extraction.from_dict(report_import.draft)
    assert draft.kind == "letter" and draft.format == "letter" and draft.letter.kind == "closure"
    assert draft.title == "Warwickshire Police: revisit of causes of concern from the 2018/19 PEEL inspection"
    assert draft.published_on == "2021-05-12"
    crime, planning = (i for i in draft.items if i.decision)
    assert (crime.decision.outcome, crime.decision.chosen) == ("closed", causes["CoC 1"].pk)
    assert (planning.decision.outcome, planning.decision.chosen) == ("open", causes["CoC 3"].pk)
    assert planning.decision.candidates[0].similarity > planning.decision.candidates[1].similarity
    assert "by 30 September 2021" in planning.decision.next_steps
    assert not any("right force" in w for w in draft.warnings)


def test_accepting_the_letter_records_hmicfrs_decisions_and_nothing_else(client, warwickshire, people, causes):
    report_import = read_letter(warwickshire, people["opcc"], REVISIT)
    inspections, findings = Inspection.objects.count(), Finding.objects.count()
    before = {f.pk: (f.status, f.version) for f in Finding.objects.all()}
    client.force_login(people["opcc"])
    url = reverse("report_import_review", args=[report_import.pk])
    page = client.get(url).content.decode()
    assert "Review the letter" in page and "similarity is the share of content words" in page
    assert "CoC 1</strong>, Warwickshire Police: Integrated PEEL Assessment 2019" in page
    letter_url = "https://hmicfrs.justiceinspectorates.gov.uk/publication-html/warwickshire-revisit-2021/"
    response = client.post(url, letter_post(report_import, "accept", url=letter_url), follow=True)
    assert "2 decisions are recorded" in response.content.decode()
    report_import.refresh_from_db()
    assert report_import.status == ReportImportStatus.ACCEPTED
    closed = HmicfrsDecision.objects.get(finding=causes["CoC 1"])
    assert (closed.outcome, closed.decided_on, closed.letter_url) == ("closed", date(2021, 5, 12), letter_url)
    assert closed.source_import == report_import and closed.recorded_by == people["opcc"]
    assert "I am closing it" in closed.summary and closed.next_steps == ""
    kept_open = HmicfrsDecision.objects.get(finding=causes["CoC 3"])
    assert kept_open.outcome == "open" and "next PEEL inspection" in kept_open.next_steps
    assert not HmicfrsDecision.objects.filter(finding=causes["CoC 2"]).exists()
    # A letter creates no inspection or finding, and leaves the board's statuses alone.
    assert (Inspection.objects.count(), Finding.objects.count()) == (inspections, findings)
    assert {f.pk: (f.status, f.version) for f in Finding.objects.all()} == before
    assert FindingChange.objects.filter(action=ChangeAction.HMICFRS_DECISION).count() == 2
    done = client.get(reverse("report_import", args=[report_import.pk])).content.decode()
    assert "decisions recorded from this letter" in done and "CoC 3</a> – Remains open, 12 May 2021" in done


def test_staff_change_a_match_and_leave_a_cause_out(client, warwickshire, people, causes):
    report_import = read_letter(warwickshire, people["opcc"], REVISIT)
    client.force_login(people["opcc"])
    url = reverse("report_import_review", args=[report_import.pk])
    client.post(url, letter_post(report_import, "accept", row0={"finding": ""}, row1={"finding": causes["CoC 2"].pk}))
    assert list(HmicfrsDecision.objects.values_list("finding__reference", "outcome")) == [("CoC 2", "open")]


def test_a_forged_match_to_another_force_is_refused_and_nothing_recorded(client, warwickshire, people, causes):
    elsewhere = FindingFactory(inspection=InspectionFactory(), kind="cause_of_concern", reference="CoC 9")
    report_import = read_letter(warwickshire, people["opcc"], REVISIT)
    client.force_login(people["opcc"])
    url = reverse("report_import_review", args=[report_import.pk])
    page = client.post(url, letter_post(report_import, "accept", row0={"finding": elsewhere.pk})).content.decode()
    assert "There is a problem" in page and "from the list." in page
    assert not HmicfrsDecision.objects.exists()


def test_closed_with_next_steps_is_refused_on_the_form(client, warwickshire, people, causes):
    report_import = read_letter(warwickshire, people["opcc"], REVISIT)
    client.force_login(people["opcc"])
    url = reverse("report_import_review", args=[report_import.pk])
    page = client.post(url, letter_post(report_import, "accept", row0={"next_steps": "Revisit."})).content.decode()
    assert "has no next steps" in page and not HmicfrsDecision.objects.exists()


def test_only_the_force_opcc_staff_review_its_letters(client, warwickshire, people, causes):
    report_import = read_letter(warwickshire, people["opcc"], REVISIT)
    url = reverse("report_import_review", args=[report_import.pk])
    client.force_login(people["viewer"])
    assert client.get(url).status_code == 403
    outsider = MembershipFactory(access=Access.OPCC_STAFF).user
    client.force_login(outsider)
    assert client.post(url, letter_post(report_import, "accept")).status_code == 403
    assert not HmicfrsDecision.objects.exists()


# --- Accelerated causes of concern ------------------------------------------------------------


def accelerated_post(report_import, action="accept", **fields):
    draft = Extraction.from_dict(report_import.draft)
    data = {
        "title": draft.title, "sent_on": draft.published_on, "url": "", "draft_version": report_import.draft_version,
        "action": action, "inspection": "", "new_inspection_title": "",
        "findings-TOTAL_FORMS": len(draft.items), "findings-INITIAL_FORMS": len(draft.items),
    } | fields
    for index, item in enumerate(draft.items):
        data |= {f"findings-{index}-key": item.key, f"findings-{index}-text": item.text,
                 f"findings-{index}-time_frame": item.time_frame}
    return data


def test_an_accelerated_cause_of_concern_joins_a_new_inspection_from_the_letter_date(client, warwickshire, people):
    report_import = read_letter(warwickshire, people["opcc"], ACCELERATED)
    draft = Extraction.from_dict(report_import.draft)
    assert draft.letter.kind == "accelerated" and [i.reference for i in draft.items][:2] == ["CoC 1", "Rec 1.1"]
    client.force_login(people["opcc"])
    url = reverse("report_import_review", args=[report_import.pk])
    page = client.get(url).content.decode()
    assert "accelerated cause of concern" in page and "A new inspection (give its title)" in page
    refused = client.post(url, accelerated_post(report_import)).content.decode()
    assert "There is a problem" in refused and "Choose an inspection, or give the new inspection" in refused
    assert not Inspection.objects.filter(title__startswith="PEEL 2025").exists()
    title = "PEEL 2025–2027: An inspection of Warwickshire Police"
    client.post(url, accelerated_post(report_import, new_inspection_title=title))
    inspection = Inspection.objects.get(title=title)
    assert inspection.published_on is None and inspection.force == warwickshire
    cause = inspection.findings.get(kind="cause_of_concern")
    assert cause.accelerated and cause.issued_on == date(2025, 6, 16) and cause.reference == "CoC 1"
    recommendations = list(cause.recommendations.order_by("order"))
    assert [r.reference for r in recommendations] == ["Rec 1.1", "Rec 1.2", "Rec 1.3", "Rec 1.4"]
    assert recommendations[0].due_date == date(2025, 9, 16)  # within three months of the letter
    assert recommendations[3].due_date == date(2025, 12, 16)
    issued = HmicfrsDecision.objects.get(finding=cause)
    assert issued.outcome == "issued" and issued.decided_on == date(2025, 6, 16)
    report_import.refresh_from_db()
    assert report_import.status == ReportImportStatus.ACCEPTED and report_import.inspection == inspection


def test_an_accelerated_cause_of_concern_cannot_join_a_report_published_before_it(client, warwickshire, people):
    report_import = read_letter(warwickshire, people["opcc"], ACCELERATED)
    client.force_login(people["opcc"])
    url = reverse("report_import_review", args=[report_import.pk])
    response = client.post(url, accelerated_post(report_import, inspection=3), follow=True).content.decode()
    assert "before the letter" in response
    assert not Finding.objects.filter(accelerated=True).exists()
