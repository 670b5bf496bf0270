"""The generated parts of the letter: recommendation lead-ins, grades against the previous inspection's,
the governance summary."""

from datetime import date

import pytest

from inspections.core.status import Status
from inspections.models import Inspection
from inspections.section55.letter import inspectorate_name
from inspections.section55.parts import (
    governance_summary_for,
    grade_comparison,
    recommendation_lead_in,
)

OPENING = "To address this cause of concern, we recommend that"


@pytest.mark.parametrize(
    ("frames", "noun", "expected"),
    [
        (["within six months"] * 3, "force", f"{OPENING} within six months the force should:"),
        (["immediately"], "force", f"{OPENING} the force should immediately:"),
        (["Within three months"], "constabulary", f"{OPENING} within three months the constabulary should:"),
        (["by 30 September 2025"], "force", f"{OPENING} by 30 September 2025 the force should:"),
        ([""], "force", f"{OPENING} the force should:"),
        (["immediately", "within six months"], "force", f"{OPENING} the force should:"),
    ],
)
def test_recommendation_lead_in_follows_the_time_frame(frames, noun, expected):
    assert recommendation_lead_in(frames, noun) == expected


def test_the_inspectorate_is_his_majestys_from_september_2022():
    assert inspectorate_name(date(2019, 11, 21)).startswith("Her Majesty's Inspectorate")
    assert inspectorate_name(date(2022, 12, 1)).startswith("His Majesty's Inspectorate")


@pytest.mark.django_db
def test_grades_are_set_against_the_previous_inspections(warwickshire):
    current, previous = grade_comparison(Inspection.objects.get(pk=2))
    assert [(line.name, line.grade) for line in current] == [
        ("Effectiveness", "Good"), ("Efficiency", "Requires improvement"), ("Legitimacy", "Good"),
    ]
    assert [(line.name, line.grade) for line in previous] == [
        ("Effectiveness", "Requires improvement"), ("Efficiency", "Good"), ("Legitimacy", "Requires improvement"),
    ]
    current, previous = grade_comparison(Inspection.objects.get(pk=3))  # 2021/22: areas, no pillars
    assert len(current) == 9 and current[0].grade == "Not graded"
    renamed = next(line for line in previous if line.name.startswith("Engaging with"))
    assert (renamed.grade, renamed.note) == ("Requires improvement", "graded as ‘Treating the public fairly’")
    assert next(line for line in previous if line.name == "Responding to the public").note == "no comparable grade"


@pytest.mark.django_db
def test_governance_summary_names_the_boards_and_how_often_they_meet(warwickshire):
    summary = governance_summary_for(Inspection.objects.get(pk=2))
    assert summary.startswith(
        "In summary, all of these causes of concern, recommendations and areas for improvement have been "
        "designated a strategic force lead."
    )
    assert (
        "governance and oversight through the Warwickshire Assurance Board, chaired by the Deputy Chief Constable, "
        "meeting monthly for the first six months." in summary
    )
    assert "also governed through the Investigations, Standards and Outcomes meeting and the People Services Board" in (
        summary
    )
    ipa = Inspection.objects.get(pk=2)
    ipa.findings.filter(reference="AFI 3").update(owner=None, status=Status.AWAITING_ALLOCATION)
    assert "29 of these 30" in governance_summary_for(ipa)
