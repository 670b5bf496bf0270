"""Celery tasks: thin wrappers that call the service layer. One module per feature, imported here
so that Celery's autodiscovery of `inspections.tasks` finds them all."""
