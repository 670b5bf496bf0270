"""Session limits, the "your sessions" page, no-store and the Content-Security-Policy on every page, and
the password rules."""

import time
from datetime import UTC, datetime, timedelta
from importlib import import_module

import pytest
import time_machine
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inspections.accounts import passwords, sessions
from inspections.models import UserSession

PASSWORD = "correct horse battery"


def sign_in(client, username, agent="Firefox on the office PC"):
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD}, HTTP_USER_AGENT=agent)
    assert response.status_code == 302, response
    return client


def test_a_session_ends_at_its_absolute_lifetime_however_busy(client, people, settings):
    settings.TRACKER_SESSION_MAX_AGE_HOURS = 12
    sign_in(client, "viewer")
    assert client.get("/dashboard/").status_code == 200
    session = client.session
    session[sessions.SIGNED_IN_AT] = time.time() - 12 * 3600 - 5  # signed in just over 12 hours ago
    session.save()
    response = client.get("/dashboard/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    follow = client.get(response["Location"])
    assert "signed out 12 hours after signing in" in follow.content.decode()
    assert client.get("/dashboard/").status_code == 302


def test_a_session_lives_eight_hours_from_its_last_use_and_is_not_written_on_every_page(client, people):
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False) as clock:
        sign_in(client, "viewer")
        key = client.cookies["sessionid"].value
        ends = lambda: Session.objects.get(session_key=key).expire_date  # noqa: E731
        assert ends() == datetime(2026, 3, 2, 17, 0, tzinfo=UTC)
        clock.shift(timedelta(minutes=2))
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/dashboard/").status_code == 200
        assert not [q for q in queries.captured_queries if q["sql"].startswith("UPDATE")]  # reading writes nothing
        assert ends() == datetime(2026, 3, 2, 17, 0, tzinfo=UTC)
        clock.shift(timedelta(minutes=4))  # six minutes on: in use, so its eight hours start again
        assert client.get("/dashboard/").status_code == 200
        assert ends() == datetime(2026, 3, 2, 17, 6, tzinfo=UTC)
        clock.shift(timedelta(hours=8, minutes=1))  # then left for eight hours: signed out
        response = client.get("/dashboard/")
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_user_sees_their_sessions_and_ends_another(client, people):
    phone = sign_in(Client(), "viewer", agent="Safari on an iPhone")
    sign_in(client, "viewer")
    page = client.get(reverse("your_sessions"))
    body = page.content.decode()
    assert "Safari on an iPhone" in body and "Firefox on the office PC" in body and "This session" in body
    assert phone.cookies["sessionid"].value not in body  # session keys are secrets, never shown
    other = UserSession.objects.get(user=people.viewer, user_agent="Safari on an iPhone")
    client.post(reverse("your_sessions"), {"session": other.pk})
    assert phone.get("/dashboard/").status_code == 302  # the phone is signed out
    assert client.get("/dashboard/").status_code == 200
    # Someone else's session cannot be ended from here.
    outsider = sign_in(Client(), "outsider")
    theirs = UserSession.objects.get(user=people.outsider)
    client.post(reverse("your_sessions"), {"session": theirs.pk})
    assert outsider.get("/inspections/").status_code == 200


def test_signing_in_gives_a_new_session_and_signing_out_ends_it(client, people):
    client.get(reverse("login"))
    before = client.cookies["csrftoken"].value
    anonymous = client.session.session_key
    sign_in(client, "viewer")
    signed_in = client.cookies["sessionid"].value
    assert signed_in != anonymous and client.cookies["csrftoken"].value != before  # fixation: both rotated
    stolen = Client()
    stolen.cookies["sessionid"] = signed_in
    assert stolen.get("/dashboard/").status_code == 200
    client.post(reverse("logout"))
    assert stolen.get("/dashboard/").status_code == 302  # the old cookie is worth nothing after sign-out
    assert not UserSession.objects.filter(user=people.viewer).exists()


def test_sign_out_of_every_other_session(client, people):
    others = [sign_in(Client(), "opcc", agent=f"Browser {n}") for n in range(2)]
    sign_in(client, "opcc")
    client.post(reverse("your_sessions"), {"action": "end_others"})
    assert [other.get("/dashboard/").status_code for other in others] == [302, 302]
    assert UserSession.objects.filter(user=people.opcc).count() == 1
    store = import_module(django_settings.SESSION_ENGINE).SessionStore
    assert store().exists(client.session.session_key)


# The profile works out the next 14 days of reminders: seconds under make mutation's tracing.
PAGES = [
    "home", "dashboard", "inspection_list", "finding_list", "imports",
    pytest.param("profile", marks=pytest.mark.heavy), "security", "your_sessions",
]


@pytest.mark.parametrize("name", PAGES)
def test_every_signed_in_page_is_no_store_and_carries_the_csp(client, people, name):
    client.force_login(people.opcc)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    policy = response["Content-Security-Policy"]
    for directive in ("default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
                      "form-action 'self'", "base-uri 'none'", "object-src 'none'"):
        assert directive in policy
    assert "unsafe-inline" not in policy


def test_every_html_page_of_a_walk_through_the_tracker_carries_both(client, people):
    """Every page linked from the inspection, finding, board and admin pages, as a signed-in user sees them."""
    from inspections.models import Finding, GovernanceBoard

    client.force_login(get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD))
    finding = Finding.objects.filter(inspection__force=people.force).first()
    inspection = finding.inspection
    urls = [reverse("inspection_detail", args=[inspection.pk]), reverse("section55", args=[inspection.pk]),
            reverse("section55_preview", args=[inspection.pk]), reverse("finding_detail", args=[finding.pk]),
            reverse("board_dashboard", args=[GovernanceBoard.objects.filter(force=people.force).first().pk]),
            reverse("reminders"), reverse("locked_accounts"), reverse("password_change"), "/admin/",
            "/admin/inspections/finding/"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("text/html"), url
        assert "no-store" in response["Cache-Control"], url
        assert "script-src 'self'" in response["Content-Security-Policy"], url


def test_the_sign_in_page_carries_the_csp_too(client, db):
    response = client.get(reverse("login"))
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_no_template_has_inline_script_style_or_handlers():
    """The CSP forbids them; the script is static/js/tracker.js."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "templates"
    offending = []
    for path in root.rglob("*.html"):
        if "email" in path.parts:
            continue  # emails are not web pages
        text = path.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)", text) or "<style" in text or re.search(r"\sstyle=", text) or \
                re.search(r"\son[a-z]+=", text):
            offending.append(str(path.relative_to(root)))
    assert offending == []


@pytest.mark.parametrize(
    ("username", "password"),
    [("viewerA", "viewerA-viewerA"), ("olivia.smith", "Olivia.Smith2025!x"), ("jo", "my-hmicfrs-password-1")],
)
def test_passwords_built_on_the_users_own_name_are_refused(db, username, password):
    user = get_user_model()(username=username, email=f"{username}@example.org")
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    assert "must not contain your user name" in " ".join(refused.value.messages)


def test_a_password_known_from_breaches_is_refused_offline(db, settings, tmp_path):
    import hashlib

    user = get_user_model()(username="someone")
    with pytest.raises(ValidationError):
        validate_password("1qaz2wsx3edc", user)  # in Django's breach-derived list of common passwords
    # A local copy of the Have I Been Pwned list: "SHA1:COUNT" lines sorted by hash.
    leaked = ["Tr0ub4dor&3xyz", "winter-is-coming-2024", "Purple Monkey Dishwasher"]
    digests = [hashlib.sha1(p.encode(), usedforsecurity=False).hexdigest().upper() for p in leaked]
    lines = [f"{digest}:{n * 7 + 1}" for n, digest in enumerate(digests)]
    lines += [f"{n:040X}:1" for n in range(0, 2**160, 2**150)]  # padding either side of the real entries
    path = tmp_path / "pwned-passwords-sha1-ordered-by-hash.txt"
    path.write_text("\n".join(sorted(lines)) + "\n")
    settings.TRACKER_BREACHED_PASSWORDS_FILE = str(path)
    for password in leaked:
        assert passwords.breached_count(str(path), password) > 0
        with pytest.raises(ValidationError) as refused:
            validate_password(password, user)
        assert "appeared in a data breach" in " ".join(refused.value.messages)
    assert passwords.breached_count(str(path), "a fresh passphrase nobody used") == 0
    validate_password("a fresh passphrase nobody used", user)
