"""The findings list's filters (django-filter): every filter is a query parameter, so a filtered
list is a link that can be bookmarked and shared."""

import copy
import hashlib

import django_filters
from django import forms
from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, Max, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone

from inspections.core import permissions
from inspections.core.forms import TrackerFormMixin, date_input
from inspections.core.labels import day_month_year
from inspections.core.status import Rag, Status
from inspections.models import Finding, FindingKind, Force, GovernanceBoard, GradedJudgment, Inspection, Role, overdue_q

YES_NO = (("yes", "Yes"), ("no", "No"))
ANY = "Any"
NOT_RATED = "none"


class FilterForm(TrackerFormMixin, forms.Form):
    def clean(self):
        data = super().clean()
        after, before = data.get("due_after"), data.get("due_before")
        if after and before and after > before:
            # Said, rather than answered with an empty list.
            self.add_error("due_before", (
                f"The “due on or before” date ({day_month_year(before)}) is earlier than the “due on or after” "
                f"date ({day_month_year(after)}). Swap them, or change one of them."
            ))
        return data


def search(queryset, terms):
    """Free-text search: PostgreSQL full text search, or every word somewhere in the text elsewhere."""
    terms = terms.strip()
    if not terms:
        return queryset
    if connection.vendor == "postgresql":
        # The stored vector of migration 0010 (a trigger keeps it up to date; a GIN index serves it),
        # as a condition rather than an annotation, so the page's COUNT does not compute it again.
        matches = RawSQL(
            "inspections_finding.search_vector @@ websearch_to_tsquery('english'::regconfig, %s)",
            [terms],
            output_field=BooleanField(),
        )
        return queryset.filter(Q(matches) | Q(reference__iexact=terms))
    for word in terms.split():
        queryset = queryset.filter(
            Q(reference__icontains=word) | Q(text__icontains=word) | Q(context__icontains=word)
            | Q(response__icontains=word)
        )
    return queryset


AREAS_CACHED_FOR = 300  # seconds; a new report's areas show at once (the key changes), a renamed one within this


def area_choices(force_ids):
    """The names of the graded areas of these forces' inspections, for the Area filter.

    Worked out once and kept in the cache (a DISTINCT over every graded judgment costs tens of
    milliseconds at national scale): the key names the forces and the newest judgment, so an import
    of a report with new areas is seen at once by every process; two small indexed queries remain.
    """
    newest = GradedJudgment.objects.aggregate(newest=Max("pk"))["newest"] or 0
    digest = hashlib.sha256(",".join(map(str, force_ids)).encode()).hexdigest()[:32]
    key = f"finding-areas:{newest}:{digest}"
    choices = cache.get(key)
    if choices is None:
        names = (
            GradedJudgment.objects.filter(inspection__force_id__in=force_ids, level="area")
            .order_by("name").values_list("name", flat=True).distinct()
        )
        choices = [(name, name) for name in names]
        cache.set(key, choices, AREAS_CACHED_FOR)
    return choices


class FindingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method="filter_q", help_text="Words in the finding or response.")
    force = django_filters.ModelChoiceFilter(
        field_name="inspection__force", queryset=Force.objects.none(), label="Force", empty_label=ANY
    )
    inspection = django_filters.ModelChoiceFilter(queryset=Inspection.objects.none(), empty_label=ANY)
    kind = django_filters.ChoiceFilter(choices=FindingKind.choices, label="Type", empty_label=ANY)
    area = django_filters.ChoiceFilter(
        field_name="judgment__name", label="Area", choices=(), empty_label=ANY, null_label="No area"
    )
    status = django_filters.MultipleChoiceFilter(
        choices=Status.choices, widget=forms.CheckboxSelectMultiple, help_text="Tick any number."
    )
    rag = django_filters.ChoiceFilter(
        choices=[*Rag.choices, (NOT_RATED, "Not rated")], label="RAG", empty_label=ANY, method="filter_rag"
    )
    owner = django_filters.ModelChoiceFilter(queryset=Role.objects.none(), empty_label=ANY, null_label="No owner")
    mine = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_mine", label="Owned by me", empty_label=ANY,
        help_text="The findings whose owner role you hold.",
    )
    board = django_filters.ModelChoiceFilter(
        queryset=GovernanceBoard.objects.none(), method="filter_board", label="Governing board", empty_label=ANY,
        help_text="Includes the boards below it.",
    )
    due_after = django_filters.DateFilter(
        field_name="due_date", lookup_expr="gte", label="Due on or after", widget=date_input()
    )
    due_before = django_filters.DateFilter(
        field_name="due_date", lookup_expr="lte", label="Due on or before", widget=date_input()
    )
    overdue = django_filters.ChoiceFilter(choices=YES_NO, method="filter_overdue", label="Overdue", empty_label=ANY)
    carried_over = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_carried_over", label="Carried over", empty_label=ANY
    )
    sort = django_filters.OrderingFilter(
        label="Sort by",
        empty_label="Report order",
        fields=(
            ("due_date", "due"), ("inspection__published_on", "published"), ("reference", "reference"),
            ("status", "status"), ("rag", "rag"), ("owner__title", "owner"), ("updated_at", "updated"),
        ),
        field_labels={
            "due": "Due date", "published": "Publication date", "reference": "Reference", "status": "Status",
            "rag": "RAG", "owner": "Owner", "updated": "Last changed",
        },
    )

    class Meta:
        model = Finding
        fields = []
        form = FilterForm

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.user = user
        forces = permissions.forces_for(user)
        self.filters["force"].queryset = forces
        self.filters["inspection"].queryset = Inspection.objects.filter(force__in=forces).select_related("force")
        self.filters["owner"].queryset = Role.objects.filter(force__in=forces)
        self.filters["board"].queryset = GovernanceBoard.objects.filter(force__in=forces)
        self.force_ids = sorted(forces.values_list("pk", flat=True))
        self.filters["area"].extra["choices"] = area_choices(self.force_ids)
        self.form.fields["sort"].error_messages["invalid_choice"] = (
            "Choose how to sort the list from the choices given: that sort order is not one of them."
        )

    NARROWED = {"inspection": "inspections", "owner": "owners", "board": "boards"}

    @property
    def form(self):
        form = super().form
        if not getattr(self, "_narrowed", False):
            self._narrowed = True
            self._narrow_choices(form)
        return form

    def _narrow_choices(self, form):
        """For someone who sees many forces, the inspection, owner and board lists hold the chosen
        force's (thousands of options otherwise, the page growing with the country); with no force
        chosen, only what the address already selects. Any of them is still accepted (a dashboard's
        link names a board without its force)."""
        if len(self.force_ids) <= 1:
            return
        data = self.data or {}
        force = str(data.get("force") or "")
        force = int(force) if force.isdigit() and int(force) in self.force_ids else None
        for name, plural_name in self.NARROWED.items():
            field = form.fields[name]
            selected = str(data.get(name) or "")
            if force:
                shown = field.queryset.filter(force_id=force)
            else:
                shown = field.queryset.filter(pk=int(selected)) if selected.isdigit() else field.queryset.none()
                field.help_text = f"Choose a force to list its {plural_name}."
            listing = copy.copy(field)  # shares the widget: the widget lists these, the field accepts any
            listing.queryset = shown

    def filter_q(self, queryset, name, value):
        return search(queryset, value)

    def filter_mine(self, queryset, name, value):
        holds = Q(owner__holder=self.user) if self.user is not None and self.user.is_authenticated else Q(pk__in=[])
        return queryset.filter(holds) if value == "yes" else queryset.exclude(holds)

    def filter_rag(self, queryset, name, value):
        return queryset.filter(rag="" if value == NOT_RATED else value)

    def filter_board(self, queryset, name, board):
        return queryset.filter(board_id__in=board.descendant_ids()) if board else queryset

    def filter_overdue(self, queryset, name, value):
        overdue = overdue_q(timezone.localdate())
        return queryset.filter(overdue) if value == "yes" else queryset.exclude(overdue)

    def filter_carried_over(self, queryset, name, value):
        return queryset.filter(repeats__isnull=(value != "yes"))
