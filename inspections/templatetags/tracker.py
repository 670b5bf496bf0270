from django import template
from django.utils.html import format_html

from inspections.core import grading
from inspections.core.status import Rag, Status

register = template.Library()

STATUS_COLOURS = {
    Status.AWAITING_ALLOCATION: "",
    Status.IN_PROGRESS: "blue",
    Status.PENDING_SIGN_OFF: "amber",
    Status.DEMONSTRATING: "blue",
    Status.CLOSED: "green",
}


@register.simple_tag
def status_tag(finding):
    colour = STATUS_COLOURS.get(finding.status, "")
    return format_html(
        '<span class="tag{}">{}</span>', f" tag--{colour}" if colour else "", finding.get_status_display()
    )


@register.simple_tag
def rag_tag(value):
    if not value:
        return format_html('<span class="tag">{}</span>', "Not rated")
    return format_html('<span class="tag tag--{}">{}</span>', value, Rag(value).label)


@register.filter
def grade_label(value):
    return grading.grade_label(value)


@register.simple_tag
def overdue_tag(finding):
    if finding.is_overdue():
        return format_html('<span class="tag tag--overdue">{}</span>', "Overdue")
    return ""
