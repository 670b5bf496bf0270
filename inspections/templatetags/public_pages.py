from datetime import datetime

from django import template
from django.utils import timezone

from inspections.core import labels

register = template.Library()


@register.filter
def day_month_year(day):
    """10 February 2026, as inspections/core/labels.py writes dates (a moment: its day in Europe/London)."""
    if isinstance(day, datetime):
        day = timezone.localdate(day)
    return labels.day_month_year(day)
