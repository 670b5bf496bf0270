from django.urls import path, re_path

from inspections.views import boards, documents, evidence, findings, inspections, pages, reminders, section55

urlpatterns = [
    path("", pages.home, name="home"),
    path("healthz", pages.health, name="health"),
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
]
