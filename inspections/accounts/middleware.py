"""Every request of a signed-in user: the session's absolute lifetime, its "last seen", no caching of
pages with force data, and a second factor where one is required."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from inspections.accounts import mfa, sessions


class SessionLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        signed_in = request.user.is_authenticated
        if signed_in:
            if sessions.has_expired(request):
                logout(request)
                messages.info(
                    request,
                    f"For your security you were signed out {settings.TRACKER_SESSION_MAX_AGE_HOURS:g} hours after "
                    "signing in. Sign in again to carry on.",
                )
                return self._no_store(redirect_to_login(request.get_full_path()))
            sessions.touch(request)
        response = self.get_response(request)
        if signed_in or request.user.is_authenticated:
            self._no_store(response)
        return response

    @staticmethod
    def _no_store(response):
        # Pages of a signed-in user hold force data: no browser or proxy keeps a copy (ASVS 8.2.1). A view
        # that said so itself (downloads: "private, no-store") is left as it is.
        if "no-store" not in response.get("Cache-Control", ""):
            add_never_cache_headers(response)
        return response


class MultiFactorMiddleware:
    """A user who must use a second factor and signed in with a password alone reaches only the pages
    that set one up, and sign-out."""

    ALLOWED = ("mfa_enrol", "logout", "sign_in", "sign_in_code", "sso_refused", "health")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and not sessions.is_single_sign_on(request)
            and getattr(request.resolver_match, "url_name", None) not in self.ALLOWED
            and mfa.is_required(user)
        ):
            return self._second_factor(request, user)
        return None

    @staticmethod
    def _second_factor(request, user):
        if mfa.has_second_factor(user):
            # Signed in some other way without the code it has: sign in again, properly.
            logout(request)
            messages.info(request, "Sign in with your password and the code from your authenticator app.")
            return redirect_to_login(request.get_full_path())
        return redirect(f"{reverse('mfa_enrol')}?{urlencode({'next': request.get_full_path()})}")
