"""The tracker's form renderer: Django's own widget templates, except that lists of choices are
written here, in Python, to the very same HTML.

Django writes each <option> of a <select>, and each box of a group of checkboxes or radios, with
two or three template includes; the findings list's filters have about a hundred options, and those
includes were 12–19 ms of every list page (bench/findings_list.py). Anything unusual (an option with a
template of its own) is left to Django's templates. tests/core/test_form_renderer.py holds the two to
the same output."""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
GROUPS = ("django/forms/widgets/checkbox_select.html", "django/forms/widgets/radio.html")
BOXES = ("django/forms/widgets/checkbox_option.html", "django/forms/widgets/radio_option.html")


class TrackerFormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget") if template_name == SELECT or template_name in GROUPS else None
        if widget is not None:
            if template_name == SELECT and _all_options(widget, (OPTION,)):
                return _select(widget)
            if template_name in GROUPS and _all_options(widget, BOXES):
                return _group(widget)
        return super().render(template_name, context, request)


def _all_options(widget, template_names):
    return all(
        option["template_name"] in template_names
        for _group_name, options, _index in widget["optgroups"] for option in options
    )


def _attrs(attrs):
    """django/forms/widgets/attrs.html: False leaves the attribute out, True writes its name alone."""
    return "".join(
        f" {conditional_escape(name)}" if value is True
        else f' {conditional_escape(name)}="{conditional_escape(value)}"'
        for name, value in attrs.items() if value is not False
    )


def _select(widget):
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            parts.append(
                f'\n  <option value="{conditional_escape(option["value"])}"{_attrs(option["attrs"])}>'
                f'{conditional_escape(option["label"])}</option>\n'
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")  # a renderer strips what a template writes
    return "".join(parts)


def _box(option):
    """checkbox_option.html (or radio_option.html): input_option.html, with input.html inside it."""
    value = "" if option["value"] is None else f' value="{conditional_escape(option["value"])}"'
    box = f'<input type="{conditional_escape(option["type"])}" name="{conditional_escape(option["name"])}"' \
          f'{value}{_attrs(option["attrs"])}>\n'
    if not option["wrap_label"]:
        return f"{box}\n\n"
    label_for = option["attrs"].get("id")
    label_for = f' for="{conditional_escape(label_for)}"' if label_for else ""
    # Each of the three templates ends with a new line, and each writes it.
    return f'<label{label_for}>{box} {conditional_escape(option["label"])}</label>\n\n'


def _group(widget):
    """django/forms/widgets/multiple_input.html."""
    id_, css = widget["attrs"].get("id"), widget["attrs"].get("class")
    parts = [
        "<div", f' id="{conditional_escape(id_)}"' if id_ else "", f' class="{conditional_escape(css)}"' if css else "",
        ">",
    ]
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f"\n  <div><label>{conditional_escape(group_name)}</label>")
        for option in options:
            parts.append(f"<div>\n    {_box(option)}</div>")
        if group_name:
            parts.append("\n  </div>")
    parts.append("\n</div>")
    return "".join(parts)
