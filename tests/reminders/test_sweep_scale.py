"""The sweep grows no faster than the open findings: the queries of a sweep, its emails written and
sent included, do not depend on how many findings or recipients a batch holds, and a sweep run again
the same day inserts nothing."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from inspections.models import EmailStatus, OutgoingEmail, Reminder
from inspections.reminders import delivery, sweep
from tests.reminders.support import finding_due, set_rules

pytestmark = pytest.mark.django_db
DAY = date(2023, 6, 14)  # a Wednesday


def sweep_queries(day):
    with CaptureQueriesContext(connection) as queries, TestCase.captureOnCommitCallbacks(execute=True):
        sweep.sweep(day=day, send=delivery.deliver_now)
    return [query["sql"] for query in queries.captured_queries]


def test_a_sweep_that_writes_and_sends_more_emails_runs_the_same_queries(settings):
    set_rules(settings, BATCH_SIZE=100)
    for _ in range(3):
        finding_due(DAY + timedelta(days=7))
    few = sweep_queries(DAY)
    assert len(mail.outbox) == 3
    for _ in range(15):
        finding_due(DAY + timedelta(days=8))
    many = sweep_queries(DAY + timedelta(days=1))
    assert len(mail.outbox) == 3 + 15
    assert OutgoingEmail.objects.filter(status=EmailStatus.SENT).count() == 18
    assert Reminder.objects.filter(email__isnull=True).count() == 0
    assert len(few) == len(many), (len(few), len(many))


def test_a_sweep_run_again_the_same_day_inserts_nothing(settings):
    for _ in range(4):
        finding_due(DAY + timedelta(days=7))
    sweep_queries(DAY)
    assert Reminder.objects.count() == 4
    again = sweep_queries(DAY)
    assert not [sql for sql in again if sql.startswith('INSERT INTO "inspections_reminder"')]
    assert not [sql for sql in again if sql.startswith('INSERT INTO "inspections_outgoingemail"')]
    assert Reminder.objects.count() == 4 and len(mail.outbox) == 4


def test_each_reminder_is_attached_to_its_own_email(settings):
    first = finding_due(DAY + timedelta(days=7))
    second = finding_due(DAY + timedelta(days=7), owner=first.owner, inspection=first.inspection, board=first.board)
    other = finding_due(DAY + timedelta(days=7))
    sweep_queries(DAY)
    by_finding = {r.finding_id: r.email for r in Reminder.objects.select_related("email")}
    assert by_finding[first.pk] == by_finding[second.pk] != by_finding[other.pk]
    assert by_finding[first.pk].to == first.owner.holder.email
    assert by_finding[other.pk].to == other.owner.holder.email
    assert other.reference in by_finding[other.pk].plain_text
