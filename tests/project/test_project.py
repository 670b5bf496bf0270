"""The project itself: pages answer, production settings are safe, the compose file is valid."""

import os
import secrets
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.urls import reverse

from inspections.models import Access, Finding, Inspection, Membership
from tests.paths import ROOT


def test_home_page_invites_sign_in(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "Sign in" in response.content.decode()


def test_home_page_lists_the_users_forces(client, warwickshire, django_user_model):
    user = django_user_model.objects.create_user("olivia", password="correct horse battery")
    Membership.objects.create(user=user, force=warwickshire, access=Access.OPCC_STAFF)
    client.force_login(user)
    body = client.get(reverse("home")).content.decode()
    assert "Warwickshire Police" in body


def test_health_check_reaches_the_database(client, db):
    response = client.get(reverse("health"))
    assert response.status_code == 200 and response.content == b"ok"


def test_login_page_and_failed_login_message(client, db):
    response = client.post(reverse("login"), {"username": "nobody", "password": "wrong"})
    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()


def production_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="tracker.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="tracker.example.org",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/tracker",
    )
    env.update(extra)
    return env


def test_production_settings_pass_check_deploy_without_warnings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    del env["SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def compose_config(env):
    return subprocess.run(["docker-compose", "-f", "docker-compose.yml", "config"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_docker_compose_file_is_valid():
    result = compose_config(dict(os.environ, SECRET_KEY="s" * 60, POSTGRES_PASSWORD="p"))
    assert result.returncode == 0, result.stderr
    for service in ("postgres:", "redis:", "web:", "worker:", "beat:"):
        assert service in result.stdout
    assert "gunicorn" in result.stdout and "healthcheck" in result.stdout


def test_docker_compose_demands_secrets_from_the_environment():
    result = compose_config({k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "POSTGRES_PASSWORD"}})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr or "POSTGRES_PASSWORD" in result.stderr


@pytest.mark.django_db
def test_fixtures_load_in_one_call_into_an_empty_database():
    call_command("loaddata", *sorted(str(p) for p in (ROOT / "fixtures").glob("*.json")), verbosity=0)
    assert Inspection.objects.count() == 3
    assert Finding.objects.count() == 52
