"""A force's RAG rules: the rating the rules give a finding on a day, the legend printed with them, and
saving them. suggest_rag() is the one statement of the rules; rule_rag_sql() says the same in SQL for
lists and packs (tests/findings/test_rag_rules.py checks they agree)."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, CharField, F, Q, Value, When
from django.utils import timezone

from inspections.core.status import BLUE_STATUSES, OPEN_STATUSES, Rag, Status
from inspections.models import CONDITION_ORDER, GovernanceBoard, RagCondition, RagRule

COMPLETE_WORDING = "Complete: proposed for sign-off, signed off and demonstrating, or closed"


@dataclass(frozen=True)
class Verdict:
    """What the force's rules say a finding's RAG should be, and why."""

    rag: str
    because: str

    @property
    def label(self):
        return Rag(self.rag).label


def rules_for(force):
    """The force's declared rules, in the order they are applied (empty when none are declared)."""
    force_id = force if isinstance(force, int) else force.pk
    rules = list(RagRule.objects.filter(force_id=force_id))
    return sorted(rules, key=lambda rule: CONDITION_ORDER.index(rule.condition))


def _holds(rule, finding, on):
    due = finding.due_date
    if rule.condition == RagCondition.PAST_TARGET:
        return due is not None and due < on
    if rule.condition == RagCondition.DUE_SOON:
        return due is not None and on <= due <= on + timedelta(days=rule.within_days)
    if rule.condition == RagCondition.NOT_STARTED:
        return finding.status == Status.AWAITING_ALLOCATION
    return finding.status == Status.IN_PROGRESS  # on track: in progress, and no earlier rule held


def suggest_rag(finding, *, on=None, rules=None):
    """The RAG rating the force's rules give the finding on the day `on` (a Verdict), or None when the
    force declares no rules or the finding is closed otherwise (superseded, no longer relevant)."""
    rules = rules_for(finding.inspection.force_id) if rules is None else rules
    if not rules:
        return None
    if finding.status in BLUE_STATUSES:
        return Verdict(Rag.BLUE, COMPLETE_WORDING)
    if finding.status not in OPEN_STATUSES:
        return None
    on = on or timezone.localdate()
    for rule in rules:
        if _holds(rule, finding, on):
            return Verdict(rule.rag, rule.describe())
    return None


def rule_rag_sql(rules, on):
    """suggest_rag() as an SQL expression over findings of one force: the rule's RAG, or "" for none."""
    if not rules:
        return Value("", output_field=CharField())
    whens = [When(status__in=BLUE_STATUSES, then=Value(Rag.BLUE))]
    open_q = Q(status__in=OPEN_STATUSES)
    for rule in rules:
        if rule.condition == RagCondition.PAST_TARGET:
            condition = open_q & Q(due_date__lt=on)
        elif rule.condition == RagCondition.DUE_SOON:
            condition = open_q & Q(due_date__gte=on, due_date__lte=on + timedelta(days=rule.within_days))
        elif rule.condition == RagCondition.NOT_STARTED:
            condition = Q(status=Status.AWAITING_ALLOCATION)
        else:
            condition = Q(status=Status.IN_PROGRESS)
        whens.append(When(condition, then=Value(rule.rag)))
    return Case(*whens, default=Value(""), output_field=CharField())


def differing(findings, rules, on):
    """The rated findings whose recorded RAG is not the one the rules give on the day, each annotated with
    `rule_rag`. Unrated findings are left out: there is no recorded rating to differ."""
    return (
        findings.annotate(rule_rag=rule_rag_sql(rules, on))
        .exclude(rule_rag="")
        .exclude(rag="")
        .exclude(rag=F("rule_rag"))
    )


@dataclass(frozen=True)
class LegendRow:
    rag: str
    label: str
    wording: str


def legend(rules):
    """The RAG legend printed with the dashboard and every board pack, in the order the rules apply."""
    if not rules:
        return []
    rows = [LegendRow(rule.rag, Rag(rule.rag).label, rule.describe()) for rule in rules]
    return [*rows, LegendRow(Rag.BLUE, Rag.BLUE.label, COMPLETE_WORDING)]


@transaction.atomic
def declare_rules(*, force, rules, demonstration_months, board_months):
    """Replace the force's RAG rules and demonstration periods.

    rules: {condition: {"rag": "red"|…|"", "within_days": int|None, "wording": str}} – an empty rag drops
    the rule; board_months: {board: months or None (follow the force)}.
    """
    errors = {}
    kept = []
    for condition in CONDITION_ORDER:
        spec = rules.get(condition) or {}
        if not spec.get("rag"):
            continue
        rule = RagRule(
            force=force, condition=condition, rag=spec["rag"], within_days=spec.get("within_days"),
            wording=(spec.get("wording") or "").strip(),
        )
        try:
            rule.full_clean(exclude=["force"], validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors[f"{condition}_{name}"] = messages
        kept.append(rule)
    if errors:
        raise ValidationError(errors)
    RagRule.objects.filter(force=force).delete()
    RagRule.objects.bulk_create(kept)
    force.demonstration_months = demonstration_months or None
    force.full_clean()
    force.save(update_fields=["demonstration_months"])
    for board, months in board_months.items():
        if board.force_id != force.pk:
            raise ValidationError({"board": f"{board} is not a board of {force}."})
        GovernanceBoard.objects.filter(pk=board.pk).update(demonstration_months=months)
    return kept
