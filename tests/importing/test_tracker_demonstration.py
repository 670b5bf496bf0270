"""A tracker row that says "Complete – demonstrating" signs the finding off into its board's
demonstration period, through the same services as the page; where the board has none, the row says so
and nothing in the file is applied."""

import pytest
from django.utils import timezone

from inspections.core.status import Status
from inspections.core.timeframes import add_months
from inspections.importing import tracker_imports
from tests.importing.test_tracker_import import edit_workbook, export, scene, start  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_demonstrating_row_starts_the_boards_period(scene):  # noqa: F811
    scene["board"].demonstration_months = 3
    scene["board"].save()
    data = edit_workbook(export(scene), {("AFI 3", "Status"): "Complete – demonstrating"})
    tracker_import = start(scene["force"], scene["opcc"], data)
    assert tracker_imports.import_tracker(tracker_import, by=scene["opcc"]).committed
    finding = type(scene["proposed"]).objects.get(pk=scene["proposed"].pk)
    assert finding.status == Status.DEMONSTRATING and finding.closed_by_board == scene["board"]
    assert finding.demonstration_ends_on == add_months(timezone.localdate(), 3)


def test_a_demonstrating_row_without_a_period_is_refused(scene):  # noqa: F811
    data = edit_workbook(export(scene), {("AFI 3", "Status"): "Complete – demonstrating"})
    tracker_import = start(scene["force"], scene["opcc"], data)
    preview = tracker_imports.preview(tracker_import, by=scene["opcc"])
    assert any("has no demonstration period" in error for error in map(str, preview.errors))
    finding = type(scene["proposed"]).objects.get(pk=scene["proposed"].pk)
    assert finding.status == Status.PENDING_SIGN_OFF
