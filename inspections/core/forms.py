"""Form presentation shared by every page: GOV.UK-style classes and accessible error links."""

from datetime import date

from django import forms
from django.utils.html import format_html, format_html_join

from inspections.core import textguard

WIDGET_CLASSES = {
    forms.Textarea: "textarea",
    forms.Select: "select",
    forms.SelectMultiple: "select",
    forms.CheckboxInput: "checkbox",
    forms.ClearableFileInput: "file-upload",
    forms.FileInput: "file-upload",
    forms.CheckboxSelectMultiple: "checkboxes",  # before RadioSelect, its parent class
    forms.RadioSelect: "radios",
}


PARTS = (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4))


class DayMonthYearWidget(forms.MultiWidget):
    """GOV.UK's date input: three boxes, Day, Month and Year, in a fieldset named by the field's label
    (templates/includes/field.html). What they post becomes one ISO date for the DateField; a date that
    does not exist (31 2 2026) or a year not in four figures is passed on as typed, so the field says it is
    not a real date. A single ISO value under the field's own name (a link, a bookmarked filter, another
    client) is read as before."""

    def __init__(self, attrs=None):
        widgets = {name: forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
                   for name, label, width in PARTS}
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                parts = value.split(" ")  # what was typed, kept for the user to correct
                return [None if p == "?" else p for p in parts] if len(parts) == 3 else [None, None, None]
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        if data.get(name):
            return data.get(name)
        day, month, year = (str(data.get(f"{name}_{part}", "")).strip() for part, label, width in PARTS)
        if not (day or month or year):
            return ""
        if day.isdigit() and month.isdigit() and year.isdigit() and len(year) == 4:
            try:
                return date(int(year), int(month), int(day)).isoformat()
            except ValueError:
                pass
        return f"{day or '?'} {month or '?'} {year or '?'}"  # not a date: the field says so

    def value_omitted_from_data(self, data, files, name):
        return name not in data and not any(f"{name}_{part}" in data for part, label, width in PARTS)

    def id_for_label(self, id_):
        return f"{id_}_day" if id_ else id_  # the error summary's link goes to the Day box

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)
        items = []
        base_id = context["widget"]["attrs"].get("id", "")
        for box, sub, (part, label, width) in zip(self.widgets, context["widget"]["subwidgets"], PARTS, strict=True):
            sub_attrs = {**sub["attrs"], "class": f"input input--width-{width}"}
            if base_id:
                sub_attrs["id"] = f"{base_id}_{part}"
            items.append(format_html(
                '<div class="date-input__item"><label class="label date-input__label" for="{}">{}</label>{}</div>',
                sub_attrs.get("id", ""), label, box.render(sub["name"], sub["value"], sub_attrs, renderer),
            ))
        return format_html('<div class="date-input">{}</div>', format_html_join("", "{}", ((item,) for item in items)))


def date_input(*, short=False):
    """Every date the tracker asks for, as GOV.UK asks for one: Day, Month and Year boxes."""
    return DayMonthYearWidget()


def put_errors_on_form(form, error):
    """Put a service's ValidationError on the form: each message on its field when the form has that
    field, otherwise at the top of the form (the error summary links to both)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _lower_first(label):
    label = str(label or "")
    return label[:1].lower() + label[1:]


def users_words(field):
    """Django's "This field is required." and "Select a valid choice." in the words of the field's own
    label (as GOV.UK asks: "Enter…", "Choose…"), unless the form already words them itself."""
    messages = field.error_messages
    what = _lower_first(field.label)
    if not what:
        return
    if messages.get("required") == forms.Field.default_error_messages["required"]:
        if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
            messages["required"] = f"Choose {what}."
        elif isinstance(field, forms.FileField):
            messages["required"] = f"Choose a file for {what}."
        else:
            messages["required"] = f"Enter {what}."
    if str(messages.get("invalid_choice", "")).startswith("Select a valid choice"):
        messages["invalid_choice"] = f"Choose {what} from the list."
    django_invalid_date = forms.DateField.default_error_messages["invalid"]
    if isinstance(field, forms.DateField) and messages.get("invalid") == django_invalid_date:
        messages["invalid"] = f"Enter {what} as a real date."


class TrackerFormMixin:
    """Adds the stylesheet's classes to widgets and ties hints and errors to their inputs.

    Every form of the tracker also removes invisible control characters (text-direction overrides and the
    like: inspections/core/textguard.py) from what was typed, and says so: the form comes back with the
    text cleaned and a message on the field, so nothing is saved until the user has seen what it says."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            users_words(field)
            css = next((css for kind, css in WIDGET_CLASSES.items() if isinstance(field.widget, kind)), "input")
            field.widget.attrs.setdefault("class", css)
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{self.add_prefix(name)}-hint"
        self.invisible_characters = self._remove_invisible_characters() if self.is_bound else {}

    def _remove_invisible_characters(self):
        found, data = {}, None
        for name, field in self.fields.items():
            if not isinstance(field, forms.CharField) or isinstance(field.widget, forms.PasswordInput):
                continue
            key = self.add_prefix(name)
            value = self.data.get(key)
            if not isinstance(value, str):
                continue
            cleaned = textguard.clean(value)
            if cleaned.changed:
                data = data if data is not None else self.data.copy()
                data[key] = cleaned.text
                found[name] = cleaned
        if data is not None:
            self.data = data
        return found

    def full_clean(self):
        super().full_clean()
        if hasattr(self, "cleaned_data"):
            for name, cleaned in self.invisible_characters.items():
                self.add_error(name, textguard.message(cleaned))
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                described = attrs.get("aria-describedby", "")
                attrs["aria-describedby"] = f"{described} id_{self.add_prefix(name)}-error".strip()
