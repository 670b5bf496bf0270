"""Shared helpers for the reminder tests (kept apart from conftest.py and factories.py)."""

import smtplib
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import TestCase

from inspections.models import Access, Finding, GovernanceBoard, Membership, Role, Section55Response
from inspections.reminders import delivery, sweep
from inspections.reminders.planner import Planner
from tests.factories import BoardMeetingFactory, FindingFactory, MembershipFactory, UserFactory


def set_rules(settings, **changes):
    settings.TRACKER_REMINDERS = {**settings.TRACKER_REMINDERS, **changes}


def run_sweep(day):
    """A real sweep, sending in-process into Django's test outbox. Emails are handed on after each
    batch commits; inside a test's transaction that is when the capture below ends."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return sweep.sweep(day=day, send=delivery.deliver_now)


def planned(day):
    """{(username, rule, what)} the rules call for on `day` (nothing written)."""
    result = sweep.sweep(day=day, dry_run=True)
    return {
        (c.recipient.username, c.rule, c.finding.reference if c.finding else f"s55:{c.inspection.pk}")
        for c in result.candidates
    }


def finding_due(due, **kwargs):
    """A finding (with an owner who holds a role, and a chaired board) due on the given day."""
    finding = FindingFactory(**kwargs)
    Finding.objects.filter(pk=finding.pk).update(due_date=due, original_due_date=due)
    finding.refresh_from_db()
    return finding


def opcc_staff(force, username="opcc-officer"):
    return MembershipFactory(user=UserFactory(username=username), force=force, access=Access.OPCC_STAFF).user


@pytest.fixture
def people(warwickshire):
    """The Warwickshire data with someone in every role (username: role-<id>), an OPCC officer and a
    monthly meeting of the Warwickshire Assurance Board on the second Tuesday in late 2022.

    Section 55 records loaded from the fixtures are removed: each test creates those it needs, so the
    clock's tests do not depend on what the fixtures say about the real responses."""
    Section55Response.objects.filter(inspection__force=warwickshire).delete()
    User = get_user_model()
    for role in Role.objects.filter(force=warwickshire):
        user = User.objects.create_user(f"role-{role.pk}", f"role-{role.pk}@example.org", first_name=role.title)
        Membership.objects.create(user=user, force=warwickshire, access=Access.FORCE_LEAD)
        role.holder = user
        role.save()
    officer = User.objects.create_user("opcc", "opcc@example.org", first_name="Olivia", last_name="Carter")
    Membership.objects.create(user=officer, force=warwickshire, access=Access.OPCC_STAFF)
    board = GovernanceBoard.objects.get(force=warwickshire, name="Warwickshire Assurance Board")
    for held_on in (date(2022, 11, 8), date(2022, 12, 13), date(2023, 1, 10)):
        BoardMeetingFactory(board=board, held_on=held_on)
    return warwickshire


class FailingBackend:
    """An email backend whose server refuses every message (or only the first `fail_times`)."""

    fail_times = None  # None: always
    calls = 0

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        type(self).calls += 1
        if self.fail_times is None or type(self).calls <= self.fail_times:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        mail.outbox.extend(messages)
        return len(messages)


def break_the_rules_for(monkeypatch, bad):
    """The planner raises on this one finding (bad data) and works out every other as usual."""
    real = Planner.for_finding

    def broken(self, finding, day):
        if finding.pk == bad.pk:
            raise ValueError("corrupt row")
        return real(self, finding, day)

    monkeypatch.setattr(Planner, "for_finding", broken)
