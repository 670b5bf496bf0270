from django import forms

from inspections.core.forms import TrackerFormMixin, date_input
from inspections.models import MonitoringState


class MonitoringChangeForm(TrackerFormMixin, forms.Form):
    state = forms.ChoiceField(label="HMICFRS moved the force into", choices=MonitoringState.choices,
                              widget=forms.RadioSelect)
    started_on = forms.DateField(label="From", widget=date_input(short=True),
                                 help_text="The date in HMICFRS's letter, or the day it says the move takes effect.")
    reasons = forms.CharField(label="Reasons", required=False, widget=forms.Textarea(attrs={"rows": 4}),
                              help_text="Why, as HMICFRS's letter puts it: needed for a move into Engage.")
    letter_title = forms.CharField(label="HMICFRS letter", required=False, max_length=300,
                                   help_text="Its title, e.g. Letter from HM Chief Inspector: Engage.")
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class OversightMeetingForm(TrackerFormMixin, forms.Form):
    held_on = forms.DateField(label="Date of the meeting", widget=date_input(short=True))
    decided = forms.CharField(label="What the group decided", widget=forms.Textarea(attrs={"rows": 4}))
    next_steps = forms.CharField(label="Next steps", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                 help_text="What the force must do next, and by when.")
