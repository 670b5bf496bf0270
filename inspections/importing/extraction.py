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
    candidates: list[Candidate] = field(default_factory=list)
    chosen: int | None = None  # the id of the earlier finding proposed as the one it repeats


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
    source: Source = field(default_factory=Source)


@dataclass
class Extraction:
    format: str
    format_label: str
    title: str = ""
    grading_scale: str = ""
    force_named: str = ""  # the force as the report names it ("An inspection of …")
    published_on: str | None = None  # ISO date, as given by staff or printed in the report
    published_hint: str = ""  # e.g. "October 2022", when the report prints only a month
    areas: list[Area] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stats: dict = field(default_factory=dict)

    def to_dict(self):
        return asdict(self)

    @classmethod
    def from_dict(cls, data):
        data = dict(data)
        data["areas"] = [_area(a) for a in data.get("areas", [])]
        data["items"] = [_item(i) for i in data.get("items", [])]
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
    return Item(**data)


def iso(day):
    return day.isoformat() if isinstance(day, date) else day
