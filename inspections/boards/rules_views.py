"""The page where OPCC staff declare the force's RAG rules and demonstration periods."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from inspections.core import permissions
from inspections.core.forms import TrackerFormMixin, put_errors_on_form
from inspections.core.permissions import Action
from inspections.core.status import Rag
from inspections.findings import rag_rules
from inspections.models import CONDITION_ORDER, RagCondition

RATINGS = [("", "No rule")] + [(value, label) for value, label in Rag.choices if value != Rag.BLUE]
DEFAULT_DAYS = 30


class RulesForm(TrackerFormMixin, forms.Form):
    """One rating (and legend wording) per condition, the force's demonstration period, and each board's."""

    def __init__(self, *args, force, boards, **kwargs):
        self.force, self.boards = force, boards
        declared = {rule.condition: rule for rule in rag_rules.rules_for(force)}
        initial = {"demonstration_months": force.demonstration_months}
        for condition in CONDITION_ORDER:
            rule = declared.get(condition)
            initial[f"{condition}_rag"] = rule.rag if rule else ""
            initial[f"{condition}_wording"] = rule.wording if rule else ""
            if condition == RagCondition.DUE_SOON:
                initial[f"{condition}_within_days"] = rule.within_days if rule else DEFAULT_DAYS
        for board in boards:
            initial[f"board_{board.pk}"] = board.demonstration_months
        kwargs["initial"] = initial
        fields = {}
        for condition in CONDITION_ORDER:
            label = RagCondition(condition).label
            fields[f"{condition}_rag"] = forms.ChoiceField(label=f"When: {label.lower()}", choices=RATINGS,
                                                           required=False)
            if condition == RagCondition.DUE_SOON:
                fields[f"{condition}_within_days"] = forms.IntegerField(
                    label="How many days before the target date", min_value=1, max_value=365, required=False,
                )
            fields[f"{condition}_wording"] = forms.CharField(
                label="Wording in the legend", required=False, max_length=200,
                help_text="As the board's papers put it; leave empty for the tracker's words.",
            )
        fields["demonstration_months"] = forms.IntegerField(
            label=f"Demonstration period for {force.name} (months)", min_value=0, max_value=36, required=False,
            help_text="How long a finding signed off stays “complete – demonstrating” before it closes; "
            "empty or 0 for none.",
        )
        for board in boards:
            fields[f"board_{board.pk}"] = forms.IntegerField(
                label=f"{board.name} (months)", min_value=0, max_value=36, required=False,
                help_text="Empty to follow the force's period; 0 for none.",
            )
        self.base_fields = fields
        super().__init__(*args, **kwargs)

    def rule_rows(self):
        """[(condition label, [bound fields])] for the template."""
        return [
            (RagCondition(c).label, [self[name] for name in self.fields if name.startswith(f"{c}_")])
            for c in CONDITION_ORDER
        ]

    def board_fields(self):
        return [self[f"board_{board.pk}"] for board in self.boards]

    def declaration(self):
        data = self.cleaned_data
        rules = {
            condition: {
                "rag": data[f"{condition}_rag"], "wording": data[f"{condition}_wording"],
                "within_days": data.get(f"{condition}_within_days"),
            }
            for condition in CONDITION_ORDER
        }
        return {
            "rules": rules, "demonstration_months": data["demonstration_months"],
            "board_months": {board: data[f"board_{board.pk}"] for board in self.boards},
        }


@login_required
def force_rules(request, pk):
    force = get_object_or_404(permissions.forces_for(request.user), pk=pk)
    permissions.require(request.user, Action.DECLARE_RULES, force)
    boards = list(force.boards.order_by("name"))
    form = RulesForm(request.POST or None, force=force, boards=boards)
    if request.method == "POST" and form.is_valid():
        try:
            rag_rules.declare_rules(force=force, **form.declaration())
        except ValidationError as error:
            put_errors_on_form(form, error)
        else:
            messages.success(request, f"{force.name}'s RAG rules and demonstration periods are saved.")
            return redirect("force_rules", pk=force.pk)
    legend = rag_rules.legend(rag_rules.rules_for(force))
    return render(request, "boards/rules.html", {"force": force, "form": form, "legend": legend})
