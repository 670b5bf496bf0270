"""Celery tasks: thin wrappers that call the service layer. One module per feature, imported here
so that Celery's autodiscovery of `inspections.tasks` finds them all."""

from .reminders import send_reminder_email, sweep_reminders

__all__ = ["send_reminder_email", "sweep_reminders"]
