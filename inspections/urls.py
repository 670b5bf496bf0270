from django.urls import path

from inspections.views import exports, importing, pages, trackers

urlpatterns = [
    path("", pages.home, name="home"),
    path("healthz", pages.health, name="health"),
    # Imports of reports and trackers, and spreadsheet exports (issue 7).
    path("imports/", importing.import_list, name="imports"),
    path("imports/reports/new/", importing.report_upload, name="report_import_upload"),
    path("imports/reports/<int:pk>/", importing.report_detail, name="report_import"),
    path("imports/reports/<int:pk>/review/", importing.report_review, name="report_import_review"),
    path("imports/reports/<int:pk>/retry/", importing.report_retry, name="report_import_retry"),
    path("imports/reports/<int:pk>/discard/", importing.report_discard, name="report_import_discard"),
    path("imports/trackers/new/", trackers.tracker_upload, name="tracker_import_upload"),
    path("imports/trackers/<int:pk>/columns/", trackers.tracker_columns, name="tracker_import_columns"),
    path("imports/trackers/<int:pk>/", trackers.tracker_preview, name="tracker_import_preview"),
    path("imports/trackers/<int:pk>/discard/", trackers.tracker_discard, name="tracker_import_discard"),
    path("inspections/<int:pk>/export.<str:file_format>", exports.inspection_export, name="inspection_export"),
]
