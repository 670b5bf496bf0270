"""`manage.py import_report FILE --json` names the format it read, for every kind of document, and
refuses what it cannot read with the formats it reads; nothing is saved."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from inspections.models import HmicfrsDecision, Inspection
from tests.importing.expected_findings import DATA, SAMPLES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "file",
    [
        "peel2023-marchmoor-police-report.txt",
        "peel2019-westshire-police-report.txt",
        "letter-westshire-police-revisit-2021.txt",
        "national-wanted-suspects-2025.txt",
        "inspection-marchmoor-police-child-protection.txt",
    ],
)
def test_the_json_names_the_format_read(warwickshire, file):
    expected = next(s for s in SAMPLES if s.file == file)
    out = StringIO()
    call_command("import_report", str(DATA / file), "--force", "warwickshire", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["format"] == expected.format and data["format_label"]
    assert len(data["items"]) == len(expected.items)
    assert Inspection.objects.count() == 3 and not HmicfrsDecision.objects.exists()


def test_a_letter_in_text_shows_hmicfrs_decisions_and_their_matches(warwickshire, tmp_path):
    letter = tmp_path / "letter.txt"
    text = (DATA / "letter-westshire-police-revisit-2021.txt").read_text().replace("Westshire", "Warwickshire")
    letter.write_text(text.replace("a neighbouring force", "West Mercia Police"))
    out = StringIO()
    call_command("import_report", str(letter), "--force", "warwickshire", stdout=out)
    printed = out.getvalue()
    assert "Read as: HMICFRS letters on causes of concern" in printed and "[letter]" in printed
    assert "HMICFRS: closed [matches CoC 1, similarity" in printed
    assert "HMICFRS: open [matches CoC 3, similarity" in printed


def test_what_it_cannot_read_is_refused_with_the_formats_it_reads(warwickshire, tmp_path):
    minutes = tmp_path / "minutes.txt"
    minutes.write_text("Minutes of the Police and Crime Panel\n\nItem 1: apologies were received.")
    with pytest.raises(CommandError, match="It reads: HMICFRS letters on causes of concern|The importer reads"):
        call_command("import_report", str(minutes), "--force", "warwickshire", "--json")
