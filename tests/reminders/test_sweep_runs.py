"""The record a sweep leaves of itself when it fails (the error, what it had claimed, what it had to skip),
what a dry run reports, that a sweep does not hand on again what it has just handed on, and the waits
between tries when sweeps clash."""

from datetime import date, timedelta

import pytest
from django.db import OperationalError
from django.test import TestCase

from inspections.core.status import Status
from inspections.models import Finding, OutgoingEmail, ReminderRun
from inspections.reminders import sweep
from tests.factories import InspectionFactory
from tests.reminders.support import finding_due

pytestmark = pytest.mark.django_db

DAY = date(2023, 6, 14)  # a Wednesday
DUE = DAY + timedelta(days=7)


@pytest.fixture
def unowned():
    return finding_due(
        DUE, inspection=InspectionFactory(title="PEEL 2023"), owner=None, status=Status.AWAITING_ALLOCATION,
        reference="AFI 9",
    )


def skipped_entry(finding):
    return {
        "force": finding.inspection.force_id, "finding": finding.pk, "inspection": None,
        "text": "AFI 9 of PEEL 2023: Due date approaching not sent: it has no owner.",
    }


def test_a_sweep_that_fails_records_the_error_and_what_it_had_skipped(monkeypatch, unowned):
    finding_due(DUE)

    def killed(candidates, run_id):
        raise RuntimeError("worker killed")

    monkeypatch.setattr(sweep, "_claim", killed)
    with pytest.raises(RuntimeError):
        sweep.sweep(day=DAY, send=lambda ids: None)
    run = ReminderRun.objects.get()
    assert (run.error, run.reminders_claimed, run.skipped, run.finished_at) == (
        "RuntimeError: worker killed", 0, [skipped_entry(unowned)], None
    )


def test_a_dry_run_reports_what_would_be_skipped(unowned):
    result = sweep.sweep(day=DAY, dry_run=True)
    assert [entry.as_dict() for entry in result.skipped] == [skipped_entry(unowned)]
    assert (result.dry_run, result.working_day, result.candidates) == (True, True, [])


def test_a_dry_run_of_a_weekend_says_it_is_not_a_working_day(unowned):
    result = sweep.sweep(day=date(2023, 6, 17), dry_run=True)
    assert (result.dry_run, result.working_day, result.candidates, result.skipped) == (True, False, [], [])


def test_a_sweep_does_not_hand_on_again_the_emails_it_has_just_handed_on(monkeypatch):
    # However long the sweep took: its own emails are on their way, not left behind.
    monkeypatch.setattr(sweep, "REDELIVER_AFTER", timedelta(0))
    finding_due(DUE)
    handed_on = []
    with TestCase.captureOnCommitCallbacks(execute=True):
        result = sweep.sweep(day=DAY, send=handed_on.append)
    assert (result.emails_created, result.emails_redelivered) == (1, 0)
    assert handed_on == [[OutgoingEmail.objects.get().pk]]


def test_sweeps_that_clash_wait_a_little_longer_each_time(monkeypatch):
    waits = []
    monkeypatch.setattr(sweep.time, "sleep", waits.append)
    deadlock = OperationalError("deadlock detected")
    deadlock.__cause__ = type("Cause", (Exception,), {"sqlstate": "40P01"})()
    calls = []

    def work():
        calls.append(1)
        if len(calls) < 4:
            raise deadlock
        return "done"

    assert sweep._retrying(work) == "done"
    assert waits == pytest.approx([0.05, 0.1, 0.15])


def test_the_sweep_reads_every_row_once_in_key_order_from_the_very_first(warwickshire):
    """Keyset batches start below the first key: the finding the database numbered 1 is swept too."""
    keys = sorted(Finding.objects.values_list("pk", flat=True))
    assert keys[0] == 1  # the Warwickshire data's first finding
    for size in (1, 7, 500):
        read = [row.pk for rows in sweep.batches(Finding.objects.all(), size) for row in rows]
        assert read == keys, size
