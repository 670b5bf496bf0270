"""The findings list's filters (django-filter): every filter is a query parameter, so a filtered
list is a link that can be bookmarked and shared."""

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q
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
        vector = SearchVector("reference", "text", "context", "response", config="english")
        query = SearchQuery(terms, search_type="websearch", config="english")
        return queryset.annotate(search=vector).filter(Q(search=query) | Q(reference__iexact=terms))
    for word in terms.split():
        queryset = queryset.filter(
            Q(reference__icontains=word) | Q(text__icontains=word) | Q(context__icontains=word)
            | Q(response__icontains=word)
        )
    return queryset


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
        areas = (
            GradedJudgment.objects.filter(inspection__force__in=forces, level="area")
            .order_by("name").values_list("name", flat=True).distinct()
        )
        self.filters["area"].extra["choices"] = [(name, name) for name in areas]
        self.form.fields["sort"].error_messages["invalid_choice"] = (
            "Choose how to sort the list from the choices given: that sort order is not one of them."
        )

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
