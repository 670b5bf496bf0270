"""The findings' responses entered together on the Section 55 page: every missing response in one
form, saved all at once or not at all. Each response is still the finding's own (written through
findings.services.edit_response, audited on its timeline), so the letter and the tracker agree."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction

from inspections.core.forms import TrackerFormMixin
from inspections.findings import services as finding_services
from inspections.section55.forms import MAX_FREE_TEXT


class MissingResponsesForm(TrackerFormMixin, forms.Form):
    """One text box per missing response the user may write, and the version of each finding read."""

    findings = ()

    @classmethod
    def for_findings(cls, findings, data=None):
        """The form for these findings (its fields are declared on a class of its own, so that the
        tracker's form mixin styles them and cleans what is typed into them like any other field)."""
        findings = list(findings)
        fields = {}
        for finding in findings:
            fields[f"response-{finding.pk}"] = forms.CharField(
                label=f"Response to {finding.reference}", required=False, max_length=MAX_FREE_TEXT,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            fields[f"version-{finding.pk}"] = forms.IntegerField(
                widget=forms.HiddenInput, initial=finding.version, required=False
            )
        form_class = type("MissingResponsesForm", (cls,), {**fields, "findings": findings})
        return form_class(data)

    def rows(self):
        """(finding, its text box, its version field), in report order, for the template."""
        return [(f, self[f"response-{f.pk}"], self[f"version-{f.pk}"]) for f in self.findings]

    def clean(self):
        data = super().clean()
        if self.findings and not any((data.get(f"response-{f.pk}") or "").strip() for f in self.findings):
            raise forms.ValidationError(
                "Enter at least one response. A response left empty stays missing and is not saved."
            )
        return data

    def entries(self):
        """[(finding, response, version read)] of the responses entered; empty boxes are left out."""
        data = self.cleaned_data
        return [
            (f, data[f"response-{f.pk}"].strip(), data.get(f"version-{f.pk}"))
            for f in self.findings
            if (data.get(f"response-{f.pk}") or "").strip()
        ]


def record_responses(*, entries, by):
    """Save each (finding, response, version read) in one transaction: one stale or invalid response
    saves none of them. Returns the findings saved."""
    saved = []
    with transaction.atomic():
        for finding, response, version in entries:
            try:
                saved.append(
                    finding_services.edit_response(finding, response=response, by=by, expected_version=version)
                )
            except ValidationError as error:
                raise ValidationError({f"response-{finding.pk}": error.messages}) from error
    return saved
