"""Two sweeps of the same day at the same time, on two threads with their own PostgreSQL connections:
each reminder is recorded once and sent once, and nothing is missed."""

import threading
from collections import Counter
from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import connection

from inspections.models import Access, Membership, OutgoingEmail, Reminder
from inspections.reminders import delivery, sweep
from tests.factories import InspectionFactory, RoleFactory, UserFactory
from tests.reminders.support import finding_due, set_rules

DAY = date(2023, 6, 14)  # a Wednesday


def build(count=24, owners=8):
    """Findings spread over a few owners and two inspections, due in 7 days, and overdue by 15 days
    (so the board's chair and OPCC staff get escalations too)."""
    inspection = InspectionFactory()
    other = InspectionFactory(force=inspection.force)
    Membership.objects.create(user=UserFactory(), force=inspection.force, access=Access.OPCC_STAFF)
    roles = [RoleFactory(force=inspection.force) for _ in range(owners)]
    for number in range(count):
        due = DAY + timedelta(days=7) if number % 2 else DAY - timedelta(days=15)
        finding_due(due, inspection=inspection if number % 3 else other, owner=roles[number % owners])


def run_two_sweeps(day):
    barrier, results, errors, handed_on = threading.Barrier(2), [], [], []
    lock = threading.Lock()

    def send(ids):
        with lock:
            handed_on.extend(ids)
        delivery.deliver_now(ids)

    def worker():
        try:
            barrier.wait(timeout=10)
            results.append(sweep.sweep(day=day, send=send))
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results, handed_on


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("batch_size", [3, 500])
def test_two_concurrent_sweeps_send_each_reminder_once(settings, batch_size):
    set_rules(settings, BATCH_SIZE=batch_size)
    build()
    expected = sweep.sweep(day=DAY, dry_run=True).candidates
    assert len(expected) > 24  # owners' reminders plus escalations

    results, handed_on = run_two_sweeps(DAY)

    assert Reminder.objects.count() == len(expected)
    assert sum(result.claimed for result in results) == len(expected)  # split between the two, no overlap
    assert not Reminder.objects.filter(email__isnull=True).exists()  # nothing missed
    assert sorted(Counter(handed_on).values()) == [1] * OutgoingEmail.objects.count()  # each handed on once
    assert len(mail.outbox) == OutgoingEmail.objects.count() == sum(result.emails_created for result in results)
    recipients = Counter((m.to[0], m.subject.startswith("Escalation")) for m in mail.outbox)
    assert set(recipients.values()) == {1}  # one digest (and one escalation) per person
    links = Counter()
    for message in mail.outbox:
        for line in message.body.splitlines():
            if "/findings/" in line:
                links[(message.to[0], line.strip())] += 1
    assert set(links.values()) == {1} and len(links) == len(expected)

    # And a third sweep afterwards finds nothing left to do.
    again, _ = run_two_sweeps(DAY)
    assert sum(result.claimed + result.emails_created for result in again) == 0
    assert len(mail.outbox) == OutgoingEmail.objects.count()
