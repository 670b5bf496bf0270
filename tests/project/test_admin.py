"""Every admin page a newcomer would open, on the real data."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from inspections.models import Finding, Inspection

pytestmark = pytest.mark.django_db


def test_every_model_of_the_domain_is_in_the_admin():
    missing = [m.__name__ for m in apps.get_app_config("inspections").get_models() if m not in admin.site._registry]
    assert missing == []


def test_every_changelist_loads_for_staff(client, staff_user, warwickshire):
    client.force_login(staff_user)
    models = [model for model in admin.site._registry if model._meta.app_label in {"inspections", "auth"}]
    assert len(models) >= 12
    for model in models:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response = client.get(url)
        assert response.status_code == 200, url


def test_inspection_page_shows_its_findings_inline(client, staff_user, warwickshire):
    client.force_login(staff_user)
    inspection = Inspection.objects.get(title__startswith="PEEL 2021/22")
    response = client.get(reverse("admin:inspections_inspection_change", args=[inspection.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('name="findings-') >= 22
    assert "Responding to the public" in body


def test_finding_changelist_filters_by_force_and_status(client, staff_user, warwickshire):
    client.force_login(staff_user)
    url = reverse("admin:inspections_finding_changelist")
    response = client.get(url, {"status__exact": "superseded"})
    assert response.context["cl"].result_count == 2
    response = client.get(url, {"q": "disclosure"})
    assert response.context["cl"].result_count >= 1


def test_finding_change_page_keeps_status_read_only(client, staff_user, warwickshire):
    client.force_login(staff_user)
    finding = Finding.objects.first()
    response = client.get(reverse("admin:inspections_finding_change", args=[finding.pk]))
    assert response.status_code == 200
    assert 'name="status"' not in response.content.decode()


def test_admin_refuses_anonymous(client):
    response = client.get(reverse("admin:inspections_finding_changelist"))
    assert response.status_code == 302
