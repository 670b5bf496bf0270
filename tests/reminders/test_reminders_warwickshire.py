"""The rules on the real Warwickshire data, with the date pinned, and the emails they produce."""

import re
from datetime import date

import time_machine
from django.core import mail
from django.core.management import call_command

from inspections.models import EmailKind, Finding, Inspection, LetterStatus, OutgoingEmail, Reminder
from tests.factories import Section55ResponseFactory
from tests.reminders import support as reminders_support
from tests.reminders.support import planned, run_sweep

people = reminders_support.people

PEEL_2021 = "PEEL 2021/22: An inspection of Warwickshire Police"
PEEL_2019 = "Warwickshire Police: Integrated PEEL Assessment 2019"


def s55(day):
    return {(user, ref) for user, rule, ref in planned(day) if rule == "s55_clock"}


def test_section55_clock_for_the_2021_22_inspection(people):
    peel = Inspection.objects.get(title=PEEL_2021)  # published Friday 14 October 2022: day 56 is 8 December
    expected = {("opcc", f"s55:{peel.pk}")}
    for day in (date(2022, 11, 10), date(2022, 11, 24), date(2022, 12, 1)):  # days 28, 42, 49
        assert s55(day) == expected, day
    assert s55(date(2022, 11, 11)) == set()  # day 29
    assert s55(date(2022, 12, 2)) == expected  # Friday, day 50: covers Sunday 4 December, day 52
    for day in (5, 6, 7, 8, 9, 12, 13, 14, 15):  # days 53-56, then late until day 63 (Thursday 15 December)
        assert s55(date(2022, 12, day)) == expected, day
    assert s55(date(2022, 12, 16)) == set()  # day 64: stopped; listed as a problem instead


def test_2019_inspection_does_not_fire_forever(people):
    peel_2019 = Inspection.objects.get(title=PEEL_2019)
    assert ("opcc", f"s55:{peel_2019.pk}") in s55(date(2019, 11, 14))  # day 49, before the response went out
    assert all(ref != f"s55:{peel_2019.pk}" for _, ref in s55(date(2022, 11, 10)))  # three years on: silent
    Section55ResponseFactory(
        inspection=peel_2019, status=LetterStatus.FINAL, sent_on=date(2019, 11, 21), published_on=date(2019, 11, 21),
        published_url="https://www.warwickshire-pcc.gov.uk/",
    )
    assert s55(date(2019, 11, 22)) == set()  # published on day 56: no late reminders


def test_afi_due_on_a_saturday_on_the_real_data(people):
    afi = Finding.objects.get(inspection__title=PEEL_2021, reference="AFI 21")  # due Saturday 14 January 2023
    owner = afi.owner.holder.username
    mine = lambda day: {rule for user, rule, ref in planned(day) if user == owner and ref == "AFI 21"}  # noqa: E731
    assert mine(date(2022, 12, 30)) == {"due_soon"}  # 14 days before is Saturday 31 December
    assert mine(date(2023, 1, 6)) == {"due_soon"}  # 7 days before is Saturday 7 January
    assert mine(date(2023, 1, 13)) == {"due_soon"}  # the day before
    assert mine(date(2023, 1, 16)) == {"overdue"}  # the first overdue day is Sunday 15 January
    escalated = {user for user, rule, ref in planned(date(2023, 1, 30)) if rule == "escalation" and ref == "AFI 21"}
    assert escalated == {"opcc", afi.board.chair_role.holder.username}  # 15 days late: Sunday 29 January


def test_update_chasing_before_the_assurance_board_meets(people):
    # The board meets on Tuesday 13 December 2022: updates are due on Monday 12th; owners hear a week before.
    rules = {rule for _, rule, _ in planned(date(2022, 12, 5))}
    assert "update_due" in rules
    owners = {user for user, rule, _ in planned(date(2022, 12, 5)) if rule == "update_due"}
    open_owned = (
        Finding.objects.open().filter(inspection__force=people).values_list("owner__holder__username", flat=True)
    )
    assert owners == set(open_owned)


def test_the_real_sweep_chases_the_updates_the_board_meeting_calls_for_as_its_dry_run_says(people):
    # A week before the Assurance Board of Tuesday 13 December 2022, as the dry run above plans it.
    day = date(2022, 12, 5)
    expected = {(user, ref) for user, rule, ref in planned(day) if rule == "update_due"}
    run_sweep(day)
    recorded = Reminder.objects.filter(rule="update_due", for_day=day).select_related("recipient", "finding")
    assert expected and {(r.recipient.username, r.finding.reference) for r in recorded} == expected


def test_sweep_sends_one_digest_per_person_and_escalations_apart(people, settings):
    settings.TRACKER_BASE_URL = "https://tracker.example.org"
    result = run_sweep(date(2022, 11, 14))  # a Monday: the 2019 findings' weekly chasers and escalations
    assert result.claimed == Reminder.objects.count() > 0
    sent = mail.outbox
    assert len(sent) == OutgoingEmail.objects.count() == result.emails_created
    per_person = {}
    for message in sent:
        per_person.setdefault(message.to[0], []).append(message.subject)
    assert all(len(subjects) <= 2 for subjects in per_person.values())
    opcc = per_person["opcc@example.org"]
    assert len(opcc) == 1 and opcc[0].startswith("Escalation: ")
    email = OutgoingEmail.objects.get(to="opcc@example.org")
    assert email.kind == EmailKind.ESCALATION and email.status == "sent" and email.sent_at

    chaser = Finding.objects.get(inspection__title=PEEL_2019, reference="Rec 1.3")
    [message] = [m for m in sent if m.to == [chaser.owner.holder.email]]
    assert message.subject == "Inspection tracker: 1 reminder for Monday 14 November 2022"
    body = message.body
    assert PEEL_2019 in body and f"https://tracker.example.org/findings/{chaser.pk}/" in body
    assert "Overdue: it was due on Friday 27 March 2020, 962 days ago." in body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'<a href="https://tracker.example.org/findings/{chaser.pk}/"><strong>Rec 1.3</strong></a>' in html
    links = re.findall(r"https://tracker\.example\.org/findings/(\d+)/", body)
    assert {int(pk) for pk in links} == set(
        Reminder.objects.filter(email__to=chaser.owner.holder.email).values_list("finding_id", flat=True)
    )


def test_section55_email_links_to_the_inspection(people):
    run_sweep(date(2022, 11, 10))
    peel = Inspection.objects.get(title=PEEL_2021)
    [message] = mail.outbox
    assert message.to == ["opcc@example.org"]
    assert "Day 28 of 56. The Section 55 response must be published by Thursday 8 December 2022" in message.body
    assert f"http://127.0.0.1:8000/inspections/{peel.pk}/" in message.body


def test_text_from_the_data_is_escaped_in_the_html_part(people):
    finding = Finding.objects.get(inspection__title=PEEL_2019, reference="Rec 1.3")
    Finding.objects.filter(pk=finding.pk).update(text="Use <script>alert(1)</script> & more")
    run_sweep(date(2022, 11, 14))
    [message] = [m for m in mail.outbox if m.to == [finding.owner.holder.email]]
    html = message.alternatives[0][0]
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
    assert "Use <script>alert(1)</script> & more" in message.body  # the plain text part is not HTML


@time_machine.travel(date(2022, 11, 10), tick=False)
def test_command_dry_run_lists_the_warwickshire_reminders_and_writes_nothing(people, capsys):
    call_command("send_reminders", "--dry-run")
    out = capsys.readouterr().out
    assert "Reminders for Thursday 10 November 2022 (dry run: nothing is written or sent)" in out
    assert f"Section 55 response clock: {PEEL_2021}" in out and "Day 28 of 56" in out
    assert Reminder.objects.count() == 0 and OutgoingEmail.objects.count() == 0 and mail.outbox == []
