"""National and thematic reports (an inspection of vetting, of the response to a crime type, a joint
inspection with another inspectorate): recommendations addressed to "chief constables", "all forces"
or named bodies, and sometimes areas for improvement for forces. Nothing is graded.

How they are laid out, and so how they are read:
- recommendations are numbered ("Recommendation 3", then its sentence, or "3. Within six months,
  all forces should …" in a "Recommendations" section), or listed under a lead-in that names whom
  they are for and when ("By 31 December 2025, chief constables should:"), sometimes under headings
  such as "Recommendations for the Home Office";
- each names its addressee at the start of the sentence, after its time frame: "By 30 April 2023,
  chief constables should …", "The College of Policing should, within six months, …";
- the recommendations are often printed twice (a summary list, then again in the chapter), so one
  numbered twice, or worded the same, is kept once;
- sentences in the chapters' narrative that say what forces "should" do are not recommendations.

Recommendations for the force (chief constables, all forces, the police service, the force by name)
are tracked for the force, each standing alone with its time frame; those for others (the Home Office,
the College of Policing, the NPCC, police and crime commissioners, the CPS) are kept as context.
"""

import re

from inspections.core.grading import GradingScale
from inspections.importing import text as report_text
from inspections.importing.extraction import NATIONAL, Extraction, Item, Source

from . import common, signals
from .sections import report_facts, title_lines

_NUMBERED = re.compile(
    r"^(?P<kind>Recommendation|Area\s+for\s+improvement)\s+(?P<number>\d{1,3})\b\s*[:.–-]?\s*(?P<rest>.*)$", re.I
)
_SECTION = re.compile(
    r"^(?:\d+\.?\s+)?(?:(?:summary\s+of|our|the)\s+)?(?P<kind>recommendations?|areas?\s+for\s+improvement)"
    r"(?:\s+(?:for|to)\s+(?P<for>.{2,80}))?:?$",
    re.I,
)
_LEAD = re.compile(
    rf"^(?:we\s+recommend\s+that,?\s+)?(?:(?:{common.TIME_FRAME}|in\s+the\s+next\s+\w+\s+months?),?\s+)?"
    rf"(?:we\s+recommend\s+that,?\s+)?",
    re.I,
)
_VERB = re.compile(rf"\s*,?\s+(?:{common.DIRECTIVE_VERB}|will)\b", re.I)
_ASIDE = re.compile(r",\s*(?:working|in\s+consultation|together|in\s+partnership|with\s+support)\b[^,]*,?", re.I)
_FOR_THE_FORCE = re.compile(
    r"\b(?:chief\s+constables?|chief\s+officers?|(?:all|every|each|police|territorial|home\s+office)\s+forces?"
    r"|forces|the\s+police\s+service|police\s+leaders|force\s+leaders)\b",
    re.I,
)
# A heading naming whom the recommendations under it are for ("For chief constables", "The Home Office").
_ADDRESSEE_HEADING = re.compile(
    r"^(?:(?:recommendations?\s+)?(?:to|for)\s+)?(?:all\s+)?(?:the\s+)?(?:chief\s+constables|chief\s+officers|police\s+forces|forces"
    r"|home\s+office|college\s+of\s+policing|national\s+police\s+chiefs['’]?\s+council|npcc|police\s+and\s+crime\s+commissioners"
    r"|pccs|crown\s+prosecution\s+service|ministry\s+of\s+justice|government|independent\s+office\s+for\s+police\s+conduct)"
    r"(?:\s+and\s+[^:]{2,60})?:?$",
    re.I,
)
_ENDS = {"introduction", "conclusion", "conclusions", "contents", "annex", "foreword", "summary", "methodology"}


def addressee_of(text):
    """Whom a recommendation is for, as written ("chief constables", "the College of Policing"), or ""."""
    rest = _LEAD.sub("", text.strip(), count=1)
    verb = _VERB.search(rest)
    if not verb or verb.start() > 160:
        return ""
    subject = _ASIDE.sub("", rest[: verb.start()]).strip(" ,")
    if not subject or len(subject.split()) > 16 or re.search(r"[.;:!?]\s", subject):
        return ""  # not a subject: a sentence of narrative, or a list item that has none of its own
    return subject if not subject.lower().startswith(("make ", "ensure ", "review ")) else ""


def is_for_the_force(addressee, force):
    """Whether a recommendation's addressee includes the force (not only a partner of it)."""
    if not addressee:
        return False
    if _FOR_THE_FORCE.search(addressee):
        return True
    return any(signals.same_force(name, force.name) for name in signals.forces_named(addressee))


def is_national(text):
    """A report on the police service as a whole (or several forces), with recommendations to forces or bodies."""
    if signals.is_letter(text) or signals.is_force_report(text):
        return False
    blocks = report_text.blocks(text)
    addressed = 0
    for block in blocks:
        match = _NUMBERED.match(block.text)
        sentence = match.group("rest") if match and match.group("rest") else block.text
        placed = match or block.kind == "bullet" or _LEAD.match(sentence).end() or sentence.rstrip().endswith(":")
        if placed and addressee_of(sentence) and common.is_directive(sentence) and len(sentence.split()) <= 120:
            addressed += 1
    voice = re.search(
        r"\bwe\s+(?:inspected|found|recommend|reviewed|visited|examined)\b|\bour\s+inspection\b", text, re.I
    )
    headed = re.search(r"^\s*(?:\d+\.?\s+)?(?:Summary\s+of\s+)?Recommendations?\b", text, re.I | re.M)
    return bool(voice) and bool(headed) and addressed >= 2


class NationalReport:
    key = "national"
    label = "National and thematic reports (recommendations to chief constables and national bodies)"

    def detect(self, text):
        return is_national(text)

    def parse(self, text, force):
        return _Reader(text, force).read(self)


class _Reader:
    def __init__(self, text, force):
        self.lines = text.split("\n")
        self.blocks = report_text.blocks(text)
        self.force = force
        self.facts = report_facts(self.blocks, force)
        self.items, self.others, self.warnings = [], [], []
        self.seen_numbers, self.seen_texts = set(), set()
        self.section, self.section_for, self.lead_in, self.pending = None, "", None, None
        self.lead_number, self.lead_count = None, 0  # "Recommendation 2" whose sentence is a lead-in

    def read(self, report_format):
        for block in self.blocks:
            self.read_block(block)
        extraction = Extraction(
            format=report_format.key,
            format_label=report_format.label,
            kind=NATIONAL,
            title=title_lines(self.blocks),
            grading_scale=GradingScale.UNGRADED,
            published_on=self.facts.published_on,
            published_hint=self.facts.published_hint,
            items=self.items,
            not_tracked=self.others,
            warnings=self.warnings,
        )
        self.number(extraction)
        if not extraction.items:
            extraction.warnings.append(
                "None of the report's recommendations is addressed to chief constables, to forces or to "
                f"{self.force.name}: there is nothing to track (those for others are listed as context)."
            )
        return extraction

    def read_block(self, block):
        text = block.text.strip()
        common.heading_key(text) if block.words <= 16 else ""
        if block.kind == "para" and (match := _NUMBERED.match(text)):
            self.section = "afi" if match.group("kind").lower().startswith("area") else "rec"
            self.lead_in, self.lead_number = None, None
            number = int(match.group("number"))
            if match.group("rest") and common.is_directive(match.group("rest")):
                self.add(match.group("rest"), block, number=number)
                self.pending = None
            else:
                self.pending = number  # the sentence follows on its own line
            return
        if block.kind == "para" and (match := _SECTION.match(text)) and block.words <= 16:
            self.section = "afi" if match.group("kind").lower().startswith("area") else "rec"
            self.section_for = (match.group("for") or "").strip()
            self.lead_in, self.pending, self.lead_number = None, None, None
            return
        if self.section is None:
            return
        heading = block.words <= 10 and not block.ends_sentence and not common.is_directive(text)
        if heading and block.kind == "para" and _ADDRESSEE_HEADING.match(text):
            self.section_for, self.lead_in = text.rstrip(":").strip(), None  # "For chief constables"
            return
        if heading:
            self.section, self.pending, self.lead_in = None, None, None  # "1. Introduction": the next chapter
            return
        if block.kind == "para" and text.endswith(":") and (addressee_of(text) or common.is_directive(text)):
            self.lead_in = block  # "By 31 December 2025, chief constables should:", then one per item
            self.lead_number, self.lead_count, self.pending = self.pending, 0, None
            return
        listed = block.kind == "bullet" and self.lead_in is not None
        # A recommendation of its own names whom it is for at its start; narrative that says what
        # forces "should" do does not ("We found … The police service needs to …").
        own = (self.pending is not None or block.kind == "bullet") and common.is_directive(text)
        if (listed or own or addressee_of(text)) and block.words <= 150:
            number = self.pending if self.pending is not None else self.list_number(block)
            self.add(text, block, number=number, lead_in=self.lead_in if listed else None)
            self.pending = None
            return
        if block.kind == "para" and not block.ends_sentence and block.words <= 16:
            self.section, self.pending, self.lead_in = None, None, None  # another heading: the list has ended
        elif block.kind == "para" and block.words > 16 and self.pending is None:
            self.lead_in = None

    def list_number(self, block):
        """The number a numbered list gives an item ("5. Chief constables should…"), or None."""
        if block.kind != "bullet" or self.lead_in is not None:
            return None
        match = re.match(r"^\s*(\d{1,3})[.)]\s", self.lines[block.line - 1])
        return int(match.group(1)) if match else None

    def add(self, text, block, number=None, lead_in=None):
        kind = "area_for_improvement" if self.section == "afi" else "recommendation"
        own = common.list_item_text(text) if lead_in is not None else " ".join(text.split())
        normal = own.lower()
        if normal in self.seen_texts or (number is not None and (kind, number) in self.seen_numbers):
            return None  # printed again (the summary list and the chapter)
        self.seen_texts.add(normal)
        if number is not None:
            self.seen_numbers.add((kind, number))
        addressee = addressee_of(own) or (addressee_of(lead_in.text) if lead_in is not None else "") or self.section_for
        time_frame = common.leading_time_frame(own) or common.lead_in_time_frame(own)
        if not time_frame and lead_in is not None:
            time_frame = common.time_frame_in([lead_in.text]) or common.lead_in_any_time_frame(lead_in.text)
        if not time_frame:
            time_frame = common.lead_in_any_time_frame(own) if re.search(r"\bby\s+\d", own) else ""
        passage = f"{lead_in.text}\n- {block.text}" if lead_in is not None else block.text
        reference = str(number) if number is not None else ""
        if lead_in is not None and self.lead_number is not None:
            self.lead_count += 1
            reference = f"{self.lead_number}.{self.lead_count}"
        item = Item(
            key="",
            kind=kind,
            reference=reference,
            text=own,
            time_frame=time_frame,
            addressee=addressee,
            source=Source(passage=passage, page=block.page, line=block.line),
        )
        target = self.items if is_for_the_force(addressee, self.force) else self.others
        target.append(item)
        return item

    def number(self, extraction):
        """Keys, order and references: the report's own numbers where it gives them (Rec 6, AFI 2)."""
        taken = set()
        for order, item in enumerate([*extraction.items, *extraction.not_tracked], 1):
            item.key, item.order = f"f{order}", order
            prefix = "AFI" if item.kind == "area_for_improvement" else "Rec"
            reference = f"{prefix} {item.reference}" if item.reference else ""
            if not reference or reference in taken:
                count = 1
                base = f"{prefix} {item.reference}." if item.reference else f"{prefix} "
                while f"{base}{count}" in taken:
                    count += 1
                reference = f"{base}{count}"
            taken.add(reference)
            item.reference = reference
