"""The real Warwickshire data, counted by hand from the documents in ../shared/reference/.

2019 integrated PEEL assessment (the Section 55 letter of 21 November 2019):
  pillars   Effectiveness (Good), Efficiency (Requires improvement), Legitimacy (Good)
  areas     Investigating crime (RI), Protecting vulnerable people (Good), Tackling serious and organised
            crime (Good), Armed policing (not graded), Meeting current demands and using resources (RI),
            Planning for the future (Inadequate), Treating the public fairly (RI), Ethical and lawful
            workforce behaviour (Good), Treating the workforce fairly (Good)
  causes of concern 3, with 7 + 3 + 3 recommendations; areas for improvement 2 + 3 + 1 + 3 + 2 + 3 = 14
PEEL 2021/22 (published 14 October 2022): nine areas, eight graded; 22 areas for improvement
  (2 + 1 + 4 + 5 + 2 + 3 + 3 + 2), two of them carried over from 2019.
"""

from datetime import date

import pytest

from inspections.core.status import Status
from inspections.models import Finding, FindingKind, GovernanceBoard, GradedJudgment, Inspection, JudgmentLevel

pytestmark = pytest.mark.django_db


def counts(inspection):
    findings = inspection.findings
    return (
        findings.filter(kind=FindingKind.CAUSE_OF_CONCERN).count(),
        findings.filter(kind=FindingKind.RECOMMENDATION).count(),
        findings.filter(kind=FindingKind.AREA_FOR_IMPROVEMENT).count(),
    )


def test_three_inspections_linked_in_order(warwickshire):
    peel_2017, ipa_2019, peel_2022 = Inspection.objects.filter(force=warwickshire).order_by("pk")
    assert ipa_2019.previous == peel_2017
    assert peel_2022.previous == ipa_2019
    assert ipa_2019.published_on == date(2019, 9, 27)
    assert peel_2022.published_on == date(2022, 10, 14)
    assert (ipa_2019.grading_scale, peel_2022.grading_scale) == ("four_tier", "five_tier")


def test_2019_counts_match_the_section_55_letter(warwickshire):
    ipa = Inspection.objects.get(title__contains="Integrated PEEL Assessment 2019")
    assert counts(ipa) == (3, 13, 14)
    pillars = {j.name: j.grade for j in ipa.judgments.filter(level=JudgmentLevel.PILLAR)}
    assert pillars == {"Effectiveness": "good", "Efficiency": "requires_improvement", "Legitimacy": "good"}
    areas = {j.name: j.grade for j in ipa.judgments.filter(level=JudgmentLevel.AREA)}
    assert areas == {
        "Investigating crime": "requires_improvement",
        "Protecting vulnerable people": "good",
        "Tackling serious and organised crime": "good",
        "Armed policing": "",
        "Meeting current demands and using resources": "requires_improvement",
        "Planning for the future": "inadequate",
        "Treating the public fairly": "requires_improvement",
        "Ethical and lawful workforce behaviour": "good",
        "Treating the workforce fairly": "good",
    }
    causes = ipa.findings.filter(kind=FindingKind.CAUSE_OF_CONCERN).order_by("order")
    per_coc = [coc.recommendations.count() for coc in causes]
    assert per_coc == [7, 3, 3]


def test_2019_grades_set_beside_2017(warwickshire):
    """'These grades compare with those awarded following the previous HMICFRS inspections in 2017/18'."""
    ipa = Inspection.objects.get(title__contains="2019")
    beside = {j.name: j.compared_with.grade for j in ipa.judgments.filter(level=JudgmentLevel.PILLAR)}
    assert beside == {
        "Effectiveness": "requires_improvement",
        "Efficiency": "good",
        "Legitimacy": "requires_improvement",
    }


def test_every_2019_finding_has_the_forces_response(warwickshire):
    ipa = Inspection.objects.get(title__contains="2019")
    assert not ipa.findings.filter(response="").exists()
    disclosure = ipa.findings.get(reference="Rec 1.7")
    assert disclosure.text.startswith("Introduce effective arrangements to ensure it complies fully")
    assert "Detective Supt. as the force's lead on matters of disclosure" in disclosure.response


def test_2021_22_counts_match_the_report(warwickshire):
    peel = Inspection.objects.get(title__startswith="PEEL 2021/22")
    assert counts(peel) == (0, 0, 22)
    judgments = peel.judgments.all()
    assert judgments.count() == 9
    assert judgments.exclude(grade="").count() == 8
    assert judgments.get(grade="").name == "Victim service assessment"
    per_area = [j.findings.count() for j in judgments.order_by("order")]
    assert per_area == [0, 2, 1, 4, 5, 2, 3, 3, 2]


def test_two_carry_overs_from_2019_point_back_and_supersede(warwickshire):
    carried = Finding.objects.filter(repeats__isnull=False).select_related("repeats")
    assert carried.count() == 2
    pairs = {(f.judgment.name, f.repeats.judgment.name) for f in carried}
    assert pairs == {
        ("Responding to the public", "Protecting vulnerable people"),
        ("Building, supporting and protecting the workforce", "Treating the workforce fairly"),
    }
    for finding in carried:
        assert finding.text.startswith("Our 2019 report said")
        assert finding.repeats.status == Status.SUPERSEDED
        assert finding.repeats.superseded_by == finding
        assert finding.carry_over_chain() == [finding.repeats]


def test_due_dates_follow_from_publication_and_time_frame(warwickshire):
    for finding in Finding.objects.select_related("inspection"):
        assert finding.original_due_date == finding.computed_due_date(), finding.reference
    assert Finding.objects.get(inspection__title__contains="2019", reference="Rec 1.1").due_date == date(2020, 3, 27)
    assert Finding.objects.get(inspection__title__contains="2019", reference="Rec 2.1").due_date == date(2019, 9, 27)
    # "Within three months, the force should review its IT strategy…"
    it = Finding.objects.get(inspection__title__startswith="PEEL 2021/22", reference="AFI 21")
    assert it.time_frame == "Within three months"
    assert it.due_date == date(2023, 1, 14)


def test_boards_named_in_the_letter_nest_under_the_assurance_board(warwickshire):
    wab = GovernanceBoard.objects.get(name="Warwickshire Assurance Board")
    assert wab.chair_role.title == "Deputy Chief Constable"
    assert wab.meeting_frequency == "Monthly for the first six months"
    people = GovernanceBoard.objects.get(name="Workforce Management Group")
    assert [b.name for b in people.lineage()] == [
        "Workforce Management Group",
        "People Services Board",
        "Warwickshire Assurance Board",
    ]
    assert GovernanceBoard.objects.get(name="Investigations, Standards and Outcomes meeting").parent == wab


def test_every_open_finding_has_an_owner_and_board_by_role(warwickshire):
    assert not Finding.objects.filter(owner__isnull=True).exists()
    assert not Finding.objects.filter(board__isnull=True).exists()
    # People are not named in the fixtures: roles are vacant until the demo loader fills them.
    assert not Finding.objects.filter(owner__holder__isnull=False).exists()


def test_fixtures_satisfy_every_model_rule(warwickshire):
    for model in (Inspection, GradedJudgment, Finding, GovernanceBoard):
        for obj in model.objects.all():
            obj.full_clean()
    assert warwickshire.local_policing_body.address_lines[-1] == "CV34 4SP"
