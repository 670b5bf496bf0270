"""Forms for the work on a finding. Each carries the version the user read (optimistic locking)."""

from django import forms
from django.utils import timezone

from inspections.core.forms import TrackerFormMixin, date_input
from inspections.core.status import OPEN_STATUSES, Rag, Status
from inspections.findings import progress, rag_rules
from inspections.models import Finding, GovernanceBoard, Role
from inspections.section55.forms import FREE_TEXT_HINT, MAX_FREE_TEXT


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class FindingForm(TrackerFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, finding, **kwargs):
        self.finding = finding
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("version", finding.version)
        super().__init__(*args, **kwargs)


EVIDENCE_HELP = "PDF, Word, Excel or images. You can choose several files."


class ProgressUpdateForm(FindingForm):
    narrative = forms.CharField(label="What has happened since the last update", widget=forms.Textarea)
    rag = forms.ChoiceField(
        label="RAG rating",
        required=False,
        choices=[("", "Not rated")] + [(value, label) for value, label in Rag.choices if value != Rag.BLUE],
        help_text="Blue (complete) is set when the finding is proposed as complete.",
    )
    next_update_due = forms.DateField(label="Next update due", required=False, widget=date_input())
    keep_past_date = forms.BooleanField(
        label="Yes, keep this next update date although it is in the past", required=False
    )
    start_work = forms.BooleanField(label="Work on this finding has started (move it to In progress)", required=False)
    evidence = MultipleFileField(label="Evidence", required=False, help_text=EVIDENCE_HELP)

    def __init__(self, *args, finding, **kwargs):
        # The force's RAG rules pre-select the rating they give today; the owner may choose another.
        self.rule = rag_rules.suggest_rag(finding)
        suggested = self.rule.rag if self.rule and self.rule.rag != Rag.BLUE else None
        current = finding.rag if finding.rag != Rag.BLUE else ""
        kwargs.setdefault("initial", {}).update(rag=suggested or current, next_update_due=finding.next_update_due)
        super().__init__(*args, finding=finding, **kwargs)
        if suggested:
            self.fields["rag"].help_text = (
                f"The force's RAG rule gives {self.rule.label}: {self.rule.because.lower()}. You may choose "
                "another rating; the board is shown where a rating differs from the rule."
            )
        if finding.status != "awaiting_allocation":
            del self.fields["start_work"]
        if not self._posted_date_is_past():
            del self.fields["keep_past_date"]  # offered only when the date typed is in the past

    def _posted_date_is_past(self):
        if not self.is_bound:
            return False
        try:
            field = self.fields["next_update_due"]
            posted = field.widget.value_from_datadict(self.data, self.files, self.add_prefix("next_update_due"))
            day = field.clean(posted)
        except forms.ValidationError:
            return False
        return bool(day) and day < timezone.localdate()

    def clean(self):
        data = super().clean()
        day = data.get("next_update_due")
        if day and day < timezone.localdate() and not data.get("keep_past_date"):
            # Questioned, not silently kept: usually a slip of the year or month.
            self.add_error("next_update_due", progress.past_next_update_message(day))
        return data


class ProposeCompleteForm(FindingForm):
    reason = forms.CharField(
        label="Why the finding is complete", widget=forms.Textarea,
        help_text="The board reads this when it decides whether to sign the finding off.",
    )
    evidence = MultipleFileField(label="Evidence", required=False, help_text=EVIDENCE_HELP)


class DecisionForm(FindingForm):
    decision = forms.ChoiceField(
        label="The board's decision",
        choices=[("sign_off", "Sign off as closed"), ("return", "Return to the owner")],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="Reason", widget=forms.Textarea, required=False, help_text="Recorded in the finding's timeline."
    )

    REASON_NEEDED = {
        "sign_off": "Enter the board's reason for signing off the finding.",
        "return": "Enter a reason for returning the finding.",
    }


    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision and not (data.get("reason") or "").strip():
            self.add_error("reason", self.REASON_NEEDED[decision])
        return data

    def __init__(self, *args, finding, **kwargs):
        super().__init__(*args, finding=finding, **kwargs)
        self.fields["decision"].error_messages["required"] = (
            "Choose whether the board signs the finding off or returns it."
        )
        self.fields["reason"].needed = True  # needed whichever the decision: no "(optional)" beside it
        if finding.status == Status.DEMONSTRATING:
            # Signed off already: during the demonstration period the board can only return it.
            self.fields["decision"].choices = [("return", "Return to the owner: the improvement has not held")]
        elif finding.board_id and finding.board.demonstration_period:
            months = finding.board.demonstration_period
            self.fields["decision"].choices = [
                ("sign_off", f"Sign off: complete – demonstrating for {months} month{'s' if months != 1 else ''}, "
                             "then closed"),
                ("return", "Return to the owner"),
            ]


class ExtensionRequestForm(FindingForm):
    due_date = forms.DateField(label="New target date asked for", widget=date_input())
    reason = forms.CharField(
        label="Why more time is needed", widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The governing board reads this when it approves or refuses the request.",
    )


class ReassignForm(FindingForm):
    owner = forms.ModelChoiceField(queryset=Role.objects.none(), label="Owner (strategic force lead)")
    board = forms.ModelChoiceField(queryset=GovernanceBoard.objects.none(), label="Governing board")
    reason = forms.CharField(label="Reason", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, finding, **kwargs):
        kwargs.setdefault("initial", {}).update(owner=finding.owner_id, board=finding.board_id)
        super().__init__(*args, finding=finding, **kwargs)
        force = finding.inspection.force_id
        self.fields["owner"].queryset = Role.objects.filter(force_id=force).select_related("holder")
        self.fields["board"].queryset = GovernanceBoard.objects.filter(force_id=force)

    def clean(self):
        data = super().clean()
        if data.get("owner") == self.finding.owner and data.get("board") == self.finding.board:
            raise forms.ValidationError("Choose a different owner or governing board.")
        return data


class DueDateForm(FindingForm):
    due_date = forms.DateField(label="New target date", widget=date_input())
    reason = forms.CharField(label="Why the target date is revised", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, finding, **kwargs):
        kwargs.setdefault("initial", {}).update(due_date=finding.due_date)
        super().__init__(*args, finding=finding, **kwargs)


class ResponseForm(FindingForm):
    response = forms.CharField(
        label="The force's response", widget=forms.Textarea(attrs={"rows": 12}),
        max_length=MAX_FREE_TEXT, error_messages={"required": "Enter the force's response."},
        help_text=f"As it appears in the tracker and the Section 55 letter. {FREE_TEXT_HINT}",
    )

    def __init__(self, *args, finding, **kwargs):
        kwargs.setdefault("initial", {}).update(response=finding.response)
        super().__init__(*args, finding=finding, **kwargs)


class CloseForm(FindingForm):
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=[
            ("superseded", "Superseded by a finding of a later inspection"),
            ("no_longer_relevant", "Closed as no longer relevant"),
        ],
        widget=forms.RadioSelect,
    )
    superseded_by = forms.ModelChoiceField(
        queryset=Finding.objects.none(), required=False, label="Superseded by",
        help_text="Needed when the finding is superseded.",
    )
    superseded_by.needed = True  # one of the two outcomes needs it: never marked "(optional)"
    reason = forms.CharField(label="Reason", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, finding, **kwargs):
        super().__init__(*args, finding=finding, **kwargs)
        self.fields["superseded_by"].queryset = (
            Finding.objects.filter(inspection__force_id=finding.inspection.force_id, status__in=OPEN_STATUSES)
            .exclude(inspection_id=finding.inspection_id)
            .select_related("inspection")
            .order_by("-inspection__published_on", "order")
        )
        self.fields["superseded_by"].label_from_instance = lambda f: f"{f.inspection}: {f.reference} – {f.text[:80]}"
