"""Progress on findings: dated narrative updates, and the audit trail of every change.

Neither is ever edited or deleted through the tracker: history is appended, not rewritten.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from inspections.core.labels import date_and_time
from inspections.core.status import Rag, Status

from .finding import Finding


class ProgressUpdate(models.Model):
    finding = models.ForeignKey(Finding, on_delete=models.PROTECT, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="progress_updates")
    written_at = models.DateTimeField(default=timezone.now)
    narrative = models.TextField()
    status = models.CharField(
        max_length=25, choices=Status.choices, help_text="The finding's status after this update."
    )
    rag = models.CharField("RAG rating", max_length=10, choices=Rag.choices, blank=True)
    next_update_due = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["finding", "-written_at"]
        indexes = [models.Index(fields=["finding", "-written_at"], name="update_finding_latest")]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=Status.values), name="update_status_valid"),
            models.CheckConstraint(condition=models.Q(rag="") | models.Q(rag__in=Rag.values), name="update_rag_valid"),
        ]

    def __str__(self):
        return f"Update on {self.finding.reference} by {self.author} at {date_and_time(self.written_at)}"


class ChangeAction(models.TextChoices):
    CREATED = "created", "Created"
    PROGRESS = "progress", "Progress update"
    EDITED = "edited", "Edited"
    STATUS = "status", "Status changed"
    PROPOSED = "proposed", "Proposed as complete"
    SIGNED_OFF = "signed_off", "Signed off by the board"
    RETURNED = "returned", "Returned to the owner"
    REASSIGNED = "reassigned", "Reassigned"
    DUE_DATE_REVISED = "due_date_revised", "Target date revised"
    RESPONSE_EDITED = "response_edited", "Response edited"
    HMICFRS_DECISION = "hmicfrs_decision", "HMICFRS decision"
    EXTENSION_REQUESTED = "extension_requested", "Extension requested"
    EXTENSION_DECIDED = "extension_decided", "Extension decided"
    DEMONSTRATING = "demonstrating", "Signed off: demonstration period started"
    DEMONSTRATION_ENDED = "demonstration_ended", "Closed after the demonstration period"


class FindingChange(models.Model):
    """One changed field of a finding: who, when, before and after, and why."""

    finding = models.ForeignKey(Finding, on_delete=models.PROTECT, related_name="changes")
    version = models.PositiveIntegerField(help_text="The finding's version after this change.")
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="finding_changes",
        help_text="Empty for changes made by the system (imports, data loads).",
    )
    action = models.CharField(max_length=20, choices=ChangeAction.choices)
    field = models.CharField(max_length=50, blank=True)
    before = models.TextField(blank=True)
    after = models.TextField(blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["finding", "-changed_at", "-id"]
        indexes = [
            models.Index(fields=["finding", "-changed_at"], name="change_finding_latest"),
            models.Index(fields=["changed_at"], name="change_when"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(action__in=ChangeAction.values), name="change_action_valid"),
        ]

    def __str__(self):
        return f"{self.get_action_display()} on {self.finding.reference} at {date_and_time(self.changed_at)}"
