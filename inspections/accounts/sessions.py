"""Sessions a user can see and end, and their absolute lifetime.

Django's sessions slide: each request pushes the expiry on (SESSION_COOKIE_AGE of inactivity). On top,
a session ends TRACKER_SESSION_MAX_AGE_HOURS after sign-in however busy it is (ASVS 3.3.2), and each is
recorded (UserSession: when, how, from where) so its user can see it and end it from another device."""

import time
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.utils import timezone

from inspections.accounts.lockout import client_address
from inspections.models import SignInMethod, UserSession

SIGNED_IN_AT = "tracker_signed_in_at"
SEEN_AT = "tracker_seen_at"
METHOD = "tracker_sign_in_method"
TOUCH_EVERY_SECONDS = 300  # how often "last seen" is written: not on every request


def _store(session_key=None):
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key)


def record_sign_in(request, user, method):
    """Called on every sign-in (the user_logged_in signal)."""
    if request is None or not hasattr(request, "session"):
        return None
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[SEEN_AT] = now
    request.session[METHOD] = method
    if request.session.session_key is None:
        request.session.save()
    moment = timezone.now()
    UserSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={
            "user": user, "method": method, "signed_in_at": moment, "last_seen_at": moment,
            "ip_address": client_address(request) if hasattr(request, "META") else None,
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:300] if hasattr(request, "META") else "",
        },
    )
    return request.session.session_key


def set_method(request, method):
    request.session[METHOD] = method
    UserSession.objects.filter(session_key=request.session.session_key).update(method=method)


def is_single_sign_on(request):
    return request.session.get(METHOD) == SignInMethod.SINGLE_SIGN_ON


def has_expired(request, now=None):
    started = request.session.get(SIGNED_IN_AT)
    if started is None:
        return False
    return (now or time.time()) - started > settings.TRACKER_SESSION_MAX_AGE_HOURS * 3600


def touch(request, now=None):
    """Note that the session is in use, at most every few minutes."""
    now = now or time.time()
    if SIGNED_IN_AT not in request.session:  # signed in before sessions were recorded: start the clock now
        request.session[SIGNED_IN_AT] = now
    if now - request.session.get(SEEN_AT, 0) >= TOUCH_EVERY_SECONDS:
        request.session[SEEN_AT] = now
        UserSession.objects.filter(session_key=request.session.session_key).update(last_seen_at=timezone.now())


def forget(session_key):
    if session_key:
        UserSession.objects.filter(session_key=session_key).delete()


def expires_at(record):
    return record.signed_in_at + timedelta(hours=settings.TRACKER_SESSION_MAX_AGE_HOURS)


def sessions_of(user):
    """The user's live sessions, most recent first; records of sessions that ended are dropped."""
    store, live = _store(), []
    for record in UserSession.objects.filter(user=user):
        if store.exists(record.session_key) and expires_at(record) > timezone.now():
            live.append(record)
        else:
            record.delete()
    return live


def end(user, record_id):
    """End one of the user's own sessions (sign it out wherever it is). False if it is not theirs.
    Pages name sessions by their record's id: a session key is a secret and never appears in a page."""
    record = UserSession.objects.filter(user=user, pk=record_id).first()
    if record is None:
        return False
    _store(record.session_key).delete()
    record.delete()
    return True


def end_others(user, current_key):
    ended = 0
    for record in UserSession.objects.filter(user=user).exclude(session_key=current_key):
        ended += end(user, record.pk)
    return ended
