"""HMICFRS's monitoring of a force: its page, and the two things OPCC staff record on it."""

from django.urls import path

from inspections.monitoring import views

urlpatterns = [
    path("forces/<slug:slug>/monitoring/", views.force_monitoring, name="force_monitoring"),
    path("forces/<slug:slug>/monitoring/change/", views.record_change, name="force_monitoring_change"),
    path("forces/<slug:slug>/monitoring/oversight/", views.record_oversight_meeting, name="force_oversight_meeting"),
]
