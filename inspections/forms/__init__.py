"""Forms, one module per feature; every form styles itself with formstyle.TrackerFormMixin."""
