"""Drops the per-session copies of the test database that the last `make mutation` made (tests/conftest.py,
_MigratedTestDatabase): each run copies the test database as its migrations leave it, afresh."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

template = connection.creation._get_test_db_name()
with connection._nodb_cursor() as cursor:
    cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{template}_slot%"])
    for (name,) in cursor.fetchall():
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        print(f"dropped {name}")
