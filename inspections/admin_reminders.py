"""The Django admin for reminders: the record of what was sent, read-only (registered from admin.py)."""

from django.contrib import admin

from inspections.models import OutgoingEmail, Reminder, ReminderRun


class RecordAdmin(admin.ModelAdmin):
    """What the sweep recorded is evidence of what was sent: nobody edits it by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
