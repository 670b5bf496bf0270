import pytest
from django.urls import reverse

from inspections.models import Inspection

pytestmark = pytest.mark.django_db


def test_inspection_list_counts_findings(client, people):
    client.force_login(people.viewer)
    response = client.get(reverse("inspection_list"))
    rows = {i.title: (i.causes, i.recommendations, i.afis) for i in response.context["inspections"]}
    assert rows["Warwickshire Police: Integrated PEEL Assessment 2019"] == (3, 13, 14)
    assert rows["PEEL 2021/22: An inspection of Warwickshire Police"] == (0, 0, 22)
    client.force_login(people.outsider)
    assert not client.get(reverse("inspection_list")).context["inspections"]


def test_2019_grades_sit_beside_2017_and_findings_are_grouped_as_in_the_report(client, people):
    client.force_login(people.viewer)
    ipa = Inspection.objects.get(title__contains="2019")
    response = client.get(reverse("inspection_detail", args=[ipa.pk]))
    sections = response.context["sections"]
    assert [s.judgment.name for s in sections] == ["Effectiveness", "Efficiency", "Legitimacy"]
    effectiveness = sections[0]
    assert (effectiveness.judgment.grade, effectiveness.previous.grade, effectiveness.change) == (
        "good", "requires_improvement", "improved",
    )
    assert sections[1].change == "fell"  # Efficiency: Good in 2017, Requires improvement in 2019
    investigating = effectiveness.areas[0]
    assert investigating.judgment.name == "Investigating crime"
    ((cause, recommendations),) = investigating.causes
    assert cause.reference == "CoC 1" and [r.reference for r in recommendations] == [f"Rec 1.{n}" for n in range(1, 8)]
    assert [a.judgment.name for a in sections[0].areas] == [
        "Investigating crime", "Protecting vulnerable people", "Tackling serious and organised crime", "Armed policing",
    ]
    assert [f.reference for f in sections[0].areas[3].afis] == ["AFI 6"]
    body = response.content.decode()
    assert body.index("Investigating crime – Requires improvement") < body.index("Planning for the future – Inadequate")
    assert "we recommend" not in body  # the page lists; the letter phrases


def test_2022_grades_beside_2019_by_the_explicit_link(client, people):
    client.force_login(people.viewer)
    peel = Inspection.objects.get(title__startswith="PEEL 2021/22")
    response = client.get(reverse("inspection_detail", args=[peel.pk]))
    (section,) = response.context["sections"]
    by_name = {g.judgment.name: g for g in section.areas}
    workforce = by_name["Building, supporting and protecting the workforce"]
    assert (workforce.previous.name, workforce.change) == ("Treating the workforce fairly", "fell")
    assert by_name["Investigating crime"].change == "same"
    assert by_name["Victim service assessment"].previous is None
    assert len(by_name["Responding to the public"].afis) == 4
    assert "Carried over from 2019" in response.content.decode()


def test_another_forces_inspection_is_not_found(client, people):
    client.force_login(people.outsider)
    assert client.get(reverse("inspection_detail", args=[Inspection.objects.first().pk])).status_code == 404
