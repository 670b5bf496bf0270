"""PEEL reports from 2021 onward (2021/22 here; 2023–2025 and later in peel2023, read the same way):
five-tier grades by area.

How every such report is laid out, and so how it is read:
- each area is a heading followed by its grade on a line of its own ("Requires improvement") and
  a sentence ("Anyshire Police requires improvement at investigating crime."); the victim service
  assessment is assessed but not graded; sections inspected separately (serious organised crime,
  vetting) have no grade line and are not areas;
- under an area, the headings "Cause(s) of concern", "Recommendation(s)" and "Area(s) for
  improvement" introduce what the force must act on; "Main findings" and "Innovative practice"
  are narrative and never tracked;
- a cause of concern or an area for improvement is a headline sentence followed by paragraphs that
  explain it (kept as context); a new headline is told from a paragraph by its form: in reports
  whose headlines carry no full stop, any unpunctuated paragraph that asks for action; otherwise a
  short paragraph opening "The force/constabulary should…";
- recommendations follow a lead-in with their time frame ("Within six months, the constabulary
  should:") and are its list items, or sentences that open with a time frame;
- the contents list names the report's sections, so a tracked block ends at the next section.
"""

import re

from inspections.core.grading import GradingScale
from inspections.importing import text as report_text
from inspections.importing.extraction import Area, CarryOver, Extraction, Item, Source
from inspections.models import FindingKind

from . import common, signals
from .sections import report_facts, summary_checks

VICTIM_SERVICE_ASSESSMENT = "Victim service assessment"
_UNGRADED = re.compile(r"\bthis assessment is ungraded\b|\bdon[’']?t make a graded judgment\b", re.I)


class Peel2021:
    key = "peel2021"
    label = "PEEL 2021/22 (five-tier grades by area)"
    edition = "2021"  # as signals.peel_edition names it

    def detect(self, text):
        return signals.peel_edition(text) == self.edition

    def parse(self, text, force):
        return _Reader(text, force).read(self)


class _Reader:
    def __init__(self, text, force):
        self.lines = text.split("\n")
        self.blocks = common.split_labelled(report_text.blocks(text))
        self.force = force
        self.facts = report_facts(self.blocks, force)
        names, self.contents_lines = common.contents(self.lines)
        self.sections = {common.heading_key(n) for n in names} - common.STRUCTURAL_HEADINGS
        self.areas, self.items, self.warnings = [], [], []
        self.area_at = {}  # block index -> Area
        self.skip = set()  # block indexes that are grade lines or grade sentences

    # --- areas -----------------------------------------------------------------------------
    def find_areas(self):
        blocks = self.blocks
        for index, block in enumerate(blocks):
            if self.in_contents(block):
                continue
            grade = common.grade_of(block.text) if block.kind == "para" else None
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if block.text.lower() == "requires" and following is not None and following.text.lower() == "improvement":
                grade = common.grade_of("requires improvement")  # a grade split over two paragraphs
                self.skip.add(index + 1)
            if (joined := self.heading_with_grade(block)) is not None:
                self.add_area(index, block, joined[1], name=joined[0])
                if following is not None and self.grade_sentence(following):
                    self.skip.add(index + 1)
            elif grade and index > 0 and self.heading_like(blocks[index - 1]):
                self.add_area(index - 1, blocks[index - 1], grade)
                self.skip.add(index)
                after = index + 1
                if after < len(blocks) and common.WEB_CHROME.match(blocks[after].text):
                    after += 1  # "Last updated 05/11/2024" between the grade and its sentence
                if after < len(blocks) and self.grade_sentence(blocks[after]):
                    self.skip.add(after)
            elif common.heading_key(block.text) == "victim service assessment":
                self.add_area(index, block, "", name=VICTIM_SERVICE_ASSESSMENT)
            elif (grade := self.grade_sentence(block)) and index > 0 and index - 1 not in self.area_at:
                previous = blocks[index - 1]
                if common.grade_of(previous.text) is None and self.heading_like(previous, strict=True):
                    self.add_area(index - 1, previous, grade)
                    self.skip.add(index)
        if not any(not a.grade for a in self.areas) and any(_UNGRADED.search(b.text) for b in blocks):
            self.warnings.append(
                "The report mentions an ungraded assessment (the victim service assessment) but its heading "
                "was not found; add it on the review page if it should be tracked."
            )

    def heading_with_grade(self, block):
        """(heading, grade) where a PDF put a section's heading and its grade on one line."""
        if block.kind != "para" or not self.sections or block.ends_sentence:
            return None
        for words, grade in common.GRADE_WORDS.items():
            if block.text.lower().endswith(" " + words):
                heading = block.text[: -len(words)].strip()
                if common.heading_key(heading) in self.sections:
                    return heading, grade
        return None

    def add_area(self, index, block, grade, name=None):
        area = Area(
            key=f"a{len(self.areas) + 1}",
            name=name or block.text.rstrip(":"),
            grade=grade,
            order=len(self.areas) + 1,
            source=Source(passage=block.text, page=block.page, line=block.line),
        )
        self.areas.append(area)
        self.area_at[index] = area

    def grade_sentence(self, block):
        """The grade in "Anyshire Police is adequate at …" (or "requires improvement at …")."""
        match = re.match(
            r"^(?P<subject>.{3,80}?)\s+(?:is\s+(?P<grade>outstanding|good|adequate|inadequate)|"
            r"(?P<ri>requires\s+improvement))\s+(?:at|in)\s+\S",
            block.text,
            re.I,
        )
        if not match:
            return None
        subject = match.group("subject").lower().removeprefix("the ").strip()
        names = {n.lower().removeprefix("the ").strip() for n in (self.facts.force_named, self.force.name) if n}
        if subject not in names:
            return None
        return common.grade_of(match.group("grade") or "requires improvement")

    def heading_like(self, block, strict=False):
        if block.kind != "para" or block.ends_sentence or block.words > 16 or common.WEB_CHROME.match(block.text):
            return False
        if strict and self.sections:
            return common.heading_key(block.text) in self.sections
        return common.heading_key(block.text) not in common.STRUCTURAL_HEADINGS

    def in_contents(self, block):
        return block.line - 1 in self.contents_lines

    # --- tracked findings ------------------------------------------------------------------
    def read(self, report_format):
        self.find_areas()
        self.punctuated = self.headline_style_is_punctuated()
        mode, area, block_first = None, None, False
        self.coc, self.current, self.lead_in, self.recs_in_block = None, None, None, 0
        self.listing, self.accelerated, self.several = False, False, False
        for index, block in enumerate(self.blocks):
            if self.in_contents(block) or index in self.skip:
                continue
            if index in self.area_at:
                area, mode = self.area_at[index], None
                continue
            key = common.heading_key(block.text) if block.kind == "para" and block.words <= 16 else ""
            if block.kind == "bullet" and common.heading_key(block.text) in common.STRUCTURAL_HEADINGS:
                key = common.heading_key(block.text)  # a numbered heading ("2. Recommendations")
            if key in self.sections:
                area, mode = None, None
                continue
            if key in common.AFI_HEADINGS | common.COC_HEADINGS | common.ACCELERATED_HEADINGS:
                self.listing, self.lead_in = False, None
            if key in common.AFI_HEADINGS:
                mode, block_first, self.coc = "afi", True, None
            elif key in common.COC_HEADINGS or key in common.ACCELERATED_HEADINGS:
                mode, block_first, self.coc = "coc", True, None
                self.accelerated = key in common.ACCELERATED_HEADINGS
                self.several = key.startswith("causes")  # "Causes of concern": one headline after another
            elif key in common.RECOMMENDATION_HEADINGS:
                mode, self.lead_in, self.recs_in_block = "rec", None, 0
                if self.current is None or self.current.kind == FindingKind.AREA_FOR_IMPROVEMENT:
                    self.coc = None
            elif key in common.NARRATIVE_HEADINGS or common.NARRATIVE_OPENER.match(block.text):
                mode = None
            elif mode in ("afi", "coc"):
                mode = self.read_headed(block, mode, area, block_first)
                block_first = False
            elif mode == "rec":
                mode = self.read_recommendation(block, area)
        self.finish()
        extraction = Extraction(
            format=report_format.key,
            format_label=report_format.label,
            title=self.facts.title,
            grading_scale=GradingScale.FIVE_TIER,
            force_named=self.facts.force_named,
            published_on=self.facts.published_on,
            published_hint=self.facts.published_hint,
            areas=self.areas,
            items=self.items,
            warnings=self.warnings,
        )
        extraction.warnings.extend(summary_checks(self.lines, self.blocks, extraction, self.force))
        return extraction

    def headline_style_is_punctuated(self):
        """Whether this report ends its headlines with a full stop, judged from the first paragraph
        under each tracked heading (which is always a headline)."""
        firsts = []
        for index, block in enumerate(self.blocks[:-1]):
            key = common.heading_key(block.text) if block.words <= 8 else ""
            if key in common.AFI_HEADINGS | common.COC_HEADINGS | common.ACCELERATED_HEADINGS:
                following = self.blocks[index + 1]
                if following.kind == "para":
                    firsts.append(following.ends_sentence)
        return bool(firsts) and sum(firsts) > len(firsts) / 2

    def read_headed(self, block, mode, area, block_first):
        """A block under "Area(s) for improvement" or "Cause(s) of concern"."""
        kind = FindingKind.AREA_FOR_IMPROVEMENT if mode == "afi" else FindingKind.CAUSE_OF_CONCERN
        if (
            mode == "coc"
            and not block_first
            and self.coc is not None
            and block.kind == "para"
            and (self.is_recommendation_lead_in(block) or self.is_list_lead_in(block))
        ):
            self.lead_in, self.recs_in_block = None, 0
            return self.read_recommendation(block, area)
        if block_first and block.kind == "para" and self.is_list_lead_in(block):
            self.lead_in, self.listing = block, True  # "The force should:", then one finding per item
            return mode
        if block.kind == "bullet" and self.listing:
            self.add_item(kind, common.list_item_text(block.text), area, block, lead_in=self.lead_in)
            return mode
        self.listing = False
        if block_first or self.is_new_headline(block):
            if not block_first and not common.is_directive(block.text) and block.words >= 6:
                self.current = None
                return None  # a narrative heading: the tracked part of the section has ended
            self.lead_in = None
            item = self.add_item(kind, block.text, area, block)
            if kind == FindingKind.CAUSE_OF_CONCERN:
                self.coc, self.recs_in_block = item, 0
            return mode
        self.add_context(block)
        return mode

    def read_recommendation(self, block, area):
        parent = self.coc
        if block.kind == "para" and self.is_list_lead_in(block):
            self.lead_in = block
            return "rec"
        if block.kind == "bullet" and (self.lead_in is not None or self.recs_in_block == 0):
            self.add_recommendation(common.list_item_text(block.text), area, block, parent)
            return "rec"
        if block.kind == "para" and self.is_recommendation_lead_in(block):
            self.lead_in = None
            self.add_recommendation(block.text, area, block, parent)
            return "rec"
        if block.kind == "para" and self.recs_in_block == 0 and common.is_directive(block.text):
            self.add_recommendation(block.text, area, block, parent)
            return "rec"
        if self.is_new_headline(block):
            if parent is not None and (self.several or common.is_directive(block.text)):
                self.lead_in = None
                self.coc, self.recs_in_block = self.add_item(FindingKind.CAUSE_OF_CONCERN, block.text, area, block), 0
                return "coc"
            if block.words >= 6:
                self.current = None
                return None
        self.add_context(block, to=parent if parent is not None and block.kind == "para" else None)
        return "rec"

    def is_list_lead_in(self, block):
        return block.text.rstrip().endswith(":") and common.is_directive(block.text)

    def is_recommendation_lead_in(self, block):
        return block.kind == "para" and (
            bool(common.lead_in_time_frame(block.text)) or block.text.lower().startswith("we recommend")
        )

    def is_new_headline(self, block):
        if block.kind != "para" or common.CAPTION.match(block.text) or block.words < 4 or block.words > 150:
            return False
        if not self.punctuated:
            return not block.ends_sentence
        if self.current is None or block.words > 60:
            return False
        subject = rf"(?:the\s+(?:force|constabulary)|{re.escape(self.force.name)}|it)"
        headline = re.compile(rf"^{subject}\s+{common.DIRECTIVE_VERB}\b", re.I)
        if not headline.match(block.text) or len(common.sentences(block.text)) > 2:
            return False
        # A headline is explained before the next begins, unless they are listed one after another.
        return bool(self.current.context) or bool(headline.match(self.current.text))

    # --- building items --------------------------------------------------------------------
    def add_recommendation(self, text, area, block, parent):
        self.recs_in_block += 1
        item = self.add_item(FindingKind.RECOMMENDATION, text, area, block, lead_in=self.lead_in, parent=parent)
        return item

    def add_item(self, kind, text, area, block, lead_in=None, parent=None):
        passage = f"{lead_in.text}\n- {block.text}" if lead_in is not None else block.text
        time_frame = common.leading_time_frame(text) if lead_in is not None else ""
        if lead_in is not None and not time_frame:
            time_frame = common.time_frame_in([lead_in.text]) or common.lead_in_any_time_frame(lead_in.text)
        item = Item(
            key=f"f{len(self.items) + 1}",
            kind=kind,
            reference="",
            text=" ".join(text.split()),
            area=area.key if area else None,
            parent=parent.key if parent is not None else None,
            time_frame=time_frame or common.time_frame_in([block.text]),
            order=len(self.items) + 1,
            source=Source(passage=passage, page=block.page or (lead_in.page if lead_in else None), line=block.line),
        )
        if kind == FindingKind.CAUSE_OF_CONCERN:
            item.accelerated = self.accelerated
        self.items.append(item)
        self.current = item
        return item

    def add_context(self, block, to=None):
        item = to or self.current
        if item is None:
            return
        paragraph = f"- {block.text}" if block.kind == "bullet" else block.text
        item.context = (
            f"{item.context}\n\n{paragraph}"
            if item.context and block.kind == "para"
            else (f"{item.context}\n{paragraph}" if item.context else paragraph)
        )
        item.source.passage = f"{item.source.passage}\n\n{paragraph}"

    def finish(self):
        """Time frames and carry-overs from the context, references, and repeats removed."""
        seen, kept = {}, []
        for item in self.items:
            normal = " ".join(item.text.lower().split())
            if normal in seen:
                self.warnings.append(f"“{item.text[:80]}…” appears twice in the report; it is listed once.")
                continue
            seen[normal] = item
            kept.append(item)
        self.items = kept
        for number, item in enumerate(self.items, 1):
            item.order = number
            history = ""
            if item.kind != FindingKind.RECOMMENDATION:
                item.text, history = common.split_carried_headline(item.text)
                if history:
                    item.context = "\n\n".join(p for p in (history, item.context) if p)
            if not item.time_frame:
                item.time_frame = common.time_frame_in([item.text, *item.context.split("\n\n")])
            found = common.carry_over_in(f"{item.text}\n{item.context}")
            if found:
                item.carry_over = CarryOver(phrase=found[0], year=found[1], history=history)
        number_items(self.items)


def number_items(items):
    """References as trackers write them: CoC 1, Rec 1.2 under it, Rec 3 alone, AFI 7."""
    coc_numbers, rec_counts, counts = {}, {}, {"coc": 0, "rec": 0, "afi": 0}
    for item in items:
        if item.kind == FindingKind.CAUSE_OF_CONCERN:
            counts["coc"] += 1
            coc_numbers[item.key] = counts["coc"]
            item.reference = f"CoC {counts['coc']}"
        elif item.kind == FindingKind.RECOMMENDATION and item.parent in coc_numbers:
            rec_counts[item.parent] = rec_counts.get(item.parent, 0) + 1
            item.reference = f"Rec {coc_numbers[item.parent]}.{rec_counts[item.parent]}"
        elif item.kind == FindingKind.RECOMMENDATION:
            counts["rec"] += 1
            item.reference = f"Rec {counts['rec']}"
        else:
            counts["afi"] += 1
            item.reference = f"AFI {counts['afi']}"
