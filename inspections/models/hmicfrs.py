"""HMICFRS's own decisions on a force's findings, kept apart from the force board's sign-off.

HMICFRS closes causes of concern one by one, usually by letter after a revisit or a Policing
Performance Oversight Group meeting ("I will be closing the force's cause of concern regarding …"),
or keeps one open with next steps. That is the inspectorate's judgment, not the force's: a cause of
concern the board has signed off can still be open with HMICFRS, and the other way round. Decisions
are appended, never edited; the latest is where HMICFRS stands.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .finding import Finding, FindingKind
from .importing import ReportImport


class HmicfrsOutcome(models.TextChoices):
    CLOSED = "closed", "Closed by HMICFRS"
    OPEN = "open", "Remains open"


class HmicfrsDecision(models.Model):
    finding = models.ForeignKey(Finding, on_delete=models.PROTECT, related_name="hmicfrs_decisions")
    outcome = models.CharField(max_length=10, choices=HmicfrsOutcome.choices)
    decided_on = models.DateField(help_text="The date of HMICFRS's letter.")
    letter_title = models.CharField(max_length=300, help_text="e.g. Revisit of the cause of concern on …")
    letter_url = models.URLField(max_length=500, blank=True, help_text="Where the letter is published.")
    next_steps = models.TextField(blank=True, help_text="What HMICFRS expects next, when it keeps it open.")
    summary = models.TextField(blank=True, help_text="The letter's own words about this finding.")
    source_import = models.ForeignKey(
        ReportImport, on_delete=models.SET_NULL, null=True, blank=True, related_name="hmicfrs_decisions",
        help_text="The imported letter this was read from, if any.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="hmicfrs_decisions"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["finding", "-decided_on", "-recorded_at", "-id"]
        indexes = [models.Index(fields=["finding", "-decided_on"], name="hmicfrs_decision_latest")]
        constraints = [
            models.CheckConstraint(condition=Q(outcome__in=HmicfrsOutcome.values), name="hmicfrs_outcome_valid"),
            models.CheckConstraint(condition=~Q(letter_title=""), name="hmicfrs_decision_names_its_letter"),
        ]

    def __str__(self):
        return f"{self.get_outcome_display()}: {self.finding.reference} ({self.decided_on:%Y-%m-%d})"

    def clean(self):
        if self.finding_id and self.finding.kind == FindingKind.AREA_FOR_IMPROVEMENT:
            raise ValidationError(
                {"finding": "HMICFRS decides on causes of concern and recommendations, not areas for improvement."}
            )
        issued = (self.finding.issued_on or self.finding.inspection.published_on) if self.finding_id else None
        if issued and self.decided_on and self.decided_on < issued:
            raise ValidationError({"decided_on": "HMICFRS's decision cannot be dated before the finding was issued."})
