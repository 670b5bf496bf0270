"""Free text in letters and papers: paragraphs and bullet lists, never HTML.

Rules, as a user types them in a text box:
- a blank line ends a paragraph; the lines of one paragraph are joined with spaces;
- a line starting with "- " (or "• ") is a bullet; consecutive bullets make one list;
- an indented line straight after a bullet continues that bullet.

The result is a list of blocks (Paragraph, BulletList) holding plain strings. Templates render them
with autoescaping (templates/documents/_blocks.html), so "<script>" in a comment prints as text.
"""

import re
from dataclasses import dataclass, field

BULLET = re.compile(r"^\s*[-•]\s+(.*)$")
_SPACES = re.compile(r"[ \t\u00a0]+")


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: str = "paragraph"


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...] = field(default_factory=tuple)
    kind: str = "bullets"


def _clean(text):
    return _SPACES.sub(" ", text).strip()


def parse(text):
    """Blocks of the free text, in order; empty text gives no blocks."""
    blocks, paragraph, bullets = [], [], []

    def end_paragraph():
        if paragraph:
            blocks.append(Paragraph(_clean(" ".join(paragraph))))
            paragraph.clear()

    def end_list():
        if bullets:
            blocks.append(BulletList(tuple(_clean(item) for item in bullets)))
            bullets.clear()

    for raw in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        if not line.strip():
            end_paragraph()
            end_list()
            continue
        if match := BULLET.match(line):
            end_paragraph()
            bullets.append(match.group(1))
        elif bullets and line[:1] in (" ", "\t"):
            bullets[-1] = f"{bullets[-1]} {line.strip()}"
        else:
            end_list()
            paragraph.append(line.strip())
    end_paragraph()
    end_list()
    return blocks


def plain_text(text):
    """The text as it reads, for checks and previews: one line per paragraph or bullet."""
    lines = []
    for block in parse(text):
        if isinstance(block, Paragraph):
            lines.append(block.text)
        else:
            lines.extend(f"- {item}" for item in block.items)
    return "\n".join(lines)
