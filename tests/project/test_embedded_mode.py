"""The embedded mode of `make run` (SQLite, tasks in-process, demo data) works end to end."""

import os
import subprocess
import sys

from tests.paths import ROOT


def test_every_page_and_task_works_on_sqlite_in_process(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_", "DATABASE_URL"))}
    env.update(EMBEDDED_DATABASE=str(tmp_path / "tracker.sqlite3"), MEDIA_ROOT=str(tmp_path / "media"),
               PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "tests/project/embedded_smoke.py"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "ok documents rendered in-process" in result.stdout
