"""Recording HMICFRS's decisions on a finding (writes) and reading them back (reads).

A decision comes from an HMICFRS letter: an accelerated cause of concern issued before the report,
a revisit that keeps it open with next steps, or a letter closing it. It is appended, never edited,
and an audit record puts it in the finding's timeline. The board's own sign-off is not touched:
HMICFRS closing a cause of concern does not close the finding in the tracker.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from inspections.core.labels import day_month_year
from inspections.core.status import Status
from inspections.models import ChangeAction, Finding, FindingChange, FindingKind, HmicfrsDecision, HmicfrsOutcome


@transaction.atomic
def record_hmicfrs_decision(
    finding,
    *,
    outcome,
    decided_on,
    by,
    letter_title,
    letter_url="",
    next_steps="",
    summary="",
    source_import=None,
):
    """Record HMICFRS's decision on a cause of concern (or recommendation) from its letter."""
    locked = Finding.objects.select_for_update().get(pk=finding.pk)
    outcome = HmicfrsOutcome(outcome)
    now = timezone.now()
    decision = HmicfrsDecision(
        finding=locked,
        outcome=outcome,
        decided_on=decided_on,
        letter_title=(letter_title or "").strip(),
        letter_url=(letter_url or "").strip(),
        next_steps=(next_steps or "").strip(),
        summary=(summary or "").strip(),
        source_import=source_import,
        recorded_by=by,
        recorded_at=now,
    )
    decision.full_clean()
    decision.save()
    previous = current_decision(locked, before=decision)
    # The decision changes none of the finding's own fields, so its version is not raised: an edit
    # opened before the letter was recorded is not refused for it.
    FindingChange.objects.create(
        finding=locked,
        version=locked.version,
        changed_at=now,
        changed_by=by,
        action=ChangeAction.HMICFRS_DECISION,
        field="hmicfrs_decision",
        before=previous.get_outcome_display() if previous else "",
        after=f"{outcome.label} on {day_month_year(decided_on)}",
        reason=_reason(decision),
    )
    return decision


def _reason(decision):
    parts = [f"HMICFRS letter: {decision.letter_title}"]
    if decision.letter_url:
        parts[0] += f" ({decision.letter_url})"
    if decision.next_steps:
        parts.append(f"Next steps: {decision.next_steps}")
    return ". ".join(part.rstrip(".") for part in parts) + "."


def current_decision(finding, before=None):
    """HMICFRS's latest decision on the finding (the one in force), or None."""
    decisions = HmicfrsDecision.objects.filter(finding=finding)
    if before is not None:
        decisions = decisions.exclude(pk=before.pk)
    return decisions.latest_first().first()


def decisions_for(finding):
    """Every HMICFRS decision on the finding, latest first."""
    return list(HmicfrsDecision.objects.filter(finding=finding).select_related("recorded_by").latest_first())


def with_hmicfrs_outcome(findings, on=None):
    """The findings annotated with HMICFRS's current position on each (`hmicfrs_outcome`: an HmicfrsOutcome
    value, or None where HMICFRS has not written about it), in one query: for dashboards and packs
    ("causes of concern HMICFRS has closed: 2 of 3"). With `on`, its position as at that day."""
    decisions = HmicfrsDecision.objects.filter(finding=OuterRef("pk"))
    if on is not None:
        decisions = decisions.filter(decided_on__lte=on)
    latest = decisions.latest_first().values("outcome")[:1]
    return findings.annotate(hmicfrs_outcome=Subquery(latest))


@dataclass(frozen=True)
class HmicfrsClosures:
    """How many causes of concern HMICFRS has closed, beside how many the force's board has signed off."""

    closed: int
    total: int
    signed_off: int

    def __str__(self):
        return f"Causes of concern HMICFRS has closed: {self.closed} of {self.total}"


def closures_among(findings, on=None):
    """HMICFRS's closures among the causes of concern of a scope (a force's, a board's), in one query;
    with `on`, as at that day (a past meeting's pack)."""
    causes = findings.filter(kind=FindingKind.CAUSE_OF_CONCERN)
    rows = list(with_hmicfrs_outcome(causes, on=on).values_list("status", "closed_on", "hmicfrs_outcome"))
    signed_off = sum(
        1 for status, closed_on, _ in rows
        if status == Status.CLOSED and (on is None or (closed_on is not None and closed_on <= on))
    )
    closed = sum(1 for *_, outcome in rows if outcome == HmicfrsOutcome.CLOSED)
    return HmicfrsClosures(closed=closed, total=len(rows), signed_off=signed_off)
