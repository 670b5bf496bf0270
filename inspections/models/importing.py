"""Imports: drafts of reports and trackers, kept apart from the tracked tables until accepted.

A ReportImport holds the uploaded report, the extraction the parser made of it and the draft staff
review; only acceptance creates the Inspection, its GradedJudgments and Findings (in one
transaction). A TrackerImport holds an uploaded spreadsheet tracker and its column mapping until
it is imported, all or nothing. TrackerColumnMapping remembers each force's mapping.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from .inspection import Inspection
from .organisation import Force


class ReportImportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to be read"
    READING = "reading", "Being read"
    READY = "ready", "Ready for review"
    FAILED = "failed", "Could not be read"
    ACCEPTED = "accepted", "Accepted"
    DISCARDED = "discarded", "Discarded"


def report_upload_path(instance, filename):
    return f"imports/reports/{instance.force_id}/{filename}"


def tracker_upload_path(instance, filename):
    return f"imports/trackers/{instance.force_id}/{filename}"


class ReportImport(models.Model):
    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="report_imports")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="report_imports"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    status = models.CharField(max_length=10, choices=ReportImportStatus.choices, default=ReportImportStatus.QUEUED)
    source = models.FileField(upload_to=report_upload_path, max_length=300)
    source_name = models.CharField(max_length=255, help_text="The file's name as uploaded.")
    source_size = models.PositiveIntegerField(default=0)
    published_on = models.DateField(null=True, blank=True, help_text="As given at upload; sets the due dates.")
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent read.")
    progress_message = models.CharField(max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Readings started (more if a worker died).")
    error = models.TextField(blank=True, help_text="Why the report could not be read.")
    extraction = models.JSONField(null=True, blank=True, help_text="What the parser found, unedited.")
    draft = models.JSONField(null=True, blank=True, help_text="The extraction as staff have reviewed it.")
    draft_version = models.PositiveIntegerField(default=0, help_text="Raised on every save of the draft.")
    inspection = models.ForeignKey(
        Inspection, on_delete=models.SET_NULL, null=True, blank=True, related_name="report_imports"
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ReportImportStatus.values), name="report_import_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=ReportImportStatus.ACCEPTED) | Q(accepted_at__isnull=False),
                name="report_import_accepted_has_a_date",
            ),
        ]
        indexes = [models.Index(fields=["force", "-created_at"], name="report_import_force_recent")]

    def __str__(self):
        return f"{self.source_name} ({self.get_status_display()})"

    def get_absolute_url(self):
        """The import's page: its progress while read, then what was read."""
        return reverse("report_import", args=[self.pk])

    @property
    def is_reading(self):
        return self.status in (ReportImportStatus.QUEUED, ReportImportStatus.READING)


class TrackerImportStatus(models.TextChoices):
    MAPPING = "mapping", "Columns to map"
    PREVIEWED = "previewed", "Previewed"
    IMPORTED = "imported", "Imported"
    DISCARDED = "discarded", "Discarded"


class TrackerImport(models.Model):
    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="tracker_imports")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="tracker_imports"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    status = models.CharField(max_length=10, choices=TrackerImportStatus.choices, default=TrackerImportStatus.MAPPING)
    source = models.FileField(upload_to=tracker_upload_path, max_length=300)
    source_name = models.CharField(max_length=255)
    source_kind = models.CharField(max_length=4, choices=[("xlsx", "Excel workbook"), ("csv", "CSV")])
    headings = models.JSONField(default=list, help_text="The column headings found in the file.")
    row_count = models.PositiveIntegerField(default=0)
    mapping = models.JSONField(default=dict, blank=True, help_text="{tracker field: column heading}.")
    inspection = models.ForeignKey(
        Inspection,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The inspection of rows that do not name one.",
    )
    summary = models.JSONField(default=dict, blank=True, help_text="What the import changed.")
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=TrackerImportStatus.values), name="tracker_import_status_valid"
            ),
            models.CheckConstraint(condition=Q(source_kind__in=["xlsx", "csv"]), name="tracker_import_kind_valid"),
        ]

    def __str__(self):
        return f"{self.source_name} ({self.get_status_display()})"

    def get_absolute_url(self):
        """The tracker import's next page: its preview (column mapping comes first while unmapped)."""
        return reverse("tracker_import_preview", args=[self.pk])


class TrackerColumnMapping(models.Model):
    """The columns a force's tracker uses, remembered from its last import."""

    force = models.OneToOneField(Force, on_delete=models.CASCADE, related_name="tracker_column_mapping")
    mapping = models.JSONField(default=dict, help_text="{tracker field: column heading}.")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Tracker columns of {self.force}"
