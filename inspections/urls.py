from django.urls import path

from inspections.views import pages

urlpatterns = [
    path("", pages.home, name="home"),
    path("healthz", pages.health, name="health"),
]
