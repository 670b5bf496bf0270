"""Faults made for real: a broker that does not answer, and a Celery worker process that is killed."""

import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import kombu.pools
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def closed_port():
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _reset_connections(app):
    # kombu keeps one connection pool and one producer pool per broker URL in global registries, and the
    # app's own pools are those: closing one would leave it closed for every later test. Reset the
    # registries instead, so the next publish opens fresh pools for whatever URL is configured.
    kombu.pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def broker_down():
    """The web side's Celery points at a closed port, as when Redis has stopped."""
    from tracker.celery import app

    # broker_write_url: what the web side publishes to (broker_url itself yields to CELERY_BROKER_URL).
    before = app.conf.get("broker_write_url")
    app.conf.broker_write_url = f"redis://127.0.0.1:{closed_port()}/0"
    _reset_connections(app)
    try:
        yield
    finally:
        app.conf.broker_write_url = before
        _reset_connections(app)


@contextmanager
def worker_process():
    """A real `celery worker` (prefork, one child) in its own process, on the test database and broker."""
    from tracker.celery import app

    app.control.purge()
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="tracker.settings.test",
               DATABASE_URL=_database_url(), CELERY_BROKER_URL=app.conf.broker_url)
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "tracker", "worker", "--pool=prefork", "--concurrency=1",
         "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _database_url():
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def children_of(pid):
    found = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout.split()
    return [int(child) for child in found]


def wait_until(condition, timeout=60, every=0.02):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    return None
