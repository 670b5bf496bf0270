"""Acceptance of each kind of report from its review page: a 2014–2019 report becomes an inspection with
pillars and four-tier grades; a national report a thematic inspection of standalone recommendations for
the force (those for others kept as context), whose Section 55 letter then works like any other."""

import re
from datetime import date

import pytest
from django.urls import reverse

from inspections.importing import report_imports
from inspections.importing.extraction import Extraction
from inspections.models import Finding, GradedJudgment, Inspection, ReportImportStatus
from inspections.section55.letter import render_letter_html, response_for
from tests.importing.expected_findings import DATA

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def read(force, user, file, replace=None, published=None):
    text = (DATA / file).read_text()
    for old, new in (replace or {}).items():
        text = text.replace(old, new)
    report_import = report_imports.start_report_import(
        force=force, by=user, name=file, data=text.encode(), published_on=published
    )
    report_imports.read_report_import(report_import.pk)
    report_import.refresh_from_db()
    assert report_import.status == ReportImportStatus.READY, report_import.error
    return report_import


def review_post(report_import, action="accept", renumber=True, **overrides):
    """The review form as the page posts it, from the saved draft."""
    draft = Extraction.from_dict(report_import.draft)
    data = {
        "title": draft.title, "published_on": draft.published_on or "", "draft_version": report_import.draft_version,
        "action": action, "areas-TOTAL_FORMS": len(draft.areas), "areas-INITIAL_FORMS": len(draft.areas),
        "items-TOTAL_FORMS": len(draft.items), "items-INITIAL_FORMS": len(draft.items),
    } | overrides
    if renumber:
        data["renumber"] = "on"
    for index, area in enumerate(draft.areas):
        data |= {f"areas-{index}-key": area.key, f"areas-{index}-name": area.name, f"areas-{index}-grade": area.grade}
    for index, item in enumerate(draft.items):
        row = {
            "key": item.key, "kind": item.kind, "reference": item.reference, "area": item.area or "",
            "parent": item.parent or "", "text": item.text, "context": item.context, "time_frame": item.time_frame,
            "position": item.order,
        }
        data |= {f"items-{index}-{name}": value for name, value in row.items()}
    return data


def test_a_2019_report_is_accepted_with_its_pillars_and_four_tier_grades(client, warwickshire, people):
    report_import = read(
        warwickshire, people["opcc"], "peel2019-westshire-police-report.txt", {"Westshire": "Warwickshire"},
        published=date(2019, 9, 27),
    )
    draft = Extraction.from_dict(report_import.draft)
    assert draft.format == "peel2014" and draft.grading_scale == "four_tier"
    client.force_login(people["opcc"])
    url = reverse("report_import_review", args=[report_import.pk])
    assert "Read by: PEEL 2014 to 2019" in client.get(url).content.decode()
    title = "PEEL 2018/19 (re-read): An inspection of Warwickshire Police"
    client.post(url, review_post(report_import, title=title))
    inspection = Inspection.objects.get(title=title)
    assert inspection.grading_scale == "four_tier" and inspection.kind == "peel"
    pillars = {j.name: j for j in inspection.judgments.filter(level="pillar")}
    assert {n: j.grade for n, j in pillars.items()} == {
        "Effectiveness": "good", "Efficiency": "requires_improvement", "Legitimacy": "good",
    }
    planning = inspection.judgments.get(name="Planning for the future")
    assert planning.grade == "inadequate" and planning.pillar == pillars["Efficiency"]
    assert GradedJudgment.objects.get(inspection=inspection, name="Armed policing").grade == ""
    cause = inspection.findings.get(reference="CoC 2")
    assert cause.judgment == planning and [r.time_frame for r in cause.recommendations.all()] == ["immediately"] * 2
    assert inspection.findings.count() == 20


def test_a_national_report_becomes_standalone_recommendations_for_the_force(client, warwickshire, people):
    report_import = read(warwickshire, people["opcc"], "national-wanted-suspects-2025.txt")
    client.force_login(people["opcc"])
    url = reverse("report_import_review", args=[report_import.pk])
    page = client.get(url).content.decode()
    assert "Recommendations addressed to others" in page and "the College of Policing" in page
    renumber = re.search(r'<input[^>]*name="renumber"[^>]*>', page).group(0)
    assert "checked" not in renumber  # a national report's own numbers are kept
    client.post(url, review_post(report_import, renumber=False))
    report_import.refresh_from_db()
    assert report_import.status == ReportImportStatus.ACCEPTED
    inspection = report_import.inspection
    title = "An inspection of how well the police service manages wanted and outstanding suspects"
    assert inspection.title == title and inspection.kind == "thematic" and inspection.grading_scale == "ungraded"
    assert inspection.previous is None and not inspection.judgments.exists()
    findings = list(inspection.findings.order_by("order"))
    assert [(f.reference, f.kind) for f in findings] == [
        ("Rec 1", "recommendation"), ("Rec 2", "recommendation"), ("Rec 6", "recommendation"),
        ("AFI 1", "area_for_improvement"), ("AFI 2", "area_for_improvement"),
    ]
    assert all(f.cause_of_concern is None for f in findings)
    assert findings[0].due_date == date(2025, 10, 31)
    assert findings[2].due_date == date(2025, 2, 4)  # with immediate effect: due on publication
    assert not Finding.objects.filter(text__contains="College of Policing should").exists()


def test_the_section_55_letter_of_a_national_report_is_its_recommendations_and_responses(client, warwickshire, people):
    report_import = read(warwickshire, people["opcc"], "national-rape-joint-inspection-2025.txt")
    inspection = report_imports.accept(report_import, by=people["opcc"])
    first = inspection.findings.order_by("order").first()
    first.response = "Every victim now has a named officer; the force checks this monthly."
    first.save()
    client.force_login(people["opcc"])
    page = client.get(reverse("section55", args=[inspection.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Responses still missing" in body and "3 recommendations still lack one" in body
    letter = render_letter_html(response_for(inspection))
    assert "published on 10 September 2025" in letter
    assert "Make sure that every rape victim has a named officer" in letter
    assert "Every victim now has a named officer" in letter
    assert "Chief constables and the Crown Prosecution Service should, within six months" in letter
    assert "Response missing" in letter  # the others have none yet
    assert "Following the inspection, the following grades" not in letter  # nothing is graded
    assert client.get(reverse("section55_preview", args=[inspection.pk])).status_code == 200


def test_a_2023_25_report_is_accepted_from_its_review_page(client, db):
    from inspections.models import Access
    from tests.factories import ForceFactory, MembershipFactory

    marchmoor = ForceFactory(name="Marchmoor Police", slug="marchmoor")
    opcc = MembershipFactory(force=marchmoor, access=Access.OPCC_STAFF).user
    report_import = read(marchmoor, opcc, "peel2023-marchmoor-police-report.txt")
    client.force_login(opcc)
    url = reverse("report_import_review", args=[report_import.pk])
    page = client.get(url).content.decode()
    assert "Read by: PEEL 2023–25 and later" in page and "Check you chose the right force" not in page
    client.post(url, review_post(report_import))
    inspection = Inspection.objects.get(force=marchmoor)
    assert inspection.title == "PEEL 2023–2025: An inspection of Marchmoor Police"
    assert inspection.published_on == date(2025, 3, 12) and inspection.kind == "peel"
    assert inspection.judgments.filter(grade="").get().name == "Victim service assessment"
    cause = inspection.findings.get(reference="CoC 1")
    assert cause.recommendations.count() == 4 and cause.judgment.name == "Investigating crime"
    assert inspection.findings.get(reference="Rec 1.1").due_date == date(2025, 6, 12)
    carried = inspection.findings.get(reference="AFI 8")
    assert carried.text.startswith("The force should make sure that suspects released under investigation")
    assert carried.context.startswith("Our 2021/22 report said")


def test_another_inspection_of_the_force_is_accepted_as_an_inspection_of_kind_other(client, warwickshire, people):
    report_import = read(
        warwickshire, people["opcc"], "inspection-marchmoor-police-child-protection.txt",
        {"Marchmoor": "Warwickshire"},
    )
    inspection = report_imports.accept(report_import, by=people["opcc"])
    assert inspection.kind == "other" and inspection.grading_scale == "ungraded" and inspection.previous is None
    assert inspection.title.startswith("National child protection inspection: An inspection of Warwickshire Police")
    assert [f.reference for f in inspection.findings.order_by("order")] == [
        "Rec 1", "Rec 2", "Rec 3", "Rec 4", "Rec 5", "AFI 1", "AFI 2",
    ]
    assert inspection.findings.get(reference="Rec 1").due_date == date(2024, 11, 19)  # immediately
