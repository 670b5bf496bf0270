"""The review page's overview: every finding of the draft as a link to its place on the (long) page,
by kind, with those that need checking marked; and each warning linked to what it is about."""

import re
from dataclasses import dataclass, field

from inspections.models import FindingKind

GROUPS = {
    FindingKind.CAUSE_OF_CONCERN: "Causes of concern",
    FindingKind.RECOMMENDATION: "Recommendations",
    FindingKind.AREA_FOR_IMPROVEMENT: "Areas for improvement",
}


@dataclass
class LinkedWarning:
    text: str
    anchor: str = ""  # "#finding-3", "#id_title"…, or "" when the warning is about the whole report
    about: str = ""  # what the link leads to, for its words


@dataclass
class OverviewGroup:
    label: str
    entries: list = field(default_factory=list)  # [(anchor, reference, needs checking)]


def _mentions(warning, reference):
    return bool(reference) and re.search(rf"(?<![\w.]){re.escape(reference)}(?![\w.])", warning) is not None


def link_warnings(warnings, items):
    """Each warning with the anchor of the finding it names (by its reference, or by the start of its
    text quoted), or of the field it asks for (the title, the publication date)."""
    linked = []
    for warning in warnings:
        anchor = about = ""
        for index, item in enumerate(items, start=1):
            quoted = (item.text or "")[:60]
            if _mentions(warning, item.reference) or (len(quoted) > 20 and quoted in warning):
                anchor, about = f"#finding-{index}", item.reference
                break
        if not anchor and "title" in warning.lower():
            anchor, about = "#id_title", "the inspection's title"
        elif not anchor and ("date" in warning.lower() or "published" in warning.lower()):
            anchor, about = "#id_published_on", "the publication date"
        linked.append(LinkedWarning(warning, anchor, about))
    return linked


def overview(items, warnings=()):
    """[OverviewGroup] of the draft's findings, in the order of the page, by kind."""
    flagged = {w.anchor for w in warnings if w.anchor}
    groups = {kind: OverviewGroup(label) for kind, label in GROUPS.items()}
    for index, item in enumerate(items, start=1):
        anchor = f"#finding-{index}"
        group = groups.get(item.kind)
        if group is None:
            continue
        group.entries.append((anchor, item.reference or f"Finding {index}", anchor in flagged))
    return [group for group in groups.values() if group.entries]
