"""The ways HMICFRS words and lays out the same things, beyond the samples: labels on the finding's own
line, grades beside their headings, the words a letter uses to close or keep open a cause of concern,
an accelerated cause of concern that is not called so, and recommendations grouped under whom they
are for."""

import pytest

from inspections.importing import text as report_text
from inspections.importing.formats import format_for
from inspections.models import Force


def parse(text, name="Northmoor Police"):
    normal = report_text.normalise(text)
    report_format = format_for(normal)
    return report_format.key, report_format.parse(normal, Force(name=name, slug="n"))


def test_labels_on_the_finding_own_line_in_a_2023_report():
    key, extraction = parse(
        "PEEL 2023–2025\n\nAn inspection of Northmoor Police\n\nInvestigating crime\n\nInadequate\n\n"
        "Northmoor Police is inadequate at investigating crime.\n\n"
        "Cause of concern 1: The force needs to improve how it supervises investigations so that victims get a "
        "good service\n\nWe found poor supervision in 30 of 80 cases.\n\n"
        "Recommendation 1: Within three months, the force should make sure every investigation has a plan.\n\n"
        "Area for improvement 1: The force needs to improve how it records victims' reasons for withdrawing "
        "support\n\nIt didn't record them in 9 of 20 cases.\n\n"
        "Main findings\n\nThe force has a good plan\n\nIt is new.\n"
    )
    assert key == "peel2023"
    assert [(i.reference, i.text[:40], i.time_frame) for i in extraction.items] == [
        ("CoC 1", "The force needs to improve how it superv", ""),
        ("Rec 1.1", "Within three months, the force should ma", "Within three months"),
        ("AFI 1", "The force needs to improve how it record", ""),
    ]


def test_grades_beside_their_headings_as_a_pdf_table_sets_them():
    key, extraction = parse(
        "PEEL: Police effectiveness, efficiency and legitimacy 2018/19\n\nAn inspection of Northmoor Police\n\n"
        "EFFECTIVENESS – GOOD\n\nPreventing crime and tackling anti-social behaviour Good\n\n"
        "Areas for improvement\n\n- The force should evaluate its problem-solving work.\n\n"
        "Investigating crime Requires improvement\n\nAreas for improvement\n\n"
        "- The force should, within three months, reduce its backlog of digital devices.\n\n"
        "LEGITIMACY – REQUIRES IMPROVEMENT\n\nTreating the public fairly Requires improvement\n\n"
        "Areas for improvement\n\n- Officers should record the grounds for every stop and search.\n"
    )
    assert key == "peel2014"
    names = {a.key: a.name for a in extraction.areas}
    assert [(a.name, a.grade, names.get(a.pillar)) for a in extraction.areas] == [
        ("Effectiveness", "good", None),
        ("Preventing crime and tackling anti-social behaviour", "good", "Effectiveness"),
        ("Investigating crime", "requires_improvement", "Effectiveness"),
        ("Legitimacy", "requires_improvement", None),
        ("Treating the public fairly", "requires_improvement", "Legitimacy"),
    ]
    assert [(names[i.area], i.time_frame) for i in extraction.items] == [
        ("Preventing crime and tackling anti-social behaviour", ""),
        ("Investigating crime", "within three months"),
        ("Treating the public fairly", ""),
    ]


LETTER = """Northmoor Police: {title}

Letter information

From
Roy Wilsher
His Majesty’s Inspector of Constabulary

To
Chief Constable
Northmoor Police

Sent on
3 March 2025

{opening}

Cause of concern

The force needs to improve how it manages registered sex offenders

We reviewed the force's progress in January 2025.

{decision}

Yours sincerely,

Roy Wilsher
"""


@pytest.mark.parametrize(
    ("decision", "outcome"),
    [
        ("I am pleased to tell you that I have decided to close this cause of concern.", "closed"),
        ("The force has addressed our recommendations, and the cause of concern is therefore closed.", "closed"),
        ("We consider that the cause of concern can now be discharged.", "closed"),
        ("This cause of concern remains open, and we will revisit the force in the autumn.", "open"),
        ("The force has not made enough progress, and so I am not yet able to close the cause of concern.", "open"),
        ("It continues to be a cause of concern.", "open"),
        ("The cause of concern will remain in place until we see sustained improvement.", "open"),
    ],
)
def test_the_words_a_letter_uses_to_decide(decision, outcome):
    letter = LETTER.format(title="revisit letter", opening="Thank you for the meeting.", decision=decision)
    key, extraction = parse(letter)
    assert key == "letter" and extraction.letter.sent_on == "2025-03-03"
    assert [(i.reference, i.decision.outcome) for i in extraction.items] == [("CoC 1", outcome)]
    assert decision.split(",")[0].split(" and ")[0] in extraction.items[0].decision.summary
    if outcome == "open" and "revisit" in decision:
        assert "we will revisit the force in the autumn" in extraction.items[0].decision.next_steps


def test_an_accelerated_cause_of_concern_not_called_so_is_recognised():
    key, extraction = parse(
        LETTER.format(
            title="cause of concern",
            opening="We are writing to tell you of a cause of concern now, in advance of the publication of our "
            "full report, because of the risk to the public.",
            decision="Within three months, Northmoor Police should:\n\n- reduce its overdue visits; and\n"
            "- review the caseloads of its officers.",
        )
    )
    assert key == "letter" and extraction.letter.kind == "accelerated"
    assert [(i.reference, i.accelerated, i.time_frame) for i in extraction.items] == [
        ("CoC 1", True, ""), ("Rec 1.1", False, "Within three months"), ("Rec 1.2", False, "Within three months"),
    ]
    assert extraction.items[0].decision.outcome == "issued"


def test_recommendations_grouped_under_whom_they_are_for():
    key, extraction = parse(
        "An inspection of the police response to stalking\n\nPublished on: 5 May 2025\n\nSummary\n\n"
        "We inspected six forces and found that victims are let down.\n\nRecommendations\n\n"
        "For chief constables\n\nBy 31 December 2025, chief constables should:\n\n"
        "- make sure stalking protection orders are considered in every case; and\n"
        "- appoint a single point of contact for stalking.\n\n"
        "For the Home Office\n\nThe Home Office should:\n\n- review the statutory guidance on stalking.\n\n"
        "Introduction\n\nStalking is a serious crime.\n"
    )
    assert key == "national"
    assert [(i.text[:30], i.addressee, i.time_frame) for i in extraction.items] == [
        ("Make sure stalking protection ", "chief constables", "By 31 December 2025"),
        ("Appoint a single point of cont", "chief constables", "By 31 December 2025"),
    ]
    assert [(i.text[:30], i.addressee) for i in extraction.not_tracked] == [
        ("Review the statutory guidance ", "The Home Office")
    ]


def test_a_letter_copied_to_the_wrong_commissioner_is_still_about_its_own_force():
    key, extraction = parse(
        "Eastfield Police revisit: service to victims cause of concern\n\nPublished on: 31 October 2025\n\n"
        "Letter information\n\nFrom:\nA Inspector\nHis Majesty’s Inspector of Constabulary\n\n"
        "To:\nJo Smith\nChief Constable\nThames Valley Police and Crime Commissioner\n\n"
        "Cc:\nSam Jones\nEastfield Police and Crime Commissioner\n\nSent on:\n30 October 2025\n\n"
        "Background\n\nWe inspected Eastfield Police in 2024 and identified a cause of concern.\n\n"
        "Cause of concern\n\nThe force needs to improve how it investigates crimes and updates victims.\n\n"
        "Recommendations\n\nEastfield Police should, within three months:\n\n"
        "- make sure investigation plans are created; and\n- make sure victims are regularly updated.\n\n"
        "Conclusion\n\nWe found that Eastfield Police has made progress. While I congratulate the force on its "
        "progress, the existing cause of concern will remain.\n\nYours sincerely,\n",
        name="Eastfield Police",
    )
    assert key == "letter" and extraction.force_named == "Eastfield Police"
    assert [(i.reference, i.time_frame) for i in extraction.items] == [
        ("CoC 1", ""), ("Rec 1.1", "within three months"), ("Rec 1.2", "within three months"),
    ]
    assert extraction.items[0].decision.outcome == "open"


def test_a_letter_copied_without_its_details_is_still_read_as_a_letter():
    from tests.importing.expected_findings import DATA

    letter = (DATA / "letter-marchmoor-police-closure.txt").read_text()
    key, extraction = parse(letter[letter.index("Thank you for") :], name="Marchmoor Police")
    assert key == "letter" and extraction.letter.sent_on is None
    assert [(i.reference, i.decision.outcome) for i in extraction.items if i.decision] == [
        ("CoC 1", "closed"), ("CoC 2", "open"),
    ]
    assert any("date was not found" in w for w in extraction.warnings)
