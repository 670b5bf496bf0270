"""Exports too large to stream within a request: a row before it is a file.

The findings list (its query string) or an inspection is exported in the background for the person
who asked: queued, then running (rows_done of rows_total, so the page shows progress), then ready
(with the file) or failed (with the reason). The file is kept under MEDIA_ROOT, which has no URL: it
is served only by the export's download view, to its requester.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from .inspection import Inspection


class ExportFormat(models.TextChoices):
    XLSX = "xlsx", "Excel (.xlsx)"
    CSV = "csv", "CSV"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Being written"
    READY = "ready", "Ready to download"
    FAILED = "failed", "Failed"


UNFINISHED_EXPORT_STATUSES = (ExportStatus.QUEUED, ExportStatus.RUNNING)


def export_upload_to(export, filename):
    # A folder of its own, per requester; the name is ours (the export's number), never the user's.
    return f"private/exports/{export.requested_by_id or 'nobody'}/{filename}"


class Export(models.Model):
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="exports",
        help_text="Whose visibility the export is written with; a deleted account's export cannot run.",
    )
    requested_at = models.DateTimeField(default=timezone.now)
    file_format = models.CharField(max_length=4, choices=ExportFormat.choices)
    # What is exported: an inspection's findings, or (no inspection) the findings list filtered by `query`.
    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, null=True, blank=True, related_name="exports"
    )
    query = models.TextField(blank=True, help_text="The findings list's query string, as it was asked for.")
    title = models.CharField(max_length=200, help_text="The sheet's name, and what the page calls the export.")
    filename = models.CharField(max_length=200, help_text="The name the download is given.")
    status = models.CharField(max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED)
    rows_total = models.PositiveIntegerField(default=0, help_text="Rows to write (counted again when it starts).")
    rows_done = models.PositiveIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Runs started; more than one if a worker died.")
    file = models.FileField(upload_to=export_upload_to, max_length=300, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True, help_text="Bytes.")
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(file_format__in=ExportFormat.values), name="export_format_valid"),
            models.CheckConstraint(condition=Q(status__in=ExportStatus.values), name="export_status_valid"),
            models.CheckConstraint(
                condition=~Q(status=ExportStatus.READY) | (~Q(file="") & Q(finished_at__isnull=False)),
                name="ready_export_has_a_file",
            ),
            models.CheckConstraint(
                condition=~Q(status=ExportStatus.FAILED) | ~Q(error=""), name="failed_export_says_why"
            ),
            models.CheckConstraint(
                condition=Q(inspection__isnull=True) | Q(query=""), name="export_is_of_a_list_or_an_inspection"
            ),
        ]
        indexes = [models.Index(fields=["requested_by", "-requested_at"], name="export_requester_recent")]

    def __str__(self):
        return f"{self.title} ({self.get_file_format_display()}, {self.get_status_display().lower()})"

    def get_absolute_url(self):
        """The export's page: its progress while written, then the download."""
        return reverse("export", args=[self.pk])

    @property
    def is_finished(self):
        return self.status not in UNFINISHED_EXPORT_STATUSES

    @property
    def is_ready(self):
        return self.status == ExportStatus.READY

    @property
    def is_stale(self):
        """Queued or running for longer than any export takes: the worker is down or died."""
        if self.is_finished:
            return False
        limit = timedelta(minutes=settings.TRACKER_EXPORT_STALE_MINUTES)
        return timezone.now() - (self.started_at or self.requested_at) > limit

    @property
    def progress_label(self):
        """1,000 of 30,000 rows."""
        return f"{self.rows_done:,} of {self.rows_total:,} row{'' if self.rows_total == 1 else 's'}"

    @property
    def percent_done(self):
        return min(100, round(100 * self.rows_done / self.rows_total)) if self.rows_total else 0
