"""An optional demonstration period per force or board: a finding signed off as complete stays
"complete – demonstrating" until the period ends without a return, then closes; a return during it
reopens the finding. A daily task closes those whose period has ended."""

from datetime import date

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from inspections.core.permissions import Action, can
from inspections.core.status import Rag, Status
from inspections.findings import demonstration, progress, tasks
from inspections.models import ChangeAction, Finding, FindingChange

pytestmark = pytest.mark.django_db

SIGNED_OFF = date(2026, 3, 10)


def digital_forensics():
    return Finding.objects.select_related("inspection__force", "board__force", "owner").get(
        inspection__title__contains="2019", reference="Rec 1.3"
    )


def proposed(people):
    progress.propose_complete(digital_forensics(), by=people.lead, reason="Roadmap delivered.")
    return digital_forensics()


def set_periods(force_months=None, board_months=None):
    finding = digital_forensics()
    force, board = finding.inspection.force, finding.board
    force.demonstration_months, board.demonstration_months = force_months, board_months
    force.save()
    board.save()


def sign_off(people, on=SIGNED_OFF):
    return progress.decide(proposed(people), by=people.chair, sign_off=True, reason="Evidence reviewed.", on=on)


def test_without_a_period_sign_off_closes_the_finding(people):
    finding = sign_off(people)
    assert finding.status == Status.CLOSED and finding.demonstration_ends_on is None


def test_with_the_forces_period_sign_off_starts_it(people):
    set_periods(force_months=3)
    finding = sign_off(people)
    assert finding.status == Status.DEMONSTRATING
    assert finding.get_status_display() == "Complete – demonstrating"
    assert finding.demonstration_ends_on == date(2026, 6, 10)
    assert (finding.closed_on, finding.closed_by_board, finding.rag) == (None, finding.board, Rag.BLUE)
    assert not finding.is_open and not finding.is_overdue(on=date(2030, 1, 1))  # no chasing while demonstrating
    assert FindingChange.objects.filter(finding=finding, action=ChangeAction.DEMONSTRATING, field="status").exists()


def test_the_boards_period_overrides_the_forces(people):
    set_periods(force_months=3, board_months=6)
    assert sign_off(people).demonstration_ends_on == date(2026, 9, 10)


def test_a_board_with_no_period_closes_at_once_even_where_the_force_has_one(people):
    set_periods(force_months=3, board_months=0)
    assert sign_off(people).status == Status.CLOSED


def test_a_return_during_the_period_reopens_the_finding(people):
    set_periods(force_months=3)
    finding = sign_off(people)
    assert can(people.chair, Action.DECIDE, finding)
    assert not can(people.lead, Action.DECIDE, finding)
    with pytest.raises(ValidationError, match="already signed off"):
        progress.decide(finding, by=people.chair, sign_off=True, reason="Again.")
    finding = progress.decide(finding, by=people.chair, sign_off=False, reason="Backlog has grown again.")
    assert finding.status == Status.IN_PROGRESS and finding.demonstration_ends_on is None
    assert (finding.closed_by_board, finding.closure_reason, finding.rag) == (None, "", Rag.AMBER)
    assert FindingChange.objects.filter(finding=finding, action=ChangeAction.RETURNED).exists()
    assert demonstration.close_ended(on=date(2027, 1, 1)).closed == []  # nothing left to close


def test_the_daily_run_closes_a_finding_whose_period_has_ended_and_only_then(people):
    set_periods(force_months=3)
    finding = sign_off(people)
    assert demonstration.close_ended(on=date(2026, 6, 9)).closed == []
    assert digital_forensics().status == Status.DEMONSTRATING
    assert demonstration.close_ended(on=date(2026, 6, 10)).closed == [finding.pk]
    closed = digital_forensics()
    assert (closed.status, closed.closed_on, closed.closed_by_board) == (Status.CLOSED, date(2026, 6, 10), closed.board)
    assert closed.closure_reason == "Evidence reviewed."  # the board's sign-off reason stays
    ended = FindingChange.objects.get(finding=closed, action=ChangeAction.DEMONSTRATION_ENDED, field="status")
    assert ended.changed_by is None and "ended on 10 June 2026 without a return" in ended.reason
    assert demonstration.close_ended(on=date(2026, 6, 11)).closed == []  # a second run finds nothing


def test_one_finding_that_cannot_close_does_not_stop_the_others(people, monkeypatch):
    set_periods(force_months=3)
    first = sign_off(people)
    second = Finding.objects.get(inspection__title__contains="2019", reference="Rec 1.6")
    second.owner.holder = people.lead
    second.owner.save()
    progress.propose_complete(second, by=people.lead, reason="Done.")
    progress.decide(Finding.objects.get(pk=second.pk), by=people.chair, sign_off=True, reason="Done.", on=SIGNED_OFF)
    real = demonstration.finding_service.change_status

    def failing(finding, **kwargs):
        if finding.pk == first.pk:
            raise ValidationError("broken")
        return real(finding, **kwargs)

    monkeypatch.setattr(demonstration.finding_service, "change_status", failing)
    outcome = demonstration.close_ended(on=date(2026, 7, 1))
    assert outcome.closed == [second.pk] and [pk for pk, _ in outcome.failed] == [first.pk]
    assert Finding.objects.get(pk=first.pk).status == Status.DEMONSTRATING
    assert Finding.objects.get(pk=second.pk).status == Status.CLOSED


def test_the_task_runs_daily_from_celery_beat(people):
    set_periods(force_months=3)
    sign_off(people)
    entry = settings.CELERY_BEAT_SCHEDULE["daily-demonstration-periods"]
    assert entry["task"] == tasks.close_ended_demonstrations.name == "inspections.close_ended_demonstrations"
    assert tasks.close_ended_demonstrations.run("2026-06-10") == {"closed": 1, "failed": 0}


def test_the_finding_page_says_when_the_period_ends(client, people):
    set_periods(force_months=3)
    finding = sign_off(people)
    client.force_login(people.viewer)
    page = client.get(finding.get_absolute_url()).content.decode()
    assert "Complete – demonstrating" in page and "demonstrating until 10 June 2026" in page


def test_the_database_refuses_a_demonstrating_finding_without_its_end(people):
    set_periods(force_months=3)
    finding = sign_off(people)
    with pytest.raises(IntegrityError), transaction.atomic():
        Finding.objects.filter(pk=finding.pk).update(demonstration_ends_on=None)
