from django.urls import path, re_path

from inspections.accessibility.views import accessibility_statement
from inspections.views import (
    boards,
    documents,
    evidence,
    exports,
    findings,
    importing,
    inspections,
    pages,
    reminders,
    section55,
    trackers,
)

urlpatterns = [
    path("", pages.home, name="home"),
    path("healthz", pages.health, name="health"),
    path("accessibility/", accessibility_statement, name="accessibility_statement"),
    # Inspections and findings: the weekly work (issue 3).
    path("inspections/", inspections.inspection_list, name="inspection_list"),
    path("inspections/<int:pk>/", inspections.inspection_detail, name="inspection_detail"),
    path("findings/", findings.finding_list, name="finding_list"),
    re_path(r"^findings/export\.(?P<fmt>csv|xlsx)$", findings.finding_export, name="finding_export"),
    path("findings/<int:pk>/", findings.finding_detail, name="finding_detail"),
    path("findings/<int:pk>/update/", findings.add_update, name="finding_add_update"),
    path("findings/<int:pk>/propose/", findings.propose_complete, name="finding_propose"),
    path("findings/<int:pk>/decide/", findings.decide, name="finding_decide"),
    path("findings/<int:pk>/reassign/", findings.reassign, name="finding_reassign"),
    path("findings/<int:pk>/due-date/", findings.revise_due_date, name="finding_due_date"),
    path("findings/<int:pk>/response/", findings.edit_response, name="finding_response"),
    path("findings/<int:pk>/close/", findings.close_otherwise, name="finding_close"),
    path("evidence/<int:pk>/", evidence.download, name="evidence_download"),
    # Dashboards, board meetings and packs (issue 6).
    path("dashboard/", boards.force_dashboard, name="dashboard"),
    path("boards/<int:pk>/", boards.board_dashboard, name="board_dashboard"),
    path("boards/<int:board_pk>/meetings/<int:pk>/pack/", boards.meeting_pack, name="meeting_pack"),
    path("boards/<int:board_pk>/meetings/<int:pk>/pack/pdf/", boards.meeting_pack_render, name="meeting_pack_render"),
    path("boards/<int:board_pk>/meetings/<int:pk>/decisions/", boards.meeting_decisions, name="meeting_decisions"),
    # Section 55 response letters (issue 5) and rendered documents.
    path("inspections/<int:inspection_id>/section55/", section55.section55_page, name="section55"),
    path("inspections/<int:inspection_id>/section55/preview/", section55.section55_preview, name="section55_preview"),
    path("inspections/<int:inspection_id>/section55/render/", section55.section55_render, name="section55_render"),
    path("inspections/<int:inspection_id>/section55/final/", section55.section55_final, name="section55_final"),
    path("inspections/<int:inspection_id>/section55/sent/", section55.section55_sent, name="section55_sent"),
    path(
        "inspections/<int:inspection_id>/section55/published/",
        section55.section55_published,
        name="section55_published",
    ),  # fmt: skip
    path(
        "inspections/<int:inspection_id>/section55/signature/",
        section55.section55_signature,
        name="section55_signature",
    ),  # fmt: skip
    path("documents/<int:pk>/", documents.document_status, name="document"),
    path("documents/<int:pk>/download/", documents.document_download, name="document_download"),
    # Reminders (issue 4): a user's own, and each force's preview, log and problems for OPCC staff.
    path("profile/", reminders.profile, name="profile"),
    path("reminders/", reminders.reminder_forces, name="reminders"),
    path("reminders/<slug:slug>/", reminders.force_reminders, name="force_reminders"),
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
