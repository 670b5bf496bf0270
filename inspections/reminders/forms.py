from django import forms

from inspections.core.forms import TrackerFormMixin, date_input
from inspections.models import EmailStatus


class ReminderPageForm(TrackerFormMixin, forms.Form):
    """The options of a force's reminders page (a GET form): the day to preview, the emails to list."""

    day = forms.DateField(
        required=False,
        label="Preview the reminders of",
        help_text="A date such as 2025-06-16. Empty: the next day reminders go out.",
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=date_input(),
        error_messages={"invalid": "Enter a real date, for example 2025-06-16."},
    )
    status = forms.ChoiceField(
        required=False, label="Show emails", choices=[("", "Every status"), *EmailStatus.choices]
    )
