"""Forms of the report import: the upload, and the review of the draft (a formset per list)."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from inspections.core import timeframes
from inspections.core.forms import TrackerFormMixin, date_input
from inspections.core.grading import Grade
from inspections.importing import uploads
from inspections.importing.drafts import AreaRow, ItemRow
from inspections.importing.extraction import ImportProblem
from inspections.models import FindingKind, Force

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d %B %Y"]


class ForceChoiceForm(forms.Form):
    """The forces the user may choose from."""

    force = forms.ModelChoiceField(queryset=Force.objects.none(), empty_label=None)

    def __init__(self, *args, forces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["force"].queryset = forces


class ReportUploadForm(TrackerFormMixin, ForceChoiceForm):
    file = forms.FileField(
        label="The report or letter",
        required=False,
        help_text="Its PDF as published by HMICFRS, or its text as a .txt file.",
    )
    text = forms.CharField(
        label="Or paste its text",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Copy the whole report or letter (or one page of it) from HMICFRS's website and paste it here.",
    )
    published_on = forms.DateField(
        label="Publication date",
        required=False,
        input_formats=DATE_FORMATS,
        widget=date_input(short=True),
        help_text="Due dates follow from it. You can also give it when you review the draft.",
    )

    def clean(self):
        cleaned = super().clean()
        upload, pasted = cleaned.get("file"), (cleaned.get("text") or "").strip()
        if upload and pasted:
            raise forms.ValidationError("Upload a file or paste the text, not both.")
        if not upload and not pasted:
            self.add_error("file", "Choose the report's PDF or text file, or paste its text.")
            return cleaned
        if upload:
            limit = settings.TRACKER_IMPORT_MAX_REPORT_BYTES
            if upload.size > limit:
                self.add_error(
                    "file", f"The file is {filesizeformat(upload.size)}; reports of up to {filesizeformat(limit)}."
                )
                return cleaned
            data, name = upload.read(), upload.name
        else:
            data, name = pasted.encode("utf-8"), "pasted-report.txt"
        try:
            uploads.report_kind(data)
        except ImportProblem as problem:
            self.add_error("file" if upload else "text", str(problem))
            return cleaned
        cleaned["data"], cleaned["name"] = data, name
        return cleaned


class DraftForm(TrackerFormMixin, forms.Form):
    title = forms.CharField(max_length=300, label="Inspection title")
    published_on = forms.DateField(
        label="Publication date",
        required=False,
        input_formats=DATE_FORMATS,
        widget=date_input(short=True),
        help_text="Due dates follow from it.",
    )
    renumber = forms.BooleanField(
        label="Number the references again in report order (CoC 1, Rec 1.1, AFI 1…)", required=False, initial=True
    )
    draft_version = forms.IntegerField(widget=forms.HiddenInput)


class AreaRowForm(TrackerFormMixin, forms.Form):
    key = forms.CharField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(max_length=200, required=False, label="Area")
    grade = forms.ChoiceField(choices=[("", "Not graded"), *Grade.choices], required=False)
    drop = forms.BooleanField(required=False, label="Remove")

    def row(self):
        data = self.cleaned_data
        return AreaRow(key=data.get("key") or "", name=data.get("name") or "", grade=data.get("grade") or "",
                       drop=bool(data.get("drop")))


class ItemFields(forms.Form):
    """The review's choices (areas, causes of concern, earlier findings) are the draft's own; they are
    set here, before TrackerFormMixin validates."""

    def __init__(self, *args, area_choices, parent_choices, repeat_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", "No area"), *area_choices]
        self.fields["parent"].choices = [("", "None (stands alone)"), *parent_choices]
        self.fields["repeats"].choices = [("", "Nothing (a new finding)"), *repeat_choices]


class ItemRowForm(TrackerFormMixin, ItemFields):
    key = forms.CharField(required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(choices=[("", "Choose the type"), *FindingKind.choices], label="Type")
    reference = forms.CharField(max_length=30, required=False)
    area = forms.ChoiceField(required=False)
    parent = forms.ChoiceField(required=False, label="Under the cause of concern")
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Finding (the headline, as published)")
    context = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), required=False, label="Context (the paragraphs under it)"
    )
    time_frame = forms.CharField(max_length=120, required=False, help_text="e.g. within six months; empty if none.")
    position = forms.IntegerField(min_value=1, required=False, label="Position in the report")
    repeats = forms.TypedChoiceField(coerce=int, empty_value=None, required=False, label="Carries over")
    accelerated = forms.BooleanField(required=False, label="Accelerated cause of concern")
    drop = forms.BooleanField(required=False, label="Drop this finding")
    merge_up = forms.BooleanField(required=False, label="Merge into the finding above")
    split_at = forms.IntegerField(
        min_value=1, required=False, label="Split off from context paragraph",
        help_text="Paragraph N of the context becomes a new finding's headline.",
    )

    def clean_time_frame(self):
        value = self.cleaned_data["time_frame"].strip()
        try:
            timeframes.parse(value)
        except timeframes.TimeFrameError as error:
            raise forms.ValidationError(str(error)) from error
        return value

    def row(self):
        data = self.cleaned_data
        return ItemRow(
            key=data.get("key") or "",
            kind=data["kind"],
            reference=data.get("reference") or "",
            text=data["text"],
            context=data.get("context") or "",
            area=data.get("area") or "",
            parent=data.get("parent") or "",
            time_frame=data.get("time_frame") or "",
            position=data.get("position"),
            repeats=data.get("repeats"),
            accelerated=bool(data.get("accelerated")),
            drop=bool(data.get("drop")),
            merge_up=bool(data.get("merge_up")),
            split_at=data.get("split_at"),
        )


AreaFormSet = forms.formset_factory(AreaRowForm, extra=1, max_num=60, validate_max=True)
ItemFormSet = forms.formset_factory(ItemRowForm, extra=1, max_num=400, validate_max=True)


def area_initial(draft):
    return [{"key": a.key, "name": a.name, "grade": a.grade} for a in draft.areas]


def item_initial(draft):
    return [
        {
            "key": i.key,
            "kind": i.kind,
            "reference": i.reference,
            "area": i.area or "",
            "parent": i.parent or "",
            "text": i.text,
            "context": i.context,
            "time_frame": i.time_frame,
            "position": i.order,
            "repeats": i.carry_over.chosen if i.carry_over else None,
            "accelerated": i.accelerated,
        }
        for i in draft.items
    ]
