"""Forms of the review of an HMICFRS letter: the letter itself, HMICFRS's decision on each of its causes
of concern (matched to one the force tracks), and, for an accelerated cause of concern, its findings
and the inspection they join."""

from django import forms

from inspections.core import timeframes
from inspections.core.forms import TrackerFormMixin, date_input
from inspections.importing.forms.reports import DATE_FORMATS
from inspections.models import HmicfrsOutcome


class LetterForm(TrackerFormMixin, forms.Form):
    title = forms.CharField(max_length=300, label="The letter's title", help_text="As HMICFRS titles it.")
    sent_on = forms.DateField(label="Sent on", input_formats=DATE_FORMATS, widget=date_input(short=True))
    url = forms.URLField(
        label="Link to the letter", max_length=500, required=False, assume_scheme="https",
        help_text="The letter on HMICFRS's website, kept with each decision.",
    )
    draft_version = forms.IntegerField(widget=forms.HiddenInput)


class AcceleratedForm(TrackerFormMixin, forms.Form):
    """Where an accelerated cause of concern goes: the force's forthcoming inspection, or a new one."""

    inspection = forms.TypedChoiceField(
        coerce=int, empty_value=None, required=False, label="The inspection it belongs to",
        help_text="Usually the PEEL inspection whose fieldwork found it; its report is not published yet.",
    )
    new_inspection_title = forms.CharField(
        max_length=300, required=False, label="Or a new inspection's title",
        help_text="e.g. PEEL 2025–2027: An inspection of Tollbridge Police. Its publication date is added later.",
    )

    def __init__(self, *args, inspections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection"].choices = [("", "A new inspection (give its title)"), *inspections]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("inspection") and not (cleaned.get("new_inspection_title") or "").strip():
            self.add_error("new_inspection_title", "Choose an inspection, or give the new inspection's title.")
        return cleaned


class DecisionForm(TrackerFormMixin, forms.Form):
    key = forms.CharField(widget=forms.HiddenInput)
    finding = forms.TypedChoiceField(
        coerce=int, empty_value=None, required=False, label="The cause of concern it is about",
        help_text="The force's tracked cause of concern the letter decides on.",
    )
    outcome = forms.ChoiceField(
        label="HMICFRS's decision", choices=[(HmicfrsOutcome.CLOSED, "Closed by HMICFRS"),
                                             (HmicfrsOutcome.OPEN, "Remains open")],
    )
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="What the letter says about it"
    )
    next_steps = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Next steps (when it remains open)"
    )

    def __init__(self, *args, finding_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["finding"].choices = [("", "Leave it out (record nothing)"), *finding_choices]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == HmicfrsOutcome.CLOSED and (cleaned.get("next_steps") or "").strip():
            self.add_error("next_steps", "A cause of concern HMICFRS closes has no next steps; clear them.")
        return cleaned


class AcceleratedFindingForm(TrackerFormMixin, forms.Form):
    key = forms.CharField(widget=forms.HiddenInput)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="As the letter writes it")
    time_frame = forms.CharField(max_length=120, required=False, help_text="e.g. within three months.")
    drop = forms.BooleanField(required=False, label="Leave this out")

    def clean_time_frame(self):
        value = self.cleaned_data["time_frame"].strip()
        try:
            timeframes.parse(value)
        except timeframes.TimeFrameError as error:
            raise forms.ValidationError(str(error)) from error
        return value


DecisionFormSet = forms.formset_factory(DecisionForm, extra=0, max_num=40, validate_max=True)
AcceleratedFindingFormSet = forms.formset_factory(AcceleratedFindingForm, extra=0, max_num=80, validate_max=True)
