"""The statuses a count of findings lists: every one, in the workflow's order, with "Complete –
demonstrating" only where some finding is in it (a force without a demonstration period never uses it)."""

from inspections.core.status import Status, shown_statuses

ALL_BUT_DEMONSTRATING = [status for status in Status if status != Status.DEMONSTRATING]


def test_every_status_is_listed_even_at_nought_but_demonstrating_only_when_used():
    assert shown_statuses({}) == ALL_BUT_DEMONSTRATING
    assert shown_statuses({Status.IN_PROGRESS.value: 3, Status.DEMONSTRATING.value: 0}) == ALL_BUT_DEMONSTRATING
    assert shown_statuses({Status.DEMONSTRATING.value: 2}) == list(Status)
