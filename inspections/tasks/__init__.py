"""Celery tasks: thin wrappers that call the service layer. One module per feature, imported here
so that Celery's autodiscovery of `inspections.tasks` finds them all."""

from .importing import read_report_import

__all__ = ["read_report_import"]
