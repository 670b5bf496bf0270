"""Load: 50 signed-in users against gunicorn with the production settings, for a bounded time.

    BENCH_SCALE=1 .venv/bin/python bench/load.py [--users 50] [--seconds 60] [--workers 3] [--threads 4]
                                                 [--think 0]

Each user is OPCC staff of one synthetic force (spread over the forces) with a session of its own,
and loops: the findings list (sometimes filtered or searched), a finding's page, the force or a
board dashboard, and now and then a progress update (the form, then its POST with the CSRF token
and the version read). --think N waits up to N seconds (uniformly) between requests; 0 is a closed
loop with no pause, the hardest case. At the end: requests per second, p50/p95/p99 latency, any
5xx (the warm-up's too), and the progress updates counted in the database before and after, which must equal the
updates the server accepted (no lost and no duplicated update).

gunicorn runs `tracker.wsgi` with DJANGO_SETTINGS_MODULE=tracker.settings.production, its static
files collected first, HTTP on 127.0.0.1 (SECURE_SSL_REDIRECT off; there is no TLS here), and the
second-factor rule limited to superusers for the run (a script cannot type authenticator codes;
sign-in itself is not what is measured: sessions are made in the database beforehand).
"""

import argparse
import http.client
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = 8765
SECRET = "bench-load-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105
STATIC = Path(tempfile.gettempdir()) / "tracker-bench-static"
SCALE = int(os.environ.get("BENCH_SCALE", "1"))
ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "tracker.settings.production",
    "SECRET_KEY": SECRET,
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "False",
    "STATIC_ROOT": str(STATIC),
    "TRACKER_MFA_REQUIRED_FOR": "superuser",
    "DATABASE_URL": os.environ.get(
        "BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/tracker_bench{SCALE}"
    ),
    "CELERY_BROKER_URL": os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/3"),
}
os.environ.update(ENVIRONMENT)
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _setup import national_data  # noqa: E402  (after the environment above)

national_data()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402

from inspections.core.status import OPEN_STATUSES  # noqa: E402
from inspections.devdata.synthetic import synthetic_forces  # noqa: E402
from inspections.models import Access, Finding, GovernanceBoard, Membership, ProgressUpdate  # noqa: E402


def prepare_users(count):
    """(session cookie, force id, [finding ids], [board ids]) for each load user."""
    User = get_user_model()
    forces = list(synthetic_forces().order_by("slug"))
    users = []
    client = Client(HTTP_HOST="127.0.0.1")
    for number in range(count):
        force = forces[number % len(forces)]
        user, _ = User.objects.get_or_create(
            username=f"load-{number:02d}", defaults={"email": f"load-{number:02d}@example.org"}
        )
        Membership.objects.get_or_create(user=user, force=force, defaults={"access": Access.OPCC_STAFF})
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        client.cookies.clear()
        findings = list(
            Finding.objects.filter(inspection__force=force, status__in=OPEN_STATUSES)
            .exclude(owner=None).values_list("pk", flat=True)[:200]
        )
        boards = list(GovernanceBoard.objects.filter(force=force).values_list("pk", flat=True))
        users.append((session, force.pk, findings, boards))
    return users


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies, self.statuses, self.accepted, self.refused, self.errors = [], {}, 0, 0, []
        self.server_errors = 0
        self.by_kind, self.recording = {}, False

    def record(self, label, seconds, status):
        with self.lock:
            if status >= 500:
                self.server_errors += 1  # counted during the warm-up too
            if not self.recording:
                return
            self.latencies.append(seconds)
            self.statuses[status] = self.statuses.get(status, 0) + 1
            self.by_kind.setdefault(label, []).append(seconds)


def request(results, method, path, session, body=None, csrf=None, label=""):
    headers = {"Host": "127.0.0.1", "Cookie": f"{settings.SESSION_COOKIE_NAME}={session}"}
    if csrf:
        headers["Cookie"] += f"; {settings.CSRF_COOKIE_NAME}={csrf[0]}"
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        status = response.status
        cookies = response.getheader("Set-Cookie") or ""
    except Exception as error:  # a refused or dropped connection is a failure, not a crash of the script
        status, content, cookies = 599, b"", ""
        with results.lock:
            results.errors.append(f"{method} {path}: {type(error).__name__}: {error}")
    finally:
        connection.close()
    results.record(label or path, time.perf_counter() - started, status)
    return status, content, cookies


def progress_update(results, session, finding):
    status, page, cookies = request(results, "GET", f"/findings/{finding}/update/", session, label="update form")
    if status != 200:
        return
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    version = re.search(rb'name="version" value="(\d+)"', page)
    cookie = re.search(rf"{settings.CSRF_COOKIE_NAME}=([^;]+)", cookies)
    if not (token and version and cookie):
        return
    body = (
        f"csrfmiddlewaretoken={token[1].decode()}&version={version[1].decode()}"
        f"&narrative=Load+test+update+{random.randrange(10**9)}&rag=amber"
    )
    status, _, _ = request(
        results, "POST", f"/findings/{finding}/update/", session, body, (cookie[1],), label="update posted"
    )
    with results.lock:
        if status == 302:
            results.accepted += 1
        else:
            results.refused += 1  # a stale version (409) or the form's own refusal: nothing saved


def user_loop(results, user, deadline, think):
    session, force, findings, boards = user
    rng = random.Random(session)
    while time.monotonic() < deadline:
        roll = rng.random()
        if roll < 0.30:
            query = rng.choice(["", "?status=in_progress&sort=-due", "?q=supervision", "?overdue=yes", "?page=3"])
            request(results, "GET", f"/findings/{query}", session, label="findings list")
        elif roll < 0.60 and findings:
            request(results, "GET", f"/findings/{rng.choice(findings)}/", session, label="a finding")
        elif roll < 0.75:
            request(results, "GET", f"/dashboard/?force={force}", session, label="force dashboard")
        elif roll < 0.85 and boards:
            request(results, "GET", f"/boards/{rng.choice(boards)}/", session, label="board dashboard")
        elif findings:
            progress_update(results, session, rng.choice(findings))
        if think:
            time.sleep(rng.uniform(0, think))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--think", type=float, default=0.0)
    parser.add_argument(
        "--warmup", type=int, default=20,
        help="seconds of the same load before the measured time (each worker imports the pages' code on its "
        "first requests, as a long-running server did long ago)",
    )
    args = parser.parse_args()

    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, check=True,
        env={**os.environ},
    )
    users = prepare_users(args.users)
    before = ProgressUpdate.objects.count()
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"), "tracker.wsgi:application", "--bind", f"127.0.0.1:{PORT}",
        "--workers", str(args.workers), "--threads", str(args.threads), "--worker-class",
        "gthread" if args.threads > 1 else "sync", "--timeout", "60", "--log-level", "warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ})
    try:
        for _ in range(100):
            try:
                connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
                connection.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
                if connection.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        results = Results()
        deadline = time.monotonic() + args.warmup + args.seconds
        threads = [
            threading.Thread(target=user_loop, args=(results, user, deadline, args.think)) for user in users
        ]
        for thread in threads:
            thread.start()
        time.sleep(args.warmup)
        with results.lock:
            results.recording = True
        started = time.monotonic()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    after = ProgressUpdate.objects.count()
    latencies = sorted(results.latencies)
    quantiles = statistics.quantiles(latencies, n=100)
    server_errors = results.server_errors
    print(
        f"{args.users} users, {args.seconds} s, gunicorn {args.workers} workers x {args.threads} threads, "
        f"think time up to {args.think:g} s, after {args.warmup} s of warm-up"
    )
    print(
        f"{len(latencies)} requests, {len(latencies) / elapsed:.1f} requests/s; p50 {quantiles[49] * 1000:.0f} ms, "
        f"p95 {quantiles[94] * 1000:.0f} ms, p99 {quantiles[98] * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms"
    )
    print(f"statuses: {dict(sorted(results.statuses.items()))}; 5xx or failed connections: {server_errors}")
    print(
        f"progress updates: {before} before, {after} after: {after - before} new; the server accepted "
        f"{results.accepted} (refused {results.refused}): "
        + ("none lost, none duplicated" if after - before == results.accepted else "MISMATCH")
    )
    for kind, times in sorted(results.by_kind.items()):
        print(f"  {kind:<16} {len(times):>5} requests, median {statistics.median(times) * 1000:6.0f} ms")
    for error in results.errors[:5]:
        print("  ", error)


if __name__ == "__main__":
    main()
