from dataclasses import dataclass

from django import forms

from inspections.boards.services import Decision
from inspections.core.forms import TrackerFormMixin, date_input


class MeetingForm(TrackerFormMixin, forms.Form):
    held_on = forms.DateField(label="Date of the meeting", widget=date_input())
    note = forms.CharField(label="Note", required=False, max_length=200)
    agenda_item = forms.CharField(label="Agenda item of the pack", required=False, max_length=20,
                                  help_text="Printed on the pack, for example 6 or 4.2.")
    presented_by = forms.CharField(label="Presented by", required=False, max_length=200,
                                   help_text="Printed on the pack, for example the OPCC's Head of Assurance.")

    def __init__(self, *args, board, **kwargs):
        self.board = board
        super().__init__(*args, **kwargs)

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if self.board.meetings.filter(held_on=held_on).exists():
            raise forms.ValidationError("The board already meets on that day.")
        return held_on


class DecisionRowForm(TrackerFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        required=False,
        choices=[("", "No decision yet"), ("sign_off", "Sign off as closed"), ("return", "Return to the owner")],
    )
    reason = forms.CharField(label="Reason", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("decision") and not (data.get("reason") or "").strip():
            self.add_error("reason", "Give the board's reason for this decision.")
        return data


@dataclass
class DecisionRow:
    finding: object
    form: DecisionRowForm

    def decision(self):
        data = self.form.cleaned_data
        return Decision(self.finding, sign_off=data["decision"] == "sign_off", reason=data["reason"],
                        version=data["version"])


def decision_rows(findings, data=None):
    return [
        DecisionRow(f, DecisionRowForm(data, prefix=f"finding-{f.pk}", initial={"version": f.version}))
        for f in findings
    ]
