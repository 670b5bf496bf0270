"""OpenID Connect sign-in through mozilla-django-oidc, configured from the issuer alone.

mozilla-django-oidc wants each endpoint as a setting and checks only the ID token's signature, expiry and
nonce. Here the endpoints come from the issuer's discovery document (checked to name the same issuer), and
the ID token must also name the configured issuer and this client as its audience (OpenID Connect Core
3.1.3.7). The flow uses state, nonce and PKCE. Who the user is and what they may see comes from the ID
token's claims (inspections/accounts/sso.py); Entra ID puts groups in the ID token, not in userinfo."""

import logging

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from inspections.accounts import sso

logger = logging.getLogger(__name__)
REFUSAL_KEY = "tracker_sso_refusal"
BACKEND_PATH = "inspections.accounts.oidc.SingleSignOnBackend"
_ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}


def enabled():
    configured = settings.OIDC_ISSUER and settings.OIDC_RP_CLIENT_ID
    return bool(configured and BACKEND_PATH in settings.AUTHENTICATION_BACKENDS)


def provider_metadata():
    """The issuer's discovery document, fetched once an hour."""
    issuer = settings.OIDC_ISSUER.rstrip("/")
    key = f"tracker-oidc-discovery:{issuer}"
    metadata = cache.get(key)
    if metadata is None:
        response = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        metadata = response.json()
        if str(metadata.get("issuer", "")).rstrip("/") != issuer:
            raise SuspiciousOperation("The provider's discovery document names another issuer.")
        cache.set(key, metadata, 60 * 60)
    return metadata


def setting(attr, *args):
    """mozilla-django-oidc's settings, with the endpoints from discovery."""
    if attr in _ENDPOINTS:
        if not enabled():
            raise Http404("Single sign-on is not set up on this tracker.")
        value = provider_metadata().get(_ENDPOINTS[attr])
        return value if value or not args else args[0]
    return import_from_settings(attr, *args)


class SingleSignOnBackend(OIDCAuthenticationBackend):
    get_settings = staticmethod(setting)

    def __init__(self, *args, **kwargs):
        # Django builds every backend for every sign-in, password ones too: fetch nothing until a callback comes.
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        if request is None or not enabled() or "code" not in request.GET or "state" not in request.GET:
            return None
        super().__init__()
        return super().authenticate(request, **kwargs)

    def retrieve_matching_jwk(self, token):
        """The provider's signing key for the token: by its key id, or the one key of the token's algorithm
        where the provider names none (a key id is optional, RFC 7517 4.5; Entra ID always gives one)."""
        header = jwt.get_unverified_header(token)
        response = requests.get(self.OIDC_OP_JWKS_ENDPOINT, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        keys = [
            key for key in response.json().get("keys", [])
            if key.get("use", "sig") == "sig" and key.get("alg", header.get("alg")) == header.get("alg")
        ]
        if header.get("kid") is not None:
            keys = [key for key in keys if key.get("kid") == header["kid"]]
        if len(keys) != 1:
            raise SuspiciousOperation("No single signing key of the provider matches the ID token.")
        return jwt.PyJWK(keys[0], algorithm=header.get("alg"))

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        if str(payload.get("iss", "")).rstrip("/") != settings.OIDC_ISSUER.rstrip("/"):
            raise SuspiciousOperation("The ID token was not issued by the configured issuer.")
        audience = payload.get("aud")
        audiences = [audience] if isinstance(audience, str) else list(audience or [])
        client_id = settings.OIDC_RP_CLIENT_ID
        if client_id not in audiences or (len(audiences) > 1 and payload.get("azp") != client_id):
            raise SuspiciousOperation("The ID token is not meant for this tracker (audience).")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        return payload  # the verified ID token's claims

    def get_or_create_user(self, access_token, id_token, payload):
        try:
            return sso.sign_in(settings.OIDC_ISSUER.rstrip("/"), payload)
        except sso.SignInRefused as refusal:
            who = payload.get("preferred_username") or payload.get("email") or payload.get("sub")
            logger.warning("SSO sign-in refused for %s: %s", who, refusal)
            self.request.session[REFUSAL_KEY] = {"who": str(who or ""), "reason": str(refusal)}
            return None

    def get_user(self, user_id):
        return self.UserModel.objects.filter(pk=user_id).first()


class SignInWithProvider(OIDCAuthenticationRequestView):
    get_settings = staticmethod(setting)


class ProviderCallback(OIDCAuthenticationCallbackView):
    get_settings = staticmethod(setting)
