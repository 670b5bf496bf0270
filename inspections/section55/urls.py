"""The Section 55 response to an inspection: the draft, its preview and PDF, and its statutory steps."""

from django.urls import path

from inspections.section55 import views

PREFIX = "inspections/<int:inspection_id>/section55/"

urlpatterns = [
    path(PREFIX, views.section55_page, name="section55"),
    path(f"{PREFIX}preview/", views.section55_preview, name="section55_preview"),
    path(f"{PREFIX}responses/", views.section55_responses, name="section55_responses"),
    path(f"{PREFIX}render/", views.section55_render, name="section55_render"),
    path(f"{PREFIX}final/", views.section55_final, name="section55_final"),
    path(f"{PREFIX}sent/", views.section55_sent, name="section55_sent"),
    path(f"{PREFIX}published/", views.section55_published, name="section55_published"),
    path(f"{PREFIX}signature/", views.section55_signature, name="section55_signature"),
]
