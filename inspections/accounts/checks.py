"""System checks: a mistyped OIDC_GROUP_MAP or half-configured single sign-on stops the tracker starting."""

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from inspections.accounts.sso import parse_group_map


@register()
def single_sign_on_settings(app_configs, **kwargs):
    errors = []
    try:
        parse_group_map(settings.TRACKER_SSO_GROUP_MAP)
    except ImproperlyConfigured as error:
        errors.append(Error(str(error), id="tracker.E001"))
    if settings.OIDC_ISSUER and not (settings.OIDC_RP_CLIENT_ID and settings.OIDC_RP_CLIENT_SECRET):
        errors.append(Error("OIDC_ISSUER is set: set OIDC_CLIENT_ID and OIDC_CLIENT_SECRET too.", id="tracker.E002"))
    return errors
