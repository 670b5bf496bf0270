"""Signing in and out, the second factor, a user's own security settings and sessions, single sign-on's
refusal page, and the locked-out accounts page of OPCC staff."""

import time
from urllib.parse import urlencode

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from inspections.accounts import lockout, mfa, oidc, sessions
from inspections.accounts.forms import CodeForm, EnrolForm, SignInForm
from inspections.core import permissions
from inspections.models import SignInMethod

PENDING = "tracker_mfa_pending"  # a user who gave the right password and owes a code
ENROLLING = "tracker_mfa_enrolling"


def _next(request):
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(wanted, {request.get_host()}, require_https=request.is_secure()):
        return wanted
    return reverse(settings.LOGIN_REDIRECT_URL)


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request):
    next_url = _next(request)
    form = SignInForm(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        if mfa.has_second_factor(user):
            request.session[PENDING] = {"user": user.pk, "backend": user.backend, "at": time.time(), "next": next_url}
            return redirect(f"{reverse('sign_in_code')}?{urlencode({'next': next_url})}")
        auth_login(request, user)
        return redirect(next_url)  # MultiFactorMiddleware sends those who must set up a second factor there
    context = {"form": form, "next": next_url, "sso": oidc.enabled(), "provider": settings.OIDC_PROVIDER_NAME}
    return render(request, "registration/login.html", context)


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in_code(request):
    pending = request.session.get(PENDING)
    user = get_user_model().objects.filter(pk=(pending or {}).get("user"), is_active=True).first()
    if user is None or time.time() - pending["at"] > settings.TRACKER_MFA_PENDING_SECONDS:
        request.session.pop(PENDING, None)
        messages.info(request, "Sign in again: enter your password, then the code.")
        return redirect("login")
    credentials = {"username": user.get_username()}
    AxesProxyHandler.update_request(request)
    if AxesProxyHandler.is_locked(request, credentials):
        request.session.pop(PENDING, None)
        return locked_out(request, credentials)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        device = mfa.verify(user, form.cleaned_data["code"])
        if device is not None:
            request.session.pop(PENDING, None)
            auth_login(request, user, backend=pending["backend"])
            otp_login(request, device)
            sessions.set_method(request, SignInMethod.PASSWORD_AND_CODE)
            if isinstance(device, StaticDevice):
                left = mfa.recovery_codes_left(user)
                messages.warning(
                    request, f"You signed in with a recovery code; {left} left. Make new ones on the security page."
                )
            return redirect(pending["next"])
        # A wrong code counts as a failed sign-in: django-axes logs it and locks out as for passwords.
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            request.session.pop(PENDING, None)
            return locked_out(request, credentials)
        form.add_error(
            "code",
            "That code is not right, or it was used already. Enter the code your app shows now, or a recovery code.",
        )
    return render(request, "accounts/code.html", {"form": form, "next": pending["next"]})


def locked_out(request, credentials=None, *args, **kwargs):
    """django-axes's lockout page (AXES_LOCKOUT_CALLABLE): what happened and how to get back in."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60) if settings.AXES_COOLOFF_TIME else None
    context = {"minutes": minutes, "limit": settings.AXES_FAILURE_LIMIT}
    return render(request, "accounts/locked_out.html", context, status=429)


@never_cache
def sso_refused(request):
    refusal = request.session.pop(oidc.REFUSAL_KEY, None)
    context = {"refusal": refusal, "provider": settings.OIDC_PROVIDER_NAME}
    return render(request, "accounts/sso_refused.html", context, status=403)


def _enrolment_allowed(request):
    user = request.user
    if sessions.is_single_sign_on(request) or not user.has_usable_password():
        raise PermissionDenied("You sign in through your organisation; it asks for your second factor.")
    if mfa.has_second_factor(user) and not user.is_verified():
        raise PermissionDenied("Sign in with your current code before replacing your authenticator.")


@login_required
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def enrol(request):
    """Set up (or replace) the authenticator app: scan, confirm with a code, keep the recovery codes."""
    _enrolment_allowed(request)
    user, next_url = request.user, _next(request)
    device = mfa.pending_enrolment(user, request.session.get(ENROLLING))
    if device is None:
        device = mfa.start_enrolment(user)
        request.session[ENROLLING] = device.pk
    form = EnrolForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        codes = mfa.confirm_enrolment(device, form.cleaned_data["code"])
        if codes is not None:
            request.session.pop(ENROLLING, None)
            otp_login(request, device)
            sessions.set_method(request, SignInMethod.PASSWORD_AND_CODE)
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": next_url, "new": True})
        form.add_error(
            "code",
            "That code is not right. Check your phone sets its clock automatically, and enter the code the app "
            "shows now.",
        )
    context = {"form": form, "qr_code": mfa.qr_code_svg(device), "key": mfa.secret_key(device),
               "required": mfa.is_required(user), "next": next_url}
    return render(request, "accounts/enrol.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def security(request):
    """A user's own sign-in settings: the second factor, recovery codes, password and sessions."""
    user = request.user
    single_sign_on = sessions.is_single_sign_on(request) or not user.has_usable_password()
    has_factor, required = mfa.has_second_factor(user), mfa.is_required(user)
    if request.method == "POST":
        if single_sign_on or not has_factor or not user.is_verified():
            raise PermissionDenied("Sign in with your code first.")
        action = request.POST.get("action")
        if action == "recovery_codes":
            codes = mfa.new_recovery_codes(user)
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": reverse("security")})
        if action == "turn_off":
            if required:
                raise PermissionDenied("Your kind of account must use a second factor.")
            mfa.turn_off(user)
            messages.success(request, "Two-step sign-in is off: you sign in with your password alone.")
            return redirect("security")
        return redirect("security")
    context = {
        "single_sign_on": single_sign_on, "has_factor": has_factor, "required": required,
        "codes_left": mfa.recovery_codes_left(user) if has_factor else 0,
        "unlocks_accounts": permissions.unlocks_accounts(user), "provider": settings.OIDC_PROVIDER_NAME,
    }
    return render(request, "accounts/security.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def your_sessions(request):
    current = request.session.session_key
    if request.method == "POST":
        if request.POST.get("action") == "end_others":
            ended = sessions.end_others(request.user, current)
            messages.success(request, f"Signed out of {ended} other session{'' if ended == 1 else 's'}.")
        elif request.POST.get("session", "").isdigit() and sessions.end(request.user, int(request.POST["session"])):
            messages.success(request, "That session is signed out.")
            if not request.session.exists(current):  # the user ended the session they are using
                return redirect("login")
        else:
            messages.error(request, "That session has already ended.")
        return redirect("your_sessions")
    records = sessions.sessions_of(request.user)
    rows = [(record, record.session_key == current, sessions.expires_at(record)) for record in records]
    return render(request, "accounts/sessions.html", {"rows": rows, "others": len(rows) > 1})


@login_required
@require_http_methods(["GET", "POST"])
def locked_accounts(request):
    """OPCC staff lift lockouts of their force's users; superusers anyone's, and addresses'."""
    if not permissions.unlocks_accounts(request.user):
        raise PermissionDenied("Only OPCC staff and administrators unlock accounts.")
    if request.method == "POST":
        username, address = request.POST.get("username", ""), request.POST.get("address", "")
        if username:
            target = get_user_model().objects.filter(username=username).first()
            if target is None or not permissions.may_unlock(request.user, target):
                raise PermissionDenied("You cannot unlock that account.")
            lockout.unlock(username, by=request.user)
            messages.success(request, f"{target.get_full_name() or username} can sign in again.")
        elif address:
            if not request.user.is_superuser:
                raise PermissionDenied("Only administrators unlock addresses.")
            lockout.unlock_address(address, by=request.user)
            messages.success(request, f"Sign-in from {address} is open again.")
        return redirect("locked_accounts")
    users = [(user, count) for user, count in lockout.locked_users() if permissions.may_unlock(request.user, user)]
    addresses = lockout.locked_addresses() if request.user.is_superuser else {}
    return render(request, "accounts/locked.html", {"users": users, "addresses": addresses})
