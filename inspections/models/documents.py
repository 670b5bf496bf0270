"""Rendered documents: every PDF the tracker produces (Section 55 letters, board papers), kept as versions.

A render is a row before it is a file: queued, then rendering, then done (with the PDF, its size, page
count and SHA-256) or failed (with the reason). Rows are never overwritten, so the exact PDF that was
sent can always be produced again.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from .inspection import Inspection


class DocumentKind(models.TextChoices):
    """Each kind has a builder in inspections/documents/registry.py."""

    SECTION55_LETTER = "section55_letter", "Section 55 response letter"
    BOARD_PACK = "board_pack", "Board pack"
    CLOSURE_REQUEST = "closure_request", "Closure request to HMICFRS"


class DocumentFormat(models.TextChoices):
    """A document is rendered as a PDF to send, or as a Word copy for last edits before signing."""

    PDF = "pdf", "PDF"
    DOCX = "docx", "Word"

    @property
    def content_type(self):
        return CONTENT_TYPES[self]


CONTENT_TYPES = {
    DocumentFormat.PDF: "application/pdf",
    DocumentFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class RenderStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RENDERING = "rendering", "Rendering"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"


UNFINISHED_RENDER_STATUSES = (RenderStatus.QUEUED, RenderStatus.RENDERING)


def document_upload_to(document, filename):
    # The name is ours, never the user's: kind/year/id-slug.pdf
    return f"documents/{document.kind}/{timezone.localdate():%Y}/{filename}"


class RenderedDocument(models.Model):
    kind = models.CharField(max_length=30, choices=DocumentKind.choices)
    inspection = models.ForeignKey(
        Inspection, on_delete=models.PROTECT, null=True, blank=True, related_name="rendered_documents"
    )
    # Any other subject (e.g. a board meeting for a board paper), by generic key.
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True)
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")

    format = models.CharField(max_length=5, choices=DocumentFormat.choices, default=DocumentFormat.PDF)
    version = models.PositiveIntegerField(help_text="1, 2, 3… per kind, subject and format.")
    label = models.CharField(max_length=60, blank=True, help_text="The state of the source when rendered, e.g. Draft.")
    status = models.CharField(max_length=10, choices=RenderStatus.choices, default=RenderStatus.QUEUED)
    error = models.TextField(blank=True)
    file = models.FileField(upload_to=document_upload_to, max_length=300, blank=True)
    filename = models.CharField(max_length=200, blank=True, help_text="The name the download is given.")
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True, help_text="Bytes.")
    page_count = models.PositiveIntegerField(null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="rendered_documents"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Renders started; more than one if a worker died.")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=DocumentKind.values), name="document_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=RenderStatus.values), name="document_status_valid"),
            models.CheckConstraint(condition=Q(format__in=DocumentFormat.values), name="document_format_valid"),
            models.CheckConstraint(
                condition=Q(inspection__isnull=False) | Q(subject_type__isnull=False, subject_id__isnull=False),
                name="document_has_a_subject",
            ),
            models.CheckConstraint(
                condition=~Q(status=RenderStatus.DONE) | (~Q(file="") & Q(sha256__regex=r"^[0-9a-f]{64}$")),
                name="done_document_has_file_and_hash",
            ),
            models.CheckConstraint(
                condition=~Q(status=RenderStatus.FAILED) | ~Q(error=""), name="failed_document_says_why"
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "inspection", "-created_at"], name="document_kind_inspection"),
            models.Index(fields=["subject_type", "subject_id", "-created_at"], name="document_subject"),
        ]

    def __str__(self):
        word = " (Word)" if self.format == DocumentFormat.DOCX else ""
        return f"{self.get_kind_display()}{word} version {self.version} ({self.get_status_display().lower()})"

    def get_absolute_url(self):
        """The document's status page, from which a finished render is downloaded."""
        return reverse("document", args=[self.pk])

    @property
    def is_finished(self):
        return self.status not in UNFINISHED_RENDER_STATUSES

    @property
    def is_ready(self):
        return self.status == RenderStatus.DONE

    @property
    def is_stale(self):
        """Queued or rendering for longer than any render takes: the worker is down or died."""
        if self.is_finished:
            return False
        limit = timedelta(minutes=settings.DOCUMENTS_RENDER_STALE_MINUTES)
        return timezone.now() - (self.started_at or self.created_at) > limit

    @property
    def short_hash(self):
        return self.sha256[:12]
