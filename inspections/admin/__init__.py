"""The Django admin: every model browsable on day one.

Status, RAG, target dates and closure are read-only here: they change only through the workflow
(inspections/findings/services.py), which checks the allowed moves and keeps the audit trail. Records the tracker
writes as evidence (updates, changes, reminders, emails, rendered documents, imports) are read-only.
"""

from . import accounts, domain, records  # noqa: F401 (each module registers its models)
