"""python manage.py send_reminders [--date YYYY-MM-DD] [--dry-run]: the sweep without Celery."""

from datetime import date

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from inspections.models import OutgoingEmail, Reminder, Role
from tests.reminders import support as reminders_support

people = reminders_support.people


def run(*args, capsys):
    call_command("send_reminders", *args)
    return capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_command_sends_in_process_once(people, capsys):
    """As in real use, each batch commits and its emails go at once (no test transaction around it)."""
    out = run("--date", "2022-11-14", capsys=capsys)
    count = OutgoingEmail.objects.count()
    assert f"Reminders for Monday 14 November 2022: {Reminder.objects.count()} recorded, {count} emails written" in out
    assert f"Emails: {count} sent" in out and len(mail.outbox) == count > 0
    again = run("--date", "2022-11-14", capsys=capsys)
    assert "0 recorded, 0 emails written" in again and len(mail.outbox) == count


def test_command_dry_run_for_a_date(people, capsys):
    out = run("--date", "2022-12-02", "--dry-run", capsys=capsys)  # Friday, day 50: covers Sunday, day 52
    assert "Olivia Carter <opcc@example.org>: daily digest" in out
    assert "Day 50 of 56" in out and "would be sent" in out
    assert Reminder.objects.count() == 0


def test_command_on_a_weekend_says_so(db, capsys):
    assert "is not a working day" in run("--date", "2022-12-03", capsys=capsys)


@pytest.mark.parametrize("value", ["2022-13-01", "tomorrow", "03/12/2022"])
def test_command_rejects_a_bad_date(db, value):
    with pytest.raises(CommandError, match="--date must be a date written YYYY-MM-DD"):
        call_command("send_reminders", "--date", value)


def test_command_lists_what_cannot_be_sent(people, capsys):
    Role.objects.filter(force=people, title="Head of Digital Forensics").update(holder=None)
    out = run("--date", "2022-11-14", "--dry-run", capsys=capsys)
    assert "Not sent: Rec 1.3 of Warwickshire Police: Integrated PEEL Assessment 2019: Overdue not sent" in out
    assert date(2022, 11, 14)
