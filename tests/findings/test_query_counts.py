"""Pages run a number of queries that does not grow with the data: checked at national scale."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inspections.models import Finding, Force, Inspection

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def national(warwickshire, django_user_model):
    call_command("generate_data", forces=43, inspections_per_force=8, seed=1, updates_per_finding=5, verbosity=0)
    assert Finding.objects.count() > 9_500
    return django_user_model.objects.create_superuser("national", "n@example.org", "correct horse battery")


def queries(client, url, params=None):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured)


def test_page_queries_do_not_grow_at_national_scale(client, national):
    """One data set for every page (it takes a few seconds to build)."""
    client.force_login(national)
    list_all = queries(client, reverse("finding_list"))
    list_filtered = queries(
        client, reverse("finding_list"), {"status": "in_progress", "overdue": "yes", "sort": "-due"}
    )
    list_searched = queries(client, reverse("finding_list"), {"q": "supervision of investigations", "page": 2})
    carried = Finding.objects.filter(repeats__isnull=False).order_by("-pk").first()
    detail_carried = queries(client, reverse("finding_detail", args=[carried.pk]))
    detail_plain = queries(
        client, reverse("finding_detail", args=[Finding.objects.filter(repeats__isnull=True).first().pk])
    )
    inspections = queries(client, reverse("inspection_list"))
    inspection = queries(client, reverse("inspection_detail", args=[Inspection.objects.order_by("-pk").first().pk]))
    print(
        f"queries per page: findings list {list_all} (filtered {list_filtered}, searched {list_searched}); "
        f"finding {detail_plain} (carried over {detail_carried}); inspections {inspections}; inspection {inspection}"
    )
    assert max(list_all, list_filtered, list_searched) <= 12
    assert max(detail_plain, detail_carried) <= 12
    # The inspection page: 10, HMICFRS's side (its monitoring periods, oversight meetings and closures)
    # and its public progress page's publication record.
    assert inspections <= 6 and inspection <= 10 + 3 + 1


def test_dashboard_queries_do_not_depend_on_the_data(client, national, warwickshire):
    client.force_login(national)
    small = queries(client, reverse("dashboard"), {"force": warwickshire.pk})
    synthetic = Force.objects.filter(slug__startswith="synthetic-").first()
    large = queries(client, reverse("dashboard"), {"force": synthetic.pk})
    print(f"dashboard queries: Warwickshire {small}, a synthetic force {large}")
    assert small == large <= 22 + 3  # HMICFRS's side: monitoring periods, oversight meetings, closures
