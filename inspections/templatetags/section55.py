"""{% section55_status inspection as s55 %}: the Section 55 state of an inspection for the panel the
inspection page includes (templates/section55/_inspection_panel.html), from section55/clock.py."""

from django import template

from inspections.section55 import clock

register = template.Library()


@register.simple_tag
def section55_status(inspection):
    return clock.status_for(inspection)
