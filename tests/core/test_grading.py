import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from inspections.core.grading import Grade, GradingScale, compare_grades
from inspections.models import GradedJudgment, JudgmentLevel
from tests.factories import InspectionFactory, JudgmentFactory

pytestmark = pytest.mark.django_db


def test_adequate_is_refused_on_the_four_tier_scale():
    inspection = InspectionFactory(grading_scale=GradingScale.FOUR_TIER)
    judgment = GradedJudgment(inspection=inspection, name="Investigating crime", grade=Grade.ADEQUATE, order=1)
    with pytest.raises(ValidationError) as error:
        judgment.full_clean()
    assert "grade" in error.value.message_dict
    assert "Adequate" in error.value.message_dict["grade"][0]


def test_adequate_is_accepted_on_the_five_tier_scale():
    judgment = JudgmentFactory.build(
        inspection=InspectionFactory(grading_scale=GradingScale.FIVE_TIER), grade=Grade.ADEQUATE
    )
    judgment.full_clean()


def test_ungraded_inspection_accepts_only_ungraded_assessments():
    inspection = InspectionFactory(grading_scale=GradingScale.UNGRADED)
    GradedJudgment(inspection=inspection, name="Victim service assessment", grade="", order=1).full_clean()
    with pytest.raises(ValidationError):
        GradedJudgment(inspection=inspection, name="Investigating crime", grade=Grade.GOOD, order=2).full_clean()


def test_unknown_grade_is_refused_by_the_database():
    inspection = InspectionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        GradedJudgment.objects.create(inspection=inspection, name="X", grade="excellent", order=1)


def test_areas_sit_under_a_pillar_of_the_same_inspection():
    inspection = InspectionFactory(grading_scale=GradingScale.FOUR_TIER)
    other = InspectionFactory(force=inspection.force, grading_scale=GradingScale.FOUR_TIER)
    pillar = JudgmentFactory(inspection=other, level=JudgmentLevel.PILLAR, name="Effectiveness", grade=Grade.GOOD)
    area = GradedJudgment(inspection=inspection, pillar=pillar, name="Investigating crime", grade=Grade.GOOD, order=9)
    with pytest.raises(ValidationError) as error:
        area.full_clean()
    assert "pillar" in error.value.message_dict


def test_grade_comparison_across_scales():
    assert compare_grades("requires_improvement", "good") == "improved"
    assert compare_grades("good", "adequate") == "fell"
    assert compare_grades("good", "good") == "same"
    assert compare_grades("", "good") is None
