"""HMICFRS's own decisions on a finding, kept apart from the force's governance.

When HMICFRS writes to a force about a cause of concern (an accelerated cause of concern issued
before the report, a revisit, a closure letter after a Policing Performance Oversight Group meeting),
its decision is a fact of its own: HMICFRS can close a cause of concern the board has not yet signed
off, or keep open one the board has closed. So it is never a status of the finding: each decision is
a record, appended and never edited (the latest is HMICFRS's current position), and the board's
sign-off stays where it is (Finding.status, closed_by_board).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from inspections.core.labels import day_month_year

from .finding import Finding, FindingKind
from .importing import ReportImport


class HmicfrsOutcome(models.TextChoices):
    ISSUED = "issued", "Issued by HMICFRS"  # an accelerated cause of concern, before the report
    OPEN = "open", "Remains open"
    CLOSED = "closed", "Closed by HMICFRS"


class HmicfrsDecisionQuerySet(models.QuerySet):
    def latest_first(self):
        return self.order_by("-decided_on", "-recorded_at", "-id")


class HmicfrsDecision(models.Model):
    finding = models.ForeignKey(
        Finding,
        on_delete=models.PROTECT,
        related_name="hmicfrs_decisions",
        help_text="The cause of concern (or recommendation) HMICFRS decided on.",
    )
    outcome = models.CharField(max_length=10, choices=HmicfrsOutcome.choices)
    decided_on = models.DateField(help_text="The date of HMICFRS's letter.")
    letter_title = models.CharField(max_length=300, help_text="The letter as HMICFRS titles it.")
    letter_url = models.URLField("link to the letter", max_length=500, blank=True)
    next_steps = models.TextField(blank=True, help_text="What HMICFRS will do next, where it stays open.")
    summary = models.TextField(blank=True, help_text="The letter's own words about this finding.")
    source_import = models.ForeignKey(
        ReportImport,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hmicfrs_decisions",
        help_text="The import of the letter it was read from, if any.",
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = HmicfrsDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["finding", "-decided_on", "-recorded_at", "-id"]
        verbose_name = "HMICFRS decision"
        constraints = [
            models.CheckConstraint(condition=Q(outcome__in=HmicfrsOutcome.values), name="hmicfrs_outcome_valid"),
            models.CheckConstraint(condition=~Q(letter_title=""), name="hmicfrs_decision_names_its_letter"),
            models.CheckConstraint(
                condition=~Q(outcome=HmicfrsOutcome.CLOSED) | Q(next_steps=""),
                name="hmicfrs_closed_has_no_next_steps",
                violation_error_message="A cause of concern HMICFRS has closed has no next steps.",
            ),
        ]
        indexes = [models.Index(fields=["finding", "-decided_on"], name="hmicfrs_decision_latest")]

    def __str__(self):
        return f"{self.get_outcome_display()}: {self.finding.reference} ({day_month_year(self.decided_on)})"

    def clean(self):
        errors = {}
        if self.finding_id:
            kinds = (FindingKind.CAUSE_OF_CONCERN, FindingKind.RECOMMENDATION)
            if self.finding.kind not in kinds:
                errors["finding"] = "HMICFRS decides on causes of concern and their recommendations."
            elif self.outcome == HmicfrsOutcome.ISSUED and not self.finding.accelerated:
                errors["outcome"] = "Only an accelerated cause of concern is issued by letter before the report."
        if self.outcome == HmicfrsOutcome.CLOSED and self.next_steps.strip():
            errors["next_steps"] = "A cause of concern HMICFRS has closed has no next steps."
        issued = (self.finding.issued_on or self.finding.inspection.published_on) if self.finding_id else None
        if issued and self.decided_on and self.decided_on < issued:
            errors["decided_on"] = "HMICFRS's decision cannot be dated before the finding was issued."
        if self.decided_on and self.decided_on > timezone.localdate():
            errors["decided_on"] = "The letter's date cannot be in the future."
        if errors:
            raise ValidationError(errors)
