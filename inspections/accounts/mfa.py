"""A second factor for password sign-in (django-otp): an authenticator app (TOTP, RFC 6238) and
single-use recovery codes. Required of the kinds of user in TRACKER_MFA_REQUIRED_FOR; offered to all.

django-otp checks each code once only (a used TOTP step is refused) and slows guessing down: after
each wrong code a device refuses every code for a doubling number of seconds."""

import base64
import secrets

import segno
from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from inspections.core import permissions

AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"
_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def is_required(user):
    """Whether this user must use a second factor to sign in with a password."""
    kinds = set(settings.TRACKER_MFA_REQUIRED_FOR)
    if not kinds or not user.is_authenticated:
        return False
    if "all" in kinds or (user.is_superuser and "superuser" in kinds) or (user.is_staff and "staff" in kinds):
        return True
    return bool(kinds & permissions.kinds_of_access(user))


def authenticator(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_second_factor(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__name=RECOVERY_NAME).count()


def start_enrolment(user):
    """A new, unconfirmed authenticator for the user to scan (any earlier unconfirmed one is dropped)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def pending_enrolment(user, device_id):
    return TOTPDevice.objects.filter(user=user, confirmed=False, pk=device_id).first()


def secret_key(device):
    """The key as authenticator apps ask for it when typed in (base32, in groups of four)."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code_svg(device):
    """The otpauth:// address as an inline SVG QR code (no script, no inline style: CSP holds)."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=4, border=4, dark="#0b0c0c", light="#ffffff", title="QR code for your authenticator app"
    )


@transaction.atomic
def confirm_enrolment(device, code):
    """Confirm the new authenticator with a code from it; returns the new recovery codes, or None."""
    if not device.verify_token(_digits(code)):
        return None
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user):
    """Ten new single-use codes (the old ones stop working), shown to the user once."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    count = settings.TRACKER_MFA_RECOVERY_CODES
    codes = ["".join(secrets.choice(_CODE_ALPHABET) for _ in range(10)) for _ in range(count)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return [f"{code[:5]}-{code[5:]}" for code in codes]


def _digits(code):
    return "".join(ch for ch in str(code or "") if ch.isdigit())


def verify(user, code):
    """The device that accepts the code (a 6-digit code from the app, or a recovery code), or None."""
    typed = "".join(str(code or "").split()).replace("-", "").lower()
    if typed.isdigit():
        device = authenticator(user)
        return device if device is not None and device.verify_token(typed) else None
    recovery = StaticDevice.objects.filter(user=user, name=RECOVERY_NAME).first()
    return recovery if recovery is not None and typed and recovery.verify_token(typed) else None


@transaction.atomic
def turn_off(user):
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
