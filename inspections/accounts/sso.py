"""Single sign-on users: the identity provider's groups mapped to forces and kinds of access.

The mapping is TRACKER_SSO_GROUP_MAP (from OIDC_GROUP_MAP; tracker/settings/base.py says why it is a
setting). At every sign-in a user gets exactly the memberships their claims map to, so a group removed
in Entra ID is access removed here at the next sign-in; a user whose claims map to nothing is refused.
"""

import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from inspections.models import Access, Force, Membership, SingleSignOnIdentity

logger = logging.getLogger(__name__)
# Where two groups give one force different access, the wider wins (Access lists the widest first).
WIDEST_FIRST = list(Access.values)


class SignInRefused(Exception):
    """The provider vouched for the user, but the tracker gives them no access."""


@dataclass(frozen=True)
class Grant:
    force: str  # the force's slug
    access: str


def parse_group_map(raw):
    """{claim value: [Grant]} from "value=force slug:access" entries separated by commas or new lines."""
    mapping = {}
    for entry in (part.strip() for part in re.split(r"[,;\n]", raw or "")):
        if not entry:
            continue
        value, equals, target = entry.rpartition("=")
        force, colon, access = target.partition(":")
        if not equals or not colon or not value.strip() or not force.strip():
            raise ImproperlyConfigured(
                f"OIDC_GROUP_MAP: “{entry}” is not of the form claim value=force slug:access."
            )
        if access.strip() not in Access.values:
            raise ImproperlyConfigured(
                f"OIDC_GROUP_MAP: “{entry}” names the access “{access.strip()}”; use one of {', '.join(Access.values)}."
            )
        mapping.setdefault(value.strip(), []).append(Grant(force.strip(), access.strip()))
    return mapping


def claim_values(claims):
    values = claims.get(settings.TRACKER_SSO_GROUPS_CLAIM) or []
    return [str(v) for v in ([values] if isinstance(values, str) else values)]


def grants_for(claims):
    """{Force: access} the claims give, or SignInRefused saying why there is none."""
    claim = settings.TRACKER_SSO_GROUPS_CLAIM
    if claim in (claims.get("_claim_names") or {}):
        raise SignInRefused(
            "You are in too many groups for Microsoft Entra ID to list them in the sign-in (group overage). "
            "Ask your tracker administrator to use app roles (OIDC_GROUPS_CLAIM=roles) instead of groups."
        )
    mapping = parse_group_map(settings.TRACKER_SSO_GROUP_MAP)
    wanted = {}
    for value in claim_values(claims):
        for grant in mapping.get(value, []):
            wanted.setdefault(grant.force, set()).add(grant.access)
    forces = {force.slug: force for force in Force.objects.filter(slug__in=wanted)}
    for slug in set(wanted) - set(forces):
        logger.error("OIDC_GROUP_MAP names the force %r, which the tracker does not have.", slug)
    return {forces[slug]: min(accesses, key=WIDEST_FIRST.index) for slug, accesses in wanted.items() if slug in forces}


def _username(claims):
    User = get_user_model()
    base = (claims.get("preferred_username") or claims.get("email") or f"sso-{claims['sub']}")[:140]
    candidate, number = base, 1
    # Never take over an existing account that happens to share the name: a local "admin" stays local.
    while User.objects.filter(username__iexact=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _names(claims):
    first, last = claims.get("given_name", ""), claims.get("family_name", "")
    if not (first or last) and claims.get("name"):
        first, _, last = claims["name"].partition(" ")
    return first[:150], last[:150]


def sign_in(issuer, claims):
    """The user for a verified set of ID-token claims, with exactly the memberships they map to."""
    subject = str(claims.get("sub") or "")
    if not subject:
        raise SignInRefused("The identity provider did not say who you are (no subject in the ID token).")
    identity = SingleSignOnIdentity.objects.select_related("user").filter(issuer=issuer, subject=subject).first()
    grants = grants_for(claims)
    if not grants:
        if identity is not None:
            removed, _ = Membership.objects.filter(user=identity.user).delete()
            logger.warning("SSO user %s maps to no force any more; %d memberships removed.", identity.user, removed)
        raise SignInRefused(
            "None of the groups your organisation gives you in Microsoft Entra ID gives access to the tracker."
        )
    return _apply(identity, issuer, subject, claims, grants)


@transaction.atomic
def _apply(identity, issuer, subject, claims, grants):
    User = get_user_model()
    if identity is None:
        user = User(username=_username(claims))
        user.set_unusable_password()  # signs in only through the identity provider
        identity = SingleSignOnIdentity(user=user, issuer=issuer, subject=subject)
    user = identity.user
    if user.pk and not user.is_active:
        raise SignInRefused("Your account in the tracker has been switched off. Ask your tracker administrator.")
    user.first_name, user.last_name = _names(claims)
    user.email = (claims.get("email") or claims.get("preferred_username") or user.email or "")[:254]
    user.save()
    identity.user, identity.groups = user, claim_values(claims)
    identity.save()
    Membership.objects.filter(user=user).delete()
    Membership.objects.bulk_create(Membership(user=user, force=force, access=a) for force, a in grants.items())
    logger.info("SSO sign-in of %s: %s", user, ", ".join(f"{force.slug}:{access}" for force, access in grants.items()))
    return user
