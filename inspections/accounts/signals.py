"""Sign-in and sign-out recorded for the "your sessions" page (connected in inspections/apps.py)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from inspections.accounts import oidc, sessions
from inspections.models import SignInMethod


@receiver(user_logged_in, dispatch_uid="tracker-record-sign-in")
def record_sign_in(sender, request, user, **kwargs):
    method = SignInMethod.SINGLE_SIGN_ON if getattr(user, "backend", "") == oidc.BACKEND_PATH else SignInMethod.PASSWORD
    sessions.record_sign_in(request, user, method)


@receiver(user_logged_out, dispatch_uid="tracker-forget-session")
def forget_session(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        sessions.forget(request.session.session_key)
