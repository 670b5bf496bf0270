"""Form presentation shared by every page: GOV.UK-style classes and accessible error links."""

from django import forms


class TrackerFormMixin:
    """Adds the stylesheet's classes to widgets and ties hints and errors to their inputs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            css = {
                forms.Textarea: "textarea",
                forms.Select: "select",
                forms.SelectMultiple: "select",
                forms.CheckboxInput: "checkbox",
                forms.ClearableFileInput: "file-upload",
                forms.FileInput: "file-upload",
            }.get(type(widget), "input")
            widget.attrs.setdefault("class", css)
            described_by = []
            if field.help_text:
                described_by.append(f"id_{self.add_prefix(name)}-hint")
            if self.is_bound and name in self.errors:
                described_by.append(f"id_{self.add_prefix(name)}-error")
                widget.attrs["aria-invalid"] = "true"
            if described_by:
                widget.attrs["aria-describedby"] = " ".join(described_by)
