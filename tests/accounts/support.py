"""A real OpenID provider on localhost for the single sign-on tests: oidc-provider-mock (authlib and
Flask), with discovery, a JWKS endpoint and RS256-signed ID tokens; clients register with their
redirect URI and must send nonce. Nothing leaves the machine."""

from contextlib import contextmanager
from urllib.parse import urlsplit

import requests
from oidc_provider_mock import User, run_server_in_thread

REDIRECT_URI = "http://testserver/accounts/sso/callback/"
GROUP_MAP = (
    "grp-wks-opcc=warwickshire:opcc_staff, grp-wks-lead=warwickshire:force_lead,\n"
    "grp-wks-viewer=warwickshire:viewer, grp-elsewhere-viewer=elsewhere:viewer, grp-ghost=nowhere:viewer"
)


@contextmanager
def provider(settings, users):
    """Run the provider, register the tracker as its client and point the tracker's settings at it."""
    with run_server_in_thread(require_client_registration=True, require_nonce=True, user_claims=users) as server:
        issuer = f"http://localhost:{server.server_port}"
        registered = requests.post(
            f"{issuer}/oauth2/clients",
            json={"redirect_uris": [REDIRECT_URI], "token_endpoint_auth_method": "client_secret_post"},
            timeout=10,
        ).json()
        settings.OIDC_ISSUER = issuer
        settings.OIDC_RP_CLIENT_ID = registered["client_id"]
        settings.OIDC_RP_CLIENT_SECRET = registered["client_secret"]
        backend = "inspections.accounts.oidc.SingleSignOnBackend"
        settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, backend]
        settings.TRACKER_SSO_GROUP_MAP = GROUP_MAP
        yield issuer


def person(sub, *groups, **claims):
    address = f"{sub}@warwickshire.police.uk"
    claims = {"email": address, "preferred_username": address, "given_name": sub.capitalize(),
              "family_name": "Officer", "groups": list(groups), **claims}
    return User(sub=sub, claims=claims)


def sign_in_through_provider(client, sub, next_url=None):
    """The whole redirect flow: the tracker sends the browser to the provider, the user is chosen there,
    the provider sends the browser back with a code, and the tracker swaps it for tokens."""
    start = client.get("/accounts/sso/start/", {"next": next_url} if next_url else {})
    assert start.status_code == 302, start
    authorize = start["Location"]
    assert "code_challenge=" in authorize and "nonce=" in authorize and "state=" in authorize
    chosen = requests.post(authorize, data={"sub": sub}, allow_redirects=False, timeout=10)
    assert chosen.status_code == 302, chosen.text
    back = urlsplit(chosen.headers["Location"])
    assert f"{back.scheme}://{back.netloc}{back.path}" == REDIRECT_URI
    return client.get(f"{back.path}?{back.query}")
