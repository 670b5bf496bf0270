"""Reminders and the emails that carry them.

A reminder is a row with a unique key (recipient, finding or inspection, rule, day) before it is an
email: the sweep claims it by inserting that row, and a second sweep for the same day (one after the
other, concurrently, or after a crash) finds the row there and sends nothing twice. The reminders of
one recipient and day are then gathered into one email (the digest; escalations get their own), a
stored record with a status: ready -> sending -> sent, or failed once every attempt has been used.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from inspections.core.labels import date_and_time, day_month_year

from .finding import Finding
from .inspection import Inspection
from .organisation import Force


class ReminderRule(models.TextChoices):
    DUE_SOON = "due_soon", "Due date approaching"
    OVERDUE = "overdue", "Overdue"
    UPDATE_DUE = "update_due", "Progress update due"
    ESCALATION = "escalation", "Escalation: overdue"
    S55_CLOCK = "s55_clock", "Section 55 response clock"
    S55_COMMENTS = "s55_comments", "Chief Constable's comments due"


class EmailKind(models.TextChoices):
    DIGEST = "digest", "Daily digest"
    ESCALATION = "escalation", "Escalation"


def email_kind_for(rule):
    """An escalation is its own email; every other rule goes in the recipient's daily digest."""
    return EmailKind.ESCALATION if rule == ReminderRule.ESCALATION else EmailKind.DIGEST


class EmailStatus(models.TextChoices):
    READY = "ready", "Ready to send"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class OutgoingEmail(models.Model):
    """One email as it was (or will be) sent: the record stays after sending, as the log."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="emails"
    )
    to = models.EmailField(help_text="The address at the time of sending.")
    kind = models.CharField(max_length=20, choices=EmailKind.choices)
    for_day = models.DateField(help_text="The day the reminders in it are for.")
    subject = models.CharField(max_length=250)
    plain_text = models.TextField()
    html = models.TextField()
    status = models.CharField(max_length=10, choices=EmailStatus.choices, default=EmailStatus.READY)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    run = models.UUIDField(help_text="The sweep that created it.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-for_day", "-created_at", "-id"]
        constraints = [
            # One digest and at most one escalation email per recipient per day.
            models.UniqueConstraint(
                fields=["recipient", "kind", "for_day"],
                condition=Q(kind__in=EmailKind.values),
                name="one_reminder_email_per_recipient_kind_day",
            ),
            models.CheckConstraint(condition=Q(status__in=EmailStatus.values), name="email_status_valid"),
            models.CheckConstraint(
                condition=~Q(status=EmailStatus.SENT) | Q(sent_at__isnull=False), name="sent_email_has_a_time"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "for_day"], name="email_status_day"),
            models.Index(fields=["run"], name="email_run"),
        ]

    def __str__(self):
        day = day_month_year(self.for_day)
        return f"{self.get_kind_display()} to {self.to} for {day} ({self.get_status_display()})"


class Reminder(models.Model):
    """One thing one person is reminded of on one day, about a finding or an inspection (exactly one)."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders")
    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, null=True, blank=True, related_name="reminders")
    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, null=True, blank=True, related_name="reminders",
        help_text="For the Section 55 clock; empty when the reminder is about a finding.",
    )
    force = models.ForeignKey(Force, on_delete=models.CASCADE, related_name="reminders")
    rule = models.CharField(max_length=20, choices=ReminderRule.choices)
    for_day = models.DateField(help_text="The day it is sent on.")
    reason = models.TextField()
    email = models.ForeignKey(OutgoingEmail, on_delete=models.SET_NULL, null=True, blank=True, related_name="reminders")
    run = models.UUIDField(help_text="The sweep that claimed it.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-for_day", "recipient", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(finding__isnull=False, inspection__isnull=True)
                | Q(finding__isnull=True, inspection__isnull=False),
                name="reminder_about_a_finding_or_an_inspection",
            ),
            models.CheckConstraint(condition=Q(rule__in=ReminderRule.values), name="reminder_rule_valid"),
            # The key of a reminder: two partial unique constraints, so that the empty side never
            # lets a duplicate through (and SQLite, in the embedded mode, enforces them too).
            models.UniqueConstraint(
                fields=["recipient", "finding", "rule", "for_day"],
                condition=Q(finding__isnull=False),
                name="one_reminder_per_finding_rule_day",
            ),
            models.UniqueConstraint(
                fields=["recipient", "inspection", "rule", "for_day"],
                condition=Q(inspection__isnull=False),
                name="one_reminder_per_inspection_rule_day",
            ),
        ]
        indexes = [
            models.Index(fields=["for_day", "recipient"], name="reminder_unsent", condition=Q(email__isnull=True)),
            models.Index(fields=["force", "-for_day"], name="reminder_force_day"),
            models.Index(fields=["run"], name="reminder_run"),
        ]

    def __str__(self):
        return f"{self.get_rule_display()} for {self.recipient} on {day_month_year(self.for_day)}"

    @property
    def status(self):
        """Pending until an email carries it; then the email's status."""
        return self.email.status if self.email_id else "pending"

    @property
    def subject(self):
        return self.finding if self.finding_id else self.inspection


class ReminderRun(models.Model):
    """One sweep: when it ran, what it claimed, and the reminders it could not send (and why)."""

    id = models.UUIDField(primary_key=True)
    day = models.DateField()
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True, help_text="Empty if the sweep stopped half-way.")
    reminders_claimed = models.PositiveIntegerField(default=0)
    emails_created = models.PositiveIntegerField(default=0)
    emails_redelivered = models.PositiveIntegerField(default=0)
    skipped = models.JSONField(
        default=list, blank=True, help_text="[{force, finding, inspection, text}]: reminders nobody could be sent."
    )
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["-started_at"], name="reminder_run_started")]

    def __str__(self):
        return f"Reminder sweep for {day_month_year(self.day)} started {date_and_time(self.started_at)}"

    def skipped_for(self, force_id):
        return [entry for entry in self.skipped if entry.get("force") == force_id]
