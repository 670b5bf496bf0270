"""Lists of choices are written in Python (inspections/core/form_renderer.py), to exactly the HTML of
Django's own widget templates: every select, group of checkboxes and group of radios of the tracker,
with the hostile labels and values a report or a user could bring."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.http import QueryDict
from django.utils.safestring import mark_safe

from inspections.core.form_renderer import TrackerFormRenderer
from inspections.findings.filters import FindingFilter
from inspections.models import Force

DJANGO = DjangoTemplates()
OURS = TrackerFormRenderer()

HOSTILE = [
    ("", "Any"),
    ("a&b", 'Fish & "chips" <script>'),
    (3, "Three"),
    ("Grouped", [("g1", "In a group"), ("g'2", "Quote's")]),
    (None, "Nothing"),
]


def both(widget, name, value, attrs=None):
    return widget.render(name, value, attrs, renderer=DJANGO), widget.render(name, value, attrs, renderer=OURS)


def test_the_tracker_renders_forms_with_its_own_renderer():
    assert isinstance(get_default_renderer(), TrackerFormRenderer)


@pytest.mark.parametrize("widget", [
    forms.Select(choices=HOSTILE),
    forms.Select(choices=HOSTILE, attrs={"class": "select", "aria-describedby": "id_x-hint", "disabled": True,
                                         "data-off": False, "data-safe": mark_safe("a&amp;b")}),
    forms.SelectMultiple(choices=HOSTILE),
    forms.NullBooleanSelect(),
    forms.CheckboxSelectMultiple(choices=HOSTILE),
    forms.CheckboxSelectMultiple(choices=HOSTILE, attrs={"class": "checkboxes"}),
    forms.RadioSelect(choices=HOSTILE, attrs={"class": "radios", "required": True}),
], ids=["select", "select with attributes", "select multiple", "yes or no", "checkboxes", "checkboxes with a class",
        "radios"])
@pytest.mark.parametrize("value", [None, "a&b", ["a&b", "g'2", "3"], "g1"], ids=["none", "one", "several", "grouped"])
def test_every_choice_widget_is_written_as_djangos_templates_write_it(widget, value):
    if not isinstance(widget, forms.SelectMultiple | forms.CheckboxSelectMultiple) and isinstance(value, list):
        value = value[0]
    for attrs in (None, {"id": "id_field"}):
        django, ours = both(widget, 'field"<name>', value, attrs)
        assert ours == django
    assert "<script>" not in ours and 'name="field&quot;&lt;name&gt;"' in ours
    if widget.choices == HOSTILE:
        assert "Fish &amp; &quot;chips&quot; &lt;script&gt;" in ours


def test_an_option_with_a_template_of_its_own_is_left_to_django():
    class Starred(forms.Select):
        option_template_name = "django/forms/widgets/input.html"

    django, ours = both(Starred(choices=[("a", "A")]), "field", "a")
    assert ours == django and "<input" in ours


def test_the_findings_list_filters_are_the_same_html(warwickshire, django_user_model):
    user = django_user_model.objects.create_user("lead", is_superuser=True)
    data = QueryDict(mutable=True)
    data.update({"force": str(warwickshire.pk), "rag": "red", "sort": "-due"})
    data.setlist("status", ["in_progress", "closed"])
    form = FindingFilter(data, queryset=None, user=user).form
    assert Force.objects.count() >= 1 and form.is_valid(), form.errors
    ours = {name: form[name].as_widget() for name in form.fields}
    form.renderer = DJANGO
    assert {name: form[name].as_widget() for name in form.fields} == ours
    assert 'value="red" selected' in ours["rag"] and ours["status"].count("checked") == 2
