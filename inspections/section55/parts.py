"""The generated parts of the Section 55 letter: section 2 (every pillar and area with its grade, each
cause of concern with its recommendations and each area for improvement, in report order, with the
force's responses), the grades of section 1 set against the previous inspection's, and the governance
summary. Plain strings and text blocks only; the templates escape them."""

from dataclasses import dataclass, field

from inspections.core import timeframes
from inspections.core.grading import Grade
from inspections.documents import text
from inspections.models import FindingKind, JudgmentLevel


def lower_first(words):
    return words[:1].lower() + words[1:] if words else words


def grade_label(grade):
    return Grade(grade).label if grade else ""


# --- The structure of section 2 ------------------------------------------------------------------


@dataclass
class LetterFinding:
    finding: object
    text: list
    context: list
    response: list
    time_frame_note: str = ""

    @property
    def is_missing_response(self):
        return not self.response


@dataclass
class Group:
    """One run of findings under an area: a cause of concern with its recommendations, recommendations
    that stand alone, or areas for improvement."""

    kind: str  # "cause", "recommendations", "afis"
    items: list = field(default_factory=list)
    cause: LetterFinding | None = None
    lead_in: str = ""


@dataclass
class AreaSection:
    heading: str
    groups: list = field(default_factory=list)


@dataclass
class PillarSection:
    heading: str
    areas: list = field(default_factory=list)


def judgment_heading(judgment, *, upper=False):
    name = judgment.name.upper() if upper else judgment.name
    if not judgment.grade:
        return name
    label = grade_label(judgment.grade)
    return f"{name} – {label.upper() if upper else label}"


def recommendation_lead_in(time_frames, noun):
    """'To address this cause of concern, we recommend that within six months the force should:'."""
    frames = sorted({frame.strip() for frame in time_frames if frame and frame.strip()})
    opening = "To address this cause of concern, we recommend that"
    if len(frames) != 1:
        return f"{opening} the {noun} should:"
    frame = frames[0]
    try:
        kind = timeframes.parse(frame).kind
    except timeframes.TimeFrameError:
        kind = "other"
    if kind == "immediately":
        return f"{opening} the {noun} should immediately:"
    return f"{opening} {lower_first(frame)} the {noun} should:"


def _time_frame_note(finding, *, shown_in_lead_in):
    frame = (finding.time_frame or "").strip()
    if not frame or shown_in_lead_in or frame.lower() in finding.text.lower():
        return ""
    return f"Time frame: {lower_first(frame)}."


def _letter_finding(finding, *, include_context, shown_in_lead_in=False):
    return LetterFinding(
        finding=finding,
        text=text.parse(finding.text),
        context=text.parse(finding.context) if include_context else [],
        response=text.parse(finding.response),
        time_frame_note=_time_frame_note(finding, shown_in_lead_in=shown_in_lead_in),
    )


def _groups(area_findings, recommendations_by_cause, *, noun, include_context):
    groups = []
    for finding in area_findings:
        if finding.kind == FindingKind.CAUSE_OF_CONCERN:
            recommendations = recommendations_by_cause.get(finding.pk, [])
            frames = [rec.time_frame for rec in recommendations] or [finding.time_frame]
            one_frame = len({(frame or "").strip() for frame in frames}) == 1
            groups.append(
                Group(
                    kind="cause",
                    cause=_letter_finding(finding, include_context=include_context, shown_in_lead_in=True),
                    lead_in=recommendation_lead_in(frames, noun),
                    items=[
                        _letter_finding(rec, include_context=include_context, shown_in_lead_in=one_frame)
                        for rec in recommendations
                    ],
                )
            )
            continue
        kind = "afis" if finding.kind == FindingKind.AREA_FOR_IMPROVEMENT else "recommendations"
        if not groups or groups[-1].kind != kind:
            groups.append(Group(kind=kind))
        groups[-1].items.append(_letter_finding(finding, include_context=include_context))
    return groups


def chief_constable_sections(inspection, *, include_context):
    """Section 2's body: pillars, areas and their findings in report order (a few queries in all)."""
    noun = inspection.force.noun
    judgments = list(inspection.judgments.order_by("order"))
    findings = list(inspection.findings.order_by("order"))
    recommendations_by_cause = {}
    for finding in findings:
        if finding.cause_of_concern_id:
            recommendations_by_cause.setdefault(finding.cause_of_concern_id, []).append(finding)
    top_findings = [finding for finding in findings if not finding.cause_of_concern_id]
    by_area = {}
    for finding in top_findings:
        by_area.setdefault(finding.judgment_id, []).append(finding)

    def area(heading, area_findings):
        return AreaSection(
            heading=heading,
            groups=_groups(area_findings, recommendations_by_cause, noun=noun, include_context=include_context),
        )

    pillars, current = [], None
    for judgment in judgments:
        if judgment.level == JudgmentLevel.PILLAR:
            current = PillarSection(heading=judgment_heading(judgment, upper=True))
            pillars.append(current)
            continue
        if current is None or (judgment.pillar_id is None and current.heading):
            current = PillarSection(heading="")
            pillars.append(current)
        current.areas.append(area(judgment_heading(judgment), by_area.get(judgment.pk, [])))
    if by_area.get(None):
        heading = "Other findings" if judgments else ""
        pillars.append(PillarSection(heading="", areas=[area(heading, by_area[None])]))
    return pillars


def all_letter_findings(sections):
    """Every finding of section 2 in the order the letter prints them."""
    for pillar in sections:
        for area_section in pillar.areas:
            for group in area_section.groups:
                if group.cause:
                    yield group.cause
                yield from group.items


# --- Section 1: grades ---------------------------------------------------------------------------


@dataclass
class GradeLine:
    name: str
    grade: str
    note: str = ""


def grade_comparison(inspection):
    """(this inspection's grades, the previous inspection's grades for the same pillars or areas)."""
    judgments = list(inspection.judgments.select_related("compared_with").order_by("order"))
    pillars = [j for j in judgments if j.level == JudgmentLevel.PILLAR]
    top = pillars or judgments
    current = [GradeLine(j.name, grade_label(j.grade) or "Not graded") for j in top]
    previous = []
    for judgment in top:
        earlier = judgment.compared_with
        if earlier is None:
            previous.append(GradeLine(judgment.name, "", note="no comparable grade"))
        elif earlier.name == judgment.name:
            previous.append(GradeLine(earlier.name, grade_label(earlier.grade) or "Not graded"))
        else:
            note = f"graded as ‘{earlier.name}’"
            previous.append(GradeLine(judgment.name, grade_label(earlier.grade) or "Not graded", note=note))
    if not any(line.grade for line in previous):
        previous = []
    return current, previous


# --- The governance summary -----------------------------------------------------------------------


def _the(name):
    return name if name.lower().startswith("the ") else f"the {name}"


def _board_phrase(board):
    parts = [_the(board.name)]
    if board.chair_role_id:
        parts.append(f"chaired by the {board.chair_role.title}")
    if board.meeting_frequency:
        parts.append(f"meeting {lower_first(board.meeting_frequency.strip())}")
    return ", ".join(parts)


def _join(items):
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def governance_summary_for(inspection):
    """The closing paragraph of section 2, generated from the findings' owners and boards (editable)."""
    findings = list(inspection.findings.select_related("board__chair_role", "board__parent"))
    if not findings:
        return ""
    kinds = {finding.kind for finding in findings}
    what = _join(
        [label for kind, label in (
            (FindingKind.CAUSE_OF_CONCERN, "causes of concern"),
            (FindingKind.RECOMMENDATION, "recommendations"),
            (FindingKind.AREA_FOR_IMPROVEMENT, "areas for improvement"),
        ) if kind in kinds]
    )
    owned = sum(1 for finding in findings if finding.owner_id)
    if owned == len(findings):
        sentences = [f"In summary, all of these {what} have been designated a strategic force lead."]
    else:
        sentences = [
            f"In summary, {owned} of these {len(findings)} {what} have been designated a strategic force lead; "
            f"the others are awaiting allocation."
        ]
    roots, subs = {}, {}
    for finding in findings:
        if not finding.board_id:
            continue
        lineage = finding.board.lineage()
        root = lineage[-1]
        roots.setdefault(root.pk, [root, 0])[1] += 1
        for board in lineage[:-1]:
            subs.setdefault(board.pk, board)
    if not roots:
        sentences.append("No governance board has yet been recorded for them.")
        return " ".join(sentences)
    ranked = [board for board, _ in sorted(roots.values(), key=lambda pair: (-pair[1], pair[0].name))]
    sentences.append(
        f"They are tracked on the {ranked[0].name} action tracker, with governance and oversight through "
        f"{_join([_board_phrase(board) for board in ranked])}."
    )
    if subs:
        names = [_the(board.name) for board in sorted(subs.values(), key=lambda board: board.name)]
        sentences.append(f"Work on some of them is also governed through {_join(names)}.")
    return " ".join(sentences)
