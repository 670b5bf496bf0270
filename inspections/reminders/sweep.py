"""The daily reminder sweep: work out who is reminded of what, record it, and send it, exactly once.

sweep(day=…, send=…) runs in three steps, each in batches of one transaction with a fixed number of
queries whatever the batch size (see bench/reminders.py):

1. Claim. The rules (planner.Planner) are evaluated for a batch of open findings (then of
   published inspections, for the Section 55 clock); the reminders they call for are inserted with
   INSERT … ON CONFLICT DO NOTHING under the unique key (recipient, finding or inspection, rule,
   day). Those an earlier sweep recorded are left out before the insert (so a second sweep of the
   day inserts nothing), and one a concurrent sweep records meanwhile is left alone by the insert;
   the reminders this run claimed are those carrying its run id.
2. Compose. For a batch of recipients with reminders not yet in an email (for this day or, left over,
   an earlier one), their reminders are locked, one email per recipient and kind (the digest; an
   escalation is its own email) is written and inserted under the unique key (recipient, kind, day),
   and the run whose insert won attaches the reminders (one UPDATE for the batch). The emails are handed to `send` once
   the transaction has committed. Reminders for a recipient whose email for the day already exists
   (rare: a finding changed between two sweeps of the same day) wait for the next day's digest.
3. Redeliver. Emails still "ready" well after they were written (the broker was down, a send failed
   and awaits its retry, the process stopped after committing) are handed to `send` again; sending
   moves an email from ready to sending in one conditional UPDATE, so none goes twice.

A sweep that stops half-way leaves whole batches behind it: the next sweep claims what is missing
and sends everything not yet sent. Two sweeps at once split the work between them.
"""

import logging
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import OperationalError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from inspections.models import OutgoingEmail, Reminder, ReminderRun, email_kind_for
from inspections.models.reminders import EmailStatus
from inspections.reminders.emails import compose
from inspections.reminders.planner import Planner, s55_inspections, sweep_findings
from inspections.reminders.rules import reminder_config

logger = logging.getLogger(__name__)

REDELIVER_AFTER = timedelta(minutes=10)
MAX_SKIPPED_KEPT = 1000


@dataclass
class SweepResult:
    day: object
    dry_run: bool = False
    working_day: bool = True
    run_id: object = None
    candidates: list = field(default_factory=list)  # dry run: every reminder the rules call for
    recorded: set = field(default_factory=set)  # dry run: the keys of those already recorded
    skipped: list = field(default_factory=list)
    claimed: int = 0
    emails_created: int = 0
    emails_redelivered: int = 0

    @property
    def to_send(self):
        return [candidate for candidate in self.candidates if candidate.key not in self.recorded]

    def summary(self):
        return {
            "day": self.day.isoformat(), "working_day": self.working_day, "run": str(self.run_id or ""),
            "claimed": self.claimed, "emails_created": self.emails_created,
            "emails_redelivered": self.emails_redelivered, "skipped": len(self.skipped),
        }


def batches(queryset, size):
    """Rows of the queryset in primary-key order, `size` at a time (keyset pagination: one query each)."""
    last = 0
    while True:
        rows = list(queryset.filter(pk__gt=last).order_by("pk")[:size])
        if not rows:
            return
        yield rows
        last = rows[-1].pk


def plan_batches(planner, day, batch_size):
    """(candidates, skipped) per batch: findings first, then inspections."""
    for rows in batches(sweep_findings(), batch_size):
        yield planner.evaluate(findings=planner.attach(rows), day=day)
    for rows in batches(s55_inspections(first_day=day, last_day=day), batch_size):
        yield planner.evaluate(inspections=rows, day=day)


def _is_transient(error):
    """A deadlock or serialisation failure between concurrent sweeps (PostgreSQL), or a busy SQLite."""
    return getattr(error.__cause__, "sqlstate", None) in {"40P01", "40001"} or "database is locked" in str(error)


def _retrying(work, attempts=4):
    for attempt in range(1, attempts + 1):  # pragma: no mutate (the last attempt raises; a longer range never runs)
        try:
            return work()
        except OperationalError as error:
            if attempt == attempts or not _is_transient(error):
                raise
            logger.warning("Reminder sweep batch retried after %s", error)
            time.sleep(0.05 * attempt)


def _claim(candidates, run_id):
    rows = [
        Reminder(
            recipient=c.recipient,
            finding=c.finding,
            inspection=None if c.finding else c.inspection,
            force_id=c.force_id,
            rule=c.rule,
            for_day=c.day,
            reason=c.reason,
            run=run_id,
        )
        for c in candidates
    ]
    with transaction.atomic():
        Reminder.objects.bulk_create(rows, ignore_conflicts=True)


def _compose(recipient_ids, day, run_id, send):
    """Write the emails of a batch of recipients; returns how many this run wrote."""
    with transaction.atomic():
        reminders = list(
            Reminder.objects.filter(recipient_id__in=recipient_ids, email__isnull=True, for_day__lte=day)
            .select_related("recipient", "finding__inspection", "inspection")
            .order_by("id")
            .select_for_update(of=("self",))
        )
        groups = {}
        for reminder in reminders:
            groups.setdefault((reminder.recipient_id, email_kind_for(reminder.rule)), []).append(reminder)
        # Written whole and claimed in one statement: an email another sweep claimed first (the
        # unique key) is left alone, and only this run's are attached and sent.
        OutgoingEmail.objects.bulk_create(
            [_email(items, kind, day, run_id) for (_, kind), items in groups.items()], ignore_conflicts=True
        )
        # A run is of one day, and only() always reads the key: mutants of either are equivalent.
        this_run = {"run": run_id, "for_day": day}  # pragma: no mutate
        emails = list(
            OutgoingEmail.objects.filter(recipient_id__in=recipient_ids, **this_run).only(
                "id", "recipient_id", "kind"  # pragma: no mutate
            )
        )
        _attach({reminder.pk: email.pk for email in emails for reminder in groups[(email.recipient_id, email.kind)]})
        ids = [email.pk for email in emails]
        if ids:
            transaction.on_commit(lambda: send(ids), robust=True)
    return len(ids)


def _email(items, kind, day, run_id):
    recipient = items[0].recipient
    subject, plain_text, html = compose(recipient=recipient, kind=kind, day=day, reminders=items)
    return OutgoingEmail(
        recipient=recipient, to=recipient.email, kind=kind, for_day=day, subject=subject, plain_text=plain_text,
        html=html, run=run_id,
    )


def _attach(email_of):
    """Reminder id -> email id, in one UPDATE whatever their number (PostgreSQL; Django's bulk_update
    writes a CASE with a branch per row, which costs rows x rows). SQLite's small data uses bulk_update."""
    if not email_of:
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE inspections_reminder AS reminder SET email_id = attached.email_id "
                # SQL's keywords ignore case: mutants changing their case are equivalent.
                "FROM unnest(%s::bigint[], %s::bigint[]) AS attached(id, email_id) "  # pragma: no mutate
                "WHERE reminder.id = attached.id",  # pragma: no mutate
                [list(email_of), list(email_of.values())],
            )
        return
    reminders = [Reminder(pk=pk, email_id=email_id) for pk, email_id in email_of.items()]
    Reminder.objects.bulk_update(reminders, ["email"], batch_size=500)  # pragma: no mutate (any size: the same rows)


def _redeliver(day, run_id, send):
    stale = OutgoingEmail.objects.filter(
        status=EmailStatus.READY, for_day__lte=day, updated_at__lt=timezone.now() - REDELIVER_AFTER
    ).exclude(run=run_id)
    ids = list(stale.order_by("id").values_list("id", flat=True))  # pragma: no mutate (flat with no field is the key)
    if ids:
        send(ids)
    return len(ids)


def plan_day(*, day):
    """What a sweep of this day would send, and what it would skip; writes nothing."""
    config = reminder_config()
    result = SweepResult(day=day, dry_run=True, working_day=config.is_working_day(day))
    if not result.working_day:
        return result
    planner = Planner(config, first_day=day, last_day=day)
    for candidates, skipped in plan_batches(planner, day, config.batch_size):
        result.candidates.extend(candidates)
        result.skipped.extend(skipped)
        result.recorded.update(_recorded_keys(candidates, day))
    return result


def _recorded_keys(candidates, day):
    if not candidates:
        return set()
    existing = Reminder.objects.filter(
        for_day=day, recipient_id__in={c.recipient.pk for c in candidates}, rule__in={c.rule for c in candidates}
    ).filter(
        Q(finding_id__in={c.finding.pk for c in candidates if c.finding})
        | Q(inspection_id__in={c.inspection.pk for c in candidates if not c.finding})
    )
    return set(existing.values_list("recipient_id", "finding_id", "inspection_id", "rule", "for_day"))


def sweep(*, day, send=None, dry_run=False):
    """Record and send the reminders of `day`. `send(email_ids)` is called after each batch commits:
    the Celery task queues them (reminders/tasks.py); the management command sends them in-process.
    With dry_run, nothing is written or sent: the result lists what would be."""
    if dry_run:
        return plan_day(day=day)
    if send is None:
        raise TypeError("sweep() needs send=…, a function that sends or queues a list of email ids.")
    config = reminder_config()
    result = SweepResult(day=day, working_day=config.is_working_day(day))
    if not result.working_day:
        return result
    run = ReminderRun.objects.create(id=uuid.uuid4(), day=day, started_at=timezone.now())
    result.run_id = run.id
    try:
        planner = Planner(config, first_day=day, last_day=day)
        for candidates, skipped in plan_batches(planner, day, config.batch_size):
            result.skipped.extend(skipped)
            # Those an earlier sweep of the day recorded are left out first (one read), so that a
            # sweep run again inserts nothing; ON CONFLICT still settles a race with a concurrent one.
            recorded = _recorded_keys(candidates, day)
            new = [candidate for candidate in candidates if candidate.key not in recorded]
            if new:
                _retrying(lambda new=new: _claim(new, run.id))
        result.claimed = Reminder.objects.filter(run=run.id).count()
        waiting = Reminder.objects.filter(email__isnull=True, for_day__lte=day)
        recipients = sorted(set(waiting.values_list("recipient_id", flat=True)))
        for start in range(0, len(recipients), config.batch_size):
            chunk = recipients[start : start + config.batch_size]
            result.emails_created += _retrying(lambda chunk=chunk: _compose(chunk, day, run.id, send))
        result.emails_redelivered = _redeliver(day, run.id, send)
    except Exception as error:
        run.error = f"{type(error).__name__}: {error}"[:2000]
        run.reminders_claimed = Reminder.objects.filter(run=run.id).count()
        run.skipped = [entry.as_dict() for entry in result.skipped[:MAX_SKIPPED_KEPT]]
        run.save(update_fields=["error", "reminders_claimed", "skipped"])
        raise
    run.finished_at = timezone.now()
    run.reminders_claimed, run.emails_created = result.claimed, result.emails_created
    run.emails_redelivered = result.emails_redelivered
    run.skipped = [entry.as_dict() for entry in result.skipped[:MAX_SKIPPED_KEPT]]
    run.save()
    return result
