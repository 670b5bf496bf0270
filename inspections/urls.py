from django.urls import path

from inspections.views import pages, reminders

urlpatterns = [
    path("", pages.home, name="home"),
    path("healthz", pages.health, name="health"),
    # Reminders (issue 4): a user's own, and each force's preview, log and problems for OPCC staff.
    path("profile/", reminders.profile, name="profile"),
    path("reminders/", reminders.reminder_forces, name="reminders"),
    path("reminders/<slug:slug>/", reminders.force_reminders, name="force_reminders"),
]
