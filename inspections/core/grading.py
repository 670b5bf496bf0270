"""HMICFRS grading scales: the only place that says which grades belong to which scale."""

from django.db import models


class Grade(models.TextChoices):
    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    ADEQUATE = "adequate", "Adequate"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"


def grade_label(value, *, none="Not graded"):
    """The grade's name as HMICFRS writes it, or `none` for an ungraded judgment."""
    return Grade(value).label if value else none


class GradingScale(models.TextChoices):
    FOUR_TIER = "four_tier", "Four tiers (2014 to 2019)"
    FIVE_TIER = "five_tier", "Five tiers (2021 onward)"
    UNGRADED = "ungraded", "Not graded"


SCALE_GRADES = {
    GradingScale.FOUR_TIER: (Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE),
    GradingScale.FIVE_TIER: (
        Grade.OUTSTANDING,
        Grade.GOOD,
        Grade.ADEQUATE,
        Grade.REQUIRES_IMPROVEMENT,
        Grade.INADEQUATE,
    ),
    GradingScale.UNGRADED: (),
}

# One ordering across both scales, best first, so a change of grade between a four-tier and a
# five-tier inspection can still be called an improvement or a fall.
GRADE_RANK = {
    Grade.OUTSTANDING: 1,
    Grade.GOOD: 2,
    Grade.ADEQUATE: 3,
    Grade.REQUIRES_IMPROVEMENT: 4,
    Grade.INADEQUATE: 5,
}


def grades_for(scale):
    return SCALE_GRADES[GradingScale(scale)]


def is_grade_in_scale(grade, scale):
    return grade in grades_for(scale)


def compare_grades(earlier, later):
    """'improved', 'fell', 'same', or None when either is ungraded."""
    if not earlier or not later:
        return None
    difference = GRADE_RANK[Grade(earlier)] - GRADE_RANK[Grade(later)]
    if difference > 0:
        return "improved"
    if difference < 0:
        return "fell"
    return "same"
