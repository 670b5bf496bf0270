"""Who may lift a sign-in lockout: a superuser anyone's; OPCC staff the users of their own forces;
nobody else, and nobody signed out or disabled."""

import pytest
from django.contrib.auth.models import AnonymousUser

from inspections.core.permissions import may_unlock, unlocks_accounts
from inspections.models import Access
from tests.factories import ForceFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def forces():
    return ForceFactory(name="Warwickshire Police"), ForceFactory(name="West Mercia Police")


def member(force, access, **user):
    return MembershipFactory(force=force, access=access, user=UserFactory(**user)).user


def test_opcc_staff_unlock_their_own_forces_users_and_no_others(forces):
    warwickshire, west_mercia = forces
    staff = member(warwickshire, Access.OPCC_STAFF)
    assert may_unlock(staff, member(warwickshire, Access.FORCE_LEAD))
    assert not may_unlock(staff, member(west_mercia, Access.FORCE_LEAD))
    assert unlocks_accounts(staff)


def test_a_superuser_unlocks_anyone_even_without_a_force(forces):
    superuser = UserFactory(is_superuser=True)
    assert may_unlock(superuser, member(forces[1], Access.VIEWER))
    assert may_unlock(superuser, UserFactory())
    assert unlocks_accounts(superuser)


@pytest.mark.parametrize("access", [Access.FORCE_LEAD, Access.BOARD_MEMBER, Access.VIEWER])
def test_nobody_else_in_the_force_unlocks_anyone(forces, access):
    colleague = member(forces[0], access)
    assert not may_unlock(colleague, member(forces[0], Access.VIEWER))
    assert not unlocks_accounts(colleague)


def test_nobody_signed_out_or_disabled_unlocks_anyone(forces):
    locked = member(forces[0], Access.VIEWER)
    assert not may_unlock(AnonymousUser(), locked)
    assert not unlocks_accounts(AnonymousUser())
    disabled_staff = member(forces[0], Access.OPCC_STAFF, is_active=False)
    assert not may_unlock(disabled_staff, locked)
    assert not unlocks_accounts(disabled_staff)
    disabled_superuser = UserFactory(is_superuser=True, is_active=False)
    assert not may_unlock(disabled_superuser, locked)
    assert not unlocks_accounts(disabled_superuser)
