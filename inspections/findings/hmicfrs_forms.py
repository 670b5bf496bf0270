"""The form OPCC staff use to record an HMICFRS letter's decision on a finding by hand (the importer
reads the same decisions from a letter: importing/letters.py)."""

from django import forms

from inspections.core.forms import TrackerFormMixin, date_input
from inspections.models import HmicfrsOutcome


class HmicfrsDecisionForm(TrackerFormMixin, forms.Form):
    outcome = forms.ChoiceField(label="HMICFRS's decision", widget=forms.RadioSelect)
    decided_on = forms.DateField(label="Date of the letter", widget=date_input(short=True))
    letter_title = forms.CharField(label="The letter", max_length=300,
                                   help_text="As HMICFRS titles it, e.g. Revisit letter: Warwickshire Police.")
    letter_url = forms.URLField(label="Link to the letter", required=False, max_length=500, assume_scheme="https")
    summary = forms.CharField(label="What the letter says about it", required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))
    next_steps = forms.CharField(label="Next steps", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                 help_text="Only where it stays open: what HMICFRS will do next.")

    def __init__(self, *args, finding, **kwargs):
        super().__init__(*args, **kwargs)
        outcomes = [HmicfrsOutcome.CLOSED, HmicfrsOutcome.OPEN]
        if finding.accelerated:
            outcomes.append(HmicfrsOutcome.ISSUED)
        self.fields["outcome"].choices = [(outcome.value, outcome.label) for outcome in outcomes]
