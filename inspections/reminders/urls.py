"""Reminders: a user's own (their profile), and each force's preview, log and problems for OPCC staff."""

from django.urls import path

from inspections.reminders import views

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("reminders/", views.reminder_forces, name="reminders"),
    path("reminders/<slug:slug>/", views.force_reminders, name="force_reminders"),
]
