"""HMICFRS letters to a force about its causes of concern: an accelerated cause of concern issued
before the report, a revisit that keeps one open, or a letter closing one (often after a Policing
Performance Oversight Group meeting, and moving the force into or out of Engage).

How they are laid out, and so how they are read:
- a web page prints "Letter information", then From, To, Cc and "Sent on" with the date; a letter
  as sent has the date at the top, "Dear …" and "Yours sincerely";
- each cause of concern has a section: "Cause of concern" (or "Cause of concern: responding to the
  public") with its headline and recommendations ("Within three months, Devon and Cornwall Police
  should:"), or a heading naming its subject ("Investigating crime") in older letters;
- the decision is in the letter's own words, in the section or in the opening and closing
  paragraphs: "I will be closing the force's cause of concern regarding …", "I am satisfied … and I am
  closing it", "This cause of concern remains open", "the existing cause of concern will remain";
  what happens next follows ("We will review the force's progress again at …");
- an accelerated cause of concern is announced as such ("I have decided to issue an accelerated cause
  of concern … ahead of the publication of our full report").

A letter creates no inspection: its causes of concern are matched to the force's own (importing.letters)
and, once staff accept, HMICFRS's decision on each is recorded. An accelerated cause of concern is new:
it joins an inspection staff choose, or a new one, with its recommendations.
"""

import calendar
import re
from datetime import date

from inspections.core.grading import GradingScale
from inspections.importing import text as report_text
from inspections.importing.extraction import LETTER, Decision, Extraction, Item, Letter, Source
from inspections.models import FindingKind, HmicfrsOutcome

from . import common, signals
from .peel2021 import number_items

_MONTHS = "|".join(calendar.month_name[1:])
_DATE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTHS})\s+(\d{{4}})\b", re.I)
_PUBLISHED = re.compile(rf"^Published(?:\s+on)?:?\s+\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}}$", re.I)
_FIELDS = {"from", "to", "cc", "sent on", "letter information", "copy to", "copied to"}
_CAUSE_HEADING = re.compile(
    r"^(?:accelerated\s+)?causes?\s+(?:of|for)\s+concern(?:\s+\d+)?(?:\s*(?::|–|-|regarding|about|on)\s*(?P<topic>.+?))?\.?$",
    re.I,
)
_LETTER_HEADINGS = {
    "background", "next steps", "summary of findings", "conclusion", "conclusions", "recommendations",
    "recommendation", "our findings", "findings", "summary", "introduction", "progress", "what we found",
    "engage", "monitoring",
}
_ACCELERATED = re.compile(
    r"\baccelerated\s+causes?\s+of\s+concern\b"
    r"|\bcauses?\s+of\s+concern\b[^.]{0,160}\b(?:ahead\s+of|before|in\s+advance\s+of|prior\s+to)\s+"
    r"(?:the\s+)?(?:publication|publishing|(?:our|the)\s+(?:full\s+|final\s+|PEEL\s+)*report)\b",
    re.I,
)
_OPEN = re.compile(
    r"\b(?:remains?|will\s+remain|is\s+to\s+remain|will\s+stay)\s+(?:open|in\s+place|a\s+cause\s+(?:of|for)\s+concern|unresolved)\b"
    r"|\bcauses?\s+of\s+concern\s+(?:will\s+)?remains?\b(?!\s+(?:closed|resolved))"
    r"|\b(?:not|n['’]t)\s+(?:yet\s+)?(?:be\s+)?(?:able\s+to\s+|ready\s+to\s+|in\s+a\s+position\s+to\s+)?clos(?:e|ing|ed)\b"
    r"|\bkeep(?:ing)?\s+(?:this|the|it)\s+(?:cause\s+of\s+concern\s+)?open\b"
    r"|\b(?:continues|continue)\s+to\s+be\s+a\s+cause\s+of\s+concern\b|\bstill\s+a\s+cause\s+of\s+concern\b"
    r"|\b(?:not\s+(?:yet\s+)?(?:made\s+)?(?:enough|sufficient)|insufficient)\s+progress\b",
    re.I,
)
_CLOSED = re.compile(
    r"\b(?:I|we)\s+(?:will\s+be|am|are|have\s+decided\s+to|can\s+now|will\s+now|will|have)\s+(?:now\s+)?clos(?:e|ing|ed)\b"
    r"|\bto\s+(?:close|discharge)\s+(?:this|the|its|that)\b|\bdischarg(?:e|ed|ing)\s+(?:this|the|it)\b"
    r"|\b(?:is|are|has\s+been|have\s+been|can\s+(?:now\s+)?be|will\s+be|now\s+be)\s+"
    r"(?:now\s+|therefore\s+|formally\s+|hereby\s+)?(?:closed|discharged)\b"
    r"|\bclos(?:e|ing)\s+(?:it|this|the\s+(?:force|constabulary)['’]s)\b",
    re.I,
)
# "…until the remaining cause of concern is closed": a condition, not a decision.
_CONDITIONAL = re.compile(r"\b(?:until|unless|once|when|if|before|after)\b[^.]{0,80}\bclos(?:e|ed|ing)\b", re.I)
_NEXT = re.compile(
    r"\b(?:we|I|HMI\s+\w+)\s+will\s+(?:review|revisit|reinspect|re-inspect|continue|monitor|assess|expect|consider|return)\b"
    r"|\bwe\s+expect\s+the\s+(?:force|constabulary)\b|\bat\s+the\s+next\s+(?:PPOG|Policing\s+Performance\s+Oversight\s+Group)\b",
    re.I,
)
_LEAD_IN = re.compile(r"\b(?:should|must|we\s+recommend)\b[^.]*:\s*$", re.I)


def _iso(match):
    day, month, year = match.groups()
    return date(int(year), [m.lower() for m in calendar.month_name].index(month.lower()), int(day)).isoformat()


class HmicfrsLetter:
    key = "letter"
    label = "HMICFRS letters on causes of concern (accelerated, revisit, closure)"

    def detect(self, text):
        return signals.is_letter(text)

    def parse(self, text, force):
        return _Reader(text, force).read(self)


class _Cause:
    def __init__(self, topic="", headline=None):
        self.topic, self.headline = topic, headline
        self.paragraphs, self.recommendations, self.lead_in = [], [], None


class _Reader:
    def __init__(self, text, force):
        self.text = text
        self.blocks = report_text.blocks(text)
        self.force = force
        self.warnings = []

    # --- the letter's facts ------------------------------------------------------------------
    def fields(self):
        """{field: its lines} from the "Letter information" block (From, To, Cc, Sent on)."""
        found, current = {}, None
        for block in self.blocks[:40]:
            text = block.text.strip()
            key = text.lower().rstrip(":")
            head, _, rest = text.partition(":")
            if key in _FIELDS:
                current = key
                found.setdefault(current, [])
                continue
            if head.lower() in _FIELDS and rest.strip():
                current = head.lower()
                found.setdefault(current, []).append(rest.strip())
                continue
            if current is None:
                continue
            if block.ends_sentence and block.words > 8:
                break  # the letter itself has begun
            found[current].append(text)
            if current == "sent on":
                current = None
        return found

    def facts(self):
        fields = self.fields()
        letter = Letter(kind="revisit")
        letter.sender = "; ".join(fields.get("from", []))[:300]
        letter.recipient = "; ".join(fields.get("to", []))[:300]
        letter.copied_to = "; ".join(fields.get("cc", []) or fields.get("copy to", []))[:300]
        sent = " ".join(fields.get("sent on", []))
        if match := _DATE.search(sent):
            letter.sent_on = _iso(match)
        else:  # a letter as sent: its date at the top
            for block in self.blocks[:15]:
                if (match := _DATE.search(block.text)) and block.words <= 6:
                    letter.sent_on = _iso(match)
                    break
        return letter

    def title(self):
        """The letter's title: its web page's heading, or the subject line after "Dear …"."""
        for index, block in enumerate(self.blocks[:25]):
            text = block.text.strip()
            if text.lower().rstrip(":") in _FIELDS or _PUBLISHED.match(text):
                break
            if re.match(r"^Dear\s", text):
                following = self.blocks[index + 1] if index + 1 < len(self.blocks) else None
                if following is not None and following.words <= 20 and not following.ends_sentence:
                    return following.text.strip()
                return ""
        first = self.blocks[0] if self.blocks else None
        plain = first is not None and first.words <= 20 and not first.ends_sentence
        if plain and not _DATE.search(first.text) and "skip to" not in first.text.lower():
            return first.text.strip()
        return ""

    # --- causes of concern -------------------------------------------------------------------
    def heading_like(self, block):
        return block.kind == "para" and block.words <= 12 and not block.ends_sentence

    def body(self):
        """The blocks of the letter itself: after its information block (or salutation), before the sign-off."""
        start = 0
        for index, block in enumerate(self.blocks):
            text = block.text.strip().lower().rstrip(":")
            if text in ("sent on",) or text.startswith(("dear ",)):
                start = index + 1
        for index in range(start, min(start + 3, len(self.blocks))):
            if _DATE.search(self.blocks[index].text) and self.blocks[index].words <= 6:
                start = index + 1
        end = len(self.blocks)
        for index, block in enumerate(self.blocks):
            if index >= start and re.match(r"^Yours\s+(?:sincerely|faithfully)", block.text, re.I):
                end = index
                break
        return self.blocks[start:end]

    def causes(self, body):
        causes, general, current = [], [], None
        for index, block in enumerate(body):
            text = block.text.strip()
            key = common.heading_key(text)
            match = _CAUSE_HEADING.match(text) if self.heading_like(block) or block.words <= 12 else None
            if match:
                current = _Cause(topic=(match.group("topic") or "").strip())
                causes.append(current)
                following = body[index + 1] if index + 1 < len(body) else None
                if following is not None and self.is_headline(following, after_topic=bool(current.topic)):
                    current.headline = following
                continue
            if current is not None and block is current.headline:
                continue
            if self.heading_like(block) and key in _LETTER_HEADINGS:
                if key in ("recommendations", "recommendation") and current is not None:
                    continue
                current = None
                general.append(block)
                continue
            # Older letters head each cause of concern with its subject ("Investigating crime").
            if self.heading_like(block) and key not in _LETTER_HEADINGS and key not in _FIELDS:
                section = self.section_after(body, index)
                if any(_OPEN.search(b.text) or _CLOSED.search(b.text) for b in section):
                    current = _Cause(topic=text)
                    causes.append(current)
                    continue
            if current is None:
                general.append(block)
                continue
            if block.kind == "para" and (_LEAD_IN.search(text) and common.is_directive(text)):
                current.lead_in = block
                continue
            if block.kind == "bullet" and current.lead_in is not None:
                current.recommendations.append((block, current.lead_in))
                continue
            if block.kind == "para" and common.lead_in_time_frame(text) and common.is_directive(text):
                current.recommendations.append((block, None))
                continue
            current.paragraphs.append(block)
        return causes, general

    def section_after(self, body, index):
        section = []
        for block in body[index + 1 :]:
            if self.heading_like(block):
                break
            section.append(block)
        return section

    def is_headline(self, block, after_topic=False):
        """Whether the paragraph after "Cause of concern" is the cause's own headline, not what the letter
        says of it: one sentence, with no decision in it (after "Cause of concern: <subject>", also short
        and without a full stop, as HMICFRS sets its headlines)."""
        text = block.text.strip()
        if block.kind != "para" or block.words > 60 or block.words < 4 or text.endswith(":"):
            return False
        if re.match(r"^(?:our|we|in|on|since|between|this|the\s+cause|following|thank)\b", text, re.I):
            return False
        if _OPEN.search(text) or _CLOSED.search(text) or len(common.sentences(text)) > 1:
            return False
        return not after_topic or (not block.ends_sentence and block.words <= 30)

    # --- decisions ---------------------------------------------------------------------------
    def decide(self, cause, general, causes, accelerated):
        if accelerated:
            said = [s for b in general for s in common.sentences(b.text) if _ACCELERATED.search(s)]
            return Decision(outcome=HmicfrsOutcome.ISSUED, topic=cause.topic, summary=" ".join(said[:2]))
        own = [s for b in cause.paragraphs for s in common.sentences(b.text)]
        about = self.mentioning(cause, general, alone=len(causes) == 1)
        outcome, said = None, []
        # The cause's own section speaks first; the opening and closing paragraphs after it.
        for sentence in own + about:
            if _OPEN.search(sentence):  # "remains open", "not yet able to close" (before "close")
                outcome, said = outcome or HmicfrsOutcome.OPEN, [*said, sentence]
            elif _CLOSED.search(sentence) and not _CONDITIONAL.search(sentence):
                outcome, said = outcome or HmicfrsOutcome.CLOSED, [*said, sentence]
        if outcome is None:
            outcome = HmicfrsOutcome.OPEN
            label = cause.topic or (cause.headline.text if cause.headline else "a cause of concern")
            self.warnings.append(
                f"The letter does not say plainly whether HMICFRS closes the cause of concern “{label[:80]}”; "
                "it is read as remaining open. Check it on the review page."
            )
        decision = Decision(outcome=outcome, topic=cause.topic, summary=" ".join(dict.fromkeys(said)))
        if outcome == HmicfrsOutcome.OPEN:
            steps = [s for s in own if _NEXT.search(s)]
            steps += [s for b in self.next_steps(general) for s in common.sentences(b.text)]
            if len(causes) == 1:
                steps += [s for s in about if _NEXT.search(s)]
                steps += [s for b in general for s in common.sentences(b.text) if _NEXT.search(s)]
            decision.next_steps = " ".join(dict.fromkeys(steps))
        return decision

    def mentioning(self, cause, general, alone):
        """Sentences of the letter's opening and closing that are about this cause of concern."""
        words = set(re.findall(r"[a-z]{4,}", cause.topic.lower())) - {"regarding", "about", "force", "cause"}
        found = []
        for block in general:
            for sentence in common.sentences(block.text):
                lowered = sentence.lower()
                if not re.search(r"\bcauses?\s+of\s+concern\b", lowered):
                    continue
                if re.search(r"\bremaining\s+causes?\s+of\s+concern\b", lowered) and not alone:
                    continue  # "next steps on the remaining causes": not a decision on any one of them
                if alone or (words and sum(w in lowered for w in words) >= max(1, len(words) // 2)):
                    found.append(sentence)
        return found

    def next_steps(self, general):
        taken, steps = False, []
        for block in general:
            if self.heading_like(block):
                taken = common.heading_key(block.text) == "next steps"
                continue
            if taken:
                steps.append(block)
        return steps

    # --- the extraction ----------------------------------------------------------------------
    def read(self, report_format):
        letter = self.facts()
        title = self.title()
        body = self.body()
        accelerated = bool(_ACCELERATED.search(self.text))
        causes, general = self.causes(body)
        items = []
        for cause in causes:
            decision = self.decide(cause, general, causes, accelerated)
            text = cause.headline.text if cause.headline else common.capitalise(cause.topic)
            source = cause.headline or (cause.paragraphs[0] if cause.paragraphs else None)
            item = Item(
                key=f"f{len(items) + 1}",
                kind=FindingKind.CAUSE_OF_CONCERN,
                reference="",
                text=" ".join(text.split()),
                context="\n\n".join(b.text for b in cause.paragraphs),
                accelerated=accelerated,
                decision=decision,
                source=Source(
                    passage="\n\n".join(b.text for b in [cause.headline, *cause.paragraphs] if b is not None),
                    page=source.page if source else None,
                    line=source.line if source else None,
                ),
            )
            items.append(item)
            for block, lead_in in cause.recommendations:
                items.append(self.recommendation(block, lead_in, item, len(items) + 1))
        if accelerated:
            letter.kind = "accelerated"
        elif any(i.decision and i.decision.outcome == HmicfrsOutcome.CLOSED for i in items):
            letter.kind = "closure"
        letter.kind_label = {
            "accelerated": "Accelerated cause of concern", "closure": "Closing a cause of concern",
            "revisit": "Revisit of a cause of concern",
        }[letter.kind]
        for number, item in enumerate(items, 1):
            item.order = number
        number_items(items)
        if not items:
            self.warnings.append(
                "No cause of concern was found in the letter; add the causes of concern it decides on by hand."
            )
        if not letter.sent_on:
            self.warnings.append("The letter's date was not found; give the date it was sent.")
        named = signals.report_subject(letter.recipient) or next(iter(signals.forces_named(letter.recipient)), None)
        return Extraction(
            format=report_format.key,
            format_label=report_format.label,
            kind=LETTER,
            title=title,
            grading_scale=GradingScale.UNGRADED,
            force_named=named or signals.subject_force(self.text) or "",
            published_on=letter.sent_on,
            items=items,
            warnings=self.warnings,
            letter=letter,
        )

    def recommendation(self, block, lead_in, cause, number):
        text = common.list_item_text(block.text) if lead_in is not None else block.text
        time_frame = common.leading_time_frame(text) if lead_in is not None else ""
        if lead_in is not None and not time_frame:
            time_frame = common.time_frame_in([lead_in.text]) or common.lead_in_any_time_frame(lead_in.text)
        passage = f"{lead_in.text}\n- {block.text}" if lead_in is not None else block.text
        return Item(
            key=f"f{number}",
            kind=FindingKind.RECOMMENDATION,
            reference="",
            text=" ".join(text.split()),
            parent=cause.key,
            time_frame=time_frame or common.time_frame_in([block.text]),
            source=Source(passage=passage, page=block.page, line=block.line),
        )
