"""Recording HMICFRS's decision on a cause of concern or recommendation (closed, or kept open with
next steps): its own record beside the board's sign-off, and an entry in the finding's history."""

from django.db import transaction

from inspections.core.labels import day_month_year
from inspections.models import ChangeAction, FindingChange, HmicfrsDecision


def latest_decision(finding):
    """Where HMICFRS stands on the finding: its latest decision, or None."""
    return finding.hmicfrs_decisions.order_by("-decided_on", "-recorded_at", "-id").first()


@transaction.atomic
def record_hmicfrs_decision(
    finding, *, outcome, decided_on, by, letter_title, letter_url="", next_steps="", summary="", source_import=None
):
    """Append HMICFRS's decision (the finding's own status and the board's sign-off are not changed)."""
    before = latest_decision(finding)
    decision = HmicfrsDecision(
        finding=finding, outcome=outcome, decided_on=decided_on, letter_title=(letter_title or "").strip(),
        letter_url=letter_url or "", next_steps=(next_steps or "").strip(), summary=(summary or "").strip(),
        source_import=source_import, recorded_by=by,
    )
    decision.full_clean()
    decision.save()
    reason = f"{decision.letter_title}, {day_month_year(decided_on)}"
    if decision.next_steps:
        reason += f". Next steps: {decision.next_steps}"
    FindingChange.objects.create(
        finding=finding, version=finding.version, changed_at=decision.recorded_at, changed_by=by,
        action=ChangeAction.HMICFRS_DECISION, field="hmicfrs_outcome",
        before=before.get_outcome_display() if before else "", after=decision.get_outcome_display(), reason=reason,
    )
    return decision
