"""The Section 55 response to an inspection: the statutory steps and dates (Police Act 1996, s55),
and the content of the letter itself.

The letter's body under "2. Comments from the Chief Constable" is not stored here: it is generated
from the inspection's judgments and findings (Finding.response), so the letter and the tracker never
disagree. Rendered PDFs are RenderedDocument rows (kind "section55_letter").
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from inspections.documents.images import validate_signature_upload
from inspections.section55 import clock

from .inspection import Inspection
from .organisation import Role

DEFAULT_SALUTATION = "Dear Inspector / Minister,"


class LetterStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    FINAL = "final", "Final"


def signature_upload_to(response, filename):
    # Our own name, never the uploaded one; the extension follows the checked content.
    extension = filename.rsplit(".", 1)[-1] if "." in filename else "img"
    return f"section55/signatures/inspection-{response.inspection_id}-{timezone.now():%Y%m%d%H%M%S}.{extension}"


class Section55Response(models.Model):
    inspection = models.OneToOneField(Inspection, on_delete=models.CASCADE, related_name="section55")
    comments_invited_on = models.DateField(
        "Chief Constable's comments invited on", null=True, blank=True, help_text="s55(4)."
    )
    comments_due_on = models.DateField(
        "Chief Constable's comments due by", null=True, blank=True, help_text="The date the PCC sets (s55(4))."
    )
    response_lead = models.ForeignKey(
        Role,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="section55_responses",
        verbose_name="force lead for the response",
    )
    sent_on = models.DateField(null=True, blank=True, help_text="Sent to HMICFRS and the Home Office.")
    published_on = models.DateField(null=True, blank=True, help_text="Published on the OPCC website.")
    published_url = models.URLField("published at", max_length=500, blank=True)

    # The letter. Free text is paragraphs and "- " bullet lists; it is never HTML.
    status = models.CharField(max_length=10, choices=LetterStatus.choices, default=LetterStatus.DRAFT)
    our_reference = models.CharField("our reference", max_length=100, blank=True)
    your_reference = models.CharField(
        "your reference", max_length=100, blank=True, help_text="HMICFRS's reference for the report."
    )
    letter_date = models.DateField("date of the letter", null=True, blank=True)
    salutation = models.CharField(max_length=150, default=DEFAULT_SALUTATION)
    pcc_introduction = models.TextField(
        "local policing body's comments: before the grades", blank=True,
        help_text="Section 1, the paragraphs before the list of grades.",
    )
    pcc_comments = models.TextField(
        "local policing body's comments: after the grades", blank=True,
        help_text="Section 1, the paragraphs after the grades and the comparison with the previous inspection.",
    )
    chief_constable_introduction = models.TextField(
        "Chief Constable's introduction", blank=True,
        help_text="Section 2, before the findings and responses (which come from the tracker).",
    )
    governance_summary = models.TextField(
        blank=True, help_text="Section 2, after the findings: which board governs them and how often it meets."
    )
    pcc_response = models.TextField(
        "local policing body's comments on the Chief Constable's comments", blank=True, help_text="Section 3."
    )
    include_report_context = models.BooleanField(
        "quote the report's paragraphs under each finding", default=False,
        help_text="As the 2019 Warwickshire letter did for armed policing.",
    )
    signatory_name = models.CharField(max_length=150, blank=True)
    signatory_title = models.CharField(max_length=200, blank=True)
    signature = models.FileField(
        upload_to=signature_upload_to, max_length=300, blank=True, validators=[validate_signature_upload],
        help_text="Optional: a PNG or JPEG image of the signature.",
    )

    version = models.PositiveIntegerField(default=1, help_text="Raised on every save; refuses stale edits.")
    finalised_at = models.DateTimeField(null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "Section 55 response"
        constraints = [
            models.CheckConstraint(
                condition=Q(comments_due_on__isnull=True)
                | Q(comments_invited_on__isnull=True)
                | Q(comments_due_on__gte=F("comments_invited_on")),
                name="s55_comments_due_after_invitation",
                violation_error_message="The comments cannot be due before they were invited.",
            ),
            models.CheckConstraint(
                condition=Q(published_on__isnull=True) | ~Q(published_url=""),
                name="s55_published_has_a_link",
                violation_error_message="Give the address where the response is published.",
            ),
            models.CheckConstraint(condition=Q(status__in=LetterStatus.values), name="s55_status_valid"),
            models.CheckConstraint(
                condition=Q(sent_on__isnull=True) | Q(status=LetterStatus.FINAL),
                name="s55_sent_only_when_final",
                violation_error_message="Only a final letter can be sent.",
            ),
            models.CheckConstraint(
                condition=Q(published_on__isnull=True) | Q(sent_on__isnull=False),
                name="s55_published_after_sent",
                violation_error_message="Record when the letter was sent before it is published.",
            ),
        ]

    def __str__(self):
        return f"Section 55 response to {self.inspection}"

    @property
    def deadline(self):
        return clock.deadline(self.inspection.published_on)

    @property
    def is_published(self):
        return self.published_on is not None

    @property
    def is_final(self):
        return self.status == LetterStatus.FINAL

    @property
    def is_sent(self):
        return self.sent_on is not None

    def days_left(self, on=None):
        """Days from `on` to the deadline: 0 on the last day itself, negative once it has passed."""
        return clock.days_left(self.inspection.published_on, on or timezone.localdate())

    def findings_lacking_response(self):
        """Findings of the inspection whose response is still empty, in report order."""
        return self.inspection.findings.lacking_response()

    def recommendations_lacking_response(self):
        """s55(5B): each recommendation needs the action taken or proposed, or why none will be."""
        return self.findings_lacking_response().filter(kind="recommendation")

    def day_number(self, on):
        """Day N of the 56, the day of publication being day one."""
        return clock.day_number(self.inspection.published_on, on)

    def clean(self):
        errors = {}
        if self.inspection_id and self.response_lead_id and self.response_lead.force_id != self.inspection.force_id:
            errors["response_lead"] = "The force lead must hold a role in the inspected force."
        published = self.inspection.published_on if self.inspection_id else None
        if published and self.comments_invited_on and self.comments_invited_on < published:
            errors["comments_invited_on"] = "Comments are invited after the report is published."
        if self.published_on and self.sent_on and self.published_on < self.sent_on:
            errors["published_on"] = "Publish the response on or after the day it is sent."
        if self.published_on and not self.published_url:
            errors["published_url"] = "Give the address where the response is published."
        if self.published_on and not self.sent_on:
            errors["published_on"] = "Record when the letter was sent before it is published."
        if self.sent_on and self.status != LetterStatus.FINAL:
            errors["sent_on"] = "Mark the letter final before recording that it was sent."
        if published and self.sent_on and self.sent_on < published:
            errors["sent_on"] = "The letter cannot be sent before the report was published."
        if published and self.letter_date and self.letter_date < published:
            errors["letter_date"] = "The letter cannot be dated before the report was published."
        if errors:
            raise ValidationError(errors)
