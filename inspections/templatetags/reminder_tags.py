"""Template helpers for the reminder pages and the navigation."""

from django import template

from inspections.core.permissions import Action, can_in_any_force, runs_imports
from inspections.models import email_kind_for

register = template.Library()


@register.filter
def sees_reminders(user):
    """Whether the user may see the reminders page of at least one force (for the navigation)."""
    return can_in_any_force(user, Action.SEE_REMINDERS)


@register.filter
def sees_imports(user):
    """Whether the navigation offers the imports pages (OPCC staff only)."""
    return runs_imports(user)


@register.filter
def subject_path(item):
    """The page of what a reminder (or a planned one) is about: the finding, or the inspection."""
    return (item.finding or item.inspection).get_absolute_url()


@register.filter
def subject_label(item):
    if item.finding:
        return f"{item.finding.reference}, {item.finding.inspection.title}"
    return f"Section 55 response, {item.inspection.title}"


@register.filter
def recorded_in(candidate, recorded):
    return candidate.key in recorded


@register.filter
def email_kind(rule):
    return email_kind_for(rule).label
