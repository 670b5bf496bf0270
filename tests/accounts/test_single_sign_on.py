"""Single sign-on with OpenID Connect against a real provider run on localhost (tests/accounts/support.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import reverse

from inspections.models import Access, Membership, SignInMethod, SingleSignOnIdentity, UserSession
from tests.accounts.support import person, provider, sign_in_through_provider


@pytest.fixture(autouse=True)
def fresh_discovery_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def elsewhere(warwickshire):
    from inspections.models import Force

    return Force.objects.create(name="Elsewhere Constabulary", slug="elsewhere")


def memberships(user):
    return sorted(Membership.objects.filter(user=user).values_list("force__slug", "access"))


def test_a_group_gives_exactly_its_force_and_access(client, settings, warwickshire, elsewhere):
    settings.TRACKER_MFA_REQUIRED_FOR = ["superuser", "opcc_staff"]  # production's rule: SSO users are not asked
    with provider(settings, [person("jane", "grp-wks-opcc", "unmapped-group")]) as issuer:
        response = sign_in_through_provider(client, "jane", next_url="/dashboard/")
        assert response.status_code == 302 and response["Location"] == "/dashboard/"
        user = get_user_model().objects.get(sso_identities__issuer=issuer, sso_identities__subject="jane")
        assert user.username == "jane@warwickshire.police.uk" and user.get_full_name() == "Jane Officer"
        assert not user.has_usable_password()
        assert memberships(user) == [("warwickshire", Access.OPCC_STAFF)]
        # Signed in: the dashboard opens with Warwickshire's data and no second factor is asked for.
        page = client.get("/dashboard/")
        assert page.status_code == 200 and "Warwickshire Police" in page.content.decode()
        assert UserSession.objects.get(user=user).method == SignInMethod.SINGLE_SIGN_ON


def test_groups_are_read_again_at_every_sign_in(client, settings, warwickshire, elsewhere):
    with provider(settings, [person("sam", "grp-wks-viewer", "grp-wks-lead", "grp-elsewhere-viewer")]):
        sign_in_through_provider(client, "sam")
        user = get_user_model().objects.get(sso_identities__subject="sam")
        # Two groups for one force: the wider access; a second force's group: its own membership.
        assert memberships(user) == [("elsewhere", Access.VIEWER), ("warwickshire", Access.FORCE_LEAD)]
        Membership.objects.filter(user=user, force=elsewhere).update(access=Access.OPCC_STAFF)  # changed by hand
        client.post(reverse("logout"))
        sign_in_through_provider(client, "sam")
        assert memberships(user) == [("elsewhere", Access.VIEWER), ("warwickshire", Access.FORCE_LEAD)]
        assert SingleSignOnIdentity.objects.get(user=user).groups == ["grp-wks-viewer", "grp-wks-lead",
                                                                      "grp-elsewhere-viewer"]


def test_a_user_whose_groups_map_to_nothing_gets_a_clear_page_and_no_access(client, settings, warwickshire):
    with provider(settings, [person("outsider", "grp-finance", "grp-ghost")]):
        response = sign_in_through_provider(client, "outsider")
        assert response.status_code == 302 and response["Location"] == reverse("sso_refused")
        page = client.get(response["Location"])
        body = page.content.decode()
        assert page.status_code == 403
        assert "You have no access to the tracker" in body and "outsider@warwickshire.police.uk" in body
        assert "None of the groups" in body
        assert not get_user_model().objects.filter(username__startswith="outsider").exists()
        assert client.get("/dashboard/").status_code == 302  # still signed out


def test_losing_the_last_group_removes_access(client, settings, warwickshire):
    with provider(settings, [person("kim", "grp-wks-opcc")]) as issuer:
        sign_in_through_provider(client, "kim")
        user = get_user_model().objects.get(sso_identities__subject="kim")
        client.post(reverse("logout"))
        import requests

        requests.put(f"{issuer}/users/kim", json={"email": "kim@warwickshire.police.uk", "groups": []}, timeout=10)
        response = sign_in_through_provider(client, "kim")
        assert response["Location"] == reverse("sso_refused")
        assert memberships(user) == []


def test_a_local_account_is_never_taken_over_by_a_provider_user_of_the_same_name(client, settings, warwickshire):
    local = get_user_model().objects.create_user("lee@warwickshire.police.uk", password="a local password 123")
    with provider(settings, [person("lee", "grp-wks-viewer")]):
        sign_in_through_provider(client, "lee")
    user = get_user_model().objects.get(sso_identities__subject="lee")
    assert user.pk != local.pk and user.username == "lee@warwickshire.police.uk-2"
    assert memberships(local) == []


def test_the_login_page_offers_single_sign_on_only_when_configured(client, settings, warwickshire):
    assert "Sign in with" not in client.get(reverse("login")).content.decode()
    assert client.get("/accounts/sso/start/").status_code == 404
    with provider(settings, []):
        assert "Sign in with Microsoft Entra ID" in client.get(reverse("login")).content.decode()


def test_a_state_that_was_never_issued_is_refused(client, settings, warwickshire):
    with provider(settings, [person("eve", "grp-wks-opcc")]):
        client.get("/accounts/sso/start/")
        response = client.get("/accounts/sso/callback/", {"code": "forged", "state": "forged"})
        assert response.status_code == 400  # SuspiciousOperation: the state is not this browser's
        assert not get_user_model().objects.filter(sso_identities__subject="eve").exists()
