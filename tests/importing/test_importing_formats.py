"""The PEEL 2021-onward parser on reports laid out as HMICFRS lays them out, written here: a
Constabulary with causes of concern and time-framed recommendations, headlines that end with full
stops, findings listed under a lead-in, a report without a contents list, and what is never tracked."""

from datetime import date

import pytest

from inspections.importing import text as report_text
from inspections.importing.extraction import Extraction, ImportProblem
from inspections.importing.formats import FORMATS, format_for
from inspections.importing.formats.common import carry_over_in, heading_key, lead_in_time_frame
from inspections.importing.pipeline import extract
from inspections.models import Force
from tests.factories import FindingFactory, ForceFactory, InspectionFactory
from tests.paths import DATA

# An invented Constabulary report in the PEEL 2023-2025 layout, with causes of concern.
CONSTABULARY_REPORT = (DATA / "anyshire-constabulary-peel-report.txt").read_text()


def constabulary():
    return Force(name="Anyshire Constabulary", slug="anyshire")


def parse(text, force=None):
    normal = report_text.normalise(text)
    return format_for(normal).parse(normal, force or constabulary())


def by_reference(extraction):
    return {item.reference: item for item in extraction.items}


def test_a_constabulary_report_with_causes_of_concern_and_recommendations():
    extraction = parse(CONSTABULARY_REPORT)
    assert extraction.title == "PEEL 2023–2025: An inspection of Anyshire Constabulary"
    assert [(a.name, a.grade) for a in extraction.areas] == [
        ("Victim service assessment", ""),
        ("Recording data about crime", "inadequate"),
        ("Investigating crime", "inadequate"),
        ("Responding to the public", "requires_improvement"),
        ("Leadership and force management", "good"),
    ]
    items = by_reference(extraction)
    assert list(items) == [
        "CoC 1", "Rec 1.1", "Rec 1.2", "Rec 1.3", "CoC 2", "Rec 2.1", "Rec 2.2", "Rec 2.3", "AFI 1", "AFI 2",
        "CoC 3", "Rec 3.1", "CoC 4", "Rec 4.1", "AFI 3", "AFI 4",
    ]
    areas = {a.key: a.name for a in extraction.areas}
    assert items["CoC 1"].text == "The constabulary isn't recording crimes against vulnerable victims accurately"
    assert areas[items["CoC 1"].area] == "Recording data about crime"
    assert "1 in 5" in items["CoC 1"].context
    assert items["Rec 1.1"].text == "Make sure crimes reported by vulnerable victims are recorded within 24 hours"
    assert items["Rec 1.3"].text == "Audit its crime recording each month."
    assert {items[r].time_frame for r in ("Rec 1.1", "Rec 1.2", "Rec 1.3")} == {"Within three months"}
    assert all(items[r].parent == items["CoC 1"].key for r in ("Rec 1.1", "Rec 1.2", "Rec 1.3"))
    assert items["Rec 2.1"].time_frame == items["Rec 2.2"].time_frame == "Within six months"
    assert items["Rec 2.3"].time_frame == "By 31 March 2025"
    assert items["Rec 2.3"].text.startswith("By 31 March 2025, the constabulary should make sure")
    assert items["Rec 2.3"].parent == items["CoC 2"].key
    assert items["Rec 3.1"].time_frame == "Immediately" and items["Rec 3.1"].parent == items["CoC 3"].key
    assert items["CoC 4"].text == "The constabulary doesn't assess the risk of callers consistently"
    assert items["Rec 4.1"].time_frame == "Within six months" and items["Rec 4.1"].parent == items["CoC 4"].key
    assert items["AFI 4"].time_frame == "Within 12 months"
    assert "Figure 1" in items["AFI 4"].context


def test_the_constabulary_report_marks_carry_overs_and_skips_narrative():
    extraction = parse(CONSTABULARY_REPORT)
    items = by_reference(extraction)
    assert items["AFI 1"].carry_over is not None and items["AFI 1"].carry_over.year == 2021
    assert [i.reference for i in extraction.items if i.carry_over] == ["AFI 1"]
    tracked = " ".join(f"{i.text} {i.context}" for i in extraction.items)
    for narrative in ("continue its work with partners", "proud of its new app", "read the regional report",
                      "act quickly on what we found", "respond to calls for service quickly enough"):
        assert narrative not in tracked
    # The report's own summary agrees with what was found, so there is nothing to check.
    assert extraction.warnings == []


def test_a_due_date_for_every_finding_from_the_publication_date(db):
    force = ForceFactory(name="Anyshire Constabulary")
    extraction = extract(CONSTABULARY_REPORT.encode(), force=force, published_on=date(2024, 5, 9))
    items = by_reference(extraction)
    assert items["Rec 1.1"].due_date == "2024-08-09"
    assert items["Rec 2.3"].due_date == "2025-03-31"
    assert items["Rec 3.1"].due_date == "2024-05-09"
    assert items["AFI 2"].due_date == "2025-05-09"


def test_a_carry_over_is_linked_to_the_most_similar_open_finding_of_the_constabulary(db):
    force = ForceFactory(name="Anyshire Constabulary")
    earlier = InspectionFactory(force=force, published_on=date(2021, 9, 1))
    updates = FindingFactory(
        inspection=earlier, text="The constabulary should keep victims updated about investigations."
    )
    FindingFactory(inspection=earlier, text="The constabulary should record the wishes of victims.")
    FindingFactory(inspection=earlier, text="The constabulary should improve its vetting of new recruits.")
    extraction = extract(CONSTABULARY_REPORT.encode(), force=force, published_on=date(2024, 5, 9))
    carry = by_reference(extraction)["AFI 1"].carry_over
    assert carry.chosen == updates.pk
    assert carry.candidates[0].similarity > carry.candidates[1].similarity > 0
    assert len(carry.candidates) == 2  # nothing in common with the vetting finding: not a candidate
    assert {"victims", "updated", "investigations"} <= set(carry.candidates[0].shared_words)


def test_the_summary_table_and_count_are_checked_against_what_was_found():
    damaged = CONSTABULARY_REPORT.replace(
        "Good\n\nAnyshire Constabulary is good at leadership", "Anyshire Constabulary"
    )
    extraction = parse(damaged)
    assert len([a for a in extraction.areas if a.grade]) == 3
    assert any("graded judgments in 4 areas; 3" in w for w in extraction.warnings)
    assert any("grades 1 area(s) good" in w for w in extraction.warnings)


def test_a_report_for_another_force_is_flagged():
    extraction = parse(CONSTABULARY_REPORT, force=Force(name="Otherville Police", slug="o"))
    assert any("inspection of Anyshire Constabulary" in w and "Otherville Police" in w for w in extraction.warnings)


PUNCTUATED = """PEEL 2023–2025

An inspection of Brookshire Police

Investigating crime

Adequate

Brookshire Police is adequate at investigating crime.

Area for improvement 1

The force should make sure investigations are supervised.

We found supervision in 30 of 50 cases. The force should make sure supervisors record their reviews.

Area for improvement 2

The force should improve its use of bail.

Bail was used in too few cases.

Areas for improvement

The force should:

- improve how it records stop and search; and
- make sure body-worn video is used at every search.

Main findings

The force is good at finding suspects

Narrative.
"""


def test_headlines_that_end_with_full_stops_and_findings_listed_under_a_lead_in():
    extraction = parse(PUNCTUATED, force=Force(name="Brookshire Police", slug="b"))
    texts = [i.text for i in extraction.items]
    assert texts == [
        "The force should make sure investigations are supervised.",
        "The force should improve its use of bail.",
        "Improve how it records stop and search",
        "Make sure body-worn video is used at every search.",
    ]
    assert "supervisors record their reviews" in extraction.items[0].context
    assert extraction.areas[0].name == "Investigating crime" and extraction.areas[0].grade == "adequate"


NO_CONTENTS = """PEEL 2021/22

An inspection of Dalesford Police

Managing offenders and suspects

Requires improvement

Dalesford Police requires improvement at managing offenders and suspects.

Areas for improvement

The force needs to make sure it manages registered sex offenders well

It had 40 overdue visits.

Figure 3: Overdue visits by month

The force has a strong partnership with probation, which it uses to manage offenders

The partnership works well.
"""


def test_without_a_contents_list_a_narrative_heading_ends_the_findings():
    extraction = parse(NO_CONTENTS, force=Force(name="Dalesford Police", slug="d"))
    assert [i.text for i in extraction.items] == [
        "The force needs to make sure it manages registered sex offenders well"
    ]
    assert "Figure 3" in extraction.items[0].context
    assert "partnership works well" not in extraction.items[0].context


def test_a_paragraph_cut_by_a_page_break_is_joined_again():
    long = "The force consulted with subject matter experts, including charities and partner agencies, to help it "
    blocks = report_text.blocks(
        f"{long}develop the film. It will be shown at schools in late\n\f\n2022, and more.\n\nThe force should\n"
        "\f\nimprove it\n\nNext."
    )
    assert [b.text for b in blocks] == [
        f"{long}develop the film. It will be shown at schools in late 2022, and more.",
        "The force should improve it",
        "Next.",
    ]
    assert [b.page for b in blocks] == [1, 2, 3]


def test_markdown_links_and_escapes_from_the_web_page_are_removed():
    assert report_text.normalise("[body-worn video \\(BWV\\)](#) and [THRIVE](https://x.example/a)") == (
        "body-worn video (BWV) and THRIVE"
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Within six months, the force should:", "Within six months"),
        ("Within three months the force should make sure it:", "Within three months"),
        ("By 30 September 2025, Anyshire Constabulary must review its plans.", "By 30 September 2025"),
        ("We recommend that, within 12 months, the constabulary should act.", "within 12 months"),
        ("The constabulary should, within six months, review its plans.", "within six months"),
        ("Prosecution must start within six months of the offence.", ""),
        ("The force should review its plans.", ""),
    ],
)
def test_time_frames_are_read_only_where_a_sentence_sets_one(sentence, expected):
    assert lead_in_time_frame(sentence) == expected


@pytest.mark.parametrize(
    ("passage", "year"),
    [
        ("Our 2019 report said that the force needed to improve.", 2019),
        ("In our 2018/19 PEEL inspection, we found that the force should improve.", 2018),
        ("This was identified as an area for improvement in 2021.", 2021),
        ("This remains an area for improvement.", None),
        ("We previously identified this as a cause of concern.", None),
    ],
)
def test_the_words_that_say_a_finding_repeats_an_earlier_one(passage, year):
    found = carry_over_in(passage)
    assert found is not None and found[1] == year


def test_narrative_about_earlier_reports_is_not_a_carry_over():
    assert carry_over_in("The force has responded well to our previous recommendation about allocation.") is None


def test_heading_vocabulary_ignores_numbering_and_colons():
    assert heading_key("Area for improvement 3") == "area for improvement"
    assert heading_key("2. Causes of concern:") == "causes of concern"


def test_a_text_that_is_not_a_peel_report_is_refused():
    with pytest.raises(ImportProblem, match="does not look like an HMICFRS report"):
        format_for("Minutes of the Police and Crime Panel, 3 March 2014. Item 1: apologies.")
    assert all(hasattr(f, "detect") and hasattr(f, "parse") for f in FORMATS)


def test_the_extraction_round_trips_through_json():
    extraction = parse(CONSTABULARY_REPORT)
    again = Extraction.from_dict(extraction.to_dict())
    assert again.to_dict() == extraction.to_dict()
    assert again.items[1].source.passage.startswith("Within three months, the constabulary should:")


PDF_LIKE = """PEEL 2023–2025

An inspection of Anyshire Constabulary

Contents

Responding to the public 4
Protecting vulnerable people 8

Responding to the public Inadequate

Anyshire Constabulary is inadequate at responding to the public.

Cause of concern

The constabulary doesn't answer emergency calls quickly enough

To address this cause of concern, we recommend that within three months the constabulary:

- reviews its call handling; and
- within six months, recruits enough call handlers.

Protecting vulnerable people

Requires

improvement

Anyshire Constabulary requires improvement at protecting vulnerable people.

Area for improvement

The constabulary should make sure it shares safeguarding information quickly
"""


def test_layouts_a_pdf_can_give_grades_on_the_heading_line_split_grades_and_lead_ins():
    extraction = parse(PDF_LIKE)
    assert [(a.name, a.grade) for a in extraction.areas] == [
        ("Responding to the public", "inadequate"),
        ("Protecting vulnerable people", "requires_improvement"),
    ]
    items = by_reference(extraction)
    assert list(items) == ["CoC 1", "Rec 1.1", "Rec 1.2", "AFI 1"]
    assert items["Rec 1.1"].text == "Reviews its call handling" and items["Rec 1.1"].time_frame == "within three months"
    assert items["Rec 1.2"].time_frame == "Within six months"
    assert {items["Rec 1.1"].parent, items["Rec 1.2"].parent} == {items["CoC 1"].key}
    assert items["AFI 1"].area == extraction.areas[1].key
