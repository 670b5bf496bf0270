"""Sending a stored email: ready -> sending -> sent, or back to ready for another attempt, or failed.

Moving an email from ready to sending is one conditional UPDATE, so however many workers are handed
the same email (a re-queued task, a second sweep re-delivering it), only one sends it. An email left
"sending" by a worker that died mid-send is never sent again automatically: we may have handed it
to the mail server already, and a reminder sent twice is worse than one shown as stuck in the log.
"""

import logging
from collections import Counter

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from inspections.models import EmailStatus, OutgoingEmail
from inspections.reminders.rules import reminder_config

logger = logging.getLogger(__name__)

SENT, FAILED, SKIPPED, RETRY = "sent", "failed", "skipped", "retry"


class EmailNotSent(Exception):
    """This attempt failed; the email is ready again and should be tried after retry_in seconds."""

    def __init__(self, email_id, retry_in, error):
        self.email_id, self.retry_in = email_id, retry_in
        super().__init__(f"Email {email_id} not sent ({error}); next attempt in {retry_in} s.")


def deliver(*, email_id, config=None):
    """Send one ready email. Returns SENT, FAILED (no attempts left) or SKIPPED (not ready: another
    worker has it, or it went already); raises EmailNotSent when it should be tried again later."""
    config = config or reminder_config()
    if not _claim([email_id]):
        return SKIPPED
    outcome = _send(OutgoingEmail.objects.get(pk=email_id), config)
    if outcome == SENT:
        _mark_sent([email_id])
    return outcome


def _claim(email_ids):
    """Ready -> sending for those of these emails still ready, in one transaction; returns their ids."""
    with transaction.atomic():
        ready = list(
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk__in=email_ids, status=EmailStatus.READY)
            .values_list("pk", flat=True)
        )
        OutgoingEmail.objects.filter(pk__in=ready).update(
            status=EmailStatus.SENDING, attempts=F("attempts") + 1, updated_at=timezone.now()
        )
    return ready


def _mark_sent(email_ids):
    now = timezone.now()
    OutgoingEmail.objects.filter(pk__in=email_ids).update(status=EmailStatus.SENT, sent_at=now, updated_at=now)


def _send(email, config, connection=None):
    """One attempt at a claimed email: SENT, or FAILED (recorded), or EmailNotSent (ready again)."""
    try:
        if not email.to:
            raise ValueError("the recipient has no email address")
        message = EmailMultiAlternatives(
            subject=email.subject, body=email.plain_text, from_email=settings.DEFAULT_FROM_EMAIL, to=[email.to],
            connection=connection,
        )
        message.attach_alternative(email.html, "text/html")
        message.send()
    except Exception as error:  # SMTP, network or backend errors: all are recorded, none is lost
        final = email.attempts >= config.email_max_attempts or not email.to
        detail = f"Attempt {email.attempts} at {timezone.localtime():%d %B %Y %H:%M}: {type(error).__name__}: {error}"
        status = EmailStatus.FAILED if final else EmailStatus.READY
        OutgoingEmail.objects.filter(pk=email.pk).update(
            status=status, last_error=detail[:2000], updated_at=timezone.now()
        )
        if final:
            logger.error("Email %s to %s failed for good: %s", email.pk, email.to, detail)
            return FAILED
        raise EmailNotSent(email.pk, config.retry_delay(email.attempts), error) from error
    return SENT


SEND_BATCH = 50  # emails claimed at once: one claim, one read and one "sent" per batch, one mail connection


def deliver_now(email_ids):
    """Send emails in this process, one attempt each (the management command and the embedded mode),
    a batch at a time over one connection to the mail server.

    An email that fails stays ready; the next sweep, or run of send_reminders, tries it again until
    EMAIL_MAX_ATTEMPTS are used up. If the process stops mid-batch, the batch's unsent emails stay
    "sending" and are shown as stuck, never sent twice (see above).
    """
    config, outcomes, email_ids = reminder_config(), Counter(), list(email_ids)
    connection = get_connection()
    try:
        connection.open()  # kept open for every message (each would open and close its own otherwise)
    except Exception:  # the mail server is down: each attempt below records the error
        logger.warning("Could not connect to the mail server; each email records its own attempt.")
    try:
        for start in range(0, len(email_ids), SEND_BATCH):
            chunk = email_ids[start : start + SEND_BATCH]
            claimed = _claim(chunk)
            if len(claimed) < len(chunk):
                outcomes[SKIPPED] += len(chunk) - len(claimed)
            sent = []
            for email in OutgoingEmail.objects.filter(pk__in=claimed).order_by("pk"):
                try:
                    outcome = _send(email, config, connection)
                except EmailNotSent as error:
                    logger.warning("%s", error)
                    outcome = RETRY
                outcomes[outcome] += 1
                if outcome == SENT:
                    sent.append(email.pk)
            _mark_sent(sent)
    finally:
        try:
            connection.close()
        except Exception:
            logger.warning("The connection to the mail server did not close cleanly.")
    return outcomes
