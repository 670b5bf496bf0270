"""Accuracy on a real report: Warwickshire Police, PEEL 2021/22 (published 14 October 2022).

The expected lists below were written by hand from reading the report (tests/data/), not by running
the importer: every graded area with its grade, the ungraded victim service assessment, every area
for improvement under an "Area(s) for improvement" heading (nothing from "Main findings" or
"Innovative practice") with its time frame, and the two carried over from the 2019 assessment.
"""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from inspections.importing.pipeline import extract
from inspections.models import Finding, GradedJudgment, Inspection
from tests.importing.support import REPORT, report_pdf, report_text, untrack_2021_22

PUBLISHED = date(2022, 10, 14)

# (area, grade), in report order; the victim service assessment is assessed but not graded.
EXPECTED_AREAS = [
    ("Victim service assessment", ""),
    ("Engaging with and treating the public with fairness and respect", "adequate"),
    ("Preventing crime and anti-social behaviour", "adequate"),
    ("Responding to the public", "requires_improvement"),
    ("Investigating crime", "requires_improvement"),
    ("Protecting vulnerable people", "adequate"),
    ("Managing offenders and suspects", "requires_improvement"),
    ("Building, supporting and protecting the workforce", "adequate"),
    ("Strategic planning, organisational management and value for money", "adequate"),
]

# (area, how the headline starts, how it ends, time frame, the 2019 finding it carries over)
EXPECTED_AFIS = [
    ("Engaging with and treating the public with fairness and respect",
     "The force should improve its external scrutiny processes for stop and search",
     "to make sure the powers are being used fairly and appropriately", "", None),
    ("Engaging with and treating the public with fairness and respect",
     "The force should increase its use of body-worn video",
     "to improve interactions between officers and the public", "", None),
    ("Preventing crime and anti-social behaviour",
     "The force should make sure that abstractions are effectively monitored and reduced",
     "not necessarily emergencies, for an extended period)", "", None),
    ("Responding to the public",
     "The force should make sure that repeat callers, and those that are vulnerable",
     "are routinely identified", "", None),
    ("Responding to the public",
     "The force needs to make sure that call handlers give appropriate advice",
     "on the preservation of evidence and crime prevention", "", None),
    ("Responding to the public",
     "The force needs to attend calls for service within its published attendance times",
     "when this doesn't happen, victims are fully updated", "", None),
    # Carried over: the headline is the finding itself; "Our 2019 report said…" is its context.
    ("Responding to the public",
     "The force should make sure that risk assessments are consistently applied to calls for service",
     "the quality of incident risk assessments when deployment delays occur", "", "AFI 1"),
    ("Investigating crime",
     "The force should make sure it carries out proportionate and thorough investigations",
     "into reported crimes", "", None),
    ("Investigating crime",
     "The force should make sure investigation plans are created where applicable",
     "all reasonable investigative opportunities are pursued", "", None),
    ("Investigating crime",
     "The force needs to make sure that the requirements of the Code of Practice for Victims of Crime",
     "victim personal statements and complete victim needs assessments", "", None),
    ("Investigating crime",
     "The force should make sure that there is an auditable record of the decision of the victim",
     "evidence-led prosecutions have been considered in all such cases", "", None),
    ("Investigating crime",
     "The force needs to put in place appropriate governance and monitoring processes",
     "complies with force and national policies", "", None),
    ("Protecting vulnerable people",
     "The force needs to improve its capacity and capability to deal with child sexual exploitation",
     "child sexual exploitation", "", None),
    ("Protecting vulnerable people",
     "The force should make sure its harm assessment unit within the multi-agency safeguarding hub",
     "in the assessment of child and adult cases", "", None),
    ("Managing offenders and suspects",
     "The force needs to make sure that it has effective governance in place",
     "release under investigation and bail", "", None),
    ("Managing offenders and suspects",
     "The force should improve its performance monitoring processes",
     "providing additional scrutiny to address outstanding actions", "", None),
    ("Managing offenders and suspects",
     "The force should make sure it has the capacity and capability to progress all investigations of online",
     "early liaison with children's services", "", None),
    ("Building, supporting and protecting the workforce",
     "The force should continue to review and improve wellbeing support",
     "staff in high-risk roles and staff experiencing trauma", "", None),
    ("Building, supporting and protecting the workforce",
     "The force should evaluate its wellbeing offer",
     "the time to access wellbeing support", "", None),
    ("Building, supporting and protecting the workforce",
     "The force should improve individual performance reviews",
     "Poor performance should be managed consistently.", "", "AFI 12"),
    ("Strategic planning, organisational management and value for money",
     "The force needs to make sure that it realises the benefits of its investment in IT and data",
     "to continue to improve its overall efficiency", "Within three months", None),
    ("Strategic planning, organisational management and value for money",
     "The force needs to develop a comprehensive understanding of demand",
     "meet and manage current demands efficiently", "Within three months", None),
]

# Headings under "Main findings" and "Innovative practice" that read like findings but are narrative.
NOT_TRACKED = [
    "The force should continue to find ways to seek advice from experts",
    "The force should make sure that orders such as domestic violence protection notices",
    "The force continues to improve the way it uses stop and search powers",
    "The force doesn't have an effective system in place for recording, monitoring and sharing",
]


def plain(text):
    return " ".join(text.replace("’", "'").split())


def assert_matches_the_report(extraction, earlier=None):
    areas = {a.key: a for a in extraction.areas}
    assert [(a.name, a.grade) for a in extraction.areas] == EXPECTED_AREAS
    assert sum(1 for a in extraction.areas if a.grade) == 8
    afis = [i for i in extraction.items if i.kind == "area_for_improvement"]
    assert len(extraction.items) == len(afis) == 22, [i.text[:60] for i in extraction.items]
    for item, (area, start, end, time_frame, carries) in zip(afis, EXPECTED_AFIS, strict=True):
        assert areas[item.area].name == area, item.text
        assert plain(item.text).startswith(plain(start)), item.text
        assert plain(item.text).endswith(plain(end)), item.text
        assert item.time_frame == time_frame, item.text
        assert (item.carry_over is not None) == (carries is not None), item.text
        if carries and earlier is not None:
            assert item.carry_over.chosen == earlier[carries].pk
            assert item.carry_over.candidates[0].similarity >= 0.15
    everything = " ".join(plain(f"{i.text} {i.context}") for i in extraction.items)
    for narrative in NOT_TRACKED:
        assert plain(narrative) not in everything
    assert [i.reference for i in afis] == [f"AFI {n}" for n in range(1, 23)]
    assert extraction.warnings == []


@pytest.fixture
def before_2021_22(warwickshire):
    untrack_2021_22(warwickshire)
    ipa = Inspection.objects.get(force=warwickshire, title__contains="2019")
    return {f.reference: f for f in ipa.findings.all()}


def test_the_text_of_the_report_gives_every_area_grade_and_area_for_improvement(warwickshire, before_2021_22):
    extraction = extract(REPORT.read_bytes(), force=warwickshire, published_on=PUBLISHED)
    assert extraction.title == "PEEL 2021/22: An inspection of Warwickshire Police"
    assert extraction.published_hint == "October 2022"
    assert_matches_the_report(extraction, earlier=before_2021_22)
    afi_7 = extraction.items[6]
    assert afi_7.carry_over.year == 2019 and afi_7.carry_over.phrase == "Our 2019 report said"
    assert "THRIVE" in afi_7.context and "Main findings" not in afi_7.context
    assert afi_7.context.startswith("Our 2019 report said that the force needed to improve the application")
    assert not extraction.items[19].text.startswith("Our 2019")
    assert extraction.items[20].due_date == "2023-01-14"  # within three months of 14 October 2022
    assert extraction.items[0].due_date == "2023-10-14"  # no time frame: twelve months


@pytest.mark.heavy
@pytest.mark.parametrize("styled", [False, True], ids=["plain layout", "report layout"])
def test_the_pdf_of_the_report_gives_the_same_extraction(warwickshire, before_2021_22, styled):
    extraction = extract(report_pdf(styled), force=warwickshire, published_on=PUBLISHED)
    assert extraction.stats["source"] == "pdf" and extraction.stats["pages"] > 20
    assert_matches_the_report(extraction, earlier=before_2021_22)
    from_text = extract(REPORT.read_bytes(), force=warwickshire, published_on=PUBLISHED)
    assert [plain(i.text) for i in extraction.items] == [plain(i.text) for i in from_text.items]
    # Running headers and page numbers do not leak into the findings' context.
    assert not any("PEEL 2021/22" in f"{i.text} {i.context}" for i in extraction.items)
    assert all(i.source.page for i in extraction.items)


def test_carry_overs_are_the_2019_risk_reassessments_and_performance_reviews(warwickshire, before_2021_22):
    extraction = extract(REPORT.read_bytes(), force=warwickshire, published_on=PUBLISHED)
    carried = {i.reference: i.carry_over for i in extraction.items if i.carry_over}
    assert set(carried) == {"AFI 7", "AFI 20"}
    assert carried["AFI 7"].candidates[0].reference == "AFI 1"
    assert "risk reassessments" in carried["AFI 7"].candidates[0].text
    assert carried["AFI 20"].candidates[0].reference == "AFI 12"
    assert "Individual performance reviews" in carried["AFI 20"].candidates[0].text
    assert "performance" in carried["AFI 20"].candidates[0].shared_words
    # Each proposal is clearly better than the next candidate.
    for carry in carried.values():
        assert carry.candidates[0].similarity > 2 * carry.candidates[1].similarity


def test_nothing_is_proposed_when_the_earlier_findings_are_already_superseded(warwickshire):
    """With the fixtures as they are, the 2019 findings were already carried into 2021/22."""
    extraction = extract(REPORT.read_bytes(), force=warwickshire, published_on=PUBLISHED)
    carried = [i for i in extraction.items if i.carry_over]
    assert len(carried) == 2 and all(i.carry_over.chosen is None for i in carried)
    assert any("AFI 7 is carried over" in w for w in extraction.warnings)
    assert extraction.warnings[0].startswith("Warwickshire Police already tracks “PEEL 2021/22")
    assert "published 14 October 2022" in extraction.warnings[0]


@pytest.mark.heavy
def test_the_command_prints_the_extraction_as_json_without_saving(warwickshire, before_2021_22, tmp_path):
    counts = (Inspection.objects.count(), GradedJudgment.objects.count(), Finding.objects.count())
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(report_pdf())
    out = StringIO()
    call_command("import_report", str(pdf), "--force", "Warwickshire Police", "--published", "2022-10-14", "--json",
                 stdout=out)
    data = json.loads(out.getvalue())
    assert [(a["name"], a["grade"]) for a in data["areas"]] == EXPECTED_AREAS
    assert len(data["items"]) == 22
    first = data["items"][0]
    wanted = {"kind", "text", "context", "time_frame", "parent", "order", "carry_over", "source", "due_date"}
    assert wanted <= set(first)
    chosen = [i["carry_over"]["chosen"] for i in data["items"] if i["carry_over"]]
    assert chosen == [before_2021_22["AFI 1"].pk, before_2021_22["AFI 12"].pk]
    assert data["items"][6]["carry_over"]["candidates"][0]["similarity"] > 0.15
    assert (Inspection.objects.count(), GradedJudgment.objects.count(), Finding.objects.count()) == counts


def test_the_command_names_what_is_wrong(warwickshire, tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="empty"):
        call_command("import_report", str(empty), "--force", "warwickshire")
    with pytest.raises(CommandError, match="No force"):
        call_command("import_report", str(REPORT), "--force", "atlantis")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("import_report", str(REPORT), "--force", "warwickshire", "--published", "14/10/2022")
    assert report_text().startswith("\n")  # the file as published, untouched
