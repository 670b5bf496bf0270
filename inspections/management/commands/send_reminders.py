from collections import Counter
from datetime import date
from itertools import groupby

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from inspections.core.labels import long_date
from inspections.models import email_kind_for
from inspections.reminders import delivery, sweep


def parse_day(value):
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date must be a date written YYYY-MM-DD, not {value!r}.") from None


class Command(BaseCommand):
    help = (
        "Run the reminder sweep for a day without Celery (the embedded mode, or cron): record the "
        "reminders the rules call for and send them, exactly once. Safe to run again for the same day."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="The day to sweep, YYYY-MM-DD (default: today, Europe/London).")
        parser.add_argument("--dry-run", action="store_true", help="List what would be sent; write and send nothing.")

    def handle(self, *args, **options):
        day = parse_day(options["date"]) if options["date"] else timezone.localdate()
        if options["dry_run"]:
            result = sweep.sweep(day=day, dry_run=True)
        else:
            outcomes = Counter()
            result = sweep.sweep(day=day, send=lambda ids: outcomes.update(delivery.deliver_now(ids)))
        if not result.working_day:
            self.stdout.write(
                f"{long_date(day)} is not a working day: reminders go out on working days only "
                "(TRACKER_REMINDERS['WORKING_DAYS_ONLY'])."
            )
            return
        if options["dry_run"]:
            self._list(result)
        else:
            self.stdout.write(
                f"Reminders for {long_date(day)}: {result.claimed} recorded, {result.emails_created} emails written, "
                f"{result.emails_redelivered} earlier emails handed on again; {len(result.skipped)} could not be sent."
            )
            self.stdout.write(
                f"Emails: {outcomes[delivery.SENT]} sent, {outcomes[delivery.RETRY]} to try again on the next run, "
                f"{outcomes[delivery.FAILED]} failed."
            )
        for skipped in result.skipped:
            self.stdout.write(f"  Not sent: {skipped.text}")

    def _list(self, result):
        self.stdout.write(f"Reminders for {long_date(result.day)} (dry run: nothing is written or sent)")

        def by_email(candidate):
            return (candidate.recipient.pk, email_kind_for(candidate.rule))

        emails_count = 0
        for (_, kind), group in groupby(sorted(result.candidates, key=by_email), key=by_email):
            group = list(group)
            user = group[0].recipient
            emails_count += 1
            self.stdout.write(f"\n{user.get_full_name() or user.username} <{user.email}>: {kind.label.lower()}")
            for candidate in group:
                subject = (
                    f"{candidate.finding.reference} ({candidate.inspection})" if candidate.finding
                    else f"{candidate.inspection}"
                )
                done = " [already recorded]" if candidate.key in result.recorded else ""
                self.stdout.write(f"  - {candidate.rule_label}: {subject}{done}\n    {candidate.reason}")
        waiting = len(result.to_send)
        self.stdout.write(
            f"\n{len(result.candidates)} reminders in {emails_count} emails; {waiting} not yet recorded would be sent; "
            f"{len(result.skipped)} cannot be sent."
        )
