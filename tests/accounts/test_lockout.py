"""Login throttling (django-axes with inspections/accounts/lockout.py): five wrong passwords for a user
name and the sixth attempt is refused, even with the right password; every failure is logged; OPCC staff
unlock their force's users."""

import logging

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth import get_user_model
from django.urls import reverse

from inspections.models import Access, Membership

PASSWORD = "correct horse battery"


@pytest.fixture
def viewer(warwickshire):
    user = get_user_model().objects.create_user("vic", password=PASSWORD, first_name="Vic", last_name="Viewer")
    Membership.objects.create(user=user, force=warwickshire, access=Access.VIEWER)
    return user


def attempt(client, username, password, address="203.0.113.7"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_the_sixth_attempt_in_a_minute_is_refused_and_every_failure_logged(client, viewer, caplog):
    caplog.set_level(logging.INFO)
    for _ in range(4):
        response = attempt(client, "vic", "wrong password")
        assert response.status_code == 200 and "Enter a correct username and password" in response.content.decode()
    assert attempt(client, "vic", "wrong password").status_code == 429  # the fifth failure locks the name
    refused = attempt(client, "vic", PASSWORD)  # the right password, too late
    assert refused.status_code == 429
    body = refused.content.decode()
    assert "You cannot sign in at the moment" in body and "Try again in 15 minutes" in body
    assert "unlock your account" in body
    assert client.get("/dashboard/").status_code == 302  # not signed in
    assert AccessFailureLog.objects.filter(username="vic").count() == 6
    failures = [r for r in caplog.records if r.name.startswith("axes") and "login failure" in r.getMessage().lower()]
    assert len(failures) >= 5
    assert any("locking out" in r.getMessage().lower() for r in caplog.records if r.name.startswith("axes"))


def test_the_admin_login_is_the_same_page_and_the_same_lockout(client, viewer):
    assert client.get("/admin/login/")["Location"] == "/accounts/login/"
    for _ in range(5):
        attempt(client, "vic", "wrong password")
    assert attempt(client, "vic", PASSWORD).status_code == 429


def test_one_address_is_stopped_after_many_wrong_passwords_across_user_names(client, settings, viewer):
    settings.TRACKER_LOGIN_ADDRESS_FAILURE_LIMIT = 8
    for number in range(8):
        attempt(client, f"guess{number}", "wrong password", address="198.51.100.9")
    assert attempt(client, "vic", PASSWORD, address="198.51.100.9").status_code == 429
    # Another address of the same office is not held up by it (limits count separately).
    assert attempt(client, "vic", PASSWORD, address="198.51.100.10").status_code == 302


def test_opcc_staff_unlock_their_forces_users_and_no_one_elses(client, people):
    for _ in range(5):
        attempt(client, "viewer", "wrong password")
        attempt(client, "outsider", "wrong password")
    assert attempt(client, "viewer", PASSWORD).status_code == 429
    client.force_login(people.opcc)
    page = client.get(reverse("locked_accounts"))
    body = page.content.decode()
    assert "Viewer Tester" in body and "outsider" not in body  # the outsider belongs to another force
    assert client.post(reverse("locked_accounts"), {"username": "outsider"}).status_code == 403
    assert client.post(reverse("locked_accounts"), {"username": "viewer"}).status_code == 302
    assert not AccessAttempt.objects.filter(username="viewer").exists()
    client.logout()
    assert attempt(client, "viewer", PASSWORD).status_code == 302  # signs in again
    client.force_login(people.lead)
    assert client.get(reverse("locked_accounts")).status_code == 403  # force leads cannot unlock


def test_wrong_codes_count_as_failed_sign_ins(client, settings, warwickshire):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.create_user("cody", password=PASSWORD)
    TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    attempt(client, "cody", PASSWORD)
    for _ in range(4):
        response = client.post(reverse("sign_in_code"), {"code": "123456"}, REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 200
    assert client.post(reverse("sign_in_code"), {"code": "123456"}, REMOTE_ADDR="203.0.113.7").status_code == 429
    assert attempt(client, "cody", PASSWORD).status_code == 429
