"""The filter form stays small and cheap at national scale: the Area list comes from the cache (a new
report's areas show at once), and someone who sees many forces is offered the inspections, owners
and boards of the force they choose, while a link naming any of them still works."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    BoardFactory,
    FindingFactory,
    ForceFactory,
    InspectionFactory,
    JudgmentFactory,
    MembershipFactory,
    RoleFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_forces():
    cache.clear()
    forces = [ForceFactory(name="Northshire Police"), ForceFactory(name="Southshire Police")]
    user = MembershipFactory(force=forces[0]).user
    MembershipFactory(user=user, force=forces[1])
    made = {}
    for force in forces:
        inspection = InspectionFactory(force=force, title=f"PEEL of {force.name}")
        JudgmentFactory(inspection=inspection, name=f"Investigating crime in {force.name}", level="area")
        board = BoardFactory(force=force, name=f"{force.name} Board")
        owner = RoleFactory(force=force, title=f"Head of Crime, {force.name}")
        FindingFactory(inspection=inspection, board=board, owner=owner)
        made[force.name] = {"force": force, "inspection": inspection, "board": board, "owner": owner}
    return user, made


def choices(response, name):
    return [label for _, label in response.context["filter"].form.fields[name].widget.choices]


def test_with_no_force_chosen_only_what_the_address_selects_is_listed(client, two_forces):
    user, made = two_forces
    client.force_login(user)
    response = client.get(reverse("finding_list"))
    assert choices(response, "inspection") == ["Any"]
    assert choices(response, "board") == ["Any"]
    assert "Choose a force to list its inspections." in response.content.decode()
    board = made["Southshire Police"]["board"]
    response = client.get(reverse("finding_list"), {"board": board.pk})  # a dashboard's link
    assert choices(response, "board") == ["Any", board.name] and response.context["total"] == 1


def test_a_chosen_force_lists_its_own_inspections_owners_and_boards(client, two_forces):
    user, made = two_forces
    client.force_login(user)
    north = made["Northshire Police"]
    response = client.get(reverse("finding_list"), {"force": north["force"].pk})
    assert choices(response, "inspection")[1:] == [north["inspection"].title]
    owners = choices(response, "owner")
    assert north["owner"].title in owners and made["Southshire Police"]["owner"].title not in owners
    assert choices(response, "board")[1:] == [north["board"].name]
    # Another force's inspection named in the address is still a valid filter: nothing matches.
    south = made["Southshire Police"]
    response = client.get(reverse("finding_list"), {"force": north["force"].pk, "inspection": south["inspection"].pk})
    assert not response.context["filter"].form.errors and response.context["total"] == 0


def test_areas_come_from_the_cache_and_a_new_reports_areas_show_at_once(client, two_forces):
    user, made = two_forces
    client.force_login(user)
    url = reverse("finding_list")
    assert choices(client.get(url), "area")[2:4] == [
        "Investigating crime in Northshire Police", "Investigating crime in Southshire Police",
    ]
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    assert not [q for q in captured.captured_queries if "DISTINCT" in q["sql"]]
    JudgmentFactory(inspection=made["Northshire Police"]["inspection"], name="Protecting vulnerable people",
                    level="area")
    assert "Protecting vulnerable people" in choices(client.get(url), "area")


def test_someone_of_one_force_sees_every_choice_of_it(client, two_forces):
    _, made = two_forces
    north = made["Northshire Police"]
    client.force_login(MembershipFactory(force=north["force"]).user)
    response = client.get(reverse("finding_list"))
    assert choices(response, "inspection")[1:] == [north["inspection"].title]
