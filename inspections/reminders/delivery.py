"""Sending a stored email: ready -> sending -> sent, or back to ready for another attempt, or failed.

Moving an email from ready to sending is one conditional UPDATE, so however many workers are handed
the same email (a re-queued task, a second sweep re-delivering it), only one sends it. An email left
"sending" by a worker that died mid-send is never sent again automatically: we may have handed it
to the mail server already, and a reminder sent twice is worse than one shown as stuck in the log.
"""

import logging
from collections import Counter

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
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
    claimed = OutgoingEmail.objects.filter(pk=email_id, status=EmailStatus.READY).update(
        status=EmailStatus.SENDING, attempts=F("attempts") + 1, updated_at=timezone.now()
    )
    if not claimed:
        return SKIPPED
    email = OutgoingEmail.objects.get(pk=email_id)
    try:
        if not email.to:
            raise ValueError("the recipient has no email address")
        message = EmailMultiAlternatives(
            subject=email.subject, body=email.plain_text, from_email=settings.DEFAULT_FROM_EMAIL, to=[email.to]
        )
        message.attach_alternative(email.html, "text/html")
        message.send()
    except Exception as error:  # SMTP, network or backend errors: all are recorded, none is lost
        final = email.attempts >= config.email_max_attempts or not email.to
        detail = f"Attempt {email.attempts} at {timezone.localtime():%d %B %Y %H:%M}: {type(error).__name__}: {error}"
        status = EmailStatus.FAILED if final else EmailStatus.READY
        OutgoingEmail.objects.filter(pk=email_id).update(
            status=status, last_error=detail[:2000], updated_at=timezone.now()
        )
        if final:
            logger.error("Email %s to %s failed for good: %s", email_id, email.to, detail)
            return FAILED
        raise EmailNotSent(email_id, config.retry_delay(email.attempts), error) from error
    OutgoingEmail.objects.filter(pk=email_id).update(
        status=EmailStatus.SENT, sent_at=timezone.now(), updated_at=timezone.now()
    )
    return SENT


def deliver_now(email_ids):
    """Send emails in this process, one attempt each (the management command and the embedded mode).

    An email that fails stays ready; the next sweep, or run of send_reminders, tries it again until
    EMAIL_MAX_ATTEMPTS are used up.
    """
    config, outcomes = reminder_config(), Counter()
    for email_id in email_ids:
        try:
            outcomes[deliver(email_id=email_id, config=config)] += 1
        except EmailNotSent as error:
            logger.warning("%s", error)
            outcomes[RETRY] += 1
    return outcomes
