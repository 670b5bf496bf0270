"""Password rules beyond Django's own (AUTH_PASSWORD_VALIDATORS in tracker/settings/base.py)."""

import hashlib
import re

from django.conf import settings
from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError

# The service's own names: words an attacker guesses first (NIST SP 800-63B 5.1.1.2, "context-specific words").
SERVICE_WORDS = ("hmicfrs", "inspectiontracker")


def _plain(text):
    return re.sub(r"[^a-z0-9]", "", (text or "").lower())


class ContextWordsValidator:
    """Refuses a password that contains the user's user name, first or last name, email address (or the
    part before the @), or the service's name: "viewerA-viewerA" for the user viewerA.

    Django's UserAttributeSimilarityValidator compares the whole password with each attribute, so a
    password made of the user name twice is "only" 64% similar and passes; this one looks inside."""

    def __init__(self, min_word_length=4):
        self.min_word_length = min_word_length

    def _words(self, user):
        words = list(SERVICE_WORDS)
        if user is not None:
            email = getattr(user, "email", "") or ""
            words += [user.get_username(), getattr(user, "first_name", ""), getattr(user, "last_name", ""), email,
                      email.split("@")[0]]
            words += re.split(r"[\W_]+", email.split("@")[0]) + re.split(r"[\W_]+", user.get_username() or "")
        return {plain for plain in map(_plain, words) if len(plain) >= self.min_word_length}

    def validate(self, password, user=None):
        plain = _plain(password)
        if any(word in plain for word in self._words(user)):
            raise ValidationError(
                "Your password must not contain your user name, your name, your email address or the name of "
                "this service.",
                code="password_has_context_words",
            )

    def get_help_text(self):
        return "Your password must not contain your user name, your name, your email address or the service's name."


def breached_count(path, password):
    """How often the password appears in a local copy of the Have I Been Pwned list, or 0.

    The file is the list as the HIBP downloader writes it: one "SHA1:COUNT" line per password, sorted by
    hash. It is searched by bisection on disk, so the full list (about 40 GB) takes some 35 reads and no
    memory; nothing leaves the machine."""
    target = hashlib.sha1(password.encode("utf-8"), usedforsecurity=False).hexdigest().upper().encode()
    with open(path, "rb") as handle:

        def line_after(position):
            handle.seek(position)
            if position:
                handle.readline()  # the rest of the line the position falls in
            return handle.readline()

        handle.seek(0, 2)
        low, high = 0, handle.tell()
        while low < high:  # the first position whose following line's hash is >= the target
            middle = (low + high) // 2
            line = line_after(middle)
            if line and line[:40].upper() < target:
                low = middle + 1
            else:
                high = middle
        line = line_after(low)
    digest, _, count = line.strip().partition(b":")
    if digest.upper() != target:
        return 0
    return int(count) if count.isdigit() else 1


class BreachedPasswordValidator(CommonPasswordValidator):
    """Refuses passwords known from data breaches, offline.

    Always: Django's bundled list of 20,000 passwords common in breaches. And where the site keeps a local
    copy of the Have I Been Pwned list (TRACKER_BREACHED_PASSWORDS_FILE), every password in it."""

    def validate(self, password, user=None):
        super().validate(password, user)
        path = getattr(settings, "TRACKER_BREACHED_PASSWORDS_FILE", "")
        if path and breached_count(path, password):
            raise ValidationError(
                "This password has appeared in a data breach, so attackers try it. Choose another.",
                code="password_breached",
            )

    def get_help_text(self):
        return "Your password must not be one known from data breaches."
