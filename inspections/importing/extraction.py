"""What a report parser returns: plain dataclasses that round-trip through JSON.

The extraction is what the review page starts from and what `manage.py import_report --json`
prints. It holds no database objects, only ids of earlier findings in carry-over candidates.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import date


class ImportProblem(Exception):
    """Input the importer cannot use; the message says what is wrong, in words staff understand."""


@dataclass
class Source:
    """Where an item was found: its paragraphs as printed, and their page and line numbers."""

    passage: str = ""
    page: int | None = None
    line: int | None = None


@dataclass
class Area:
    key: str
    name: str
    grade: str = ""  # a Grade value; empty for an ungraded assessment
    order: int = 0
    level: str = "area"  # a JudgmentLevel value: 2014-2019 reports also grade pillars
    pillar: str | None = None  # the key of the pillar an area sits under (2014-2019 reports)
    source: Source = field(default_factory=Source)


@dataclass
class Candidate:
    """An earlier finding a carried-over finding may repeat, with how alike their words are."""

    finding_id: int
    inspection: str
    reference: str
    text: str
    status: str
    similarity: float  # Jaccard index of their content words, 0 to 1
    shared_words: list[str] = field(default_factory=list)


@dataclass
class CarryOver:
    """The report says the finding repeats an earlier one ("Our 2019 report said…")."""

    phrase: str  # the words that say so, as printed
    year: int | None = None  # the year of the earlier report, where the report names it
    history: str = ""  # the report's sentences about the earlier finding ("Our 2019 report said…")
    candidates: list[Candidate] = field(default_factory=list)
    chosen: int | None = None  # the id of the earlier finding proposed as the one it repeats


@dataclass
class Decision:
    """What an HMICFRS letter decides about one cause of concern, and the tracked finding it is about."""

    outcome: str  # an HmicfrsOutcome value: "closed", "open", or "issued" (an accelerated one)
    topic: str = ""  # the cause of concern as the letter names it ("regarding responding to the public")
    summary: str = ""  # the letter's own words about it
    next_steps: str = ""
    candidates: list[Candidate] = field(default_factory=list)  # the force's causes of concern most like it
    chosen: int | None = None  # the id of the tracked finding the decision is about


@dataclass
class Letter:
    """An HMICFRS letter to a force: who wrote it, when, and what kind of letter it is."""

    kind: str  # "closure", "revisit" or "accelerated"
    kind_label: str = ""
    sent_on: str | None = None  # ISO date
    sender: str = ""
    recipient: str = ""
    copied_to: str = ""
    url: str = ""  # the letter on HMICFRS's website, given by staff
    inspection: int | None = None  # accelerated: the inspection its cause of concern joins (None: a new one)
    new_inspection_title: str = ""  # accelerated: the new inspection's title, given by staff


@dataclass
class Item:
    key: str
    kind: str  # a FindingKind value
    reference: str
    text: str
    context: str = ""
    area: str | None = None  # the key of an Area
    parent: str | None = None  # the key of the cause of concern a recommendation addresses
    time_frame: str = ""
    order: int = 0
    due_date: str | None = None  # ISO date, from the publication date and the time frame
    carry_over: CarryOver | None = None
    accelerated: bool = False  # an accelerated cause of concern, issued before publication
    addressee: str = ""  # national reports: who the recommendation is for ("chief constables", "the Home Office")
    decision: Decision | None = None  # letters: HMICFRS's decision on this cause of concern
    source: Source = field(default_factory=Source)


# What a document is, and so what accepting it does.
REPORT = "report"  # an inspection of the force: a new inspection with its areas and findings
NATIONAL = "national"  # a national or thematic report: standalone recommendations for the force
LETTER = "letter"  # an HMICFRS letter: decisions on the force's causes of concern


@dataclass
class Extraction:
    format: str
    format_label: str
    kind: str = REPORT
    title: str = ""
    grading_scale: str = ""
    force_named: str = ""  # the force as the report names it ("An inspection of …")
    published_on: str | None = None  # ISO date, as given by staff or printed in the report
    published_hint: str = ""  # e.g. "October 2022", when the report prints only a month
    areas: list[Area] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    not_tracked: list[Item] = field(default_factory=list)  # national reports: recommendations for others
    letter: Letter | None = None
    stats: dict = field(default_factory=dict)

    def to_dict(self):
        return asdict(self)

    @classmethod
    def from_dict(cls, data):
        data = dict(data)
        data["areas"] = [_area(a) for a in data.get("areas", [])]
        data["items"] = [_item(i) for i in data.get("items", [])]
        data["not_tracked"] = [_item(i) for i in data.get("not_tracked", [])]
        if data.get("letter"):
            data["letter"] = Letter(**data["letter"])
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def counts(self):
        """Graded areas, ungraded assessments and findings of each kind."""
        result = {
            "graded_areas": sum(1 for a in self.areas if a.grade),
            "ungraded_areas": sum(1 for a in self.areas if not a.grade),
        }
        for item in self.items:
            result[item.kind] = result.get(item.kind, 0) + 1
        result["carry_overs"] = sum(1 for i in self.items if i.carry_over)
        if self.not_tracked:
            result["not_tracked"] = len(self.not_tracked)
        if self.kind == LETTER:
            for item in self.items:
                if item.decision:
                    key = f"decision_{item.decision.outcome}"
                    result[key] = result.get(key, 0) + 1
        return result

    def area(self, key):
        return next((a for a in self.areas if a.key == key), None)

    def item(self, key):
        return next((i for i in self.items if i.key == key), None)


def _area(data):
    data = dict(data)
    data["source"] = Source(**data.get("source") or {})
    return Area(**data)


def _item(data):
    data = dict(data)
    data["source"] = Source(**data.get("source") or {})
    if data.get("carry_over"):
        carry = dict(data["carry_over"])
        carry["candidates"] = [Candidate(**c) for c in carry.get("candidates", [])]
        data["carry_over"] = CarryOver(**carry)
    if data.get("decision"):
        decision = dict(data["decision"])
        decision["candidates"] = [Candidate(**c) for c in decision.get("candidates", [])]
        data["decision"] = Decision(**decision)
    return Item(**data)


def iso(day):
    return day.isoformat() if isinstance(day, date) else day
