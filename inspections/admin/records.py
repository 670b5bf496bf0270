"""Records the tracker writes as evidence: reminders and emails, evidence files, imports, long exports and
HMICFRS's decisions.
Read-only: what was sent, uploaded or read is kept as it was."""

from django.contrib import admin

from inspections.admin.base import ReadOnlyAdminMixin
from inspections.models import (
    EvidenceFile,
    Export,
    ExtensionRequest,
    HmicfrsDecision,
    OutgoingEmail,
    Publication,
    RagRule,
    Reminder,
    ReminderRun,
    ReportImport,
    TrackerColumnMapping,
    TrackerImport,
)


class RecordAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    pass


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(RecordAdmin):
    list_display = ["for_day", "to", "kind", "status", "attempts", "sent_at", "subject"]
    list_filter = ["status", "kind"]
    search_fields = ["to", "subject", "last_error"]
    date_hierarchy = "for_day"


@admin.register(Reminder)
class ReminderAdmin(RecordAdmin):
    list_display = ["for_day", "recipient", "rule", "finding", "inspection", "force", "email"]
    list_filter = ["rule", "force"]
    search_fields = ["recipient__username", "recipient__email", "reason", "finding__reference"]
    date_hierarchy = "for_day"
    list_select_related = ["recipient", "finding", "inspection", "force", "email"]


@admin.register(ReminderRun)
class ReminderRunAdmin(RecordAdmin):
    list_display = ["started_at", "day", "finished_at", "reminders_claimed", "emails_created", "error"]
    date_hierarchy = "started_at"


@admin.register(EvidenceFile)
class EvidenceFileAdmin(RecordAdmin):
    """Evidence is downloaded from the finding's page, where permissions are checked."""

    list_display = ["original_name", "update", "content_type", "size", "uploaded_by", "uploaded_at"]
    list_filter = ["content_type"]
    search_fields = ["original_name", "sha256", "update__finding__reference"]
    list_select_related = ["update__finding", "uploaded_by"]
    exclude = ["file"]  # no public media URL


@admin.register(Export)
class ExportAdmin(RecordAdmin):
    """A long export's file is downloaded from its page (/exports/<id>/), by its requester or a superuser."""

    list_display = ["requested_at", "requested_by", "title", "file_format", "status", "rows_done", "rows_total"]
    list_filter = ["status", "file_format"]
    search_fields = ["requested_by__username", "title", "error"]
    list_select_related = ["requested_by"]
    exclude = ["file"]  # no public media URL


@admin.register(HmicfrsDecision)
class HmicfrsDecisionAdmin(RecordAdmin):
    """Recorded from the finding's page or an imported HMICFRS letter, with its audit entry."""

    list_display = ["decided_on", "finding", "outcome", "letter_title", "recorded_by"]
    list_filter = ["outcome"]
    search_fields = ["finding__reference", "letter_title", "summary"]
    list_select_related = ["finding", "recorded_by"]


@admin.register(ReportImport)
class ReportImportAdmin(RecordAdmin):
    list_display = ["source_name", "force", "status", "created_by", "created_at", "inspection"]
    list_filter = ["status", "force"]
    search_fields = ["source_name"]
    list_select_related = ["force", "created_by", "inspection"]
    exclude = ["source", "extraction", "draft"]


@admin.register(TrackerImport)
class TrackerImportAdmin(RecordAdmin):
    list_display = ["source_name", "force", "status", "row_count", "created_by", "created_at", "imported_at"]
    list_filter = ["status", "force"]
    search_fields = ["source_name"]
    list_select_related = ["force", "created_by"]
    exclude = ["source"]


@admin.register(TrackerColumnMapping)
class TrackerColumnMappingAdmin(admin.ModelAdmin):
    list_display = ["force", "updated_by", "updated_at"]
    list_select_related = ["force", "updated_by"]


@admin.register(Publication)
class PublicationAdmin(RecordAdmin):
    """Published and unpublished from the inspection's page (OPCC staff), where the rules are applied."""

    list_display = ["inspection", "slug", "published_at", "published_by", "withdrawn_at", "withdrawn_by"]
    list_filter = ["inspection__force"]
    list_select_related = ["inspection", "published_by", "withdrawn_by"]


@admin.register(ExtensionRequest)
class ExtensionRequestAdmin(RecordAdmin):
    """Requested on the finding's page and decided by the board there: kept here as they were."""

    list_display = ["finding", "requested_due_date", "status", "requested_by", "decided_by", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["finding", "requested_by", "decided_by"]


@admin.register(RagRule)
class RagRuleAdmin(RecordAdmin):
    """Declared on the force's rules page (/forces/<id>/rules/), which checks them as a set."""

    list_display = ["force", "condition", "rag", "within_days", "wording"]
    list_filter = ["force"]
