"""Rendered documents (letters, packs): a version's status page and its download."""

from django.urls import path

from inspections.documents import views

urlpatterns = [
    path("documents/<int:pk>/", views.document_status, name="document"),
    path("documents/<int:pk>/download/", views.document_download, name="document_download"),
]
