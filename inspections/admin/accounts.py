"""Sign-in records: single sign-on identities and sessions (read-only; ending a session deletes it)."""

from django.contrib import admin

from inspections.accounts import sessions
from inspections.admin.base import ReadOnlyAdminMixin
from inspections.models import SingleSignOnIdentity, UserSession


@admin.register(SingleSignOnIdentity)
class SingleSignOnIdentityAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["user", "issuer", "subject", "last_signed_in_at"]
    search_fields = ["user__username", "user__email", "subject"]
    list_select_related = ["user"]


@admin.register(UserSession)
class UserSessionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["user", "method", "signed_in_at", "last_seen_at", "ip_address"]
    list_filter = ["method"]
    search_fields = ["user__username", "ip_address"]
    list_select_related = ["user"]
    exclude = ["session_key"]  # a secret: whoever holds it is signed in

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser  # ending someone's session signs them out

    def delete_model(self, request, obj):
        sessions.end(obj.user, obj.pk)

    def delete_queryset(self, request, queryset):
        for record in queryset:
            sessions.end(record.user, record.pk)
