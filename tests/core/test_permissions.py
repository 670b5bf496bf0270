"""The whole role-by-action matrix, as the permission module answers it and as forged requests meet it.

In the Warwickshire data (with the `people` fixture):
- `lead` holds Head of Digital Forensics (2019 Rec 1.3, in progress) and Head of People Services;
- `chair` holds the Deputy Chief Constable's role, chair of the Warwickshire Assurance Board (WAB);
- `member` sits on the Investigations, Standards and Outcomes meeting (a sub-board of the WAB).
"""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from inspections.core.permissions import (
    Action,
    access_for,
    boards_deciding,
    can,
    can_in_any_force,
    deciding_board,
    forces_for,
    may_see_export,
    visible_findings,
)
from inspections.core.status import Status
from inspections.findings.services import change_status
from inspections.models import Export, ExtensionRequest, Finding, FindingChange, Membership, ProgressUpdate
from tests.factories import BoardMeetingFactory, UserFactory

pytestmark = pytest.mark.django_db

EVERYONE = ("opcc", "lead", "chair", "member", "viewer", "outsider")


def finding(reference, inspection="2019"):
    return Finding.objects.select_related("inspection", "owner", "board").get(
        inspection__title__contains=inspection, reference=reference
    )


def propose(f, user):
    return change_status(f, to=Status.PENDING_SIGN_OFF, by=user, reason="Done.")


# (action, who may take it on 2019 Rec 1.3 while in progress: owned by lead, governed by the WAB)
IN_PROGRESS_MATRIX = {
    Action.VIEW: {"opcc", "lead", "chair", "member", "viewer"},
    Action.ADD_UPDATE: {"opcc", "lead"},
    Action.PROPOSE_COMPLETE: {"lead"},
    Action.DECIDE: set(),
    Action.CLOSE_OTHERWISE: {"opcc"},
    Action.REASSIGN: {"opcc"},
    Action.REVISE_DUE_DATE: {"opcc"},
    Action.EDIT_RESPONSE: {"opcc", "lead"},
    Action.MANAGE: {"opcc"},
    Action.SEE_REMINDERS: {"opcc"},
    Action.PRODUCE_PACK: {"opcc", "chair"},  # on a meeting of the WAB, which `member` does not sit on
    Action.PUBLISH: {"opcc"},  # the inspection, on the public pages
    Action.RECORD_MONITORING: {"opcc"},  # on the force
    Action.RECORD_HMICFRS_DECISION: {"opcc"},  # a recommendation, whatever its status
    Action.REQUEST_CLOSURE: set(),  # not until its board has signed it off
    Action.REQUEST_EXTENSION: {"opcc", "lead"},
    Action.DECIDE_EXTENSION: {"chair"},  # on the lead's request: the WAB decides it
    Action.DECLARE_RULES: {"opcc"},  # on the force
}


@pytest.mark.parametrize("action", list(Action))
def test_matrix_on_a_finding_in_progress(people, action):
    target = finding("Rec 1.3")
    if action in (Action.MANAGE, Action.SEE_REMINDERS, Action.PUBLISH):
        target = target.inspection
    if action == Action.PRODUCE_PACK:
        target = BoardMeetingFactory(board=target.board, held_on=date(2026, 12, 8))
    if action == Action.RECORD_MONITORING:
        target = target.inspection.force
    if action == Action.DECLARE_RULES:
        target = target.inspection.force
    if action == Action.DECIDE_EXTENSION:
        target = ExtensionRequest.objects.create(
            finding=target, requested_due_date=date(2031, 1, 31), reason="More time.", requested_by=people.lead
        )
    allowed = {name for name, user in people.all().items() if can(user, action, target)}
    assert allowed == IN_PROGRESS_MATRIX[action]


def test_only_the_governing_boards_chair_or_members_decide(people):
    digital = finding("Rec 1.3")  # governed by the WAB
    propose(digital, people.lead)
    digital.refresh_from_db()
    assert {n for n, u in people.all().items() if can(u, Action.DECIDE, digital)} == {"chair"}
    suspects = finding("Rec 1.6")  # governed by the ISO meeting, a sub-board of the WAB
    suspects.owner.holder = people.lead
    suspects.owner.save()
    propose(suspects, people.lead)
    suspects.refresh_from_db()
    assert {n for n, u in people.all().items() if can(u, Action.DECIDE, suspects)} == {"chair", "member"}


def test_finished_findings_are_read_only(people):
    superseded = finding("AFI 1")
    assert superseded.status == Status.SUPERSEDED
    for name, user in people.all().items():
        for action in (Action.ADD_UPDATE, Action.REASSIGN, Action.REVISE_DUE_DATE, Action.CLOSE_OTHERWISE):
            assert not can(user, action, superseded), (name, action)


def test_a_user_sees_only_their_forces(people):
    assert visible_findings(people.viewer).count() == 52
    assert visible_findings(people.outsider).count() == 0


FORGED_POSTS = [
    ("finding_add_update", {"narrative": "Forged", "rag": "green", "version": 1}),
    ("finding_propose", {"reason": "Forged", "version": 1}),
    ("finding_decide", {"decision": "sign_off", "reason": "Forged", "version": 1}),
    ("finding_reassign", {"owner": 1, "board": 2, "reason": "Forged", "version": 1}),
    ("finding_due_date", {"due_date": "2030-01-01", "reason": "Forged", "version": 1}),
    ("finding_response", {"response": "Forged", "version": 1}),
    ("finding_close", {"outcome": "no_longer_relevant", "reason": "Forged", "version": 1}),
    ("finding_extension", {"due_date": "2031-01-01", "reason": "Forged", "version": 1}),
]
# Who may use each page on 2019 Rec 1.3 (in progress).
ALLOWED_PAGES = {
    "finding_add_update": {"opcc", "lead"},
    "finding_propose": {"lead"},
    "finding_decide": set(),
    "finding_reassign": {"opcc"},
    "finding_due_date": {"opcc"},
    "finding_response": {"opcc", "lead"},
    "finding_close": {"opcc"},
    "finding_extension": {"opcc", "lead"},
}


REFUSED = [(url, data, who) for url, data in FORGED_POSTS for who in EVERYONE if who not in ALLOWED_PAGES[url]]


@pytest.mark.parametrize(("url_name", "data", "who"), REFUSED)
def test_forged_posts_are_refused_and_change_nothing(client, people, url_name, data, who):
    target = finding("Rec 1.3")
    before = Finding.objects.filter(pk=target.pk).values().get()
    client.force_login(getattr(people, who))
    response = client.post(reverse(url_name, args=[target.pk]), data)
    assert response.status_code == (404 if who == "outsider" else 403)
    assert Finding.objects.filter(pk=target.pk).values().get() == before
    assert not FindingChange.objects.filter(finding=target).exists()
    assert not ProgressUpdate.objects.filter(finding=target).exists()


def test_anonymous_users_are_sent_to_sign_in(client, people):
    target = finding("Rec 1.3")
    for url in (reverse("finding_list"), reverse("finding_detail", args=[target.pk]),
                reverse("inspection_list"), reverse("finding_add_update", args=[target.pk])):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    response = client.post(reverse("finding_add_update", args=[target.pk]), {"narrative": "x", "version": 1})
    assert response.status_code == 302
    assert not ProgressUpdate.objects.exists()


def test_viewer_sees_no_edit_controls(client, people):
    client.force_login(people.viewer)
    body = client.get(reverse("finding_detail", args=[finding("Rec 1.3").pk])).content.decode()
    for label in (
        "Add a progress update",
        "Propose as complete",
        "Sign off or return",
        "Reassign",
        "Edit the response",
    ):
        assert label not in body


def test_csrf_is_required_for_posts(people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.opcc)
    target = finding("Rec 1.3")
    response = client.post(reverse("finding_add_update", args=[target.pk]), {"narrative": "x", "version": 1})
    assert response.status_code == 403
    assert not ProgressUpdate.objects.exists()


def test_a_finding_with_no_governing_board_has_nobody_to_decide_on_it():
    unboarded = Finding(reference="AFI 99", board=None)
    assert boards_deciding(unboarded) == []
    assert deciding_board(UserFactory(), unboarded) is None


def test_a_long_export_is_seen_only_by_whoever_asked_for_it_and_superusers(people, django_user_model):
    """Written with its requester's visibility, it is nobody else's: not even OPCC staff of the same force."""
    export = Export.objects.create(requested_by=people.viewer, file_format="csv", title="Findings", filename="f.csv")
    superuser = django_user_model.objects.create_user("root", is_superuser=True)
    assert {name for name, user in people.all().items() if may_see_export(user, export)} == {"viewer"}
    assert may_see_export(superuser, export)
    people.viewer.is_active = False
    assert not may_see_export(people.viewer, export)
    orphan = Export.objects.create(requested_by=None, file_format="csv", title="Findings", filename="f.csv")
    assert may_see_export(superuser, orphan) and not any(may_see_export(u, orphan) for u in people.all().values())
    assert not may_see_export(AnonymousUser(), export) and not may_see_export(people.opcc, finding("Rec 1.3"))


def test_an_account_switched_off_keeps_its_memberships_on_record_but_reaches_nothing(people, django_user_model):
    """Leavers' accounts are made inactive rather than deleted (their changes keep a name): an inactive
    OPCC officer, force lead or superuser sees no force and may do nothing, though the memberships stay."""
    boss = django_user_model.objects.create_user("former-superuser", is_superuser=True, is_staff=True)
    leavers = [people.opcc, people.lead, boss]
    rec = finding("Rec 1.3")
    for user in leavers:
        assert forces_for(user).exists() and can_in_any_force(user, Action.VIEW)
    assert can_in_any_force(people.opcc, Action.MANAGE) and can_in_any_force(boss, Action.MANAGE)  # imports
    for user in leavers:
        user.is_active = False
        user.save()
        user = django_user_model.objects.get(pk=user.pk)  # as the next request reads it
        assert user.is_authenticated and not user.is_active
        assert not forces_for(user).exists() and not visible_findings(user).exists(), user
        assert access_for(user, people.force) is None, user
        assert not can_in_any_force(user, Action.VIEW) and not can_in_any_force(user, Action.MANAGE), user
        assert not any(can(user, action, rec) for action in Action), user
    assert Membership.objects.filter(user=people.opcc).exists()  # kept, for the record


def test_nobody_signed_in_may_take_any_action_in_any_force(people):
    for action in Action:
        assert not can_in_any_force(AnonymousUser(), action)
    assert not forces_for(AnonymousUser()).exists()


def test_a_requests_permission_checks_read_the_users_memberships_once(people, django_assert_num_queries):
    lead = people.lead
    with django_assert_num_queries(1):
        for _ in range(3):
            assert access_for(lead, people.force) and can_in_any_force(lead, Action.VIEW)
