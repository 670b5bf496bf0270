"""Governance boards: dashboards, meetings, the board pack and the board's decisions.

selectors.py (the dashboard's figures for a force or a board and the boards below it) and charts.py
(SVG drawn on the server) → pack.py (what a meeting's pack holds) and document.py (the pack as a
PDF, through inspections/documents) → services.py (meetings, and the decisions recorded at one) →
forms.py and views.py.
"""
