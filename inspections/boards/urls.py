"""Dashboards, board meetings, packs and the board's decisions."""

from django.urls import path

from inspections.boards import rules_views, views

urlpatterns = [
    path("dashboard/", views.force_dashboard, name="dashboard"),
    path("boards/<int:pk>/", views.board_dashboard, name="board_dashboard"),
    path("forces/<int:pk>/rules/", rules_views.force_rules, name="force_rules"),
    path("boards/<int:board_pk>/meetings/<int:pk>/pack/", views.meeting_pack, name="meeting_pack"),
    path("boards/<int:board_pk>/meetings/<int:pk>/pack/pdf/", views.meeting_pack_render, name="meeting_pack_render"),
    path("boards/<int:board_pk>/meetings/<int:pk>/decisions/", views.meeting_decisions, name="meeting_decisions"),
]
