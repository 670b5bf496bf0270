"""Dates asked for as GOV.UK asks: Day, Month and Year boxes in a fieldset named by the field's label;
a date that does not exist is named as such; an ISO date in a link is still read."""

from datetime import date

from django import forms

from inspections.core.forms import TrackerFormMixin, date_input


class DueForm(TrackerFormMixin, forms.Form):
    due_date = forms.DateField(label="New target date", widget=date_input())


def test_the_three_boxes_make_one_date():
    form = DueForm({"due_date_day": "27", "due_date_month": "3", "due_date_year": "2026"})
    assert form.is_valid() and form.cleaned_data["due_date"] == date(2026, 3, 27)


def test_a_date_that_does_not_exist_or_a_short_year_is_not_a_real_date():
    for day, month, year in (("31", "2", "2026"), ("1", "13", "2026"), ("1", "3", "26"), ("first", "3", "2026")):
        form = DueForm({"due_date_day": day, "due_date_month": month, "due_date_year": year})
        assert form.errors["due_date"] == ["Enter new target date as a real date."], (day, month, year)


def test_empty_boxes_are_a_missing_date_in_the_users_words():
    form = DueForm({"due_date_day": "", "due_date_month": "", "due_date_year": ""})
    assert form.errors["due_date"] == ["Enter new target date."]


def test_an_iso_date_under_the_fields_own_name_is_still_read():
    form = DueForm({"due_date": "2026-03-27"})
    assert form.is_valid() and form.cleaned_data["due_date"] == date(2026, 3, 27)


def test_the_boxes_are_labelled_and_keep_what_was_typed():
    html = str(DueForm({"due_date_day": "31", "due_date_month": "2", "due_date_year": "2026"})["due_date"])
    for part, value in (("day", "31"), ("month", "2"), ("year", "2026")):
        assert f'for="id_due_date_{part}"' in html and f'name="due_date_{part}"' in html
        assert f'value="{value}"' in html
    assert 'inputmode="numeric"' in html
    saved = str(DueForm(initial={"due_date": date(2026, 3, 27)})["due_date"])
    assert 'value="27"' in saved and 'value="3"' in saved and 'value="2026"' in saved
