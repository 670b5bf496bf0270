"""What each sample document in tests/data/formats says, written by hand from reading it: its format,
title, the force it names, its grades, and every cause of concern, recommendation and area for
improvement (the start of its text, its time frame, the cause of concern it sits under and its area),
the recommendations a national report addresses to others, and an HMICFRS letter's decision on each
cause of concern.

`score` compares an extraction with these lists: a finding is found when one of the same kind starts
with the expected words, with the same time frame and cause of concern; recall is the share of the
expected that were found, precision the share of those read that were expected. The tests and
bench/importing.py both use it.
"""

from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "formats"

COC, REC, AFI = "cause_of_concern", "recommendation", "area_for_improvement"
GOOD, ADEQUATE, RI, INADEQUATE, OUTSTANDING = "good", "adequate", "requires_improvement", "inadequate", "outstanding"


@dataclass
class Expected:
    file: str
    format: str
    force: str  # the force the document is about (the one it is imported for in the tests)
    title: str
    areas: list = field(default_factory=list)  # (name, grade, pillar name or None); pillars have pillar "PILLAR"
    # (reference, kind, text starts with, time frame, reference of its cause of concern, area name)
    items: list = field(default_factory=list)
    not_tracked: list = field(default_factory=list)  # national reports: (addressee starts with, text starts with)
    decisions: dict = field(default_factory=dict)  # letters: {reference: outcome}
    published_on: str | None = None

    @property
    def path(self):
        return DATA / self.file

    def text(self):
        return self.path.read_text(encoding="utf-8")


SAMPLES = [
    # --- PEEL 2023–25 ---------------------------------------------------------------------------
    Expected(
        "peel2023-marchmoor-police-report.txt", "peel2023", "Marchmoor Police",
        "PEEL 2023–2025: An inspection of Marchmoor Police", published_on="2025-03-12",
        areas=[
            ("Victim service assessment", "", None), ("Police powers and public treatment", GOOD, None),
            ("Preventing crime", GOOD, None), ("Responding to the public", RI, None),
            ("Investigating crime", INADEQUATE, None), ("Protecting vulnerable people", ADEQUATE, None),
            ("Managing offenders", RI, None), ("Developing a positive workplace", ADEQUATE, None),
            ("Leadership and force management", GOOD, None), ("Recording data about crime", GOOD, None),
        ],
        items=[
            ("AFI 1", AFI, "The force needs to improve how quickly it answers non-emergency calls", "", None,
             "Responding to the public"),
            ("AFI 2", AFI, "The force needs to make sure it identifies repeat and vulnerable callers", "", None,
             "Responding to the public"),
            ("AFI 3", AFI, "The force needs to attend incidents within its published attendance times", "", None,
             "Responding to the public"),
            ("CoC 1", COC, "The force needs to improve the standard of its investigations", "", None,
             "Investigating crime"),
            ("Rec 1.1", REC, "Make sure investigations are allocated to officers with the skills",
             "Within three months", "CoC 1", "Investigating crime"),
            ("Rec 1.2", REC, "Make sure supervisors review investigations regularly", "Within three months", "CoC 1",
             "Investigating crime"),
            ("Rec 1.3", REC, "Make sure that victims are updated on the progress", "Within three months", "CoC 1",
             "Investigating crime"),
            ("Rec 1.4", REC, "Within six months, the force should make sure it has enough trained detectives",
             "Within six months", "CoC 1", "Investigating crime"),
            ("AFI 4", AFI, "The force needs to improve how it records the reasons why victims withdraw", "", None,
             "Investigating crime"),
            ("AFI 5", AFI, "The force should make sure that it considers evidence-led prosecutions", "", None,
             "Investigating crime"),
            ("AFI 6", AFI, "The force needs to make sure that it uses all available powers", "", None,
             "Protecting vulnerable people"),
            ("AFI 7", AFI, "The force needs to improve how it manages the risk posed by registered sex offenders", "",
             None, "Managing offenders"),
            ("AFI 8", AFI, "The force should make sure that suspects released under investigation are regularly", "",
             None, "Managing offenders"),
            ("AFI 9", AFI, "The force needs to make sure it understands the wellbeing needs", "", None,
             "Developing a positive workplace"),
        ],
    ),
    Expected(
        "peel2023-fenland-constabulary-protecting-vulnerable-people-page.txt", "peel2023", "Fenland Constabulary",
        "", areas=[("Protecting vulnerable people", RI, None)],
        items=[
            ("AFI 1", AFI, "The constabulary needs to improve how it assesses the risk to victims of domestic abuse",
             "", None, "Protecting vulnerable people"),
            ("AFI 2", AFI, "The constabulary needs to make sure it refers children affected by domestic abuse", "",
             None, "Protecting vulnerable people"),
            ("AFI 3", AFI, "The constabulary should make sure that officers understand and use the powers", "", None,
             "Protecting vulnerable people"),
        ],
    ),
    Expected(
        "peel2023-dale-and-moor-constabulary-report.txt", "peel2023", "Dale and Moor Constabulary",
        "PEEL 2023–2025: An inspection of Dale and Moor Constabulary",
        areas=[
            ("Victim service assessment", "", None), ("Police powers and public treatment", ADEQUATE, None),
            ("Preventing crime", GOOD, None), ("Responding to the public", INADEQUATE, None),
            ("Investigating crime", RI, None), ("Protecting vulnerable people", GOOD, None),
            ("Managing offenders", ADEQUATE, None), ("Developing a positive workplace", ADEQUATE, None),
            ("Leadership and force management", RI, None), ("Serious and organised crime", GOOD, None),
        ],
        items=[
            ("AFI 1", AFI, "The constabulary needs to improve how it monitors and scrutinises its use of force", "",
             None, "Police powers and public treatment"),
            ("CoC 1", COC, "The constabulary doesn't answer emergency and non-emergency calls quickly enough", "",
             None, "Responding to the public"),
            ("Rec 1.1", REC, "Make sure it has enough call handlers", "Within three months", "CoC 1",
             "Responding to the public"),
            ("Rec 1.2", REC, "Make sure call handlers assess the risk to callers", "Within three months", "CoC 1",
             "Responding to the public"),
            ("Rec 1.3", REC, "Make sure supervisors in its control room review the calls", "Within three months",
             "CoC 1", "Responding to the public"),
            ("Rec 1.4", REC, "By 31 March 2026, the constabulary should review its contact management strategy",
             "By 31 March 2026", "CoC 1", "Responding to the public"),
            ("AFI 2", AFI, "The constabulary needs to make sure that, when attendance is delayed", "", None,
             "Responding to the public"),
            ("AFI 3", AFI, "The constabulary should make sure that its online reporting channels are monitored", "",
             None, "Responding to the public"),
            ("AFI 4", AFI, "The constabulary needs to improve the supervision of its investigations", "", None,
             "Investigating crime"),
            ("AFI 5", AFI, "The constabulary should, within six months, make sure it reduces the number of overdue",
             "within six months", None, "Managing offenders"),
            ("AFI 6", AFI, "The constabulary needs to improve how it identifies and develops talent", "", None,
             "Developing a positive workplace"),
            ("AFI 7", AFI, "The constabulary should make sure its officers and staff receive regular", "", None,
             "Developing a positive workplace"),
            ("CoC 2", COC, "The constabulary doesn't have a clear understanding of its current and future demand", "",
             None, "Leadership and force management"),
            ("Rec 2.1", REC, "Dale and Moor Constabulary should, within six months, develop a comprehensive",
             "within six months", "CoC 2", "Leadership and force management"),
        ],
    ),
    # Written after the readers, and read first without changing them (see the note in the report).
    Expected(
        "peel2023-eastwold-constabulary-report.txt", "peel2023", "Eastwold Constabulary",
        "PEEL 2023–2025: An inspection of Eastwold Constabulary", published_on="2025-01-21",
        areas=[
            ("Responding to the public", RI, None), ("Investigating crime", ADEQUATE, None),
            ("Protecting vulnerable people", GOOD, None), ("Developing a positive workplace", ADEQUATE, None),
        ],
        items=[
            ("CoC 1", COC, "The constabulary isn’t answering emergency calls quickly enough", "", None,
             "Responding to the public"),
            ("Rec 1.1", REC, "Reviews its demand and resourcing in the control room", "within six months", "CoC 1",
             "Responding to the public"),
            ("Rec 1.2", REC, "Introduces a process to call back people", "within six months", "CoC 1",
             "Responding to the public"),
            ("Rec 1.3", REC, "Makes sure supervisors in the control room review", "within six months", "CoC 1",
             "Responding to the public"),
            ("AFI 1", AFI, "The constabulary needs to improve how it keeps callers updated", "", None,
             "Responding to the public"),
            ("AFI 2", AFI, "The constabulary needs to make sure that investigation plans are recorded", "", None,
             "Investigating crime"),
            ("AFI 3", AFI, "The constabulary should improve the use of bail", "", None, "Investigating crime"),
            ("AFI 4", AFI, "The constabulary needs to improve how it understands and supports the wellbeing", "",
             None, "Developing a positive workplace"),
        ],
    ),
    # --- PEEL 2014 to 2019 ------------------------------------------------------------------------
    Expected(
        "peel2019-westshire-police-report.txt", "peel2014", "Westshire Police",
        "PEEL: Police effectiveness, efficiency and legitimacy 2018/19: An inspection of Westshire Police",
        areas=[
            ("Effectiveness", GOOD, "PILLAR"), ("Efficiency", RI, "PILLAR"), ("Legitimacy", GOOD, "PILLAR"),
            ("Preventing crime and tackling anti-social behaviour", GOOD, "Effectiveness"),
            ("Investigating crime", RI, "Effectiveness"), ("Protecting vulnerable people", GOOD, "Effectiveness"),
            ("Tackling serious and organised crime", GOOD, "Effectiveness"), ("Armed policing", "", "Effectiveness"),
            ("Meeting current demands and using resources", RI, "Efficiency"),
            ("Planning for the future", INADEQUATE, "Efficiency"), ("Treating the public fairly", RI, "Legitimacy"),
            ("Ethical and lawful workforce behaviour", GOOD, "Legitimacy"),
            ("Treating the workforce fairly", GOOD, "Legitimacy"),
        ],
        items=[
            ("AFI 1", AFI, "The force should evaluate its problem-solving work", "", None,
             "Preventing crime and tackling anti-social behaviour"),
            ("CoC 1", COC, "The force does not have enough trained investigators", "", None, "Investigating crime"),
            ("Rec 1.1", REC, "Improve how it allocates investigations", "within six months", "CoC 1",
             "Investigating crime"),
            ("Rec 1.2", REC, "Make sure investigations are regularly and actively supervised", "within six months",
             "CoC 1", "Investigating crime"),
            ("Rec 1.3", REC, "Improve its ability to retrieve digital evidence", "within six months", "CoC 1",
             "Investigating crime"),
            ("AFI 2", AFI, "The force should improve its understanding of suspects released under investigation", "",
             None, "Investigating crime"),
            ("AFI 3", AFI, "The force should make sure it complies fully with its disclosure obligations", "", None,
             "Investigating crime"),
            ("AFI 4", AFI, "Improvements must be made to the quality of risk reassessments", "", None,
             "Protecting vulnerable people"),
            ("AFI 5", AFI, "The force should make sure it shares information with schools", "", None,
             "Protecting vulnerable people"),
            ("AFI 6", AFI, "The force should make sure that lead responsible officers maintain", "", None,
             "Tackling serious and organised crime"),
            ("AFI 7", AFI, "The force should, within three months, complete its assessment of the skills",
             "within three months", None, "Meeting current demands and using resources"),
            ("AFI 8", AFI, "The force should review its IT strategy", "", None,
             "Meeting current demands and using resources"),
            ("CoC 2", COC, "The force has not yet defined how its services will operate in the future", "", None,
             "Planning for the future"),
            ("Rec 2.1", REC, "Clearly define its future operating model", "immediately", "CoC 2",
             "Planning for the future"),
            ("Rec 2.2", REC, "Consult the public about its plans", "immediately", "CoC 2", "Planning for the future"),
            ("AFI 9", AFI, "The force should review its arrangements for training, monitoring", "", None,
             "Treating the public fairly"),
            ("AFI 10", AFI, "The force should make sure that all relevant officers and staff have in-date", "", None,
             "Treating the public fairly"),
            ("AFI 11", AFI, "The force should make sure that its counter-corruption unit", "", None,
             "Ethical and lawful workforce behaviour"),
            ("AFI 12", AFI, "Individual performance reviews and processes for identifying talent", "", None,
             "Treating the workforce fairly"),
            ("AFI 13", AFI, "Promotion and selection processes should be made accessible", "", None,
             "Treating the workforce fairly"),
        ],
    ),
    Expected(
        "peel2017-carrow-constabulary-effectiveness-report.txt", "peel2014", "Carrow Constabulary",
        "PEEL: Police effectiveness 2017: An inspection of Carrow Constabulary",
        areas=[
            ("Effectiveness", RI, "PILLAR"),
            ("Preventing crime and tackling anti-social behaviour", GOOD, "Effectiveness"),
            ("Investigating crime and reducing re-offending", RI, "Effectiveness"),
            ("Protecting vulnerable people", INADEQUATE, "Effectiveness"),
            ("Tackling serious and organised crime", GOOD, "Effectiveness"),
            ("Specialist capabilities", "", "Effectiveness"),
        ],
        items=[
            ("AFI 1", AFI, "The constabulary should ensure it consistently uses problem-solving", "", None,
             "Preventing crime and tackling anti-social behaviour"),
            ("AFI 2", AFI, "The constabulary should ensure that all investigations are allocated", "", None,
             "Investigating crime and reducing re-offending"),
            ("AFI 3", AFI, "The constabulary should, within three months, take steps to reduce the backlog",
             "within three months", None, "Investigating crime and reducing re-offending"),
            ("AFI 4", AFI, "The constabulary should improve how it manages the risk posed by wanted", "", None,
             "Investigating crime and reducing re-offending"),
            ("CoC 1", COC, "The constabulary's response to missing and absent children is not good enough", "", None,
             "Protecting vulnerable people"),
            ("Rec 1.1", REC, "Review how it categorises missing and absent children", "immediately", "CoC 1",
             "Protecting vulnerable people"),
            ("Rec 1.2", REC, "Make sure supervisors review the risk assessments", "immediately", "CoC 1",
             "Protecting vulnerable people"),
            ("Rec 1.3", REC, "Within three months, make sure that return home interviews", "Within three months",
             "CoC 1", "Protecting vulnerable people"),
            ("AFI 5", AFI, "The constabulary should improve how it identifies repeat and vulnerable victims", "",
             None, "Protecting vulnerable people"),
            ("AFI 6", AFI, "The constabulary should ensure that officers make full use of the powers", "", None,
             "Protecting vulnerable people"),
        ],
    ),
    Expected(
        "peel2018-dunmore-police-legitimacy-page.txt", "peel2014", "Dunmore Police", "Dunmore PEEL 2018: Legitimacy",
        areas=[
            ("Legitimacy", RI, "PILLAR"), ("Treating the public fairly", GOOD, "Legitimacy"),
            ("Ethical and lawful workforce behaviour", INADEQUATE, "Legitimacy"),
            ("Treating the workforce fairly", RI, "Legitimacy"),
        ],
        items=[
            ("AFI 1", AFI, "The force should make sure it monitors and scrutinises its use of force", "", None,
             "Treating the public fairly"),
            ("AFI 2", AFI, "The force should improve how it records the reasons for each stop and search", "", None,
             "Treating the public fairly"),
            ("CoC 1", COC, "The force is not doing enough to identify and prevent the abuse of position", "", None,
             "Ethical and lawful workforce behaviour"),
            ("Rec 1.1", REC, "Make sure its counter-corruption unit has enough capacity", "within three months",
             "CoC 1", "Ethical and lawful workforce behaviour"),
            ("Rec 1.2", REC, "Start monitoring all of its computer systems", "within three months", "CoC 1",
             "Ethical and lawful workforce behaviour"),
            ("Rec 1.3", REC, "Build relationships with organisations that support vulnerable people",
             "within three months", "CoC 1", "Ethical and lawful workforce behaviour"),
            ("AFI 3", AFI, "The force should make sure its vetting is up to date", "", None,
             "Ethical and lawful workforce behaviour"),
            ("AFI 4", AFI, "The force should make sure that its performance development review process", "", None,
             "Treating the workforce fairly"),
            ("AFI 5", AFI, "The force should make sure it understands and addresses the reasons why officers", "",
             None, "Treating the workforce fairly"),
        ],
    ),
    Expected(
        "peel2016-kestrel-police-efficiency-page.txt", "peel2014", "Kestrel Police", "Kestrel PEEL 2016: Efficiency",
        areas=[
            ("Efficiency", RI, "PILLAR"), ("Understanding demand", RI, "Efficiency"),
            ("Using resources", GOOD, "Efficiency"), ("Planning for the future", RI, "Efficiency"),
        ],
        items=[
            ("AFI 1", AFI, "The force should undertake further work to understand fully the demand", "", None,
             "Understanding demand"),
            ("AFI 2", AFI, "The force should improve how it understands the skills of its workforce", "", None,
             "Understanding demand"),
            ("AFI 3", AFI, "The force should develop its plans for the future", "", None, "Planning for the future"),
        ],
    ),
    # --- HMICFRS letters ----------------------------------------------------------------------------
    Expected(
        "letter-marchmoor-police-closure.txt", "letter", "Marchmoor Police",
        "Marchmoor Police: closure of cause of concern letter", published_on="2025-10-10",
        items=[
            ("CoC 1", COC, "The force doesn’t answer non-emergency calls quickly enough", "", None, None),
            ("Rec 1.1", REC, "Improve its processes for answering non-emergency calls", "Within three months", "CoC 1",
             None),
            ("Rec 1.2", REC, "Make sure that it identifies repeat and vulnerable callers", "Within three months",
             "CoC 1", None),
            ("CoC 2", COC, "The force needs to improve the standard of its investigations", "", None, None),
        ],
        decisions={"CoC 1": "closed", "CoC 2": "open"},
    ),
    Expected(
        "letter-fenland-constabulary-revisit.txt", "letter", "Fenland Constabulary",
        "Fenland Constabulary revisit: victim service cause of concern", published_on="2025-10-30",
        items=[
            ("CoC 1", COC, "The constabulary needs to improve how it investigates crimes, supervises", "", None, None),
            ("Rec 1.1", REC, "Make sure investigation plans are created where applicable", "within three months",
             "CoC 1", None),
            ("Rec 1.2", REC, "Make sure victims are regularly updated", "within three months", "CoC 1", None),
        ],
        decisions={"CoC 1": "open"},
    ),
    Expected(
        "letter-tollbridge-police-accelerated.txt", "letter", "Tollbridge Police",
        "Tollbridge Police: accelerated cause of concern", published_on="2025-06-16",
        items=[
            ("CoC 1", COC, "Tollbridge Police isn’t managing the risk posed by registered sex offenders", "", None,
             None),
            ("Rec 1.1", REC, "Reduce the number of overdue visits", "Within three months", "CoC 1", None),
            ("Rec 1.2", REC, "Make sure risk assessments of registered sex offenders", "Within three months", "CoC 1",
             None),
            ("Rec 1.3", REC, "Make sure it has enough trained officers", "Within three months", "CoC 1", None),
            ("Rec 1.4", REC, "Within six months, Tollbridge Police should review how it uses technology",
             "Within six months", "CoC 1", None),
        ],
        decisions={"CoC 1": "issued"},
    ),
    Expected(
        "letter-westshire-police-revisit-2021.txt", "letter", "Westshire Police",
        "Westshire Police: revisit of causes of concern from the 2018/19 PEEL inspection", published_on="2021-05-12",
        items=[
            ("CoC 1", COC, "Investigating crime", "", None, None),
            ("CoC 2", COC, "Planning for the future", "", None, None),
        ],
        decisions={"CoC 1": "closed", "CoC 2": "open"},
    ),
    Expected(
        "letter-kestrel-police-causes-of-concern-2022.txt", "letter", "Kestrel Police",
        "Kestrel Police: causes of concern", published_on="2022-09-02",
        items=[
            ("CoC 1", COC, "Crime data integrity", "", None, None),
            ("CoC 2", COC, "Management of registered sex offenders", "", None, None),
        ],
        decisions={"CoC 1": "closed", "CoC 2": "open"},
    ),
    # --- Other inspections of a force ---------------------------------------------------------------
    Expected(
        "inspection-marchmoor-police-child-protection.txt", "inspection", "Marchmoor Police",
        "National child protection inspection: An inspection of Marchmoor Police's child protection arrangements",
        published_on="2024-11-19",
        items=[
            ("Rec 1", REC, "Makes sure that every child detained in police custody", "immediately", None, None),
            ("Rec 2", REC, "Reviews all open cases of missing children", "immediately", None, None),
            ("Rec 3", REC, "We recommend that, within three months, the force makes sure its officers record",
             "within three months", None, None),
            ("Rec 4", REC, "Develops a plan with its partners", "within six months", None, None),
            ("Rec 5", REC, "Makes sure its officers have the training", "within six months", None, None),
            ("AFI 1", AFI, "The force should improve how it shares information with children's social care", "", None,
             None),
            ("AFI 2", AFI, "The force should make sure that supervisors review all referrals", "", None, None),
        ],
    ),
    # --- National and thematic reports ----------------------------------------------------------------
    Expected(
        "national-wanted-suspects-2025.txt", "national", "Kent Police",
        "An inspection of how well the police service manages wanted and outstanding suspects",
        published_on="2025-02-04",
        items=[
            ("Rec 1", REC, "By 31 October 2025, chief constables should make sure that every wanted suspect",
             "By 31 October 2025", None, None),
            ("Rec 2", REC, "By 31 October 2025, chief constables should make sure their forces regularly review",
             "By 31 October 2025", None, None),
            ("Rec 6", REC, "With immediate effect, chief constables should make sure that officers",
             "With immediate effect", None, None),
            ("AFI 1", AFI, "Forces should make sure their supervisors review the progress", "", None, None),
            ("AFI 2", AFI, "Forces should improve how they share information about wanted suspects", "", None, None),
        ],
        not_tracked=[
            ("the College of Policing", "By 31 March 2026, the College of Policing should update"),
            ("the National Police Chiefs’ Council", "By 31 March 2026, the National Police Chiefs’ Council lead"),
            ("the Home Office", "By 30 June 2026, the Home Office should make sure"),
        ],
    ),
    Expected(
        "national-antisocial-behaviour-2017.txt", "national", "Kent Police",
        "Making the victim count: A thematic inspection of the police response to victims of antisocial behaviour",
        items=[
            ("Rec 1", REC, "Within six months, all forces should make sure that call handlers", "Within six months",
             None, None),
            ("Rec 2", REC, "Within six months, chief constables should ensure that all reports", "Within six months",
             None, None),
            ("Rec 5", REC, "Chief constables should immediately review how their forces use community protection",
             "immediately", None, None),
        ],
        not_tracked=[
            ("The National Police Chiefs’ Council", "The National Police Chiefs’ Council lead for antisocial"),
            ("the College of Policing", "Within 12 months, the College of Policing should include"),
            ("Police and crime commissioners", "Police and crime commissioners should make sure"),
            ("the Home Office", "By 31 March 2018, the Home Office should review"),
        ],
    ),
    Expected(
        "national-rape-joint-inspection-2025.txt", "national", "Kent Police",
        "Joint inspection of the police and Crown Prosecution Service response to rape: Phase two: post-charge",
        published_on="2025-09-10",
        items=[
            ("Rec 1", REC, "Make sure that every rape victim has a named officer", "By 31 December 2025", None, None),
            ("Rec 2", REC, "Make sure officers consult victims", "By 31 December 2025", None, None),
            ("Rec 3", REC, "Review how their forces gather and record evidence", "By 31 December 2025", None, None),
            ("Rec 4", REC, "Chief constables and the Crown Prosecution Service should, within six months, agree",
             "within six months", None, None),
        ],
        not_tracked=[
            ("The Home Office", "Fund a national evaluation"),
            ("The Home Office", "Review the guidance on the use of pre-trial therapy"),
            ("the Crown Prosecution Service", "Within six months, the Crown Prosecution Service should"),
            ("police and crime commissioners", "By 30 June 2026, police and crime commissioners should"),
        ],
    ),
]

SAMPLES.append(
    Expected(
        "national-hate-crime-2025.txt", "national", "Kent Police",
        "Police response to hate crime: An inspection of how well forces respond to hate crime",
        published_on="2025-03-14",
        items=[
            ("Rec 1", REC, "By 31 March 2026, all chief constables should make sure that call handlers",
             "By 31 March 2026", None, None),
            ("Rec 2", REC, "By 31 March 2026, chief constables and police and crime commissioners should",
             "By 31 March 2026", None, None),
            ("AFI 1", AFI, "Forces should improve how they record the outcome", "", None, None),
        ],
        not_tracked=[
            ("the College of Policing", "By 30 September 2025, the College of Policing should publish"),
            ("The Home Office", "The Home Office should, within 12 months, review"),
        ],
    )
)

FORMAT_LABELS = {
    "peel2023": "PEEL 2023–25",
    "peel2014": "PEEL 2014–2019",
    "letter": "HMICFRS letters",
    "national": "National and thematic",
    "inspection": "Other inspections of a force",
}


def plain(text):
    return " ".join((text or "").replace("’", "'").replace("‘", "'").split()).lower()


def score(expected, extraction):
    """(expected, found, matched) counts of the causes of concern, recommendations and areas for improvement."""
    found = list(extraction.items)
    references = {item.key: item.reference for item in found}
    matched, used = 0, set()
    for _reference, kind, start, time_frame, parent, _area in expected.items:
        for index, item in enumerate(found):
            if index in used or item.kind != kind or not plain(item.text).startswith(plain(start)):
                continue
            if plain(item.time_frame) != plain(time_frame):
                continue
            if (references.get(item.parent) if item.parent else None) != parent:
                continue
            used.add(index)
            matched += 1
            break
    return len(expected.items), len(found), matched
