"""Forms of the Section 55 page and of a finding's response."""

from django import forms

from inspections.core.forms import TrackerFormMixin, date_input
from inspections.documents import images
from inspections.models import Role, Section55Response

FREE_TEXT_HINT = "Paragraphs separated by a blank line; start a line with “- ” for a bullet. No HTML."
MAX_FREE_TEXT = 60_000


class VersionMixin(forms.Form):
    """The version of the record the user read, for optimistic locking."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class Section55DraftForm(TrackerFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    signature_upload = forms.FileField(
        label="Signature image", required=False,
        help_text="Optional. A PNG or JPEG image, at most the size limit; it is printed above the signatory's name.",
    )
    remove_signature = forms.BooleanField(label="Remove the current signature image", required=False)

    class Meta:
        model = Section55Response
        fields = [
            "our_reference", "your_reference", "letter_date", "salutation",
            "pcc_introduction", "pcc_comments", "chief_constable_introduction", "governance_summary",
            "include_report_context", "pcc_response", "signatory_name", "signatory_title",
            "comments_invited_on", "comments_due_on", "response_lead",
        ]
        widgets = {
            "letter_date": date_input(short=True),
            "comments_invited_on": date_input(short=True),
            "comments_due_on": date_input(short=True),
        }

    def __init__(self, *args, inspection, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["response_lead"].queryset = Role.objects.filter(force_id=inspection.force_id)
        for name in ("pcc_introduction", "pcc_comments", "chief_constable_introduction", "governance_summary",
                     "pcc_response"):
            field = self.fields[name]
            field.max_length = MAX_FREE_TEXT
            field.validators.append(forms.fields.validators.MaxLengthValidator(MAX_FREE_TEXT))
            field.help_text = f"{field.help_text} {FREE_TEXT_HINT}".strip()
            field.widget.attrs["rows"] = 8
        self.fields["governance_summary"].widget.attrs["rows"] = 5
        self.fields["signature_upload"].widget.attrs["accept"] = "image/png,image/jpeg"

    def clean_signature_upload(self):
        upload = self.cleaned_data.get("signature_upload")
        if upload:
            images.check_image(images.read_upload(upload))
        return upload

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("signature_upload") and cleaned.get("remove_signature"):
            self.add_error("remove_signature", "Either upload a new signature or remove the current one, not both.")
        return cleaned


class SentForm(TrackerFormMixin, VersionMixin):
    sent_on = forms.DateField(
        label="Date sent", widget=date_input(short=True), help_text="To HMICFRS and the Home Office."
    )


class PublishedForm(TrackerFormMixin, VersionMixin):
    published_on = forms.DateField(label="Date published", widget=date_input(short=True))
    published_url = forms.URLField(
        label="Link to the published response", max_length=500, assume_scheme="https",
        help_text="The page on the OPCC's website.",
    )
