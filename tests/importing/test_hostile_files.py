"""Hostile and awkward tracker files: a cell past the CSV field limit, UTF-16 from Excel's "Unicode Text",
and invisible control characters in cells and in a report."""

import codecs
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspections.importing import pipeline, tracker_imports, trackers
from inspections.importing.extraction import ImportProblem
from inspections.models import TrackerImport
from tests.importing.support import report_text, untrack_2021_22
from tests.importing.test_tracker_import import scene, start  # noqa: F401 (the tracker tests' force, people and findings)

HEADINGS = "Reference\tInspection\tFinding\tRAG\tLatest update\r\n"
ROWS = "AFI 1\tPEEL 2023–2025\t\tAmber\tThe new team started in March – “on track”.\r\n"


def test_a_cell_over_the_csv_field_limit_gets_a_message_not_a_500(client, scene):  # noqa: F811
    huge = "Reference,Inspection,Latest update\r\nAFI 1,PEEL 2023–2025,\"" + "x" * 140_000 + "\"\r\n"
    with pytest.raises(ImportProblem) as problem:
        trackers.read_tracker(huge.encode(), "csv")
    assert "Line 2 of the file has a cell longer than 131,072 characters" in str(problem.value)
    # An unclosed quotation mark swallows the rest of the file: the same message, on the upload page.
    unclosed = ("Reference,Inspection,Latest update\r\nAFI 1,PEEL,\"never closed\r\n" + "AFI 2,PEEL,text\r\n" * 9000)
    client.force_login(scene["opcc"])
    upload = SimpleUploadedFile("tracker.csv", unclosed.encode())
    response = client.post(reverse("tracker_import_upload"), {"force": scene["force"].pk, "file": upload})
    assert response.status_code == 200
    assert "a cell longer than 131,072 characters" in response.content.decode()
    assert not TrackerImport.objects.exists()


@pytest.mark.parametrize(
    "encoded",
    [
        codecs.BOM_UTF16_LE + (HEADINGS + ROWS).encode("utf-16-le"),  # Excel: Save as Unicode Text
        codecs.BOM_UTF16_BE + (HEADINGS + ROWS).encode("utf-16-be"),
        (HEADINGS + ROWS).encode("utf-16-le"),  # no byte-order mark
    ],
    ids=["utf-16-le with BOM", "utf-16-be with BOM", "utf-16-le without BOM"],
)
def test_a_utf16_tracker_is_read(scene, encoded):  # noqa: F811
    tracker_import = start(scene["force"], scene["opcc"], encoded, "tracker.csv")
    assert tracker_import.source_kind == "csv" and tracker_import.headings[:3] == ["Reference", "Inspection", "Finding"]
    outcome = tracker_imports.preview(tracker_import, by=scene["opcc"])
    assert outcome.errors == [] and outcome.count("changed") == 1
    assert any("Amber" in change for change in outcome.rows[0].changes)


def test_binary_data_is_still_refused(scene):  # noqa: F811
    with pytest.raises(ImportProblem) as problem:
        tracker_imports.start_tracker_import(force=scene["force"], by=scene["opcc"], name="t.csv",
                                             data=bytes(range(256)) * 40)
    assert "binary data" in str(problem.value)


def test_invisible_characters_in_tracker_cells_are_removed_and_reported(scene):  # noqa: F811
    csv = ("Reference,Inspection,RAG,Latest update\r\n"
           "AFI 1,PEEL 2023–2025,Amber,Work \u202edetelpmoc\u202c is under way\u200b.\r\n").encode("utf-8")
    tracker_import = start(scene["force"], scene["opcc"], csv, "t.csv")
    outcome = tracker_imports.import_tracker(tracker_import, by=scene["opcc"])
    assert outcome.committed
    note = " ".join(outcome.rows[0].notes)
    assert "Invisible characters were removed from “Latest update”" in note and "U+202E" in note
    scene["started"].refresh_from_db()
    update = scene["started"].updates.order_by("-pk").first()
    assert update.narrative == "Work detelpmoc is under way."


def test_invisible_characters_in_a_report_are_removed_with_a_warning(warwickshire):
    untrack_2021_22(warwickshire)
    text = report_text().replace("The force should", "The force \u202eshould\u202c", 1)
    extraction = pipeline.extract(text.encode("utf-8"), force=warwickshire, published_on=date(2022, 10, 14))
    assert any("invisible characters" in warning and "U+202E" in warning for warning in extraction.warnings)
    assert not any("\u202e" in item.text or "\u202e" in item.context for item in extraction.items)
