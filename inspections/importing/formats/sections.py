"""What a report says about itself (title, force, publication date) and the checks of an
extraction against the report's own summary ("We make graded judgments in eight of these nine";
the table of grades)."""

import calendar
import re
from dataclasses import dataclass
from datetime import date

from . import common, signals

_MONTHS = "|".join(calendar.month_name[1:])
_PUBLISHED = re.compile(rf"\bPublished(?:\s+on)?:?\s+(\d{{1,2}})\s+({_MONTHS})\s+(\d{{4}})\b", re.I)
_MONTH_LINE = re.compile(rf"^({_MONTHS})\s+(\d{{4}})(?:\s*[|–-].*)?$", re.I)
_SUBJECT = re.compile(r"^(?:(?P<programme>PEEL\b[^:–]{0,40}?)\s*[:–-]\s*)?An inspection of (?P<force>.+?)\.?$", re.I)
_PROGRAMME = re.compile(r"^PEEL\b.*\d{4}", re.I)
_PROGRAMME_IN = re.compile(r"^PEEL\b[:\s]*(?:20\d\d(?:\s*[/–-]\s*\d{2,4})?)", re.I)
_RUN_TOGETHER = re.compile(
    r"\bAn inspection of (?P<force>(?:[A-Z][\w’'-]*\s+(?:and\s+)?){1,5}(?:Police|Constabulary))\b"
)
_COUNT_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12,
}
_GRADED_COUNT = re.compile(r"\bgraded judgments? (?:in|for) (\w+) of (?:these|the) (\w+)", re.I)


@dataclass
class ReportFacts:
    title: str = ""
    force_named: str = ""
    published_on: str | None = None
    published_hint: str = ""


def report_facts(blocks, force):
    """The title, force and date the report prints. Nothing is made up: without a title line the
    title is empty, for staff to give."""
    facts = ReportFacts()
    programme = ""
    for block in blocks[:30]:
        if not programme and _PROGRAMME.match(block.text) and block.words <= 8:
            programme = block.text
        if not facts.force_named and (match := _SUBJECT.match(block.text)):
            facts.force_named = match.group("force").strip()
            # "An inspection of Anyshire Police's child protection arrangements": the force is Anyshire Police.
            named = [n for n in signals.forces_named(facts.force_named) if facts.force_named.startswith(n)]
            subject = f"An inspection of {facts.force_named}"
            facts.force_named = named[0] if named else facts.force_named
            if match.group("programme") and not programme:
                programme = match.group("programme").strip()
    if not facts.force_named and blocks:
        # The title lines run together (copied without blank lines): "PEEL 2023–2025 Police effectiveness,
        # efficiency and legitimacy An inspection of Anyshire Constabulary Published on: …".
        first = blocks[0].text
        if (match := _RUN_TOGETHER.search(first)) and (named := list(signals.forces_named(match.group("force")))):
            facts.force_named = named[0]
            subject = f"An inspection of {named[0]}"
            start = _PROGRAMME_IN.match(first)
            programme = programme or (start.group(0).strip() if start else "")
    if facts.force_named:
        facts.title = f"{programme}: {subject}" if programme else subject
    for block in blocks:
        if match := _PUBLISHED.search(block.text):
            day, month, year = match.groups()
            month_number = [m.lower() for m in calendar.month_name].index(month.lower())
            facts.published_on = date(int(year), month_number, int(day)).isoformat()
            break
    for block in [*blocks[:20], *blocks[-10:]]:
        if match := _MONTH_LINE.match(block.text):
            facts.published_hint = f"{match.group(1).capitalize()} {match.group(2)}"
    return facts


def title_lines(blocks):
    """A report's title as its first lines print it (with a subtitle, where there is one), for reports
    without "An inspection of <force>"; nothing is made up, so it may be empty."""
    lines = []
    for block in blocks[:8]:
        text = block.text.strip()
        lowered = text.lower()
        if lowered in ("skip to main content", "skip to content", "home") or lowered.startswith("his majesty"):
            continue
        if (
            lowered.startswith(("published", "contents", "©", "isbn"))
            or (block.ends_sentence and not text.endswith("?"))
            or block.words > 25
            or re.match(r"^(?:\d{1,2}\s+)?[A-Z][a-z]+\s+\d{4}$", text)
        ):
            break
        lines.append(text.rstrip(":"))
        if len(lines) == 2:
            break
    return ": ".join(lines)


def summary_checks(lines, blocks, extraction, force):
    """Warnings where the extraction disagrees with what the report says of itself."""
    warnings = []
    graded = [a for a in extraction.areas if a.grade]
    for block in blocks[:80]:
        if match := _GRADED_COUNT.search(block.text):
            expected = _number(match.group(1))
            if expected is not None and expected != len(graded):
                warnings.append(
                    f"The report says it makes graded judgments in {expected} areas; {len(graded)} graded "
                    "areas were found. Check the areas on the review page."
                )
            break
    table = summary_table(lines)
    if table:
        for grade in sorted(set(table.values()) | {a.grade for a in graded}):
            in_table = sorted(name for name, g in table.items() if g == grade)
            found = [a.name for a in graded if a.grade == grade]
            if len(in_table) != len(found):
                warnings.append(
                    f"The report's summary table grades {len(in_table)} area(s) {grade.label.lower()} "
                    f"({', '.join(in_table) or 'none'}); {len(found)} were found ({', '.join(found) or 'none'})."
                )
    if extraction.force_named and not signals.same_force(extraction.force_named, force.name):
        warnings.append(
            f"The report is an inspection of {extraction.force_named}, but it is being imported for {force.name}. "
            "Check you chose the right force."
        )
    if not extraction.items:
        warnings.append("No causes of concern, recommendations or areas for improvement were found.")
    return warnings


def summary_table(lines):
    """{area as the table names it: Grade} from the summary table, where its columns are tab-separated."""
    for index, line in enumerate(lines):
        cells = [c.strip().lower() for c in line.split("\t")]
        if len(cells) >= 4 and all(common.grade_of(c) for c in cells if c):
            columns = [common.grade_of(c) for c in cells]
            table = {}
            for row in lines[index + 1 :]:
                if not row.strip() or "\t" not in row:
                    break
                for position, cell in enumerate(row.split("\t")):
                    if cell.strip() and position < len(columns) and columns[position]:
                        table[cell.strip()] = columns[position]
            return table
    return {}


def _number(word):
    word = word.lower()
    return int(word) if word.isdigit() else _COUNT_WORDS.get(word)
