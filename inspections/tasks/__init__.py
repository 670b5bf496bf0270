"""Celery tasks: thin wrappers that call the service layer. One module per feature, imported here
so that Celery's autodiscovery of `inspections.tasks` finds them all."""

from inspections.importing.tasks import read_report_import
from inspections.reminders.tasks import send_reminder_email, sweep_reminders

from . import documents  # noqa: F401  (Section 55 letters and other rendered documents)

__all__ = ["read_report_import", "send_reminder_email", "sweep_reminders"]
