"""The tracker's pages: one URL module per capability. URL names are global (no namespaces), so
templates and reverse() name a page the same way wherever it lives."""

from django.urls import include, path

urlpatterns = [
    path("", include("inspections.findings.urls")),
    path("", include("inspections.boards.urls")),
    path("", include("inspections.section55.urls")),
    path("", include("inspections.documents.urls")),
    path("", include("inspections.reminders.urls")),
    path("", include("inspections.monitoring.urls")),
    path("", include("inspections.importing.urls")),
    path("", include("inspections.accessibility.urls")),
    path("", include("inspections.public.urls")),
]
