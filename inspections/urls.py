from django.urls import path

from inspections.views import documents, pages, responses, section55

urlpatterns = [
    path("", pages.home, name="home"),
    path("healthz", pages.health, name="health"),
    # Section 55 response letters (issue 5), rendered documents and a finding's response.
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
    path("findings/<int:pk>/response/", responses.finding_response, name="finding_response"),
]
