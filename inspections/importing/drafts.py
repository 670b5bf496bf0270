"""Staff's edits to an extraction on the review page: edit, merge, split, drop and add.

Pure functions over the extraction's dataclasses (no database): the review page turns its forms
into rows, `apply_review` returns the edited extraction, and `problems` lists what would stop it
being accepted.
"""

import copy
from dataclasses import dataclass

from inspections.core import timeframes
from inspections.core.grading import Grade
from inspections.importing import letters
from inspections.importing.extraction import LETTER, Area, CarryOver, Item, Source
from inspections.importing.formats.peel2021 import number_items
from inspections.importing.pipeline import set_due_dates
from inspections.models import FindingKind


@dataclass
class AreaRow:
    key: str
    name: str
    grade: str = ""
    drop: bool = False


@dataclass
class ItemRow:
    key: str
    kind: str
    reference: str
    text: str
    context: str = ""
    area: str = ""
    parent: str = ""
    time_frame: str = ""
    position: int | None = None
    repeats: int | None = None
    accelerated: bool = False
    drop: bool = False
    merge_up: bool = False
    split_at: int | None = None


def apply_review(extraction, *, title, published_on, area_rows, item_rows, renumber=True, added_by=""):
    """The extraction with staff's edits applied (the original is not changed)."""
    draft = copy.deepcopy(extraction)
    draft.title = title.strip()
    draft.published_on = published_on.isoformat() if published_on else None
    draft.areas = _areas(draft, area_rows)
    area_keys = {a.key for a in draft.areas}
    items = _items(draft, item_rows, area_keys, added_by)
    items = _merge(items, item_rows)
    items = _split(items, item_rows)
    coc_keys = {i.key for i in items if i.kind == FindingKind.CAUSE_OF_CONCERN}
    for number, item in enumerate(items, 1):
        item.order = number
        if item.parent not in coc_keys or item.kind != FindingKind.RECOMMENDATION:
            item.parent = None
    if renumber:
        number_items(items)
    draft.items = items
    set_due_dates(draft)
    return draft


def _next_key(prefix, taken):
    number = 1
    while f"{prefix}{number}" in taken:
        number += 1
    taken.add(f"{prefix}{number}")
    return f"{prefix}{number}"


def _areas(draft, rows):
    old = {a.key: a for a in draft.areas}
    taken, areas = set(old), []
    for row in rows:
        if row.drop or not row.name.strip():
            continue
        area = copy.deepcopy(old.get(row.key)) or Area(key=_next_key("a", taken), name="")
        area.name, area.grade = row.name.strip(), row.grade
        area.order = len(areas) + 1
        areas.append(area)
    return areas


def _items(draft, rows, area_keys, added_by):
    old = {i.key: i for i in draft.items}
    taken, kept = set(old), []
    ordered = sorted(enumerate(rows), key=lambda pair: (pair[1].position or 10**6, pair[0]))
    for _index, row in ordered:
        if row.drop or not row.text.strip():
            continue
        item = copy.deepcopy(old.get(row.key))
        if item is None:
            item = Item(key=_next_key("f", taken), kind=row.kind, reference="", text="")
            item.source = Source(passage=f"Added on the review page{f' by {added_by}' if added_by else ''}.")
        item.kind = row.kind
        item.reference = row.reference.strip()
        item.text = row.text.strip()
        item.context = row.context.strip().replace("\r\n", "\n")
        item.area = row.area if row.area in area_keys else None
        item.parent = row.parent or None
        item.time_frame = row.time_frame.strip()
        item.accelerated = bool(row.accelerated) and row.kind == FindingKind.CAUSE_OF_CONCERN
        if row.repeats:
            item.carry_over = item.carry_over or CarryOver(phrase="")
            item.carry_over.chosen = row.repeats
        elif item.carry_over:
            item.carry_over.chosen = None
        kept.append(item)
    return kept


def _merge(items, rows):
    """An item marked "merge into the one above" joins its predecessor's context."""
    marked = {row.key for row in rows if row.merge_up and row.key}
    merged = []
    for item in items:
        if item.key in marked and merged:
            target = merged[-1]
            target.context = "\n\n".join(p for p in (target.context, item.text, item.context) if p)
            target.source.passage = f"{target.source.passage}\n\n{item.source.passage}"
            target.carry_over = target.carry_over or item.carry_over
            for other in items:
                if other.parent == item.key:
                    other.parent = target.key if target.kind == FindingKind.CAUSE_OF_CONCERN else None
            continue
        merged.append(item)
    return merged


def _split(items, rows):
    """An item split at context paragraph N: paragraph N becomes a new item's text, the rest its context."""
    at = {row.key: row.split_at for row in rows if row.split_at and row.key}
    taken, result = {i.key for i in items}, []
    for item in items:
        result.append(item)
        paragraphs = [p for p in item.context.split("\n\n") if p.strip()]
        number = at.get(item.key)
        if not number or not 1 <= number <= len(paragraphs):
            continue
        item.context = "\n\n".join(paragraphs[: number - 1])
        moved = paragraphs[number - 1 :]
        result.append(
            Item(
                key=_next_key("f", taken),
                kind=item.kind,
                reference="",
                text=moved[0],
                context="\n\n".join(moved[1:]),
                area=item.area,
                parent=item.parent,
                source=Source(passage="\n\n".join(moved), page=item.source.page, line=item.source.line),
            )
        )
    return result


def problems(draft):
    """What stops the draft becoming a tracked inspection, one sentence each."""
    if draft.kind == LETTER:
        return letters.problems(draft)
    found = []
    if not draft.title:
        found.append("Give the inspection a title.")
    if not draft.published_on:
        found.append("Give the report's publication date: the due dates follow from it.")
    names = [a.name.lower() for a in draft.areas]
    for name in {n for n in names if names.count(n) > 1}:
        found.append(f"Two areas are called “{name}”; each area needs its own name.")
    for area in draft.areas:
        if area.grade and area.grade not in Grade.values:
            found.append(f"{area.name}: “{area.grade}” is not a grade.")
    if not draft.items:
        found.append("There are no findings to track.")
    references = [i.reference.lower() for i in draft.items]
    for item in draft.items:
        label = item.reference or f"Finding {item.order}"
        if not item.reference:
            found.append(f"{label}: give it a reference.")
        elif references.count(item.reference.lower()) > 1:
            found.append(f"{label}: another finding has the same reference.")
        if item.kind not in FindingKind.values:
            found.append(f"{label}: choose its type.")
        if len(item.reference) > 30:
            found.append(f"{label}: a reference has at most 30 characters.")
        if len(item.time_frame) > 120:
            found.append(f"{label}: a time frame has at most 120 characters.")
        try:
            timeframes.parse(item.time_frame)
        except timeframes.TimeFrameError as error:
            found.append(f"{label}: {error}")
        if item.kind == FindingKind.RECOMMENDATION and item.parent and not draft.item(item.parent):
            found.append(f"{label}: its cause of concern is no longer in the draft.")
    return found
