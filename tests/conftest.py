import copy
import fcntl
import gc
import json
import logging
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management.color import no_style
from django.db import OperationalError, connection, transaction
from playwright.sync_api import expect

from inspections.models import Access, Force, GovernanceBoard, Membership, Role
from tests.paths import ARTIFACTS, ROOT
from tracker.celery import app


def pytest_collection_modifyitems(items):
    """Tests that commit to the database (a real worker, a live server, two threads at once) are
    marked `transactional`: they flush tables, so the mutation run, whose runs share a database,
    leaves them out (make mutation)."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if "transactional_db" in getattr(item, "fixturenames", ()) or (marker and marker.kwargs.get("transaction")):
            item.add_marker(pytest.mark.transactional)


class _MigratedTestDatabase:
    """make mutation runs each mutant's tests in a fresh pytest session forked from a warm process, two
    at once. The runs before the mutants (mutmut's stats and clean runs) create and migrate the test
    database; each mutant's session then takes a copy of its own (one a slot, made once a run from the
    migrated one as a template), so that two sessions never wait on each other's rows (the fixtures' keys
    are the same), and skips `migrate` (a third of a second a mutant)."""

    @pytest.fixture(scope="session")
    def django_db_setup(self, django_db_blocker):
        from django.db import connections

        with django_db_blocker.unblock():
            for database in connections.all():
                template = database.creation._get_test_db_name()
                name = f"{template}_slot{_slot()}"
                _copy_once(database, template, name)
                settings.DATABASES[database.alias]["NAME"] = name
                database.settings_dict["NAME"] = name
                database.close()
        yield

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items):
        """A mutant's session stops at its first failing test (-x); the quickest first, as mutmut's
        stats run timed them, so that a caught mutant is known sooner."""
        durations = _test_durations()
        items.sort(key=lambda item: durations.get(item.nodeid, 0.0))


_DURATIONS = {}


def _test_durations():
    """mutmut's timings of the tests, read once in the warm process that every mutant's session is forked
    from (pytest_configure), not again in each session (a megabyte of JSON)."""
    if not _DURATIONS:
        try:
            with open("mutmut-stats.json", encoding="utf-8") as stats:  # the sessions run in mutants/
                _DURATIONS.update(json.load(stats)["duration_by_test"])
        except (OSError, ValueError, KeyError):
            pass
    return _DURATIONS


def _copy_once(database, template, name):
    for attempt in range(10):
        with database._nodb_cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is not None:
                return
            try:
                cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
                return
            except OperationalError:  # another session is copying the template at this moment
                time.sleep(0.2 * (attempt + 1))
    raise RuntimeError(f"Could not copy {template} to {name}.")


_SLOT_LOCKS = []


def _slot():
    """The first slot no other mutant's session holds; held until this session's process ends."""
    for slot in range(16):
        handle = open(Path(tempfile.gettempdir()) / f"tracker-mutation-slot-{slot}.lock", "w")  # noqa: SIM115
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            continue
        _SLOT_LOCKS.append(handle)
        return slot
    raise RuntimeError("Every mutation database slot is in use.")


def pytest_unconfigure(config):
    if "mutmut" in sys.modules:
        # mutmut's fork server logs on after its warm-up session has closed the stderr that pytest captured
        # (the console handler of settings.LOGGING was made inside that session): the real stderr again.
        for handler in logging.getLogger().handlers:
            if isinstance(handler, logging.StreamHandler) and handler.stream is not sys.__stderr__:
                handler.stream = sys.__stderr__  # not setStream: that flushes the closed one first


def pytest_configure(config):
    if "mutmut" in sys.modules:
        _test_durations()
    if "__mutmut_" in os.environ.get("MUTANT_UNDER_TEST", ""):
        # The mutant's session is forked from a process holding every test module: nothing in it is
        # garbage, so collections need not walk (and copy, page by page) all of it.
        gc.freeze()
        config.pluginmanager.register(_MigratedTestDatabase(), "tracker-migrated-test-database")


FIXTURES = sorted(str(p) for p in (ROOT / "fixtures").glob("*.json"))


_DESERIALISED = []


def load_warwickshire():
    """The real Warwickshire data, as `loaddata fixtures/*.json` loads it (tests/project checks that
    command itself). The files are read once per run and each test inserts their rows with one
    statement a model: loaddata's one save a row cost about 0.2 s a test, most of the suite's set-up
    and of every mutant's run (make mutation)."""
    if not _DESERIALISED:
        for path in FIXTURES:
            with open(path, encoding="utf-8") as fixture:
                _DESERIALISED.extend(serializers.deserialize("json", fixture, ignorenonexistent=False))
    by_model = defaultdict(list)
    for item in _DESERIALISED:
        by_model[type(item.object)].append(copy.copy(item.object))
    with transaction.atomic():
        for model, objects in by_model.items():
            model.objects.bulk_create(objects)
        for item in _DESERIALISED:
            for field, values in (item.m2m_data or {}).items():
                getattr(item.object, field).set(values)
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(by_model)):
                cursor.execute(sql)


@pytest.fixture
def warwickshire(db):
    load_warwickshire()
    return Force.objects.get(slug="warwickshire")


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded and rendered files go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def eager_celery():
    """Celery tasks run in-process, as in the embedded mode (other tests use a real worker)."""

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield app
    app.conf.task_always_eager = before


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        "staff", "staff@example.org", "correct horse battery", is_staff=True, is_superuser=True
    )


class People:
    """One user of each kind for the Warwickshire force, plus an outsider from another force."""

    def __init__(self, force):
        User = get_user_model()

        def person(username, access, target_force=force):
            user = User.objects.create_user(username, f"{username}@example.org", "correct horse battery",
                                            first_name=username.capitalize(), last_name="Tester")
            Membership.objects.create(user=user, force=target_force, access=access)
            return user

        self.force = force
        self.opcc = person("opcc", Access.OPCC_STAFF)
        self.lead = person("lead", Access.FORCE_LEAD)
        self.chair = person("chair", Access.BOARD_MEMBER)
        self.member = person("member", Access.BOARD_MEMBER)
        self.viewer = person("viewer", Access.VIEWER)
        other = Force.objects.create(name="Elsewhere Constabulary", slug="elsewhere")
        self.outsider = person("outsider", Access.OPCC_STAFF, other)
        Role.objects.filter(force=force, title__in=["Head of Digital Forensics", "Head of People Services"]).update(
            holder=self.lead
        )
        Role.objects.filter(force=force, title="Deputy Chief Constable").update(holder=self.chair)
        GovernanceBoard.objects.get(force=force, name="Investigations, Standards and Outcomes meeting").members.add(
            self.member
        )

    def all(self):
        return {name: getattr(self, name) for name in ("opcc", "lead", "chair", "member", "viewer", "outsider")}

    def __getitem__(self, name):
        return getattr(self, name)


@pytest.fixture
def people(warwickshire):
    return People(warwickshire)


# Browser tests: Playwright drives Debian's Chromium (browser downloads do not work here).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "en-GB", "timezone_id": "Europe/London",
            "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot under test-artifacts/screenshots/ and return its path."""

    def take(name):
        path = ARTIFACTS / "screenshots" / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def live_people(transactional_db):
    """The Warwickshire data and its people, committed so that the live server's thread sees them."""
    load_warwickshire()
    return People(Force.objects.get(slug="warwickshire"))


def sign_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


@pytest.fixture
def worker(transactional_db):
    """A real Celery worker thread consuming from the broker in CELERY_BROKER_URL (Redis), with an
    empty queue: tasks go through the broker, not eager mode."""

    app.loader.import_default_modules()  # every capability's tasks, as a worker started by `celery worker`
    assert settings.CELERY_BROKER_URL.startswith("redis://") and not app.conf.task_always_eager
    app.control.purge()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20):
        yield app


def wait_for(condition, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


# The weekly journeys are checked at a desktop width and at a phone's (390 CSS px, an iPhone 12 to 15).
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request, page):
    """The test runs once at each width; returns the width's name, for the screenshots' names."""
    page.set_viewport_size(VIEWPORTS[request.param])
    return request.param


def page_width(page):
    """How wide the page has become (CSS px): more than the viewport means the page scrolls sideways."""
    return page.evaluate("() => document.documentElement.scrollWidth")


def fill_date(page, label, day):
    """Type a date into GOV.UK's Day, Month and Year boxes of the date named `label` (None empties them)."""
    group = page.get_by_role("group", name=label)  # its legend may add "(optional)"
    for part, value in zip(("Day", "Month", "Year"), (day.day, day.month, day.year) if day else ("", "", ""),
                           strict=True):
        group.get_by_label(part, exact=True).fill(str(value))
