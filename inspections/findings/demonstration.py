"""Demonstration periods: a finding the board signs off stays "complete – demonstrating" for the
period its board (or else its force) declares, and closes when the period ends without a return.

The daily task (tasks.close_ended_demonstrations, Celery beat) calls close_ended(); it is idempotent
(only findings still demonstrating are picked up) and one finding that fails never stops the others.
"""

import logging
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from inspections.core.labels import day_month_year
from inspections.core.status import Status
from inspections.core.timeframes import add_months
from inspections.findings import services as finding_service
from inspections.models import Finding

logger = logging.getLogger(__name__)


def period_end(board, signed_off_on):
    """The day a demonstration period that starts on `signed_off_on` ends, or None when the board (or its
    force) has none."""
    months = board.demonstration_period
    return add_months(signed_off_on, months) if months else None


@dataclass
class Outcome:
    closed: list = field(default_factory=list)  # references closed
    failed: list = field(default_factory=list)  # (finding id, what went wrong)

    def summary(self):
        return {"closed": len(self.closed), "failed": len(self.failed)}


def ended_on(day):
    """Findings whose demonstration period has ended by `day` (the end day included)."""
    return Finding.objects.filter(status=Status.DEMONSTRATING, demonstration_ends_on__lte=day).order_by("pk")


def close_ended(*, on=None):
    """Close every finding whose demonstration period ended without a return, each in its own transaction."""
    day = on or timezone.localdate()
    outcome = Outcome()
    for finding_id in list(ended_on(day).values_list("pk", flat=True)):
        try:
            with transaction.atomic():
                finding = Finding.objects.select_related("inspection").get(pk=finding_id)
                if finding.status != Status.DEMONSTRATING:
                    continue  # returned meanwhile
                reason = (
                    f"The demonstration period ended on {day_month_year(finding.demonstration_ends_on)} "
                    "without a return."
                )
                finding_service.change_status(
                    finding, to=Status.CLOSED, by=None, reason=reason, on=finding.demonstration_ends_on
                )
        except (ValidationError, DatabaseError, finding_service.StaleFindingError) as error:
            logger.exception("Finding %s could not be closed after its demonstration period", finding_id)
            outcome.failed.append((finding_id, str(error)))
        else:
            outcome.closed.append(finding_id)
    return outcome
