"""The board's rules as a board sees them: the force's RAG legend, findings rated otherwise than the rules
say, extension requests made or decided in a period, and findings in their demonstration period. Shared by
the dashboards and the board pack (a few queries, independent of the number of findings)."""

from dataclasses import dataclass

from django.db.models import Count, Q, Window

from inspections.core.status import Status
from inspections.findings import rag_rules
from inspections.models import ExtensionRequest

LIST_LIMIT = 50  # rows of findings rated otherwise shown; the count says how many in all
RELATED = ["inspection", "owner", "owner__holder", "board"]


@dataclass
class BoardRules:
    legend: list  # rag_rules.LegendRow, in the order the rules apply; empty when the force declares none
    differing: list  # findings annotated with rule_rag (and its label as rule_rag_label)
    differing_count: int
    demonstrating: list  # findings "complete – demonstrating", soonest end first
    extensions: list  # ExtensionRequest rows, oldest first (packs: made or decided in the period)
    demonstration_months: int = 0  # the force's period, for the legend's note

    @property
    def declared(self):
        return bool(self.legend)


def _differing(findings, rules, on):
    """The first LIST_LIMIT findings rated otherwise than the rules, and how many in all (one query)."""
    rows = list(
        rag_rules.differing(findings, rules, on)
        .annotate(total=Window(Count("pk")))
        .select_related(*RELATED)
        .order_by("due_date", "pk")[:LIST_LIMIT]
    )
    for finding in rows:
        finding.rule_rag_label = rag_rules.Rag(finding.rule_rag).label
    return rows, (rows[0].total if rows else 0)


def board_rules(*, force, findings, on, since=None, until=None, with_extensions=False):
    """The rules' view of `findings` (a queryset of one force's findings) on the day `on`.

    Packs ask for the extension requests made or decided in the period [since, until) (since None: from
    the start); dashboards leave them out."""
    rules = rag_rules.rules_for(force)
    differing, differing_count = _differing(findings, rules, on) if rules else ([], 0)
    extensions = []
    if with_extensions:
        made = Q(requested_at__lt=until) & (Q(requested_at__gte=since) if since else Q())
        decided = Q(decided_at__lt=until) & (Q(decided_at__gte=since) if since else Q())
        extensions = list(
            ExtensionRequest.objects.filter(made | decided, finding__in=findings)
            .select_related(
                "finding", "finding__inspection", "requested_by", "decided_by", "deciding_board", "meeting"
            )
            .order_by("requested_at", "pk")
        )
    return BoardRules(
        legend=rag_rules.legend(rules),
        differing=differing,
        differing_count=differing_count,
        demonstrating=list(
            findings.filter(status=Status.DEMONSTRATING).select_related(*RELATED, "closed_by_board")
            .order_by("demonstration_ends_on", "pk")
        ),
        extensions=extensions,
        demonstration_months=force.demonstration_months or 0,
    )
