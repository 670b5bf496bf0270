"""Every kind of HMICFRS document, read as HMICFRS lays it out: PEEL 2023–25 (whole reports and a page
copied from the website), PEEL 2014–2019 (an integrated assessment, a 2017 pillar report and a pillar's
web page), letters on causes of concern (closure, revisit, accelerated) and national reports. Each sample
is checked against what it says, listed by hand in expected_findings; recall and precision are measured
per format, on the text as written and as a browser copies it (no blank lines, no bullets)."""

import re

import pytest

from inspections.importing import text as report_text
from inspections.importing.extraction import ImportProblem
from inspections.importing.formats import FORMATS, format_for
from inspections.importing.pipeline import extract
from inspections.models import Force
from tests.importing.expected_findings import SAMPLES, plain, score
from tests.importing.support import pdf_from_text

REFERENCE = __import__("pathlib").Path("/work/shared/reference")


def force(name):
    return Force(name=name, slug="sample")  # not saved: nothing is looked up in the database


def read(expected, text=None, as_force=None):
    data = (text if text is not None else expected.text()).encode("utf-8")
    return extract(data, force=force(as_force or expected.force))


def copied_from_a_browser(text):
    """The same text as some browsers copy a web page: one line per paragraph, the bullets lost."""
    text = re.sub(r"\n\s*\n+", "\n", text)
    return re.sub(r"(?m)^- ", "", text)


def areas_of(extraction):
    names = {a.key: a.name for a in extraction.areas}
    return [(a.name, a.grade, "PILLAR" if a.level == "pillar" else names.get(a.pillar)) for a in extraction.areas]


def assert_reads_as_expected(expected, extraction):
    assert extraction.format == expected.format
    assert extraction.title == expected.title
    assert plain(extraction.force_named) == plain(expected.force) or expected.format == "national"
    if expected.published_on:
        assert extraction.published_on == expected.published_on
    assert areas_of(extraction) == expected.areas
    areas = {a.key: a.name for a in extraction.areas}
    references = {i.key: i.reference for i in extraction.items}
    found = [
        (i.reference, i.kind, i.text, i.time_frame, references.get(i.parent), areas.get(i.area))
        for i in extraction.items
    ]
    assert len(found) == len(expected.items), [f[:3] for f in found]
    for (ref, kind, text, time_frame, parent, area), want in zip(found, expected.items, strict=True):
        assert (ref, kind) == want[:2], text
        assert plain(text).startswith(plain(want[2])), (ref, text)
        assert (time_frame, parent, area) == want[3:], (ref, text)
    others = [(plain(i.addressee), plain(i.text)) for i in extraction.not_tracked]
    assert len(others) == len(expected.not_tracked), others
    for (addressee, text), (want_addressee, want_text) in zip(others, expected.not_tracked, strict=True):
        assert addressee.startswith(plain(want_addressee)) and text.startswith(plain(want_text))
    decisions = {i.reference: i.decision.outcome for i in extraction.items if i.decision}
    assert decisions == expected.decisions


@pytest.mark.parametrize("expected", SAMPLES, ids=[s.file.removesuffix(".txt") for s in SAMPLES])
def test_each_sample_is_read_as_it_is_written(expected):
    assert_reads_as_expected(expected, read(expected))


@pytest.mark.parametrize("expected", SAMPLES, ids=[s.file.removesuffix(".txt") for s in SAMPLES])
def test_the_same_text_copied_from_a_browser_is_read_the_same(expected):
    assert_reads_as_expected(expected, read(expected, copied_from_a_browser(expected.text())))


@pytest.mark.parametrize(
    "file",
    [
        "peel2023-dale-and-moor-constabulary-report.txt",
        "peel2019-westshire-police-report.txt",
        "letter-marchmoor-police-closure.txt",
        "national-wanted-suspects-2025.txt",
    ],
)
def test_a_pdf_of_the_document_is_read_the_same(file):
    expected = next(s for s in SAMPLES if s.file == file)
    pdf = pdf_from_text(expected.text().replace("\f", ""), header=expected.title[:60] or "HMICFRS")
    extraction = extract(pdf, force=force(expected.force))
    assert extraction.stats["source"] == "pdf"
    assert_reads_as_expected(expected, extraction)


def test_recall_and_precision_per_format_are_at_least_95_percent():
    totals = {}
    for expected in SAMPLES:
        for text in (expected.text(), copied_from_a_browser(expected.text())):
            wanted, found, matched = score(expected, read(expected, text))
            counts = totals.setdefault(expected.format, [0, 0, 0])
            counts[0], counts[1], counts[2] = counts[0] + wanted, counts[1] + found, counts[2] + matched
    assert set(totals) == {"peel2023", "peel2014", "letter", "national", "inspection"}
    for name, (wanted, found, matched) in totals.items():
        assert matched / wanted >= 0.95 and matched / found >= 0.95, (name, wanted, found, matched)


# --- What it must never do -----------------------------------------------------------------------


def test_a_carried_over_finding_is_headed_by_the_finding_not_by_its_history():
    marchmoor = read(SAMPLES[0])
    items = {i.reference: i for i in marchmoor.items}
    rui = items["AFI 8"]
    assert rui.text.startswith("The force should make sure that suspects released under investigation")
    assert rui.context.startswith("Our 2021/22 report said that the force should make sure it manages suspects")
    assert rui.carry_over is not None and rui.carry_over.year == 2021
    assert "manages suspects released under investigation" in rui.carry_over.history
    assert not any(i.text.lower().startswith(("our 20", "in our 20")) for i in marchmoor.items)
    assert items["AFI 5"].carry_over is not None and "In our 2021/22 PEEL inspection" in items["AFI 5"].context


def test_no_title_is_made_up_and_the_force_named_in_the_text_is_checked():
    page = next(s for s in SAMPLES if s.file.startswith("peel2023-fenland"))
    extraction = read(page, as_force="Warwickshire Police")
    assert extraction.title == ""
    assert extraction.force_named == "Fenland Constabulary"
    assert any("no title line" in w for w in extraction.warnings)
    assert any("Fenland Constabulary" in w and "Warwickshire Police" in w for w in extraction.warnings)


@pytest.mark.parametrize(
    ("file", "phrase"),
    [
        ("peel2023-marchmoor-police-report.txt", "The report is an inspection of Marchmoor Police"),
        ("peel2018-dunmore-police-legitimacy-page.txt", "The report is an inspection of Dunmore Police"),
        ("peel2017-carrow-constabulary-effectiveness-report.txt", "inspection of Carrow Constabulary"),
        ("letter-fenland-constabulary-revisit.txt", "The letter is addressed to Fenland Constabulary"),
        ("letter-westshire-police-revisit-2021.txt", "The letter is addressed to Westshire Police"),
    ],
)
def test_a_document_about_another_force_is_flagged_whatever_its_format(file, phrase):
    expected = next(s for s in SAMPLES if s.file == file)
    warnings = read(expected, as_force="Warwickshire Police").warnings
    assert any(phrase in w and "Warwickshire Police" in w for w in warnings), warnings
    assert not any("right force" in w for w in read(expected).warnings)


def test_a_national_report_is_not_about_one_force_so_no_force_is_flagged():
    national = next(s for s in SAMPLES if s.format == "national")
    assert not any("right force" in w for w in read(national, as_force="Warwickshire Police").warnings)


@pytest.mark.parametrize(
    ("document", "says"),
    [
        (REFERENCE / "warwickshire-2019-peel-section55-response.txt", "Section 55 response"),
        (REFERENCE / "warwickshire-police-and-crime-panel-2014-report.txt", "committee or board paper"),
        (REFERENCE / "west-midlands-spcb-2023-workforce-and-change.txt", "committee or board paper"),
        ("Minutes of the meeting\n\nItem 1: apologies were received from two members.", "does not look like"),
        (
            "An inspection of Northshire Fire and Rescue Service\n\nEffectiveness, efficiency and people 2023–25\n\n"
            "Areas for improvement\n\nThe service should make sure its prevention work is evaluated.",
            "fire and rescue service",
        ),
        ("The weather in Warwick was fine and dry all week, and the fete was well attended by the public.", "reads:"),
    ],
    ids=["section 55 response", "panel report", "board paper", "minutes", "fire and rescue", "anything else"],
)
def test_what_is_not_an_hmicfrs_report_or_letter_is_refused_naming_the_formats_read(document, says):
    text = document.read_text() if hasattr(document, "read_text") else document
    with pytest.raises(ImportProblem) as refused:
        format_for(report_text.normalise(text))
    message = str(refused.value)
    assert says in message
    assert all(f.label in message for f in FORMATS)


def test_the_formats_do_not_overlap():
    for expected in SAMPLES:
        text = report_text.normalise(expected.text())
        readers = [f.key for f in FORMATS if f.detect(text)]
        assert readers == [expected.format], (expected.file, readers)
