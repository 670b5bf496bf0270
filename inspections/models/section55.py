"""The Section 55 response to an inspection: the statutory steps and dates (Police Act 1996, s55).

The letter's content and its rendered versions build on this record.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from .inspection import Inspection
from .organisation import Role

# s55(5A): published within 56 days, counting the day of publication as day one.
SECTION_55_DAYS = 56


def section55_deadline(published_on):
    """The last day to publish the response: publication + 55 days."""
    return published_on + timedelta(days=SECTION_55_DAYS - 1) if published_on else None


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
        ]

    def __str__(self):
        return f"Section 55 response to {self.inspection}"

    @property
    def deadline(self):
        return section55_deadline(self.inspection.published_on)

    @property
    def is_published(self):
        return self.published_on is not None

    def day_number(self, on):
        """Day N of the 56, the day of publication being day one."""
        if not self.inspection.published_on:
            return None
        return (on - self.inspection.published_on).days + 1

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
        if errors:
            raise ValidationError(errors)
