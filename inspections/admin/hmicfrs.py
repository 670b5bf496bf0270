"""HMICFRS's decisions on findings: a record of HMICFRS's letters, read-only (a decision is appended
through findings.hmicfrs, never edited)."""

from django.contrib import admin

from inspections.admin.base import ReadOnlyAdminMixin
from inspections.models import HmicfrsDecision


@admin.register(HmicfrsDecision)
class HmicfrsDecisionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["finding", "outcome", "decided_on", "letter_title", "recorded_by", "recorded_at"]
    list_filter = ["outcome", "finding__inspection__force"]
    search_fields = ["letter_title", "finding__reference", "finding__text", "summary"]
    date_hierarchy = "decided_on"
    list_select_related = ["finding", "recorded_by"]
