"""HMICFRS's monitoring of a force, beside the force's own: Scan or Engage over time with the reasons,
and the Policing Performance Oversight Group's meetings, recorded by OPCC staff on the force's page and
shown on its dashboard and its inspections' pages."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from inspections.models import Inspection, MonitoringPeriod, MonitoringState, OversightGroupMeeting
from inspections.monitoring import selectors, services

pytestmark = pytest.mark.django_db

REASONS = "Causes of concern about the force's crime investigation and its response to the public."


def page(slug="warwickshire"):
    return reverse("force_monitoring", args=[slug])


def change(slug="warwickshire"):
    return reverse("force_monitoring_change", args=[slug])


def oversight(slug="warwickshire"):
    return reverse("force_oversight_meeting", args=[slug])


def test_a_move_into_engage_and_back_to_scan_is_a_history(people):
    force = people.force
    engage = services.record_monitoring_change(
        force=force, state="engage", started_on=date(2022, 10, 20), by=people.opcc, reasons=REASONS,
        letter_title="Letter from HM Chief Inspector: Engage",
    )
    assert force.monitoring_on(date(2023, 1, 1)) == engage and engage.recorded_by == people.opcc
    scan = services.record_monitoring_change(
        force=force, state="scan", started_on=date(2024, 3, 1), by=people.opcc,
        reasons="The causes of concern are closed.",
    )
    engage.refresh_from_db()
    assert engage.ended_on == date(2024, 2, 29) and scan.ended_on is None
    monitoring = selectors.monitoring_for(force)
    assert monitoring.current == scan and not monitoring.in_engage
    assert [p.state for p in monitoring.periods] == ["scan", "engage"]
    assert selectors.state_on(force, date(2023, 5, 1)) == MonitoringState.ENGAGE.label
    assert selectors.state_on(force, date(2019, 9, 27)) == "Scan (routine monitoring)"


@pytest.mark.parametrize(
    ("arguments", "field", "message"),
    [
        ({"state": "engage", "reasons": ""}, "reasons", "Say why HMICFRS moved the force into Engage"),
        ({"state": "scan", "started_on": date(2022, 10, 1)}, "started_on", "after the start of the current period"),
        ({"state": "engage"}, "state", "already in Engage (enhanced monitoring) since 20 October 2022"),
        ({"state": "scan", "started_on": timezone.localdate() + timedelta(days=1)}, "started_on", "in the future"),
    ],
)
def test_a_move_that_cannot_be_is_refused_and_nothing_changes(people, arguments, field, message):
    first = services.record_monitoring_change(
        force=people.force, state="engage", started_on=date(2022, 10, 20), by=people.opcc, reasons=REASONS
    )
    values = {"started_on": date(2024, 3, 1), "reasons": REASONS, **arguments}
    with pytest.raises(ValidationError) as refused:
        services.record_monitoring_change(force=people.force, by=people.opcc, **values)
    assert message in " ".join(refused.value.message_dict[field])
    first.refresh_from_db()
    assert first.ended_on is None and MonitoringPeriod.objects.count() == 1


def test_an_oversight_meeting_says_what_was_decided(people):
    meeting = services.record_oversight_meeting(
        force=people.force, held_on=date(2023, 4, 18), by=people.opcc,
        decided="The group agreed the force stays in Engage.", next_steps="Revisit of crime data integrity in June.",
    )
    assert selectors.monitoring_for(people.force).latest_meeting == meeting
    with pytest.raises(ValidationError, match="already recorded"):
        services.record_oversight_meeting(force=people.force, held_on=date(2023, 4, 18), by=people.opcc,
                                          decided="Again.")
    with pytest.raises(ValidationError) as refused:
        services.record_oversight_meeting(force=people.force, held_on=date(2023, 5, 1), by=people.opcc, decided=" ")
    assert "decided" in refused.value.message_dict


def test_opcc_staff_record_engage_and_a_meeting_on_the_forces_page(client, people):
    client.force_login(people.opcc)
    opened = client.get(page()).content.decode()
    assert "Record a move by HMICFRS" in opened and "Scan (routine monitoring)" in opened
    response = client.post(change(), {"state": "engage", "started_on": "2022-10-20", "reasons": REASONS,
                                       "letter_title": "Letter from HM Chief Inspector"})
    assert response.status_code == 302 and response["Location"] == page()
    response = client.post(oversight(), {"held_on": "2023-04-18", "decided": "The force stays in Engage.",
                                         "next_steps": "A revisit in June."})
    assert response.status_code == 302
    shown = client.get(page()).content.decode()
    assert "Engage (enhanced monitoring)</strong> since 20 October 2022" in shown
    assert REASONS.replace("'", "&#x27;") in shown and "The force stays in Engage." in shown
    assert "A revisit in June." in shown
    assert OversightGroupMeeting.objects.get().recorded_by == people.opcc


def test_a_mistake_keeps_what_was_typed_and_saves_nothing(client, people):
    client.force_login(people.opcc)
    response = client.post(change(), {"state": "engage", "started_on": "2022-10-20", "reasons": "",
                                      "letter_title": "The letter of 20 October"})
    page_text = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page_text
    assert "Say why HMICFRS moved the force into Engage" in page_text
    assert 'value="The letter of 20 October"' in page_text and "<title>Error: " in page_text
    response = client.post(oversight(), {"held_on": "31 February", "decided": "Stays in Engage."})
    page_text = response.content.decode()
    assert "Stays in Engage." in page_text and "Enter date of the meeting as a real date." in page_text
    assert not MonitoringPeriod.objects.exists() and not OversightGroupMeeting.objects.exists()


@pytest.mark.parametrize("who", ["lead", "chair", "member", "viewer"])
def test_only_opcc_staff_record_monitoring(client, people, who):
    client.force_login(people[who])
    assert client.get(page()).status_code == 200  # everyone of the force reads it
    assert "Record a move by HMICFRS" not in client.get(page()).content.decode()
    assert client.post(change(), {"state": "engage", "started_on": "2022-10-20",
                                  "reasons": REASONS}).status_code == 403
    assert client.post(oversight(), {"held_on": "2023-04-18", "decided": "x"}).status_code == 403
    assert not MonitoringPeriod.objects.exists() and not OversightGroupMeeting.objects.exists()


def test_another_forces_monitoring_is_not_found(client, people):
    client.force_login(people.outsider)  # OPCC staff, of another force
    assert client.get(page()).status_code == 404
    assert client.post(change(), {"state": "engage", "started_on": "2022-10-20",
                                  "reasons": REASONS}).status_code == 404
    assert client.post(oversight(), {"held_on": "2023-04-18", "decided": "x"}).status_code == 404
    assert client.get(page("elsewhere")).status_code == 200
    assert not MonitoringPeriod.objects.exists()


def test_the_dashboard_and_inspection_pages_show_hmicfrs_monitoring(client, people):
    services.record_monitoring_change(
        force=people.force, state="engage", started_on=date(2022, 10, 20), by=people.opcc, reasons=REASONS
    )
    services.record_oversight_meeting(force=people.force, held_on=date(2023, 4, 18), by=people.opcc,
                                      decided="The force stays in Engage.", next_steps="A revisit in June.")
    client.force_login(people.viewer)
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "HMICFRS monitoring: Engage (enhanced monitoring)" in dashboard
    assert "Latest oversight group meeting, 18 April 2023: The force stays in Engage." in dashboard
    peel_2021 = Inspection.objects.get(title="PEEL 2021/22: An inspection of Warwickshire Police")
    inspection = client.get(reverse("inspection_detail", args=[peel_2021.pk])).content.decode()
    assert "HMICFRS monitoring: Engage (enhanced monitoring)" in inspection
    assert "When the report was published: Scan (routine monitoring)." in inspection
