"""The accessibility statement, served without sign-in."""

from django.urls import path

from inspections.accessibility.views import accessibility_statement

urlpatterns = [
    path("accessibility/", accessibility_statement, name="accessibility_statement"),
]
