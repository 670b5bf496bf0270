"""Forms, one module per feature; each subclasses inspections.formstyle.TrackerFormMixin."""
