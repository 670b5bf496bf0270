"""What the reminder pages and the sweep read of each open finding: its inspection and its owner's
holder in the same query, and none of the long texts (the finding's context, the force's response,
the report's address), which at national scale cost more to load than the rules cost to run."""

import pytest

from inspections.core.status import Status
from inspections.reminders.planner import open_findings
from tests.factories import FindingFactory

pytestmark = pytest.mark.django_db


def test_an_open_finding_comes_with_its_inspection_and_owner_and_without_its_long_texts(
    django_assert_num_queries,
):
    finding = FindingFactory(status=Status.IN_PROGRESS, context="Long context.", response="Long response.")
    FindingFactory(status=Status.CLOSED, closed_on=finding.inspection.published_on, closed_by_board=finding.board)
    with django_assert_num_queries(1):
        [read] = list(open_findings())
        assert (read.pk, read.inspection.title, read.owner.holder.username) == (
            finding.pk, finding.inspection.title, finding.owner.holder.username
        )
    assert read.get_deferred_fields() == {"context", "response"}
    assert read.inspection.get_deferred_fields() == {"report_url"}
