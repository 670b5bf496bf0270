"""Forms, one module per feature; each subclasses inspections.core.forms.TrackerFormMixin."""
