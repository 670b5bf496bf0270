from pathlib import Path

import pytest
from django.core.management import call_command

FIXTURES = sorted(str(p) for p in (Path(__file__).resolve().parent.parent / "fixtures").glob("*.json"))


@pytest.fixture
def warwickshire(db):
    """The real Warwickshire data, loaded exactly as the README says: loaddata fixtures/*.json."""
    call_command("loaddata", *FIXTURES, verbosity=0)
    from inspections.models import Force

    return Force.objects.get(slug="warwickshire")


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        "staff", "staff@example.org", "correct horse battery", is_staff=True, is_superuser=True
    )
