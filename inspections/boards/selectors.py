"""The numbers a force or a governance board reviews, each with a link to exactly those findings.

Every figure comes from an aggregate query; the number of queries does not depend on the data.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlencode

from django.db.models import Count, F, Q
from django.db.models.functions import Greatest, TruncMonth
from django.urls import reverse
from django.utils import timezone

from inspections.core.grading import compare_grades
from inspections.core.status import OPEN_STATUSES, Rag, Status, shown_statuses
from inspections.models import Finding, GradedJudgment, overdue_q

DUE_SOON_DAYS = 30
LIST_LIMIT = 25  # rows shown in each list on the page; the link leads to all of them
OPEN = [status.value for status in OPEN_STATUSES]


@dataclass
class Scope:
    """What a dashboard covers: a force, or a board with the boards below it."""

    title: str
    findings: object  # a Finding queryset
    params: dict  # the findings-list query parameters that select the same findings
    force: object = None
    board: object = None

    def link(self, **params):
        query = {**self.params, **{k: v for k, v in params.items() if v not in (None, "")}}
        return f"{reverse('finding_list')}?{urlencode(query, doseq=True)}"

    def row_links(self, link_param):
        """A function giving a grouped table's row its links: the same addresses as link(), from parts
        encoded once per table rather than once per cell (a table has a few hundred cells)."""
        start = self.link()
        choices = {status: {"status": status} for status in OPEN}
        choices["open"] = {"status": OPEN}
        choices["overdue"] = {"overdue": "yes"}
        encoded = {name: urlencode(choice, doseq=True) for name, choice in choices.items()}
        sep = "&" if self.params else ""

        def links(key):
            group = urlencode({link_param: "null" if key is None else key})
            return {name: f"{start}{sep}{part}&{group}" for name, part in encoded.items()}

        return links


def force_scope(force):
    return Scope(force.name, Finding.objects.filter(inspection__force=force), {"force": force.pk}, force=force)


def board_scope(board):
    findings = Finding.objects.filter(board_id__in=board.descendant_ids())
    return Scope(board.name, findings, {"board": board.pk}, force=board.force, board=board)


@dataclass
class Row:
    label: str
    counts: dict  # status value -> count, plus "overdue" and "open"
    links: dict = field(default_factory=dict)


def _grouped(scope, group_field, label_field, link_param, today):
    """Open findings per group, by status, with overdue; one query. It counts each group's open findings
    per status (two counts) and the columns are laid out here: a filtered count per column took the ORM
    longer to compile than the database to run."""
    fields = list(dict.fromkeys([group_field, label_field, "status"]))  # an area is its own label
    counted = (
        scope.findings.filter(status__in=OPEN)
        .values(*fields)
        .annotate(n=Count("pk"), overdue=Count("pk", filter=overdue_q(today)))
        .order_by(label_field, group_field)
    )
    row_links = scope.row_links(link_param)
    rows, row_of = [], {}
    for item in counted:
        key = item[group_field]
        row = row_of.get(key)
        if row is None:
            counts = dict.fromkeys([*OPEN, "overdue", "open"], 0)
            row = row_of[key] = Row(item[label_field] or "None", counts, row_links(key))
            rows.append(row)
        row.counts[item["status"]] += item["n"]
        row.counts["open"] += item["n"]
        row.counts["overdue"] += item["overdue"]
    return rows


def _counts(findings, open_q, today, soon):
    """The headline figures, the count per status and the open count per RAG rating, from one query:
    counts per (status, rating) pair, added up here (each figure is a sum of whole groups)."""
    groups = (
        findings.values_list("status", "rag")
        .annotate(
            n=Count("pk"),
            overdue=Count("pk", filter=overdue_q(today)),
            due_soon=Count("pk", filter=open_q & Q(due_date__gte=today, due_date__lte=soon)),
            carried=Count("pk", filter=open_q & Q(repeats__isnull=False)),
        )
        .order_by()
    )
    totals = dict.fromkeys(["open", "overdue", "due_soon", "pending", "carried"], 0)
    by_status, by_rag = Counter(), Counter()
    for status, rag, n, overdue, due_soon, carried in groups:
        by_status[status] += n
        if status in OPEN:
            by_rag[rag] += n
            totals["open"] += n
        if status == Status.PENDING_SIGN_OFF:
            totals["pending"] += n
        totals["overdue"] += overdue
        totals["due_soon"] += due_soon
        totals["carried"] += carried
    return totals, dict(by_status), dict(by_rag)


def summary(scope, today=None):
    today = today or timezone.localdate()
    soon = today + timedelta(days=DUE_SOON_DAYS)
    findings = scope.findings
    open_q = Q(status__in=OPEN)
    totals, by_status, by_rag = _counts(findings, open_q, today, soon)
    # The lists' tables show these columns only (boards/_findings_table.html).
    related = ["inspection", "owner"]
    shown = ["reference", "text", "due_date", "status", "rag", "inspection__title", "owner__title"]
    return {
        "scope": scope,
        "today": today,
        "soon": soon,
        "totals": totals,
        "totals_links": {
            "open": scope.link(status=OPEN),
            "overdue": scope.link(overdue="yes"),
            "due_soon": scope.link(status=OPEN, due_after=today.isoformat(), due_before=soon.isoformat()),
            "pending": scope.link(status=Status.PENDING_SIGN_OFF.value),
            "carried": scope.link(status=OPEN, carried_over="yes"),
        },
        "by_status": [
            (status.label, by_status.get(status.value, 0), scope.link(status=status.value))
            for status in shown_statuses(by_status)
        ],
        "by_rag": [
            (label, by_rag.get(value, 0), scope.link(status=OPEN, rag=value or "none"))
            for value, label in [*Rag.choices, ("", "Not rated")]
        ],
        "per_inspection": _grouped(scope, "inspection_id", "inspection__title", "inspection", today),
        "per_area": _grouped(scope, "judgment__name", "judgment__name", "area", today),
        "per_owner": _grouped(scope, "owner_id", "owner__title", "owner", today),
        "overdue": list(
            findings.filter(overdue_q(today))
            .select_related(*related)
            .only(*shown)
            .order_by("due_date", "pk")[:LIST_LIMIT]
        ),
        "due_soon": list(
            findings.filter(open_q, due_date__gte=today, due_date__lte=soon)
            .select_related(*related)
            .only(*shown)
            .order_by("due_date", "pk")[:LIST_LIMIT]
        ),
        "pending": list(
            findings.filter(status=Status.PENDING_SIGN_OFF)
            .select_related(*related)
            .only(*shown)
            .order_by("due_date", "pk")[:LIST_LIMIT]
        ),
        "carried": carried_over(scope),
        "trend": trend(scope, today),
        "grades": grades_by_area(scope.force),
    }


CHAIN_DEPTH = 3  # earlier findings fetched with each carried-over one, in the same query


def carried_over(scope):
    """Open carried-over findings with the year first raised: 'raised 2019, repeated 2022'."""
    related = ["inspection"] + ["__".join(["repeats"] * depth + ["inspection"]) for depth in range(1, CHAIN_DEPTH + 1)]
    # Only the columns the page shows: the chain joins seven tables, and all their columns took the ORM
    # longer to compile and load than the query took to run.
    findings = (
        scope.findings.filter(status__in=OPEN, repeats__isnull=False)
        .select_related(*related)
        .only("reference", "text", "status", *(f"{path}__published_on" for path in related))
        .order_by("repeats__inspection__published_on", "pk")[:LIST_LIMIT]
    )
    rows = []
    for finding in findings:
        first, earlier = None, finding.repeats
        for depth in range(1, CHAIN_DEPTH + 1):
            first = earlier.inspection.published_on or first
            if depth == CHAIN_DEPTH or not earlier.repeats_id:
                break  # deeper links were not fetched; three reports back is as far as the page says
            earlier = earlier.repeats
        rows.append((finding, first, finding.inspection.published_on))
    return rows


def _month_counts(queryset, date_field):
    rows = queryset.exclude(**{f"{date_field}__isnull": True}).annotate(month=TruncMonth(date_field))
    return {
        (item["month"].year, item["month"].month): item["n"]
        for item in rows.values("month").annotate(n=Count("pk")).order_by()
    }


def months_between(first, last):
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def trend(scope, today):
    """Open, closed and overdue counts month by month since the first inspection (four grouped queries).

    Open at the end of a month: published by then and not finished by then. Overdue: open then and
    past its target date. Target dates are the current ones: a revision moves the whole history.
    """
    findings = scope.findings.filter(inspection__published_on__isnull=False)
    published = _month_counts(findings, "inspection__published_on")
    if not published:
        return []
    first = date(*min(published), 1)  # the month of the first publication: no query of its own
    closed = _month_counts(findings, "closed_on")
    due = _month_counts(findings, "due_date")
    due_then_closed = _month_counts(
        findings.filter(closed_on__isnull=False, due_date__isnull=False).annotate(
            settled=Greatest(F("due_date"), F("closed_on"))
        ),
        "settled",
    )
    rows, totals = [], Counter()
    for key in months_between(first, today):
        # Counts of events up to the end of this month; a due date in the month counts as passed
        # at its end (the trend is monthly).
        for name, source in (("published", published), ("closed", closed), ("due", due), ("settled", due_then_closed)):
            totals[name] += source.get(key, 0)
        rows.append(
            {
                "month": date(key[0], key[1], 1),
                "open": totals["published"] - totals["closed"],
                "closed": closed.get(key, 0),
                "overdue": totals["due"] - totals["settled"],
            }
        )
    return rows


def grades_by_area(force):
    """Each area's grade across the force's inspections, oldest first, with what improved or fell.

    Plain dicts (inspections: pk, title, published_on; cells: name, grade) rather than model instances:
    a force's grades run to a few hundred, and the table shows these fields only."""
    if force is None:
        return {"inspections": [], "rows": []}
    # An inspection whose publication date is not known (e.g. the 2017 grades) counts as the oldest.
    judgments = (
        GradedJudgment.objects.filter(inspection__force=force)
        .order_by(F("inspection__published_on").asc(nulls_first=True), "inspection_id", "order")
        .values("pk", "name", "grade", "compared_with_id", "inspection_id", "inspection__title",
                "inspection__published_on")
    )
    inspections, row_of, rows = {}, {}, []
    for judgment in judgments:
        inspection_id = judgment["inspection_id"]
        if inspection_id not in inspections:
            inspections[inspection_id] = {"pk": inspection_id, "title": judgment["inspection__title"],
                                          "published_on": judgment["inspection__published_on"]}
        earlier = judgment["compared_with_id"] and row_of.get(judgment["compared_with_id"])
        if not earlier:
            name = judgment["name"].lower()
            earlier = next((r for r in rows if r["name"].lower() == name), None)
        row = earlier or {"name": judgment["name"], "cells": {}}
        if not earlier:
            rows.append(row)
        row["name"] = judgment["name"]
        row["cells"][inspection_id] = {"name": judgment["name"], "grade": judgment["grade"]}
        row_of[judgment["pk"]] = row
    table = []
    for row in rows:
        cells = [row["cells"].get(pk) for pk in inspections]
        graded = [c for c in cells if c and c["grade"]]
        change = compare_grades(graded[-2]["grade"], graded[-1]["grade"]) if len(graded) >= 2 else None
        table.append({"name": row["name"], "cells": cells, "change": change})
    return {"inspections": list(inspections.values()), "rows": table}
