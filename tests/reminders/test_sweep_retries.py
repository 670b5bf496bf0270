"""Two sweeps at once (a beat run and a manual one): a deadlock or serialisation failure between them is
retried, a busy SQLite too; any other database error is not hidden."""

from datetime import date

import pytest
from django.db import OperationalError

from inspections.reminders import sweep


class Cause(Exception):
    def __init__(self, sqlstate):
        self.sqlstate = sqlstate


def failure(sqlstate=None, text="could not serialise access"):
    error = OperationalError(text)
    error.__cause__ = Cause(sqlstate) if sqlstate else None
    return error


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch):
    monkeypatch.setattr(sweep.time, "sleep", lambda seconds: None)


def flaky(*errors):
    calls = []

    def work():
        calls.append(1)
        if len(calls) <= len(errors):
            raise errors[len(calls) - 1]
        return "done"

    return work, calls


@pytest.mark.parametrize(
    "error",
    [failure("40P01", "deadlock detected"), failure("40001"), failure(None, "database is locked")],
    ids=["deadlock", "serialisation failure", "busy SQLite"],
)
def test_a_clash_between_sweeps_is_tried_again(error):
    work, calls = flaky(error, error)
    assert sweep._retrying(work) == "done"
    assert len(calls) == 3


def test_a_clash_that_persists_is_raised_after_the_fourth_try():
    deadlock = failure("40P01", "deadlock detected")
    work, calls = flaky(deadlock, deadlock, deadlock, deadlock)
    with pytest.raises(OperationalError):
        sweep._retrying(work)
    assert len(calls) == 4


@pytest.mark.parametrize("error", [failure("08006", "connection lost"), failure(None, "disk I/O error")])
def test_any_other_database_error_is_raised_at_once(error):
    work, calls = flaky(error)
    with pytest.raises(OperationalError):
        sweep._retrying(work)
    assert len(calls) == 1


def test_the_summary_of_a_sweep_names_its_day_run_and_counts():
    result = sweep.SweepResult(day=date(2025, 4, 14), run_id="run-7", claimed=12, emails_created=3,
                               emails_redelivered=1, skipped=["no email", "inactive"])
    assert result.summary() == {
        "day": "2025-04-14", "working_day": True, "run": "run-7", "claimed": 12, "emails_created": 3,
        "emails_redelivered": 1, "skipped": 2,
    }
    assert sweep.SweepResult(day=date(2025, 4, 12), working_day=False).summary()["run"] == ""


def test_each_retry_is_logged_with_the_clash(caplog):
    deadlock = failure("40P01", "deadlock detected")
    work, calls = flaky(deadlock)
    with caplog.at_level("WARNING", logger="inspections.reminders.sweep"):
        assert sweep._retrying(work) == "done"
    assert [record.getMessage() for record in caplog.records] == [
        "Reminder sweep batch retried after deadlock detected"
    ]
