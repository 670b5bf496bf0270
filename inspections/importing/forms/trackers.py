"""Forms of the tracker import: the upload, and the mapping of the file's columns."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from inspections.core.forms import TrackerFormMixin
from inspections.importing import trackers, uploads
from inspections.importing.extraction import ImportProblem
from inspections.importing.forms.reports import ForceChoiceForm
from inspections.models import Inspection


class TrackerUploadForm(TrackerFormMixin, ForceChoiceForm):
    file = forms.FileField(label="The tracker", help_text="An Excel workbook (.xlsx) or comma-separated values (.csv).")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.TRACKER_IMPORT_MAX_SPREADSHEET_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"The file is {filesizeformat(upload.size)}; trackers of up to {filesizeformat(limit)}."
            )
        data = upload.read()
        try:
            kind = uploads.spreadsheet_kind(data)
            trackers.read_tracker(data, kind)
        except ImportProblem as problem:
            raise forms.ValidationError(str(problem)) from problem
        self.data_bytes = data
        return upload


class MappingFields(forms.Form):
    """A choice of the file's columns for each tracker field, added before TrackerFormMixin validates."""

    def __init__(self, *args, headings, force, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection"].queryset = Inspection.objects.filter(force=force)
        choices = [("", "Not in this file"), *[(h, h) for h in headings]]
        for tracker_field in trackers.FIELDS:
            self.fields[f"column_{tracker_field.key}"] = forms.ChoiceField(
                label=tracker_field.label, choices=choices, required=tracker_field.key == "reference"
            )
        self.order_fields([f"column_{key}" for key in trackers.FIELD_KEYS] + ["inspection"])


class ColumnMappingForm(TrackerFormMixin, MappingFields):
    inspection = forms.ModelChoiceField(
        queryset=Inspection.objects.none(),
        required=False,
        label="Inspection of rows that name none",
        help_text="Needed when the file has no Inspection column, or a row leaves it empty.",
        empty_label="(every row names its inspection)",
    )

    def clean(self):
        cleaned = super().clean()
        chosen = [cleaned.get(f"column_{key}") for key in trackers.FIELD_KEYS if cleaned.get(f"column_{key}")]
        duplicates = {heading for heading in chosen if chosen.count(heading) > 1}
        if duplicates:
            raise forms.ValidationError(f"The column “{sorted(duplicates)[0]}” is chosen for two fields.")
        return cleaned

    def mapping(self):
        return {key: self.cleaned_data.get(f"column_{key}") or "" for key in trackers.FIELD_KEYS}

    @staticmethod
    def initial_for(mapping, inspection):
        initial = {f"column_{key}": heading for key, heading in mapping.items()}
        initial["inspection"] = inspection
        return initial
