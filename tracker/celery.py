"""The Celery application. Each capability keeps its tasks in its own tasks.py (thin wrappers over
its services); the worker imports them from the packages listed here."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings.production")

TASK_PACKAGES = ["inspections.documents", "inspections.findings", "inspections.importing", "inspections.reminders"]

app = Celery("tracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(TASK_PACKAGES)
