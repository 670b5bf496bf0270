"""The state a page is in, for its title: "Error: …" when a form on it has errors (WCAG 2.4.2, 3.3.1)."""

from django import template

register = template.Library()


@register.filter
def any_errors(items):
    """Whether any of the forms (or rows carrying a .form) has errors."""
    return any(getattr(item, "form", item).errors for item in items or ())
