"""The import review's overview and its warnings, each linked to the finding or field it names."""

from types import SimpleNamespace

from inspections.importing.review_overview import link_warnings, overview


def item(kind, reference, text="The force should improve how it supervises investigations of crime."):
    return SimpleNamespace(kind=kind, reference=reference, text=text)


ITEMS = [item("cause_of_concern", "CoC 1"), item("recommendation", "Rec 1.1"), item("area_for_improvement", "AFI 1"),
         item("area_for_improvement", "AFI 10", "The force should make sure its call handlers record the risk.")]


def test_each_warning_links_to_the_finding_it_names_by_reference_or_quoted_text():
    warnings = link_warnings([
        "AFI 1 is carried over from an earlier report, but no earlier finding is similar enough to propose.",
        "“The force should make sure its call handlers record the risk.…” appears twice in the report.",
        "The text has no title line: give the inspection its title on the review page.",
        "The report is an inspection of Kent Police, but it is being imported for Warwickshire Police.",
    ], ITEMS)
    assert [(w.anchor, w.about) for w in warnings] == [
        ("#finding-3", "AFI 1"),  # AFI 1, not AFI 10
        ("#finding-4", "AFI 10"),
        ("#id_title", "the inspection's title"),
        ("", ""),  # about the whole report
    ]


def test_the_overview_lists_every_finding_by_kind_and_marks_those_to_check():
    warnings = link_warnings(["AFI 10 is carried over from an earlier report."], ITEMS)
    groups = overview(ITEMS, warnings)
    assert [(g.label, [e[1] for e in g.entries]) for g in groups] == [
        ("Causes of concern", ["CoC 1"]), ("Recommendations", ["Rec 1.1"]),
        ("Areas for improvement", ["AFI 1", "AFI 10"]),
    ]
    assert groups[2].entries[1] == ("#finding-4", "AFI 10", True) and groups[2].entries[0][2] is False
