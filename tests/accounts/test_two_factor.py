"""A second factor for password sign-in: enrolment with an authenticator app, sign-in with its code or a
recovery code, and the rule that OPCC staff and superusers must use one."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from inspections.models import Access, Membership, SignInMethod, UserSession

PASSWORD = "correct horse battery"


@pytest.fixture
def required(settings):
    settings.TRACKER_MFA_REQUIRED_FOR = ["superuser", "opcc_staff"]  # production's default


@pytest.fixture
def opcc(warwickshire):
    user = get_user_model().objects.create_user("olivia", "olivia@example.org", PASSWORD)
    Membership.objects.create(user=user, force=warwickshire, access=Access.OPCC_STAFF)
    return user


def code_for(device, drift=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift):06d}"


def sign_in(client, username, password=PASSWORD, next_url="/dashboard/"):
    return client.post(reverse("login"), {"username": username, "password": password, "next": next_url})


def enrol(client):
    """Open the set-up page, read the key it shows, and confirm with a code from it, as an app would."""
    page = client.get(reverse("mfa_enrol"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "<svg" in body and "QR code for your authenticator app" in body
    device = TOTPDevice.objects.get(user=page.wsgi_request.user, confirmed=False)
    assert device.key and "".join(page.context["key"].split()) in body.replace(" ", "")
    done = client.post(reverse("mfa_enrol"), {"code": code_for(device), "next": "/dashboard/"})
    assert done.status_code == 200
    return device, done.context["codes"]


def test_opcc_staff_must_set_up_a_second_factor_before_seeing_anything(client, required, opcc):
    response = sign_in(client, "olivia")
    assert response.status_code == 302 and response["Location"] == "/dashboard/"
    blocked = client.get("/dashboard/")
    assert blocked.status_code == 302 and blocked["Location"].startswith(reverse("mfa_enrol"))
    assert client.get(reverse("finding_list")).status_code == 302
    device, codes = enrol(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get("/dashboard/").status_code == 200  # verified now
    assert UserSession.objects.get(user=opcc).method == SignInMethod.PASSWORD_AND_CODE


def test_sign_in_with_password_then_code(client, required, opcc):
    sign_in(client, "olivia")
    device, codes = enrol(client)
    client.post(reverse("logout"))
    response = sign_in(client, "olivia")
    assert response.status_code == 302 and response["Location"].startswith(reverse("sign_in_code"))
    assert client.get("/dashboard/").status_code == 302  # the password alone signs nobody in
    wrong = client.post(reverse("sign_in_code"), {"code": "000000"})
    assert wrong.status_code == 200 and "That code is not right" in wrong.content.decode()
    unthrottle = TOTPDevice.objects.filter(pk=device.pk)
    unthrottle.update(throttling_failure_count=0, throttling_failure_timestamp=None)
    # The code already used at enrolment is refused (one use per code); the next one works.
    reused = client.post(reverse("sign_in_code"), {"code": code_for(device)})
    assert reused.status_code == 200 and "That code is not right" in reused.content.decode()
    unthrottle.update(throttling_failure_count=0, throttling_failure_timestamp=None)
    response = client.post(reverse("sign_in_code"), {"code": code_for(device, drift=1)})
    assert response.status_code == 302 and response["Location"] == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200


def test_a_recovery_code_signs_in_once(client, required, opcc):
    sign_in(client, "olivia")
    _, codes = enrol(client)
    client.post(reverse("logout"))
    sign_in(client, "olivia")
    response = client.post(reverse("sign_in_code"), {"code": codes[3].upper()})
    assert response.status_code == 302
    client.post(reverse("logout"))
    sign_in(client, "olivia")
    again = client.post(reverse("sign_in_code"), {"code": codes[3]})
    assert again.status_code == 200 and "That code is not right" in again.content.decode()


def test_a_viewer_may_sign_in_with_a_password_alone_and_turn_it_on(client, required, warwickshire):
    viewer = get_user_model().objects.create_user("vera", password=PASSWORD)
    Membership.objects.create(user=viewer, force=warwickshire, access=Access.VIEWER)
    sign_in(client, "vera")
    assert client.get("/dashboard/").status_code == 200
    page = client.get(reverse("security")).content.decode()
    assert "Set up two-step sign-in" in page
    enrol(client)
    assert client.post(reverse("security"), {"action": "turn_off"}).status_code == 302
    assert not TOTPDevice.objects.filter(user=viewer).exists()


def test_superusers_need_it_for_the_admin_too(client, required, django_user_model):
    django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)
    admin_login = client.get("/admin/login/?next=/admin/")
    assert admin_login.status_code == 302 and admin_login["Location"] == "/accounts/login/?next=/admin/"
    sign_in(client, "root", next_url="/admin/")
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa_enrol"))


def test_the_demo_asks_no_one_for_a_code():
    from tracker.settings import embedded

    assert embedded.TRACKER_MFA_REQUIRED_FOR == []
