from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html

from inspections.core import grading, labels
from inspections.core.status import Rag, Status

register = template.Library()

STATUS_COLOURS = {
    Status.AWAITING_ALLOCATION: "",
    Status.IN_PROGRESS: "blue",
    Status.PENDING_SIGN_OFF: "amber",
    Status.DEMONSTRATING: "blue",
    Status.CLOSED: "green",
}


def _status_html(status, label):
    colour = STATUS_COLOURS.get(status, "")
    return format_html('<span class="tag{}">{}</span>', f" tag--{colour}" if colour else "", label)


def _rag_html(value):
    if not value:
        return format_html('<span class="tag">{}</span>', "Not rated")
    return format_html('<span class="tag tag--{}">{}</span>', value, Rag(value).label)


# Written once: a dashboard shows a hundred of each, and the labels are fixed.
STATUS_TAGS = {status.value: _status_html(status, status.label) for status in Status}
RAG_TAGS = {value: _rag_html(value) for value in [*Rag.values, "", None]}


@register.simple_tag
def status_tag(finding):
    tag = STATUS_TAGS.get(finding.status)
    return tag if tag is not None else _status_html(finding.status, finding.get_status_display())


@register.simple_tag
def rag_tag(value):
    tag = RAG_TAGS.get(value)
    return tag if tag is not None else _rag_html(value)


@register.filter
def grade_label(value):
    return grading.grade_label(value)


@register.simple_tag
def overdue_tag(finding):
    if finding.is_overdue():
        return format_html('<span class="tag tag--overdue">{}</span>', "Overdue")
    return ""


def _local(value):
    # As the date filter does: an aware moment is shown on its Europe/London day.
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def day_month_year(value):
    """{{ day|day_month_year }} writes what {{ day|date:"j F Y" }} does (10 February 2026; "" for none),
    without Django's general date formatter, which costs ten times as much on a table of dates."""
    return labels.day_month_year(_local(value))


@register.filter
def month_year(value):
    """{{ day|month_year }}: what {{ day|date:"F Y" }} writes (February 2026), cheaply."""
    return labels.month_year(_local(value))
