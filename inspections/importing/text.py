"""A report's text as paragraphs ("blocks"), whatever it came from.

Input is text with paragraphs separated by blank lines and pages separated by form feeds
(the PDF reader writes it so; text copied from the HTML report has no form feeds). Markdown
links "[text](#)" and escapes left by copying from the web page are removed. A paragraph cut
in two by a page break (the second part starts in lower case) is joined up again.
"""

import re
import unicodedata
from dataclasses import dataclass

PAGE_BREAK = "\f"

_MARKDOWN_LINK = re.compile(r"\[((?:\\.|[^\]\\])+)\]\((?:[^()\s]|\([^()\s]*\))*\)")
_MARKDOWN_ESCAPE = re.compile(r"\\([()\[\]*_#.!-])")
_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,2})(?=\S)([^*\n]+?)(?<=\S)\1(?![\w*])")
_BULLET = re.compile(r"^(?:[-•●▪◦‣∙·*–]|\(?[a-z]\)|\d{1,2}[.)])\s+(?=\S)")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u00ad\u200b\u200c\u200d\ufeff]")
_CLOSERS = "\"'”’)]»"
TERMINAL = ".!?:;"


@dataclass
class Block:
    text: str
    kind: str = "para"  # "para" or "bullet"
    page: int | None = None
    line: int = 0

    @property
    def words(self):
        return len(self.text.split())

    @property
    def ends_sentence(self):
        return ends_sentence(self.text)


def ends_sentence(text):
    """Whether the text ends with terminal punctuation (ignoring closing quotes and brackets)."""
    stripped = text.rstrip().rstrip(_CLOSERS).rstrip()
    return bool(stripped) and stripped[-1] in TERMINAL


def normalise(text):
    """Line endings, spaces, web-copy markup; the number of lines is unchanged."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH.sub("", text)
    text = _MARKDOWN_LINK.sub(lambda m: m.group(1), text)
    text = _MARKDOWN_ESCAPE.sub(r"\1", text)
    text = _EMPHASIS.sub(r"\2", text)
    return text


def clean_line(line):
    return _SPACES.sub(" ", line).strip()


def one_paragraph_per_line(lines):
    """Whether paragraphs are separated by single line breaks, not blank lines: text copied from a web
    page by some browsers, where every paragraph, heading and list item is one line."""
    filled = [line for line in lines if line.strip() and line.strip() != PAGE_BREAK]
    blank = len(lines) - len(filled)
    long_lines = sum(1 for line in filled if len(line) > 100)
    ended = sum(1 for line in filled if ends_sentence(line))
    # Hard-wrapped text is not: its lines are short and most end inside a sentence.
    return len(filled) >= 8 and blank * 8 < len(filled) and (long_lines * 8 >= len(filled) or ended * 3 >= len(filled))


def blocks(text):
    """The paragraphs and list items of normalised text, in order (line numbers count from 1)."""
    page = 1 if PAGE_BREAK in text else None
    found, current = [], None
    lines = text.split("\n")
    per_line = one_paragraph_per_line(lines)
    for line_number, raw in enumerate(lines, 1):
        if PAGE_BREAK in raw:
            page += raw.count(PAGE_BREAK)
            raw = raw.replace(PAGE_BREAK, "")
            current = None  # a page break ends a paragraph; _mend joins those it cut
        line = clean_line(raw)
        if not line:
            current = None
            continue
        bullet = _BULLET.match(line)
        if bullet or current is None or per_line:
            current = Block(
                text=line[bullet.end() :] if bullet else line,
                kind="bullet" if bullet else "para",
                page=page,
                line=line_number,
            )
            found.append(current)
        else:
            current.text = _join(current.text, line)
    return _mend(_unmarked_lists(found))


def _join(first, second):
    if first.endswith("-") and len(first) > 1 and first[-2].isalpha():
        return first + second  # a hyphenated word or compound broken at the line end
    return f"{first} {second}"


def _mend(found):
    """Join paragraphs that a page break (or a stray blank line) cut in two."""
    mended = []
    for block in found:
        previous = mended[-1] if mended else None
        if previous is not None and block.kind == "para" and _continues(previous, block):
            previous.text = _join(previous.text, block.text)
            continue
        mended.append(block)
    return mended


def _unmarked_lists(found):
    """List items whose bullets were lost in copying: after a lead-in ending with a colon, the paragraphs
    that start in lower case ("make sure investigations are supervised; and") are its items."""
    in_list = False
    for block in found:
        if block.kind == "bullet":
            in_list = False
        elif in_list and block.text[:1].islower():
            block.kind = "bullet"
            continue
        in_list = block.kind == "para" and block.text.rstrip().endswith(":")
    return found


def _continues(previous, block):
    if previous.ends_sentence:
        return False
    first = block.text[0]
    if first.islower():
        return True
    # "…at schools in late" + "2022, and the force…": a long paragraph cut before a number.
    return first.isdigit() and previous.words >= 25 and previous.text[-1].islower()
