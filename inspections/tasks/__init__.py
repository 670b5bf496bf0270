"""Celery tasks: thin wrappers that call the service layer. One module per feature, imported here
so that Celery's autodiscovery of `inspections.tasks` finds them all."""

from . import documents  # noqa: F401  (Section 55 letters and other rendered documents)
from .importing import read_report_import
from .maintenance import fail_stalled_work
from .reminders import send_reminder_email, sweep_reminders

__all__ = ["fail_stalled_work", "read_report_import", "send_reminder_email", "sweep_reminders"]
