"""Inspections and findings: the weekly work. Each action on a finding is a page of its own."""

from django.urls import path, re_path

from inspections.findings.views import evidence, extensions, findings, hmicfrs, home, inspections

ACTION_PATHS = {
    "add_update": ("update/", "finding_add_update"),
    "propose": ("propose/", "finding_propose"),
    "decide": ("decide/", "finding_decide"),
    "reassign": ("reassign/", "finding_reassign"),
    "revise_due_date": ("due-date/", "finding_due_date"),
    "edit_response": ("response/", "finding_response"),
    "close": ("close/", "finding_close"),
    "request_extension": ("extension/", "finding_extension"),
}

urlpatterns = [
    path("", home.home, name="home"),
    path("healthz", home.health, name="health"),
    path("inspections/", inspections.inspection_list, name="inspection_list"),
    path("inspections/<int:pk>/", inspections.inspection_detail, name="inspection_detail"),
    path("findings/", findings.finding_list, name="finding_list"),
    re_path(r"^findings/export\.(?P<fmt>csv|xlsx)$", findings.finding_export, name="finding_export"),
    path("findings/<int:pk>/", findings.finding_detail, name="finding_detail"),
    *[
        path(f"findings/<int:pk>/{suffix}", findings.act, {"name": action}, name=url_name)
        for action, (suffix, url_name) in ACTION_PATHS.items()
    ],
    path("findings/<int:pk>/hmicfrs/", hmicfrs.record_decision, name="finding_hmicfrs_decision"),
    path("findings/<int:pk>/closure-request/", hmicfrs.closure_request_render, name="finding_closure_request"),
    path("evidence/<int:pk>/", evidence.download, name="evidence_download"),
    path("extension-requests/<int:pk>/decide/", extensions.decide, name="extension_decide"),
]
