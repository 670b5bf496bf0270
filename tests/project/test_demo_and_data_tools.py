import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.test import RequestFactory, override_settings

from inspections.core.status import Status
from inspections.devdata.demo import load_demo
from inspections.models import (
    ExtensionRequest,
    Finding,
    FindingChange,
    Force,
    GovernanceBoard,
    HmicfrsDecision,
    Membership,
    ProgressUpdate,
    RagRule,
    Role,
)

pytestmark = pytest.mark.django_db


def test_demo_users_are_refused_outside_the_embedded_mode():
    with pytest.raises(ImproperlyConfigured):
        load_demo()
    with pytest.raises(CommandError, match="embedded mode"):
        call_command("load_demo")
    assert not get_user_model().objects.filter(username__in=["opcc", "lead", "chair", "viewer"]).exists()


@override_settings(TRACKER_DEMO_ENABLED=True, TRACKER_DEMO_PASSWORD="demo-password-for-tests")
def test_demo_loads_the_fixtures_and_one_user_of_each_kind():
    load_demo()
    load_demo()  # running it twice changes nothing
    assert Force.objects.count() == 1
    assert Finding.objects.count() == 52
    accesses = dict(
        Membership.objects.filter(user__username__in=["opcc", "lead", "chair", "viewer"]).values_list(
            "user__username", "access"
        )
    )
    assert accesses == {"opcc": "opcc_staff", "lead": "force_lead", "chair": "board_member", "viewer": "viewer"}
    sign_in = RequestFactory().post("/accounts/login/")  # django-axes sees every sign-in's request
    assert authenticate(sign_in, username="chair", password="demo-password-for-tests") is not None
    wab = GovernanceBoard.objects.get(name="Warwickshire Assurance Board")
    assert wab.chair.username == "chair"
    assert wab.meetings.count() == 13
    assert Role.objects.filter(holder__username="lead").count() == 4
    assert not Role.objects.filter(holder__isnull=True).exists()
    # Invented progress on the 2021/22 findings, made through the services (with audit records).
    # (Two of the updates are the proposals of the findings signed off into the demonstration period.)
    assert ProgressUpdate.objects.count() == 12 + 1  # and the proposal of the 2019 CoC 1, signed off
    assert Finding.objects.filter(status=Status.PENDING_SIGN_OFF).count() == 3
    assert FindingChange.objects.filter(action="due_date_revised").count() == 7  # one by an approved extension
    # The board's rules: Warwickshire's RAG rules, an approved and a waiting extension, a finding that
    # passed its demonstration period and one in it.
    assert RagRule.objects.filter(force__slug="warwickshire").count() == 4
    assert sorted(ExtensionRequest.objects.values_list("status", flat=True)) == ["approved", "requested"]
    assert Finding.objects.filter(status=Status.DEMONSTRATING).count() == 1
    assert Finding.objects.filter(status=Status.CLOSED, changes__action="demonstration_ended").distinct().count() == 1
    # HMICFRS's side: Engage with an oversight group meeting; HMICFRS closing a 2019 cause of concern.
    force = Force.objects.get()
    assert force.monitoring_on().state == "engage" and force.oversight_meetings.count() == 1
    assert list(HmicfrsDecision.objects.values_list("finding__reference", "outcome")) == [("CoC 3", "closed")]
    assert Finding.objects.get(reference="CoC 1", inspection__published_on__year=2019).status == Status.CLOSED


def test_generate_data_is_deterministic_and_replaceable():
    call_command("generate_data", forces=2, inspections_per_force=2, seed=7, verbosity=0)
    first = sorted(Finding.objects.values_list("reference", "status", "due_date"))
    updates = ProgressUpdate.objects.count()
    assert len(first) > 40 and updates > 10 * len(first) * 0.5
    with pytest.raises(CommandError, match="--replace"):
        call_command("generate_data", forces=2, inspections_per_force=2, seed=7)
    call_command("generate_data", forces=2, inspections_per_force=2, seed=7, replace=True, verbosity=0)
    assert sorted(Finding.objects.values_list("reference", "status", "due_date")) == first
    for finding in Finding.objects.all()[:200]:
        finding.full_clean()
