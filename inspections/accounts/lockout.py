"""Login throttling on top of django-axes: one limit per user name, a higher one per address, and
unlocking by OPCC staff (their force's users) and superusers (anyone).

Every failure is logged by django-axes ("AXES: New login failure by …", logger axes.watch_login) and
kept as an AccessFailureLog row that superusers see in the admin."""

import logging

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Sum
from django.utils import timezone

logger = logging.getLogger(__name__)


def client_address(request):
    """The client's address: the connection's, or behind TRACKER_PROXY_COUNT proxies the one they saw."""
    proxies = settings.TRACKER_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def _failures(attempts):
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LockoutHandler(AxesDatabaseHandler):
    """AXES_LOCKOUT_PARAMETERS is ["username", "ip_address"]: the first count is the user name's, the
    second the address's, each against its own limit."""

    def is_locked(self, request, credentials=None):
        if not settings.AXES_LOCK_OUT_AT_FAILURE:
            return False
        by_user, by_address = self.get_user_attempts(request, credentials)
        username_given = bool((credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD))
        return (username_given and _failures(by_user) >= settings.AXES_FAILURE_LIMIT) or (
            _failures(by_address) >= settings.TRACKER_LOGIN_ADDRESS_FAILURE_LIMIT
        )


def _recent():
    threshold = timezone.now() - settings.AXES_COOLOFF_TIME if settings.AXES_COOLOFF_TIME else None
    attempts = AccessAttempt.objects.all()
    return attempts.filter(attempt_time__gte=threshold) if threshold else attempts


def locked_user_names():
    """{user name: failures} of the user names locked out now."""
    totals = _recent().exclude(username__isnull=True).values("username").annotate(total=Sum("failures_since_start"))
    return {row["username"]: row["total"] for row in totals if row["total"] >= settings.AXES_FAILURE_LIMIT}


def locked_addresses():
    totals = _recent().values("ip_address").annotate(total=Sum("failures_since_start"))
    return {
        row["ip_address"]: row["total"]
        for row in totals
        if row["ip_address"] and row["total"] >= settings.TRACKER_LOGIN_ADDRESS_FAILURE_LIMIT
    }


def locked_users():
    """The users (accounts that exist) locked out now, with their failures, by user name."""
    names = locked_user_names()
    users = get_user_model().objects.filter(username__in=names).prefetch_related("memberships__force")
    return [(user, names[user.username]) for user in users.order_by("username")]


def unlock(username, *, by):
    count = reset(username=username)
    logger.warning("Sign-in lockout of user %r lifted by %s (%d records cleared).", username, by, count)
    return count


def unlock_address(address, *, by):
    count = reset(ip=address)
    logger.warning("Sign-in lockout of address %s lifted by %s (%d records cleared).", address, by, count)
    return count

