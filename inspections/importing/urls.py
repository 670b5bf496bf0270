"""Imports of reports and trackers, spreadsheet exports of an inspection, and exports written in the background."""

from django.urls import path

from inspections.importing.views import exports, reports, trackers

urlpatterns = [
    path("imports/", reports.import_list, name="imports"),
    path("imports/reports/new/", reports.report_upload, name="report_import_upload"),
    path("imports/reports/<int:pk>/", reports.report_detail, name="report_import"),
    path("imports/reports/<int:pk>/review/", reports.report_review, name="report_import_review"),
    path("imports/reports/<int:pk>/retry/", reports.report_retry, name="report_import_retry"),
    path("imports/reports/<int:pk>/discard/", reports.report_discard, name="report_import_discard"),
    path("imports/trackers/new/", trackers.tracker_upload, name="tracker_import_upload"),
    path("imports/trackers/<int:pk>/columns/", trackers.tracker_columns, name="tracker_import_columns"),
    path("imports/trackers/<int:pk>/", trackers.tracker_preview, name="tracker_import_preview"),
    path("imports/trackers/<int:pk>/discard/", trackers.tracker_discard, name="tracker_import_discard"),
    path("inspections/<int:pk>/export.<str:file_format>", exports.inspection_export, name="inspection_export"),
    path("exports/", exports.export_list, name="exports"),
    path("exports/<int:pk>/", exports.export_status, name="export"),
    path("exports/<int:pk>/download", exports.export_download, name="export_download"),
]
