"""Mistakes answered in the users' words: a decision without its reason, a reversed date range, a sort
order that is not offered, a next update date in the past; never "This field is required", and never
"(optional)" beside a field that one of the choices needs."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from inspections.findings import progress
from inspections.findings.forms import DueDateForm, ProgressUpdateForm, ProposeCompleteForm
from inspections.models import Finding

pytestmark = pytest.mark.django_db


def finding(reference, inspection="2019"):
    return Finding.objects.get(inspection__title__contains=inspection, reference=reference)


def test_a_return_without_a_reason_asks_for_the_reason_for_returning(client, people):
    target = finding("AFI 2")  # pending sign-off, governed by the Warwickshire Assurance Board
    client.force_login(people.chair)
    url = reverse("finding_decide", args=[target.pk])
    page = client.post(url, {"decision": "return", "reason": "", "version": target.version}).content.decode()
    assert "Enter a reason for returning the finding." in page and "This field is required" not in page
    page = client.post(url, {"decision": "sign_off", "reason": " ", "version": target.version}).content.decode()
    assert "Enter the board&#x27;s reason for signing off the finding." in page
    page = client.post(url, {"reason": "Seen.", "version": target.version}).content.decode()
    assert "Choose whether the board signs the finding off or returns it." in page
    assert Finding.objects.get(pk=target.pk).status == "pending_sign_off"


@pytest.mark.parametrize("name, data", [
    ("finding_add_update", {}), ("finding_propose", {}), ("finding_due_date", {}), ("finding_close", {}),
    ("finding_reassign", {"owner": "", "board": ""}),
])
def test_no_empty_form_says_this_field_is_required(client, people, name, data):
    target = finding("Rec 1.3")
    client.force_login(people.opcc if name != "finding_propose" else people.lead)
    page = client.post(reverse(name, args=[target.pk]), {"version": target.version, **data}).content.decode()
    assert "There is a problem" in page and "This field is required" not in page
    assert "Select a valid choice" not in page


def test_the_named_messages_of_the_commonest_forms(people):
    target = finding("Rec 1.3")  # in progress
    assert ProgressUpdateForm({"version": target.version}, finding=target).errors["narrative"] == [
        "Enter what has happened since the last update."
    ]
    proposal = ProposeCompleteForm({"version": 1}, finding=target)
    assert proposal.errors["reason"] == ["Enter why the finding is complete."]
    errors = DueDateForm({"version": 1, "due_date": "31/02/2026"}, finding=target).errors
    assert errors["due_date"] == ["Enter new target date as a real date."]


def test_a_reversed_date_range_is_explained_not_answered_with_nothing(client, people):
    client.force_login(people.viewer)
    response = client.get(reverse("finding_list"), {"due_after": "2026-06-30", "due_before": "2026-01-01"})
    page = response.content.decode()
    assert "is earlier than the “due on or after” date (30 June 2026). Swap them" in page
    assert "There is a problem" in page


def test_a_sort_order_not_offered_is_named(client, people):
    client.force_login(people.viewer)
    page = client.get(reverse("finding_list"), {"sort": "password"}).content.decode()
    assert "Choose how to sort the list from the choices given" in page


def test_a_next_update_date_in_the_past_is_questioned_then_kept_when_confirmed(client, people):
    target = finding("Rec 1.3")
    last_week = date.today() - timedelta(days=7)
    client.force_login(people.opcc)
    url = reverse("finding_add_update", args=[target.pk])
    data = {"narrative": "Kiosks live.", "next_update_due": last_week.isoformat(), "version": target.version}
    page = client.post(url, data).content.decode()
    assert "is in the past. Enter a date from today onwards, or tick the box below to keep it." in page
    assert "Yes, keep this next update date although it is in the past" in page
    assert not target.updates.exists()
    assert client.post(url, {**data, "keep_past_date": "on"}).status_code == 302
    assert Finding.objects.get(pk=target.pk).next_update_due == last_week


def test_the_service_refuses_a_past_next_update_date_unless_kept_on_purpose(people):
    target = finding("Rec 1.3")
    with pytest.raises(ValidationError) as refused:
        progress.record_progress(target, by=people.opcc, narrative="Late.", next_update_due=date(2020, 1, 1))
    assert "1 January 2020, is in the past" in str(refused.value)


def test_a_field_that_one_choice_needs_is_never_marked_optional(client, people):
    target = finding("Rec 1.3")
    client.force_login(people.opcc)
    page = client.get(reverse("finding_close", args=[target.pk])).content.decode()
    label = page[page.index('for="id_superseded_by"'):]
    assert not label[: label.index("</label>")].count("(optional)")
    decide = finding("AFI 2")
    client.force_login(people.chair)
    page = client.get(reverse("finding_decide", args=[decide.pk])).content.decode()
    label = page[page.index('for="id_reason"'):]
    assert "(optional)" not in label[: label.index("</label>")]
