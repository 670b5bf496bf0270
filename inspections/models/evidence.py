"""Evidence attached to progress updates. Stored under MEDIA_ROOT (outside the web root) with a
random name, and served only through a view that checks the reader may see the finding."""

import uuid

from django.conf import settings
from django.db import models

from .progress import ProgressUpdate


def evidence_path(instance, filename):
    return f"evidence/{instance.update.finding_id}/{uuid.uuid4().hex}"


class EvidenceFile(models.Model):
    update = models.ForeignKey(ProgressUpdate, on_delete=models.PROTECT, related_name="evidence")
    file = models.FileField(upload_to=evidence_path, max_length=200)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120, help_text="As found in the file's content.")
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["update", "pk"]

    def __str__(self):
        return self.original_name
