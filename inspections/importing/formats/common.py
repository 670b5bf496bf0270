"""What every HMICFRS report shares, whatever its year: headings, grades, time frames written as
lead-ins ("Within six months, the force should:"), the words that say a finding repeats an
earlier one, and the contents list. Format modules build on these; none of it is one report's
wording."""

import re

from inspections.core import timeframes
from inspections.core.grading import Grade

GRADE_WORDS = {
    "outstanding": Grade.OUTSTANDING,
    "good": Grade.GOOD,
    "adequate": Grade.ADEQUATE,
    "requires improvement": Grade.REQUIRES_IMPROVEMENT,
    "inadequate": Grade.INADEQUATE,
}

AFI_HEADINGS = {"area for improvement", "areas for improvement"}
COC_HEADINGS = {"cause of concern", "causes of concern", "cause for concern", "causes for concern"}
ACCELERATED_HEADINGS = {"accelerated cause of concern", "accelerated causes of concern"}
RECOMMENDATION_HEADINGS = {"recommendation", "recommendations"}
# Narrative: read by staff, never tracked.
NARRATIVE_HEADINGS = {
    "main findings", "innovative practice", "innovative practices", "promising practice",
    "promising practices", "notable practice", "good practice", "our findings", "summary of findings",
}
# The sentence that opens the narrative part of an area, where the heading itself is missing.
NARRATIVE_OPENER = re.compile(r"^in this section,? we set out (?:our|the) main findings\b", re.I)
STRUCTURAL_HEADINGS = AFI_HEADINGS | COC_HEADINGS | ACCELERATED_HEADINGS | RECOMMENDATION_HEADINGS | NARRATIVE_HEADINGS

# What a web page prints around the report's text, copied with it.
WEB_CHROME = re.compile(
    r"^(?:last\s+updated\b.*|print\s+this\s+page|share\s+this\s+page|back\s+to\s+top|skip\s+to\s+(?:main\s+)?content"
    r"|related\s+content|contents|home|download\s+the\s+full\s+report)$",
    re.I,
)
_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[ivx]+\.)\s+|\s+\d+$|\s*:$")
CAPTION = re.compile(r"^(?:figure|table|chart|graph|source|note|notes|image)\b\s*\d*\s*[:.–-]", re.I)

_NUMBER = r"(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty-four)"
TIME_FRAME = (
    rf"within\s+(?:the\s+next\s+)?{_NUMBER}\s+(?:calendar\s+)?(?:days?|weeks?|months?|years?)"
    r"|immediately|with\s+immediate\s+effect"
    r"|by\s+(?:the\s+end\s+of\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?[A-Z][a-z]+\s+\d{4}"
)
DIRECTIVE_VERB = r"(?:should|must|needs?\s+to|ought\s+to|has\s+to|have\s+to|is\s+to|are\s+to|will\s+need\s+to)"
# "Within three months, the force should…", "By 31 March 2025, Anyshire Constabulary must…"
_SENTENCE_LEAD_IN = re.compile(
    rf"^(?:we\s+recommend\s+that,?\s+)?(?P<tf>{TIME_FRAME})\b,?\s+(?P<subject>[^.;:]{{1,90}}?)\s+{DIRECTIVE_VERB}\b",
    re.I,
)
# "The constabulary should, within six months, …" and "The force should immediately …"
_INLINE = re.compile(rf"\b{DIRECTIVE_VERB},?\s+(?P<tf>{TIME_FRAME})\b", re.I)
_DIRECTIVE = re.compile(rf"\b{DIRECTIVE_VERB}\b|\bwe\s+recommend\b|\bremains?\s+an?\s+area\s+for\s+improvement\b", re.I)
_SENTENCES = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])")

# The report says the finding repeats one of an earlier report. Each pattern is a phrase HMICFRS
# uses across reports; the year, where given, says which earlier report.
_YEAR = r"(?P<year>(?:19|20)\d\d)(?:/\d{2,4})?"
CARRY_OVER_PATTERNS = [
    re.compile(
        rf"\bour\s+(?:{_YEAR}|previous|last|earlier)\s+(?:PEEL\s+|integrated\s+PEEL\s+)?"
        r"(?:report|inspection|assessment)s?,?\s+(?:said|found|identified|stated|highlighted|noted|recommended)",
        re.I,
    ),
    re.compile(
        rf"\bin\s+(?:our\s+)?{_YEAR}\s+(?:PEEL\s+)?(?:report|inspection|assessment),?\s+we\s+"
        r"(?:said|found|identified|recommended|reported|highlighted)",
        re.I,
    ),
    re.compile(
        rf"\b(?:was|were|been)\s+(?:identified|raised|highlighted|reported|given|set\s+out)\s+as\s+an?\s+"
        rf"(?:area\s+for\s+improvement|cause\s+of\s+concern)\s+(?:in|during|at|following)\s+"
        rf"(?:our\s+)?(?:{_YEAR}|previous|last|earlier)",
        re.I,
    ),
    re.compile(
        rf"\b(?:was|were)\s+an?\s+(?:area\s+for\s+improvement|cause\s+of\s+concern)\s+in\s+(?:our\s+)?"
        rf"(?:{_YEAR}|previous|last|earlier)",
        re.I,
    ),
    re.compile(r"\bremains?\s+an?\s+(?:area\s+for\s+improvement|cause\s+(?:of|for)\s+concern)\b", re.I),
    re.compile(r"\bwe\s+(?:have\s+)?previously\s+(?:identified|raised|highlighted|reported)\b", re.I),
    re.compile(
        r"\b(?:a\s+)?repeat(?:ed)?\s+(?:area\s+for\s+improvement|cause\s+of\s+concern|recommendation)\b", re.I
    ),
]
_ANY_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


def heading_key(text):
    """A heading as compared with the vocabulary: lower case, no numbering or final colon."""
    key = " ".join(text.lower().split())
    previous = None
    while previous != key:
        previous, key = key, _NUMBERING.sub("", key).strip()
    return key


def grade_of(text):
    """The Grade a line states on its own ("Requires improvement"), or None."""
    return GRADE_WORDS.get(" ".join(text.lower().rstrip(".").split()))


def is_directive(text):
    return bool(_DIRECTIVE.search(text))


def sentences(text):
    return [s for s in _SENTENCES.split(text) if s.strip()]


_RECOMMEND_LEAD_IN = re.compile(rf"^we\s+recommend\s+that,?\s+(?P<tf>{TIME_FRAME})\b", re.I)


def lead_in_time_frame(text):
    """The time frame a sentence opens with ("Within three months, the force should…"), as written."""
    match = _SENTENCE_LEAD_IN.match(text.strip()) or _RECOMMEND_LEAD_IN.match(text.strip())
    if not match:
        match = _INLINE.search(text)
    if not match:
        return ""
    time_frame = " ".join(match.group("tf").split())
    try:
        timeframes.parse(time_frame)
    except timeframes.TimeFrameError:
        return ""
    return time_frame


def time_frame_in(paragraphs):
    """The first time frame set by a sentence of the paragraphs, as written; empty if none."""
    for paragraph in paragraphs:
        for sentence in sentences(paragraph):
            if found := lead_in_time_frame(sentence):
                return found
    return ""


_ANYWHERE = re.compile(rf"\b(?P<tf>{TIME_FRAME})\b", re.I)
_LEADING = re.compile(rf"^(?P<tf>{TIME_FRAME})\b,?\s", re.I)


def _checked(time_frame):
    time_frame = " ".join(time_frame.split())
    try:
        timeframes.parse(time_frame)
    except timeframes.TimeFrameError:
        return ""
    return time_frame


def lead_in_any_time_frame(text):
    """The time frame anywhere in a recommendation lead-in ("To address this, within three months the
    constabulary should:"); only for paragraphs already known to introduce recommendations."""
    match = _ANYWHERE.search(text)
    return _checked(match.group("tf")) if match else ""


def leading_time_frame(text):
    """The time frame a list item opens with ("within three months, review its plans")."""
    match = _LEADING.match(text.strip())
    return _checked(match.group("tf")) if match else ""


def carry_over_in(text):
    """(the phrase, the year of the earlier report or None) where the text says it repeats a finding."""
    for pattern in CARRY_OVER_PATTERNS:
        if match := pattern.search(text):
            year = match.groupdict().get("year")
            if not year:
                nearby = _ANY_YEAR.search(text[max(0, match.start() - 120) : match.end() + 120])
                year = nearby.group(1) if nearby else None
            return match.group(0), int(year) if year else None
    return None


def capitalise(text):
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text


def list_item_text(text):
    """A list item as a finding's text: capitalised, without the list's joining words."""
    text = re.sub(r"(?:;|,)?\s*(?:and|or)?\s*$", "", text.strip()).rstrip(";,")
    return capitalise(text)


_CONTENTS_ENTRY = re.compile(r"\s*(?P<name>[^\s\d.][^\t]*?)\s*(?:\.{2,}\s*|\t+\s*|\s+)(?P<page>\d{1,3})(?=\s|$)")


_NUMBERED_ENTRY = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+(?P<name>[A-Z][^.!?:;]{1,80})$")


def _contents_entries(line):
    """The (heading, page) entries of one contents line, or None if the line is not all entries.

    A line holds one entry ("Investigating crime ....... 22", with dots, a tab or spaces before the
    page number) or, where a PDF's lines were joined, several."""
    entries, position = [], 0
    while position < len(line):
        match = _CONTENTS_ENTRY.match(line, position)
        if not match:
            return None
        entries.append(" ".join(match.group("name").split()))
        position = match.end()
        while position < len(line) and line[position].isspace():
            position += 1
    return entries or None


def contents(lines):
    """The headings a contents list names, and the range of lines it takes.

    The list starts at a line "Contents" and runs while its lines are entries ending with a page number."""
    start = next((i for i, line in enumerate(lines[:400]) if line.strip().lower() == "contents"), None)
    if start is None:
        return [], range(0)
    names, end, blank_run = [], start + 1, 0
    for index in range(start + 1, len(lines)):
        line = lines[index].strip()
        if not line or line == "\f":
            blank_run += 1
            if blank_run > 3 and names:
                break
            continue
        entries = _contents_entries(line)
        if entries is None and (numbered := _NUMBERED_ENTRY.match(line)):
            entries = [numbered.group("name")]  # "3. Areas for improvement": a web page's list, no page numbers
        if entries is None:
            break
        blank_run = 0
        names.extend(entries)
        end = index + 1
    return names, range(start, end)


_REMAINS = re.compile(r"\bremains?\s+an?\s+(?:area\s+for\s+improvement|cause\s+(?:of|for)\s+concern)\b", re.I)
_HISTORY_LEAD = re.compile(
    r"^(?P<lead>.{0,120}?\b(?:said|found|identified|stated|highlighted|noted|recommended|reported)\b,?\s+(?:that\s+)?)"
    r"(?P<rest>(?:the\s+(?:force|constabulary)|it|[A-Z][\w’'-]*(?:\s+(?:and\s+)?[A-Z][\w’'-]*)*)\s.+)$",
    re.S,
)
_PAST_TO_PRESENT = [
    (re.compile(r"^(?P<subject>\S+(?:\s+\S+){0,5}?)\s+needed\s+to\b"), r"\g<subject> needs to"),
    (re.compile(r"^(?P<subject>\S+(?:\s+\S+){0,5}?)\s+had\s+to\b"), r"\g<subject> has to"),
    (re.compile(r"^(?P<subject>\S+(?:\s+\S+){0,5}?)\s+was\s+not\b"), r"\g<subject> is not"),
    (re.compile(r"^(?P<subject>\S+(?:\s+\S+){0,5}?)\s+did\s+not\b"), r"\g<subject> does not"),
]


def _opens_with_history(sentence):
    for pattern in CARRY_OVER_PATTERNS:
        match = pattern.search(sentence)
        if match and match.start() <= 40 and not _REMAINS.match(sentence[match.start() :]):
            return True
    return False


def split_carried_headline(text):
    """(the finding, the history) where a headline opens with what an earlier report said.

    The headline of a carried-over finding is the finding itself; the history is context:
    "Our 2019 report said that the force needed to improve X. This remains an area for improvement.
    The force should make sure Y." gives ("The force should make sure Y.", "Our 2019 report said …
    improvement."). Where only "This remains…" follows, the finding is what the earlier report said,
    in its words: "Our 2019 report said that the force should improve Z. This remains…" gives
    ("The force should improve Z.", the whole paragraph). Anything else is returned as it is, ("text", "")."""
    parts = sentences(text.strip())
    if not parts or not _opens_with_history(parts[0]):
        return text, ""
    remains = next((i for i, s in enumerate(parts) if _REMAINS.search(s)), None)
    after = parts[remains + 1 :] if remains is not None else parts[1:]
    if after and is_directive(after[0]) and not _opens_with_history(after[0]):
        end = remains + 1 if remains is not None else 1
        return " ".join(after), " ".join(parts[:end])
    match = _HISTORY_LEAD.match(parts[0])
    if not match:
        return text, ""
    finding = match.group("rest")
    for pattern, present in _PAST_TO_PRESENT:
        finding = pattern.sub(present, finding, count=1)
    middle = parts[1:remains] if remains is not None else parts[1:]
    return " ".join([capitalise(finding), *middle]).strip(), text.strip()


_LABELLED = re.compile(
    r"^(?P<label>(?:areas?\s+for\s+improvement|causes?\s+(?:of|for)\s+concern|recommendations?)(?:\s+\d{1,3})?)"
    r"\s*[:–-]\s+(?P<rest>\S.*)$",
    re.I,
)


def split_labelled(found):
    """Blocks that print a finding's label and its text on one line ("Area for improvement 2: The force
    should …") as the two blocks a heading and its text would be."""
    from inspections.importing.text import Block

    result = []
    for block in found:
        match = _LABELLED.match(block.text) if block.kind == "para" else None
        if match and len(match.group("rest").split()) >= 6:
            result.append(Block(text=match.group("label"), kind="para", page=block.page, line=block.line))
            result.append(Block(text=match.group("rest"), kind="para", page=block.page, line=block.line))
        else:
            result.append(block)
    return result
