"""Inspections and their graded judgments."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from inspections.core.grading import Grade, GradingScale, grades_for, is_grade_in_scale

from .organisation import Force


class InspectionKind(models.TextChoices):
    PEEL = "peel", "PEEL"
    THEMATIC = "thematic", "Thematic"
    OTHER = "other", "Other"


class Inspection(models.Model):
    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="inspections")
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=InspectionKind.choices, default=InspectionKind.PEEL)
    published_on = models.DateField(
        null=True, blank=True, help_text="Empty until the report is published (or where the date is not known)."
    )
    fieldwork_started_on = models.DateField(null=True, blank=True)
    fieldwork_ended_on = models.DateField(null=True, blank=True)
    report_url = models.URLField("report link", max_length=500, blank=True)
    grading_scale = models.CharField(max_length=10, choices=GradingScale.choices)
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_inspections",
        verbose_name="previous inspection",
        help_text="The earlier inspection of the same force that this one is compared with.",
    )
    hmicfrs_reference = models.CharField(
        "HMICFRS reference", max_length=100, blank=True, help_text="'Your ref' on the Section 55 letter."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["force", "-published_on", "title"]
        constraints = [
            models.UniqueConstraint(fields=["force", "title"], name="inspection_title_unique_per_force"),
            models.CheckConstraint(
                condition=Q(fieldwork_ended_on__isnull=True)
                | Q(fieldwork_started_on__isnull=True)
                | Q(fieldwork_ended_on__gte=F("fieldwork_started_on")),
                name="fieldwork_ends_after_start",
                violation_error_message="Fieldwork must end on or after the day it starts.",
            ),
            models.CheckConstraint(condition=~Q(previous=F("id")), name="inspection_not_its_own_previous"),
            models.CheckConstraint(condition=Q(kind__in=InspectionKind.values), name="inspection_kind_valid"),
            models.CheckConstraint(condition=Q(grading_scale__in=GradingScale.values), name="inspection_scale_valid"),
        ]
        indexes = [models.Index(fields=["force", "published_on"], name="inspection_force_published")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("inspection_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.previous_id:
            if self.previous_id == self.pk:
                errors["previous"] = "An inspection cannot be compared with itself."
            elif self.force_id and self.previous.force_id != self.force_id:
                errors["previous"] = "The previous inspection must be of the same force."
            elif self.published_on and self.previous.published_on and self.previous.published_on >= self.published_on:
                errors["previous"] = "The previous inspection must have been published earlier."
        if self.fieldwork_ended_on and self.published_on and self.fieldwork_ended_on > self.published_on:
            errors["fieldwork_ended_on"] = "Fieldwork cannot end after the report was published."
        if errors:
            raise ValidationError(errors)


class JudgmentLevel(models.TextChoices):
    PILLAR = "pillar", "Pillar"
    AREA = "area", "Area"


class GradedJudgment(models.Model):
    """A pillar (2014-2019 reports: Effectiveness, Efficiency, Legitimacy) or an area, with its grade.

    An empty grade is an assessment that is not graded (e.g. the victim service assessment).
    """

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="judgments")
    level = models.CharField(max_length=10, choices=JudgmentLevel.choices, default=JudgmentLevel.AREA)
    pillar = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="areas",
        limit_choices_to={"level": JudgmentLevel.PILLAR},
    )
    name = models.CharField(max_length=200)
    grade = models.CharField(max_length=25, choices=Grade.choices, blank=True)
    order = models.PositiveIntegerField(help_text="Position in the report.")
    compared_with = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="compared_by",
        help_text="The judgment of the previous inspection that this one is set beside.",
    )

    class Meta:
        ordering = ["inspection", "order"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "name"], name="judgment_name_unique_per_inspection"),
            models.UniqueConstraint(fields=["inspection", "order"], name="judgment_order_unique_per_inspection"),
            models.CheckConstraint(condition=Q(grade="") | Q(grade__in=Grade.values), name="judgment_grade_valid"),
            models.CheckConstraint(
                condition=Q(level=JudgmentLevel.AREA) | Q(pillar__isnull=True),
                name="pillar_has_no_pillar",
            ),
            models.CheckConstraint(condition=~Q(pillar=F("id")), name="judgment_not_its_own_pillar"),
        ]

    def __str__(self):
        grade = self.get_grade_display() if self.grade else "not graded"
        return f"{self.name}: {grade}"

    @property
    def is_graded(self):
        return bool(self.grade)

    def clean(self):
        errors = {}
        inspection = self.inspection if self.inspection_id else None
        if inspection and self.grade and not is_grade_in_scale(self.grade, inspection.grading_scale):
            allowed = ", ".join(Grade(grade).label for grade in grades_for(inspection.grading_scale))
            errors["grade"] = (
                f"“{Grade(self.grade).label}” is not a grade on this inspection's scale "
                f"({inspection.get_grading_scale_display()}: {allowed or 'no grades'})."
            )
        if self.pillar_id:
            if self.level == JudgmentLevel.PILLAR:
                errors["pillar"] = "A pillar cannot sit under another pillar."
            elif self.pillar.level != JudgmentLevel.PILLAR:
                errors["pillar"] = "Areas can only be grouped under a pillar."
            elif inspection and self.pillar.inspection_id != inspection.pk:
                errors["pillar"] = "The pillar must belong to the same inspection."
        if self.compared_with_id and inspection:
            earlier = self.compared_with.inspection
            if earlier.pk == inspection.pk or earlier.force_id != inspection.force_id:
                errors["compared_with"] = "Compare only with an earlier inspection of the same force."
        if errors:
            raise ValidationError(errors)
