"""PEEL reports of 2014 to 2019: three pillars (effectiveness, efficiency, legitimacy), each graded on
the four-tier scale, with the questions (areas) under them graded too.

How these reports are laid out, and so how they are read:
- a whole report (the 2018/19 integrated PEEL assessment, or a 2015–2017 report on one pillar) and a
  pillar's web page alike name each pillar ("Effectiveness", or its question "How effectively does the
  force reduce crime and keep people safe?") and each area (a component heading such as "Investigating
  crime", or its question "How effective is the force at investigating crime and reducing
  re-offending?"), each followed by its grade on a line of its own ("Requires improvement") or by a
  sentence that states it ("Anyshire Police is good at treating the public fairly");
- areas for improvement are listed under "Area(s) for improvement", one to a bullet (or one to a
  paragraph where the bullets were lost in copying), written "The force should …", often with
  "within three months" inside the sentence, or in the passive ("Promotion processes should be …");
- a cause of concern is a paragraph under "Cause of concern", followed by its recommendations, listed
  under a lead-in ("To address this cause of concern, we recommend that within six months the force
  should:");
- summaries repeat what the section lists ("Summary of findings" at the end of a 2016/17 question), so
  a finding printed twice is kept once; detailed findings are narrative and never tracked.
"""

import re

from inspections.core.grading import GradingScale
from inspections.importing import text as report_text
from inspections.importing.extraction import Area, CarryOver, Extraction, Item, Source
from inspections.models import FindingKind, JudgmentLevel

from . import common, signals
from .peel2021 import number_items
from .sections import report_facts

PILLARS = ("Effectiveness", "Efficiency", "Legitimacy", "Leadership")
FOUR_TIER = {"outstanding", "good", "requires improvement", "inadequate"}

# The pillar a headline question asks about.
_PILLAR_QUESTION = re.compile(
    r"^(?:overview\s*[–:-]\s*)?how\s+(?P<word>effective(?:ly)?|efficient(?:ly)?|legitimate(?:ly)?)\s+"
    r"(?:is|does)\s+the\s+force\s+(?:at\s+)?(?:keeping\s+people\s+safe\s+and\s+reducing\s+crime|reduce\s+crime"
    r"|operate|treat\s+the\s+public|keep\s+people)",
    re.I,
)
_AREA_QUESTION = re.compile(
    r"^(?:\d+\s+)?(?:how\s+(?:effective(?:ly)?|efficient(?:ly)?|well|sustainable|legitimate(?:ly)?)\b|"
    r"to\s+what\s+extent\b).{5,200}\?$",
    re.I,
)
# The areas as the integrated reports name them, from the words of their questions (2015 to 2019).
CANONICAL_AREAS = [
    (r"prevent(?:ing)?\s+crime", "Preventing crime and tackling anti-social behaviour", "Effectiveness"),
    (r"investigat(?:ing|e)\s+crime", "Investigating crime", "Effectiveness"),
    (r"protect(?:ing)?\s+(?:from\s+harm\s+)?(?:those\s+who\s+are\s+)?vulnerable", "Protecting vulnerable people",
     "Effectiveness"),
    (r"serious\s+and\s+organised\s+crime", "Tackling serious and organised crime", "Effectiveness"),
    (r"specialist\s+capabilities", "Specialist capabilities", "Effectiveness"),
    (r"armed\s+policing", "Armed policing", "Effectiveness"),
    (r"(?:meet(?:ing)?\s+(?:its\s+|the\s+)?(?:current\s+)?demands?|resources\s+to\s+meet)",
     "Meeting current demands and using resources", "Efficiency"),
    (r"understand(?:s|ing)?\s+(?:the\s+|its\s+)?(?:current\s+and\s+likely\s+future\s+)?demand", "Understanding demand",
     "Efficiency"),
    (r"plan(?:ning)?\s+for\s+(?:demand\s+in\s+)?the\s+future", "Planning for the future", "Efficiency"),
    (r"us(?:e|ing)\s+(?:of\s+)?its\s+resources", "Using resources", "Efficiency"),
    (r"workforce\s+model", "Workforce model", "Efficiency"),
    (r"financial\s+position", "Financial position", "Efficiency"),
    (r"treat\s+its\s+workforce|workforce\s+with\s+fairness", "Treating the workforce fairly", "Legitimacy"),
    (r"(?:people\s+it\s+serves\s+with\s+fairness|treat(?:ing)?\s+the\s+public\s+fairly|treat\s+all\s+of\s+the\s+people)",
     "Treating the public fairly", "Legitimacy"),
    (r"ethical(?:ly)?\s+and\s+lawful(?:ly)?", "Ethical and lawful workforce behaviour", "Legitimacy"),
    (r"stop\s+and\s+search", "Stop and search and Taser", "Legitimacy"),
    (r"recording\s+crimes?|crime\s+data\s+integrity", "Crime data integrity", "Legitimacy"),
]
_CANONICAL = [(re.compile(pattern, re.I), name, pillar) for pattern, name, pillar in CANONICAL_AREAS]
_KNOWN_NAMES = {name.lower(): (name, pillar) for _p, name, pillar in CANONICAL_AREAS}
UNGRADED_AREAS = {"armed policing", "specialist capabilities"}
_IGNORED = re.compile(r"^(?:\d{1,2}|last\s+updated\b.*|summary|overall\s+judge?ment|questions\s+for\s+\w+)$", re.I)
_GRADE_SENTENCE = re.compile(
    r"^(?P<subject>.{3,80}?)\s+(?:(?:is|has\s+been|was)\s+(?:judged|assessed|graded)\s+(?:to\s+be\s+|as\s+(?:being\s+)?)?"
    r"['‘]?(?P<judged>outstanding|good|requires\s+improvement|inadequate)['’]?"
    r"|is\s+['‘]?(?P<grade>outstanding|good|inadequate)['’]?\s+(?:at|in)\s+\S"
    r"|(?P<ri>requires\s+improvement)\s+(?:at|in)\s+\S)",
    re.I,
)
_HEADING_GRADE = re.compile(
    r"^(?P<name>[A-Za-z][^.?!]{2,90}?)\s*(?:[–:-]\s*)?(?P<grade>outstanding|good|requires\s+improvement|inadequate)$",
    re.I,
)
_LEAD_IN = re.compile(r"\b(?:we\s+recommend|should|must)\b[^.]*:\s*$", re.I)


def canonical_area(text):
    """(area name, pillar) for an area's heading or question, as the integrated reports name it."""
    key = common.heading_key(text).rstrip("?")
    if key in _KNOWN_NAMES:
        return _KNOWN_NAMES[key]
    if not _AREA_QUESTION.match(text.strip()):
        # A component's own heading, in the report's words ("Investigating crime and reducing re-offending").
        for pattern, _name, pillar in _CANONICAL:
            if pattern.match(key) and len(key.split()) <= 10:
                return common.capitalise(text.strip().rstrip(":")), pillar
        return None
    if _AREA_QUESTION.match(text.strip()):
        for pattern, name, pillar in _CANONICAL:
            if pattern.search(text):
                return name, pillar
        stripped = re.sub(
            r"^(?:\d+\s+)?(?:how\s+(?:effective(?:ly)?|efficient(?:ly)?|well|legitimate(?:ly)?)\s+(?:is|are|does)\s+"
            r"the\s+force(?:['’]s)?\s*(?:at\s+)?|to\s+what\s+extent\s+(?:does|is|are)\s+the\s+force\s+)",
            "", text.strip(), flags=re.I,
        ).rstrip("?")
        return common.capitalise(stripped), None
    return None


class Peel2014:
    key = "peel2014"
    label = "PEEL 2014 to 2019 (pillars, four-tier grades)"

    def detect(self, text):
        return signals.peel_edition(text) == "2014"

    def parse(self, text, force):
        return _Reader(text, force).read(self)


class _Reader:
    def __init__(self, text, force):
        self.text = text
        self.blocks = common.split_labelled(report_text.blocks(text))
        self.force = force
        self.facts = report_facts(self.blocks, force)
        names, self.contents_lines = common.contents(text.split("\n"))
        self.areas, self.items, self.warnings = [], [], []
        self.pillar, self.area = None, None
        self.mode, self.coc, self.lead_in, self.listing = None, None, None, False
        self.subjects = {
            n.lower().removeprefix("the ").strip()
            for n in (self.facts.force_named, force.name, signals.subject_force(text), "the force", "the constabulary")
            if n
        }

    # --- what a block is ---------------------------------------------------------------------
    def heading_like(self, block):
        return block.kind == "para" and block.words <= 20 and (not block.ends_sentence or block.text.endswith("?"))

    def heading_with_grade(self, block):
        """(name, grade) where a heading and its grade share a line ("Investigating crime Requires
        improvement", "EFFECTIVENESS – GOOD"), as a PDF's table or a letter sets them."""
        match = _HEADING_GRADE.match(block.text.strip()) if block.kind == "para" and block.words <= 14 else None
        if not match:
            return None
        name = match.group("name").strip(" –-:")
        if name.capitalize() not in PILLARS and canonical_area(name) is None:
            return None
        name = name if not name.isupper() else name.capitalize()
        return name, common.grade_of(match.group("grade"))

    def grade_line(self, block):
        key = " ".join(block.text.lower().rstrip(".").split())
        return common.GRADE_WORDS.get(key) if key in FOUR_TIER else None

    def grade_sentence(self, block):
        match = _GRADE_SENTENCE.match(block.text)
        if not match or match.group("subject").lower().removeprefix("the ").strip() not in self.subjects:
            return None
        return common.grade_of(match.group("judged") or match.group("grade") or "requires improvement")

    def grade_after(self, index, reach=4):
        """The grade stated just after a heading: a grade line, or a sentence that states it."""
        for block in self.blocks[index + 1 : index + 1 + reach]:
            if block.kind == "para" and _IGNORED.match(block.text.strip()):
                continue
            if grade := self.grade_line(block):
                return grade
            if grade := self.grade_sentence(block):
                return grade
            if not self.heading_like(block) or self.pillar_of(block) or canonical_area(block.text):
                return None
        return None

    def pillar_of(self, block):
        """The pillar a heading names ("Legitimacy", "EFFECTIVENESS – GOOD", or the pillar's question)."""
        if block.kind != "para":
            return None
        head = re.split(r"\s+[–-]\s+", block.text.strip(), maxsplit=1)[0]
        if head.capitalize() in PILLARS and block.words <= 4:
            return head.capitalize()
        if match := _PILLAR_QUESTION.match(block.text.strip()):
            word = match.group("word").lower()
            return "Effectiveness" if word.startswith("effective") else (
                "Efficiency" if word.startswith("efficien") else "Legitimacy"
            )
        return None

    def in_contents(self, block):
        return block.line - 1 in self.contents_lines

    # --- areas and pillars ---------------------------------------------------------------------
    def judgment(self, name, level, grade, block, pillar=None):
        for area in self.areas:
            if area.name.lower() == name.lower() and area.level == level:
                area.grade = area.grade or grade
                return area
        area = Area(
            key=f"a{len(self.areas) + 1}", name=name, grade=grade, order=len(self.areas) + 1, level=level,
            pillar=pillar.key if pillar else None, source=Source(passage=block.text, page=block.page, line=block.line),
        )
        self.areas.append(area)
        return area

    def pillar_named(self, name, grade, block):
        return self.judgment(name, JudgmentLevel.PILLAR, grade, block)

    def enter_area(self, index, block, name, pillar_name):
        grade = self.grade_after(index) or ""
        taken = next((a for a in self.areas if a.level == JudgmentLevel.AREA and a.name.lower() == name.lower()), None)
        if taken is not None and grade and taken.grade and _AREA_QUESTION.match(block.text.strip()):
            # Two graded questions the integrated reports would name alike: keep them apart, in their own words.
            name = common.capitalise(block.text.strip().rstrip("?"))
        known = next((a for a in self.areas if a.level == JudgmentLevel.AREA and a.name.lower() == name.lower()), None)
        if known is None and not grade and name.lower() not in UNGRADED_AREAS:
            return False
        if self.pillar is None and pillar_name:
            self.pillar = self.pillar_named(pillar_name, "", block)
        self.area = self.judgment(name, JudgmentLevel.AREA, grade, block, pillar=self.pillar)
        self.mode, self.coc = None, None
        return True

    # --- reading -------------------------------------------------------------------------------
    def read(self, report_format):
        previous_heading = None
        for index, block in enumerate(self.blocks):
            if self.in_contents(block):
                continue
            key = common.heading_key(block.text) if block.kind == "para" and block.words <= 16 else ""
            if key in common.AFI_HEADINGS:
                self.mode, self.coc, self.lead_in, self.listing = "afi", None, None, False
                continue
            if key in common.COC_HEADINGS or key in common.ACCELERATED_HEADINGS:
                self.mode, self.coc, self.lead_in = "coc", None, None
                continue
            if key in common.RECOMMENDATION_HEADINGS:
                self.mode, self.lead_in = "rec", None
                continue
            if key in common.NARRATIVE_HEADINGS - {"summary of findings"} or key == "detailed findings":
                self.mode = None
                continue
            if (joined := self.heading_with_grade(block)) is not None:
                name, grade = joined
                if name.capitalize() in PILLARS:
                    self.pillar = self.pillar_named(name.capitalize(), grade, block)
                    self.area = None
                else:
                    found = canonical_area(name)
                    if self.pillar is None and found and found[1]:
                        self.pillar = self.pillar_named(found[1], "", block)
                    self.area = self.judgment(name, JudgmentLevel.AREA, grade, block, pillar=self.pillar)
                self.mode, self.coc, previous_heading = None, None, None
                continue
            if self.heading_like(block) and (pillar := self.pillar_of(block)):
                self.pillar = self.pillar_named(pillar, self.grade_after(index) or "", block)
                self.area, self.mode = None, None
                previous_heading = None
                continue
            if self.heading_like(block) and (found := canonical_area(block.text)):
                name, pillar_name = found
                # A component heading followed by its question ("Investigating crime" then "How effective
                # is the force at investigating crime…?") is one area, named by the heading.
                if previous_heading is not None and _AREA_QUESTION.match(block.text.strip()):
                    name = previous_heading
                    previous_heading = None
                    if self.enter_area(index, block, name, pillar_name):
                        continue
                elif self.enter_area(index, block, name, pillar_name):
                    previous_heading = name if not self.area.grade else None
                    continue
                elif not _AREA_QUESTION.match(block.text.strip()):
                    previous_heading = block.text.strip().rstrip(":")
                    continue
            if block.kind == "para" and (self.grade_line(block) or _IGNORED.match(block.text.strip())):
                continue
            self.read_block(block)
        self.finish()
        extraction = Extraction(
            format=report_format.key,
            format_label=report_format.label,
            title=self.title(),
            grading_scale=GradingScale.FOUR_TIER,
            force_named=self.facts.force_named,
            published_on=self.facts.published_on,
            published_hint=self.facts.published_hint,
            areas=self.areas,
            items=self.items,
            warnings=self.warnings,
        )
        if not extraction.items:
            extraction.warnings.append("No causes of concern, recommendations or areas for improvement were found.")
        return extraction

    def title(self):
        if self.facts.title:
            return self.facts.title
        # A pillar's web page: "Anyshire PEEL 2018", then the pillar it is about.
        page = re.search(r"^\s*([A-Z][^\n]{0,60}?\bPEEL\s+20[12]\d(?:/\d\d)?)\s*$", self.text[:3000], re.M)
        if page:
            pillars = [a.name for a in self.areas if a.level == JudgmentLevel.PILLAR]
            return f"{page.group(1)}: {pillars[0]}" if len(pillars) == 1 else page.group(1)
        return ""

    def read_block(self, block):
        if self.mode == "afi":
            self.read_afi(block)
        elif self.mode == "coc":
            self.read_coc(block)
        elif self.mode == "rec":
            self.read_recommendation(block)

    def read_afi(self, block):
        if block.kind == "para" and _LEAD_IN.search(block.text):
            self.lead_in, self.listing = block, True  # "The force should:", then one finding per item
            return
        if block.kind == "bullet":
            lead_in = self.lead_in if self.listing else None
            text = common.list_item_text(block.text) if lead_in else block.text
            self.add(FindingKind.AREA_FOR_IMPROVEMENT, text, block, lead_in=lead_in)
            return
        if common.is_directive(block.text) and block.words <= 120 and not self.heading_like(block):
            self.add(FindingKind.AREA_FOR_IMPROVEMENT, block.text, block)
            return
        self.mode = None  # the list has ended: what follows is narrative

    def read_coc(self, block):
        if self.coc is None:
            self.coc = self.add(FindingKind.CAUSE_OF_CONCERN, block.text, block)
            return
        if block.kind == "para" and (_LEAD_IN.search(block.text) or common.lead_in_time_frame(block.text)):
            self.mode = "rec"
            self.read_recommendation(block)
            return
        self.context(self.coc, block)

    def read_recommendation(self, block):
        if block.kind == "para" and _LEAD_IN.search(block.text):
            self.lead_in = block
            return
        if block.kind == "bullet":
            text = common.list_item_text(block.text) if self.lead_in is not None else block.text
            self.add(FindingKind.RECOMMENDATION, text, block, lead_in=self.lead_in, parent=self.coc)
            return
        if block.kind == "para" and common.is_directive(block.text) and not self.heading_like(block):
            self.lead_in = None
            self.add(FindingKind.RECOMMENDATION, block.text, block, parent=self.coc)
            return
        self.mode = None

    def add(self, kind, text, block, lead_in=None, parent=None):
        passage = f"{lead_in.text}\n- {block.text}" if lead_in is not None else block.text
        time_frame = common.leading_time_frame(text) if lead_in is not None else ""
        if lead_in is not None and not time_frame:
            time_frame = common.time_frame_in([lead_in.text]) or common.lead_in_any_time_frame(lead_in.text)
        item = Item(
            key=f"f{len(self.items) + 1}",
            kind=kind,
            reference="",
            text=" ".join(text.split()),
            area=self.area.key if self.area else None,
            parent=parent.key if parent is not None else None,
            time_frame=time_frame or common.time_frame_in([block.text]),
            order=len(self.items) + 1,
            source=Source(passage=passage, page=block.page or (lead_in.page if lead_in else None), line=block.line),
        )
        self.items.append(item)
        return item

    def context(self, item, block):
        paragraph = f"- {block.text}" if block.kind == "bullet" else block.text
        item.context = f"{item.context}\n\n{paragraph}" if item.context else paragraph
        item.source.passage = f"{item.source.passage}\n\n{paragraph}"

    def finish(self):
        """Repeats removed (summaries list the findings again), time frames and carry-overs, references."""
        seen, kept, keys = {}, [], {}
        for item in self.items:
            normal = " ".join(item.text.lower().split())
            if normal in seen:
                keys[item.key] = seen[normal].key
                continue
            seen[normal] = item
            kept.append(item)
        for item in kept:
            item.parent = keys.get(item.parent, item.parent)
        self.items = kept
        for number, item in enumerate(self.items, 1):
            item.order = number
            history = ""
            if item.kind != FindingKind.RECOMMENDATION:
                item.text, history = common.split_carried_headline(item.text)
                if history:
                    item.context = "\n\n".join(p for p in (history, item.context) if p)
            if not item.time_frame:
                item.time_frame = common.time_frame_in([item.text])
            if found := common.carry_over_in(f"{item.text}\n{item.context}"):
                item.carry_over = CarryOver(phrase=found[0], year=found[1], history=history)
        number_items(self.items)
