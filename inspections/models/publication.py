"""What the OPCC publishes on the tracker's public pages (/public/): one record per inspection.

Nothing of an inspection is public until OPCC staff publish it here; unpublishing keeps the record
(who published it, and who withdrew it and when) and takes the pages down at once.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from .inspection import Inspection


class Publication(models.Model):
    inspection = models.OneToOneField(Inspection, on_delete=models.CASCADE, related_name="publication")
    slug = models.SlugField(
        max_length=120, unique=True, help_text="The inspection's address on the public pages: /public/<force>/<slug>/."
    )
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when OPCC staff unpublish the inspection; empty while it is public."
    )
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["inspection"]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=models.F("published_at")),
                name="publication_withdrawn_after_published",
                violation_error_message="An inspection is unpublished after it was published.",
            ),
        ]

    def __str__(self):
        state = "public" if self.is_public else "unpublished"
        return f"{self.inspection} ({state})"

    @property
    def is_public(self):
        return self.withdrawn_at is None

    def clean(self):
        if self.inspection_id and self.is_public and not self.inspection.published_on:
            raise ValidationError(
                "Record the date HMICFRS published the report before publishing the inspection's progress."
            )
