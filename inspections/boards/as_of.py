"""Findings as they stood at the end of a meeting day (Europe/London), rebuilt from the audit trail
(FindingChange), so that an older pack is not changed by what happened after its meeting: a finding
closed today still counts as open in last month's pack, with the RAG rating and target date it had.

Each audited change records the field's value before and after, as displayed (status and RAG by their
labels, dates in ISO form). A field's value at a moment is the `after` of its last change before then;
with no change before then, the `before` of its first change after; with no change at all, today's."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from inspections.core.status import OPEN_STATUSES, Rag, Status
from inspections.models import FindingChange

FIELDS = ("status", "rag", "due_date")
_STATUS_BY_LABEL = {label: value for value, label in Status.choices}
_RAG_BY_LABEL = {label: value for value, label in Rag.choices}


@dataclass(frozen=True)
class StateThen:
    status: str
    rag: str
    due_date: date | None

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    def is_overdue(self, on):
        return self.is_open and self.due_date is not None and self.due_date < on


def _parse(field, shown):
    if field == "status":
        return _STATUS_BY_LABEL.get(shown, shown)
    if field == "rag":
        return _RAG_BY_LABEL.get(shown, "") if shown else ""
    return date.fromisoformat(shown) if shown else None


def states_at(findings, moment):
    """{finding id: StateThen} for the findings (instances) at `moment` (an aware datetime)."""
    findings = list(findings)
    changes = defaultdict(list)
    rows = (
        FindingChange.objects.filter(finding__in=[f.pk for f in findings], field__in=FIELDS)
        .order_by("changed_at", "pk")
        .values_list("finding_id", "field", "changed_at", "before", "after")
    )
    for finding_id, field, changed_at, before, after in rows:
        changes[finding_id, field].append((changed_at, before, after))
    states = {}
    for finding in findings:
        values = {}
        for field in FIELDS:
            history = changes.get((finding.pk, field))
            if not history:
                values[field] = getattr(finding, field)
                continue
            earlier = [after for changed_at, before, after in history if changed_at < moment]
            if earlier:
                values[field] = _parse(field, earlier[-1])
            else:
                later = next(before for changed_at, before, after in history if changed_at >= moment)
                values[field] = _parse(field, later)
        states[finding.pk] = StateThen(**values)
    return states
