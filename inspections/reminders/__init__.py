"""Reminders: who is emailed about what, and when.

rules.py (the settings, TRACKER_REMINDERS) → planner.py (who is reminded of what on a day; reads
only) → sweep.py (records each reminder once, composes digests; writes) → emails.py (the text) →
delivery.py (sends a stored email, retries, gives up) → tasks.py (Celery); selectors.py, forms.py
and views.py are the pages.
"""
