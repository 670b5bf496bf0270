"""Each force declares its RAG rules (e.g. Red when past the target date and not complete, Amber when due
soon, Green when on track, Blue when complete). The rules are suggested when an update is recorded, the
owner can still choose, and a difference from the rule is shown."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from inspections.core.status import Rag, Status
from inspections.findings import rag_rules
from inspections.models import Finding, GovernanceBoard, RagCondition, RagRule

pytestmark = pytest.mark.django_db

ON = date(2026, 12, 3)
WARWICKSHIRE_RULES = {
    RagCondition.PAST_TARGET: {"rag": Rag.RED, "wording": "Outstanding and past its target date"},
    RagCondition.DUE_SOON: {"rag": Rag.AMBER, "within_days": 30},
    RagCondition.ON_TRACK: {"rag": Rag.GREEN, "wording": "On track"},
}


def declare(force, rules=None, months=None, board_months=None):
    return rag_rules.declare_rules(
        force=force, rules=WARWICKSHIRE_RULES if rules is None else rules, demonstration_months=months,
        board_months=board_months or {},
    )


def digital_forensics():
    return Finding.objects.select_related("inspection").get(inspection__title__contains="2019", reference="Rec 1.3")


def with_due(days, status=Status.IN_PROGRESS):
    finding = digital_forensics()
    finding.due_date, finding.status = ON + timedelta(days=days), status
    return finding


def test_no_rules_declared_means_no_suggestion(people):
    assert rag_rules.suggest_rag(digital_forensics(), on=ON) is None
    assert rag_rules.legend([]) == []


@pytest.mark.parametrize(
    ("days", "status", "expected"),
    [
        (-1, Status.IN_PROGRESS, Rag.RED),  # past its target date and not complete
        (0, Status.IN_PROGRESS, Rag.AMBER),  # due today: within 30 days
        (30, Status.IN_PROGRESS, Rag.AMBER),
        (31, Status.IN_PROGRESS, Rag.GREEN),  # on track
        (-400, Status.PENDING_SIGN_OFF, Rag.BLUE),  # complete, however late
        (31, Status.AWAITING_ALLOCATION, None),  # Warwickshire declares no rule for unallocated findings
    ],
)
def test_the_first_rule_that_holds_gives_the_rating(people, days, status, expected):
    declare(people.force)
    verdict = rag_rules.suggest_rag(with_due(days, status), on=ON)
    assert (verdict.rag if verdict else None) == expected


def test_the_sql_gives_the_same_rating_as_the_rule(people):
    """rule_rag_sql() is suggest_rag() for lists and packs: over every finding of the force, they agree."""
    declare(people.force, rules={**WARWICKSHIRE_RULES, RagCondition.NOT_STARTED: {"rag": Rag.AMBER}})
    rules = rag_rules.rules_for(people.force)
    findings = Finding.objects.filter(inspection__force=people.force).select_related("inspection")
    by_sql = dict(findings.annotate(rule=rag_rules.rule_rag_sql(rules, ON)).values_list("pk", "rule"))
    for finding in findings:
        verdict = rag_rules.suggest_rag(finding, on=ON, rules=rules)
        assert by_sql[finding.pk] == (verdict.rag if verdict else ""), finding.reference
    assert len(set(by_sql.values())) >= 3  # the data exercises several rules


def test_the_legend_reads_in_the_order_the_rules_apply_and_ends_with_blue(people):
    declare(people.force)
    legend = rag_rules.legend(rag_rules.rules_for(people.force))
    assert [(row.label, row.wording) for row in legend] == [
        ("Red", "Outstanding and past its target date"),
        ("Amber", "Target date within the next 30 days and not complete"),
        ("Green", "On track"),
        ("Blue (complete)", rag_rules.COMPLETE_WORDING),
    ]


def test_a_due_soon_rule_needs_its_days_and_nothing_is_half_saved(people):
    declare(people.force)
    with pytest.raises(ValidationError) as error:
        declare(people.force, rules={RagCondition.DUE_SOON: {"rag": Rag.AMBER, "within_days": None}})
    assert "due_soon_within_days" in error.value.message_dict
    assert RagRule.objects.filter(force=people.force).count() == 3  # the earlier rules stand


def test_the_update_form_preselects_the_rules_rating_and_the_owner_may_choose_another(client, people):
    declare(people.force)
    finding = digital_forensics()  # in progress and past its 2020 target date: the rule says Red
    assert finding.due_date < timezone.localdate()
    client.force_login(people.lead)
    form = client.get(reverse("finding_add_update", args=[finding.pk])).context["form"]
    assert form.initial["rag"] == Rag.RED
    assert "The force's RAG rule gives Red: outstanding and past its target date" in form.fields["rag"].help_text
    client.post(reverse("finding_add_update", args=[finding.pk]),
                {"narrative": "New date agreed with the supplier.", "rag": "amber", "version": finding.version})
    finding.refresh_from_db()
    assert finding.rag == Rag.AMBER  # the owner's choice is recorded
    page = client.get(finding.get_absolute_url()).content.decode()
    assert "RAG differs from the rule: rule says Red" in page


def test_a_rating_that_follows_the_rule_is_not_marked(client, people):
    declare(people.force)
    finding = digital_forensics()
    client.force_login(people.lead)
    client.post(reverse("finding_add_update", args=[finding.pk]),
                {"narrative": "Still late.", "rag": "red", "version": finding.version})
    assert "RAG differs from the rule" not in client.get(finding.get_absolute_url()).content.decode()


def test_opcc_staff_declare_the_rules_and_periods_on_their_page(client, people):
    board = GovernanceBoard.objects.get(force=people.force, name="Warwickshire Assurance Board")
    client.force_login(people.opcc)
    url = reverse("force_rules", args=[people.force.pk])
    assert client.get(url).status_code == 200
    data = {
        "past_target_rag": "red", "past_target_wording": "Past the target date",
        "due_soon_rag": "amber", "due_soon_within_days": "14", "due_soon_wording": "",
        "not_started_rag": "", "not_started_wording": "",
        "on_track_rag": "green", "on_track_wording": "",
        "demonstration_months": "3", f"board_{board.pk}": "6",
    }
    assert client.post(url, data).status_code == 302
    legend = [(row.rag, row.wording) for row in rag_rules.legend(rag_rules.rules_for(people.force))]
    assert legend[:3] == [
        ("red", "Past the target date"), ("amber", "Target date within the next 14 days and not complete"),
        ("green", "In progress and within its target date"),
    ]
    people.force.refresh_from_db()
    board.refresh_from_db()
    assert (people.force.demonstration_months, board.demonstration_months, board.demonstration_period) == (3, 6, 6)
    page = client.get(url).content.decode()
    assert "Past the target date" in page


def test_a_bad_declaration_keeps_what_was_typed(client, people):
    client.force_login(people.opcc)
    url = reverse("force_rules", args=[people.force.pk])
    response = client.post(url, {"past_target_rag": "red", "past_target_wording": "Late", "due_soon_rag": "amber",
                                 "due_soon_within_days": ""})
    assert response.status_code == 200
    assert "Say within how many days" in response.content.decode()
    assert response.context["form"]["past_target_wording"].value() == "Late"
    assert not RagRule.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("outsider", 404), ("lead", 403), ("chair", 403), ("viewer", 403)])
def test_forged_declarations_are_refused(client, people, who, status):
    client.force_login(people[who])
    url = reverse("force_rules", args=[people.force.pk])
    assert client.get(url).status_code == status
    assert client.post(url, {"past_target_rag": "green", "on_track_rag": "red"}).status_code == status
    assert not RagRule.objects.exists()
