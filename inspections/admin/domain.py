"""The Django admin: every model browsable on day one.

Status, RAG, target dates and closure are read-only here: they change only through the
workflow (inspections/services), which checks the allowed moves and keeps the audit trail.
"""

from django.contrib import admin

from inspections.admin.base import HTTPS_URLS, ReadOnlyAdminMixin
from inspections.models import (
    BoardMeeting,
    Finding,
    FindingChange,
    Force,
    GovernanceBoard,
    GradedJudgment,
    Inspection,
    LocalPolicingBody,
    Membership,
    MonitoringPeriod,
    OversightGroupMeeting,
    ProgressUpdate,
    RenderedDocument,
    Role,
    Section55Response,
)


class LocalPolicingBodyInline(admin.StackedInline):
    model = LocalPolicingBody
    formfield_overrides = HTTPS_URLS
    extra = 0


class MonitoringPeriodInline(admin.TabularInline):
    model = MonitoringPeriod
    extra = 0


@admin.register(Force)
class ForceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [LocalPolicingBodyInline, MonitoringPeriodInline]


@admin.register(LocalPolicingBody)
class LocalPolicingBodyAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["name", "force", "holder_name", "email"]
    search_fields = ["name", "holder_name", "office_name"]
    list_select_related = ["force"]


@admin.register(MonitoringPeriod)
class MonitoringPeriodAdmin(admin.ModelAdmin):
    list_display = ["force", "state", "started_on", "ended_on"]
    list_filter = ["state", "force"]
    list_select_related = ["force"]


@admin.register(OversightGroupMeeting)
class OversightGroupMeetingAdmin(admin.ModelAdmin):
    """Recorded on the force's monitoring page (inspections/monitoring); here for corrections."""

    list_display = ["force", "held_on", "recorded_by"]
    list_filter = ["force"]
    list_select_related = ["force", "recorded_by"]
    raw_id_fields = ["recorded_by"]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["title", "force", "holder"]
    list_filter = ["force"]
    search_fields = ["title", "holder__username", "holder__first_name", "holder__last_name"]
    list_select_related = ["force", "holder"]
    autocomplete_fields = ["holder"]


class BoardMeetingInline(admin.TabularInline):
    model = BoardMeeting
    extra = 0


@admin.register(GovernanceBoard)
class GovernanceBoardAdmin(admin.ModelAdmin):
    list_display = ["name", "force", "chair_role", "parent", "meeting_frequency"]
    list_filter = ["force"]
    search_fields = ["name"]
    list_select_related = ["force", "chair_role", "parent"]
    filter_horizontal = ["members"]
    inlines = [BoardMeetingInline]


@admin.register(BoardMeeting)
class BoardMeetingAdmin(admin.ModelAdmin):
    list_display = ["board", "held_on", "note"]
    list_filter = ["board__force", "board"]
    date_hierarchy = "held_on"
    list_select_related = ["board"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "force", "access"]
    list_filter = ["access", "force"]
    search_fields = ["user__username", "user__email"]
    list_select_related = ["user", "force"]
    autocomplete_fields = ["user"]


class GradedJudgmentInline(admin.TabularInline):
    model = GradedJudgment
    fk_name = "inspection"
    extra = 0
    fields = ["order", "level", "pillar", "name", "grade", "compared_with"]
    raw_id_fields = ["pillar", "compared_with"]


class FindingInline(admin.TabularInline):
    model = Finding
    fk_name = "inspection"
    extra = 0
    fields = ["order", "reference", "kind", "judgment", "text", "time_frame", "due_date", "owner", "board", "status"]
    readonly_fields = ["due_date", "status"]
    raw_id_fields = ["judgment", "owner", "board"]
    show_change_link = True


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["title", "force", "kind", "published_on", "grading_scale", "previous"]
    list_filter = ["kind", "grading_scale", "force"]
    search_fields = ["title", "hmicfrs_reference"]
    date_hierarchy = "published_on"
    list_select_related = ["force", "previous"]
    raw_id_fields = ["previous"]
    inlines = [GradedJudgmentInline, FindingInline]

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, Finding):
                instance.set_due_dates_from_report()
            instance.save()
        for instance in formset.deleted_objects:
            instance.delete()
        formset.save_m2m()


@admin.register(GradedJudgment)
class GradedJudgmentAdmin(admin.ModelAdmin):
    list_display = ["name", "inspection", "level", "pillar", "grade", "order"]
    list_filter = ["level", "grade", "inspection__force"]
    search_fields = ["name", "inspection__title"]
    list_select_related = ["inspection", "pillar"]
    raw_id_fields = ["inspection", "pillar", "compared_with"]


class ProgressUpdateInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ProgressUpdate
    extra = 0
    fields = ["written_at", "author", "status", "rag", "narrative", "next_update_due"]
    readonly_fields = fields


class FindingChangeInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = FindingChange
    extra = 0
    fields = ["changed_at", "changed_by", "action", "field", "before", "after", "reason"]
    readonly_fields = fields


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    list_display = ["reference", "short_text", "kind", "inspection", "status", "rag", "due_date", "owner", "board"]
    list_filter = ["kind", "status", "rag", "inspection__force", "inspection", "board", "owner"]
    search_fields = ["reference", "text", "response", "inspection__title"]
    date_hierarchy = "due_date"
    list_select_related = ["inspection", "owner", "board"]
    raw_id_fields = ["inspection", "judgment", "cause_of_concern", "repeats", "owner", "board"]
    readonly_fields = [
        "status", "rag", "original_due_date", "due_date", "closed_on", "closed_by_board", "closure_reason",
        "superseded_by", "version", "created_at", "updated_at",
    ]
    inlines = [ProgressUpdateInline, FindingChangeInline]

    @admin.display(description="text")
    def short_text(self, obj):
        return obj.text[:90]

    def save_model(self, request, obj, form, change):
        obj.set_due_dates_from_report()
        super().save_model(request, obj, form, change)


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["finding", "author", "written_at", "status", "rag"]
    list_filter = ["status", "rag", "finding__inspection__force"]
    search_fields = ["narrative", "finding__reference"]
    date_hierarchy = "written_at"
    list_select_related = ["finding", "author"]


@admin.register(FindingChange)
class FindingChangeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["finding", "action", "field", "before", "after", "changed_by", "changed_at"]
    list_filter = ["action", "field"]
    search_fields = ["finding__reference", "reason"]
    date_hierarchy = "changed_at"
    list_select_related = ["finding", "changed_by"]


@admin.register(Section55Response)
class Section55ResponseAdmin(admin.ModelAdmin):
    list_display = [
        "inspection",
        "status",
        "letter_date",
        "comments_due_on",
        "response_lead",
        "sent_on",
        "published_on",
    ]
    list_filter = ["status", "inspection__force"]
    list_select_related = ["inspection", "response_lead"]
    raw_id_fields = ["inspection", "response_lead"]
    readonly_fields = ["status", "version", "finalised_at", "finalised_by", "updated_at", "updated_by"]
    formfield_overrides = HTTPS_URLS


@admin.register(RenderedDocument)
class RenderedDocumentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Rendered versions are kept as they were produced; download them from the Section 55 page."""

    list_display = ["kind", "inspection", "version", "label", "status", "created_by", "created_at", "sha256"]
    list_filter = ["kind", "status", "inspection__force"]
    list_select_related = ["inspection", "created_by"]
    exclude = ["file"]  # no public media URL: files are served only through the permission-checked view
