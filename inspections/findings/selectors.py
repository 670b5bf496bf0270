"""Reads for pages: querysets shaped for what each page shows, always scoped by permissions."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from inspections.core import permissions
from inspections.core.grading import compare_grades
from inspections.core.status import OPEN_STATUSES
from inspections.findings.filters import FindingFilter
from inspections.models import (
    ChangeAction,
    ExtensionRequest,
    Finding,
    FindingChange,
    FindingKind,
    ProgressUpdate,
    RagRule,
)

LIST_RELATED = ["inspection", "inspection__force", "judgment", "owner", "owner__holder", "board"]


def home_summary(user):
    return permissions.forces_for(user).annotate(
        inspection_count=Count("inspections", distinct=True),
        open_finding_count=Count(
            "inspections__findings", filter=Q(inspections__findings__status__in=OPEN_STATUSES), distinct=True
        ),
    )


def inspection_list(user):
    today = timezone.localdate()
    open_q = Q(findings__status__in=OPEN_STATUSES)
    return (
        permissions.visible_inspections(user)
        .select_related("force")
        .annotate(
            causes=Count("findings", filter=Q(findings__kind=FindingKind.CAUSE_OF_CONCERN)),
            recommendations=Count("findings", filter=Q(findings__kind=FindingKind.RECOMMENDATION)),
            afis=Count("findings", filter=Q(findings__kind=FindingKind.AREA_FOR_IMPROVEMENT)),
            open_findings=Count("findings", filter=open_q),
            overdue_findings=Count("findings", filter=open_q & Q(findings__due_date__lt=today)),
        )
        .order_by("force__name", "-published_on", "title")
    )


@dataclass
class AreaGroup:
    judgment: object  # the area's GradedJudgment, or None for findings attached to no area
    previous: object = None  # the previous inspection's judgment it is set beside
    change: str | None = None  # "improved", "fell", "same"
    causes: list = field(default_factory=list)  # [(cause of concern, [its recommendations])]
    recommendations: list = field(default_factory=list)  # standing alone
    afis: list = field(default_factory=list)

    @property
    def has_findings(self):
        return bool(self.causes or self.recommendations or self.afis)


@dataclass
class PillarGroup:
    judgment: object  # the pillar, or None for reports without pillars
    previous: object = None
    change: str | None = None
    areas: list = field(default_factory=list)


def _previous_judgments(inspection, judgments):
    """{judgment id: the previous inspection's judgment set beside it}: the explicit link, else the same name."""
    if not inspection.previous_id:
        return {j.pk: j.compared_with for j in judgments if j.compared_with_id}
    earlier = {j.name.lower(): j for j in inspection.previous.judgments.all()}
    return {j.pk: j.compared_with or earlier.get(j.name.lower()) for j in judgments}


def inspection_detail(user, pk):
    """The inspection, its judgments beside the previous inspection's, and its findings as in the report."""
    inspection = get_object_or_404(permissions.visible_inspections(user).select_related("force", "previous"), pk=pk)
    judgments = list(inspection.judgments.select_related("compared_with"))
    previous = _previous_judgments(inspection, judgments)
    findings = list(inspection.findings.select_related("owner", "board", "repeats__inspection").order_by("order"))

    groups = {j.pk: AreaGroup(j) for j in judgments if j.level == "area"}
    loose = AreaGroup(None)
    recs_by_cause = defaultdict(list)
    for finding in findings:
        if finding.kind == FindingKind.RECOMMENDATION and finding.cause_of_concern_id:
            recs_by_cause[finding.cause_of_concern_id].append(finding)
    for finding in findings:
        group = groups.get(finding.judgment_id, loose)
        if finding.kind == FindingKind.CAUSE_OF_CONCERN:
            group.causes.append((finding, recs_by_cause[finding.pk]))
        elif finding.kind == FindingKind.RECOMMENDATION and not finding.cause_of_concern_id:
            group.recommendations.append(finding)
        elif finding.kind == FindingKind.AREA_FOR_IMPROVEMENT:
            group.afis.append(finding)

    pillars = {j.pk: PillarGroup(j) for j in judgments if j.level == "pillar"}
    no_pillar = PillarGroup(None)
    for judgment in judgments:
        before = previous.get(judgment.pk)
        target = pillars.get(judgment.pk) or groups.get(judgment.pk)
        target.previous, target.change = before, compare_grades(before.grade if before else "", judgment.grade)
        if judgment.level == "area":
            pillars.get(judgment.pillar_id, no_pillar).areas.append(groups[judgment.pk])
    sections = [*pillars.values(), no_pillar] if no_pillar.areas else list(pillars.values())
    if loose.has_findings:
        sections.append(PillarGroup(None, areas=[loose]))
    return inspection, judgments, previous, sections


class PageByKeys:
    """A findings queryset for the Paginator that reads a page in two steps: the page's ids in the
    list's order (a narrow sort over every matching finding: their ids and dates only), then those
    rows with everything the list shows. Sorting the whole wide rows (text, joined owner, board…) to
    keep fifty cost several times more at national scale."""

    ordered = True

    # What a row of the list shows (templates/findings/finding_list.html): a finding with its six
    # related rows in every column is about 350 model instances a page, a third of its Python.
    COLUMNS = (
        "reference", "kind", "text", "status", "rag", "due_date", "repeats_id",
        "inspection__title", "judgment__name", "owner__title", "board__name",
    )

    def __init__(self, queryset):
        self.queryset = queryset

    def count(self):
        return self.queryset.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        ids = list(self.queryset.values_list("pk", flat=True)[window])
        if not ids:
            return []
        rows = self.queryset.filter(pk__in=ids).select_related(None).select_related(
            "inspection", "judgment", "owner", "board"
        )
        return list(rows.only(*self.COLUMNS))


def findings_filter(user, data):
    queryset = (
        permissions.visible_findings(user)
        .select_related(*LIST_RELATED)
        .order_by("-inspection__published_on", "inspection_id", "order")
    )
    return FindingFilter(data, queryset=queryset, user=user)


def finding_detail(user, pk):
    return get_object_or_404(
        permissions.visible_findings(user).select_related(
            *LIST_RELATED,
            "cause_of_concern",
            "repeats",
            "repeats__inspection",
            "superseded_by",
            "superseded_by__inspection",
            "closed_by_board",
            "board__parent",
            "board__chair_role",
        ).annotate(
            # The page reads extension requests and the force's RAG rules only where there are some.
            has_extension_requests=Exists(ExtensionRequest.objects.filter(finding=OuterRef("pk"))),
            force_has_rag_rules=Exists(RagRule.objects.filter(force=OuterRef("inspection__force"))),
        ),
        pk=pk,
    )


MAX_CHAIN = 20  # carry-over chains are a few reports long; the bound keeps bad data finite


def carry_over_chains(finding):
    """(the earlier findings it repeats, oldest first; the later findings that repeat it, in order)."""
    earlier, seen, pk = [], {finding.pk}, finding.repeats_id
    while pk and pk not in seen and len(earlier) < MAX_CHAIN:
        previous = Finding.objects.select_related("inspection").get(pk=pk)
        seen.add(pk)
        earlier.append(previous)
        pk = previous.repeats_id
    later, current = [], finding
    while len(later) < MAX_CHAIN:
        successor = Finding.objects.filter(repeats=current).select_related("inspection").first()
        if successor is None or successor.pk in seen:
            break
        seen.add(successor.pk)
        later.append(successor)
        current = successor
    return list(reversed(earlier)), later


@dataclass
class TimelineEntry:
    at: object
    who: object
    kind: str  # "update" or "change"
    update: object = None
    action: str = ""
    action_label: str = ""
    reason: str = ""
    changes: list = field(default_factory=list)  # [(field label, before, after)]


FIELD_LABELS = {
    "status": "Status", "rag": "RAG", "owner": "Owner", "board": "Governing board", "due_date": "Target date",
    "next_update_due": "Next update due", "response": "Force's response", "closed_on": "Closed on",
    "closed_by_board": "Signed off by", "closure_reason": "Reason", "superseded_by": "Superseded by",
    "hmicfrs_decision": "HMICFRS's position", "demonstration_ends_on": "Demonstration period ends",
    "extension": "Extension requested",
}


# Fields whose change is already said by the entry itself (its time and its reason).
IMPLIED_FIELDS = {"closed_on", "closure_reason"}


def timeline(finding):
    """Every update and every change, newest first; what was done together is one entry."""
    updates = list(ProgressUpdate.objects.filter(finding=finding).select_related("author").prefetch_related("evidence"))
    changes = FindingChange.objects.filter(finding=finding).select_related("changed_by").order_by("changed_at", "id")
    entries, by_moment = [], {}
    for update in updates:
        entry = TimelineEntry(update.written_at, update.author, "update", update=update)
        by_moment[(update.written_at, update.author_id)] = entry
        entries.append(entry)
    for change in changes:
        key = (change.changed_at, change.changed_by_id)
        entry = by_moment.get(key)
        if entry is None:
            entry = by_moment[key] = TimelineEntry(change.changed_at, change.changed_by, "change")
            entries.append(entry)
        if change.action != ChangeAction.PROGRESS:
            entry.action, entry.action_label = change.action, change.get_action_display()
        entry.reason = entry.reason or change.reason
        if change.field not in IMPLIED_FIELDS:
            entry.changes.append((FIELD_LABELS.get(change.field, change.field), change.before, change.after))
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries
