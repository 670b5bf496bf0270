"""The board's rules a force declares: how a finding is rated (RAG rules), and its requests for more time."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from inspections.core.labels import day_month_year
from inspections.core.status import Rag

from .finding import Finding
from .organisation import BoardMeeting, Force, GovernanceBoard


class RagCondition(models.TextChoices):
    """What a rule looks at, in the order the rules are applied: the first that holds gives the rating.
    Complete findings are always Blue (the tracker's own rule: Blue only when complete)."""

    PAST_TARGET = "past_target", "Past its target date and not complete"
    DUE_SOON = "due_soon", "Target date within the next few days and not complete"
    NOT_STARTED = "not_started", "Not started (awaiting allocation)"
    ON_TRACK = "on_track", "In progress and within its target date"


CONDITION_ORDER = list(RagCondition)


class RagRule(models.Model):
    """One of a force's RAG rules: when the condition holds, the finding should be rated `rag`."""

    force = models.ForeignKey(Force, on_delete=models.CASCADE, related_name="rag_rules")
    condition = models.CharField(max_length=20, choices=RagCondition.choices)
    rag = models.CharField("RAG rating", max_length=10, choices=[c for c in Rag.choices if c[0] != Rag.BLUE])
    within_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="For “target date within the next few days”: how many days."
    )
    wording = models.CharField(
        max_length=200, blank=True,
        help_text="As the legend in the board's papers puts it; empty for the tracker's words.",
    )

    class Meta:
        ordering = ["force", "condition"]
        constraints = [
            models.UniqueConstraint(fields=["force", "condition"], name="one_rag_rule_per_condition_per_force"),
            models.CheckConstraint(condition=Q(condition__in=RagCondition.values), name="rag_rule_condition_valid"),
            models.CheckConstraint(
                condition=Q(rag__in=[Rag.RED, Rag.AMBER, Rag.GREEN]), name="rag_rule_rating_valid"
            ),
            models.CheckConstraint(
                condition=~Q(condition=RagCondition.DUE_SOON) | Q(within_days__gt=0),
                name="rag_rule_due_soon_has_days",
            ),
        ]

    def __str__(self):
        return f"{self.force}: {self.get_rag_display()} when {self.describe().lower()}"

    def describe(self):
        if self.wording:
            return self.wording
        if self.condition == RagCondition.DUE_SOON:
            return f"Target date within the next {self.within_days} days and not complete"
        return RagCondition(self.condition).label

    def clean(self):
        if self.condition == RagCondition.DUE_SOON and not self.within_days:
            raise ValidationError({"within_days": "Say within how many days of its target date a finding is rated so."})


class ExtensionStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    APPROVED = "approved", "Approved"
    REFUSED = "refused", "Refused"


class ExtensionRequest(models.Model):
    """An owner's request for more time: a new target date and the reason, for the governing board to decide.
    Only an approved request revises the finding's target date; the original date is kept on the finding."""

    finding = models.ForeignKey(Finding, on_delete=models.PROTECT, related_name="extension_requests")
    requested_due_date = models.DateField("new target date asked for")
    due_date_when_requested = models.DateField(null=True, blank=True)
    reason = models.TextField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="extension_requests"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=ExtensionStatus.choices, default=ExtensionStatus.REQUESTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="extension_decisions"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    deciding_board = models.ForeignKey(
        GovernanceBoard, on_delete=models.PROTECT, null=True, blank=True, related_name="extension_decisions"
    )
    meeting = models.ForeignKey(
        BoardMeeting, on_delete=models.PROTECT, null=True, blank=True, related_name="extension_decisions",
        help_text="The meeting it was decided at; empty when decided between meetings.",
    )
    decision_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["finding", "-requested_at", "-id"]
        indexes = [
            models.Index(fields=["requested_at"], name="extension_requested_at"),
            models.Index(fields=["decided_at"], name="extension_decided_at"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ExtensionStatus.values), name="extension_status_valid"),
            models.UniqueConstraint(
                fields=["finding"], condition=Q(status=ExtensionStatus.REQUESTED),
                name="one_open_extension_request_per_finding",
                violation_error_message="This finding already has an extension request waiting for the board.",
            ),
            models.CheckConstraint(
                condition=Q(status=ExtensionStatus.REQUESTED, decided_at__isnull=True, decided_by__isnull=True)
                | (
                    ~Q(status=ExtensionStatus.REQUESTED)
                    & Q(decided_at__isnull=False, decided_by__isnull=False, deciding_board__isnull=False)
                ),
                name="extension_decided_by_a_board",
            ),
        ]

    def __str__(self):
        return (
            f"{self.finding.reference}: to {day_month_year(self.requested_due_date)} "
            f"({self.get_status_display().lower()})"
        )

    @property
    def is_open(self):
        return self.status == ExtensionStatus.REQUESTED
