"""Invisible control characters in free text: found, named and removed, in one place.

Text-direction overrides (U+202E RIGHT-TO-LEFT OVERRIDE and friends) make a line display in a different
order from the one it was typed in, so a Section 55 letter could read differently from what its author
wrote ("Trojan Source", CVE-2021-42574). Zero-width characters, C0/C1 control codes and Unicode "tag"
characters hide text or smuggle it past a reader. None has a place in a tracker's free text, so every
form (inspections/core/forms.py) and every import (inspections/importing/) removes them and says so, and
the PDF renderer removes any that reached the database another way before it prints.

Kept: tab, line feed and carriage return; the ordinary spaces; characters that carry meaning in real
text (letters of every script, the soft hyphen is removed as it is invisible in a web page).
Line and paragraph separators (U+2028, U+2029) become line feeds.
"""

import re
import unicodedata
from dataclasses import dataclass

# Each range, and why it is removed.
_RANGES = [
    ("\u202a", "\u202e", "a text-direction embedding or override"),
    ("\u2066", "\u2069", "a text-direction isolate"),
    ("\u200e", "\u200f", "a left-to-right or right-to-left mark"),
    ("\u061c", "\u061c", "an Arabic letter mark (text direction)"),
    ("\u200b", "\u200d", "a zero-width character"),
    ("\u2060", "\u2064", "an invisible joiner or operator"),
    ("\ufeff", "\ufeff", "a zero-width no-break space (byte-order mark)"),
    ("\u00ad", "\u00ad", "a soft hyphen"),
    ("\u180e", "\u180e", "a Mongolian vowel separator (invisible)"),
    ("\ufff9", "\ufffb", "an interlinear annotation character"),
    ("\U000e0000", "\U000e007f", "a Unicode tag character, invisible text"),
    ("\x00", "\x08", "a control character"),
    ("\x0b", "\x0c", "a control character"),
    ("\x0e", "\x1f", "a control character"),
    ("\x7f", "\x9f", "a control character"),
]
_SEPARATORS = re.compile("[\u2028\u2029]")
PAGE_BREAK = "\f"  # meaningful in PDF text: the report importer keeps it to count pages


def _pattern(ranges):
    return re.compile("[" + "".join(f"{re.escape(lo)}-{re.escape(hi)}" for lo, hi, _ in ranges) + "]")


_PATTERN = _pattern(_RANGES)
_PATTERN_KEEPING_PAGE_BREAKS = _pattern(
    [(lo, hi, why) for lo, hi, why in _RANGES if not lo <= PAGE_BREAK <= hi] + [("\x0b", "\x0b", "")]
)


@dataclass(frozen=True)
class Cleaned:
    text: str
    removed: tuple  # the characters removed, in order of first appearance

    @property
    def changed(self):
        return bool(self.removed)

    def describe(self):
        """e.g. 'U+202E RIGHT-TO-LEFT OVERRIDE (a text-direction embedding or override)'."""
        return ", ".join(describe(char) for char in self.removed)


def describe(char):
    name = unicodedata.name(char, "") or "CONTROL"
    reason = next((why for lo, hi, why in _RANGES if lo <= char <= hi), "an invisible character")
    return f"U+{ord(char):04X} {name} ({reason})"


def clean(text, *, keep_page_breaks=False):
    """The text without invisible control characters, and which were removed."""
    if not text:
        return Cleaned(text or "", ())
    pattern = _PATTERN_KEEPING_PAGE_BREAKS if keep_page_breaks else _PATTERN
    found = tuple(dict.fromkeys(pattern.findall(text)))
    text = _SEPARATORS.sub("\n", text)
    return Cleaned(pattern.sub("", text) if found else text, found)


def strip(text, **kwargs):
    return clean(text, **kwargs).text


def message(cleaned, where="this text"):
    """What a user is told when characters were removed."""
    count = len(cleaned.removed)
    return (
        f"We removed {'an invisible character' if count == 1 else f'{count} kinds of invisible character'} "
        f"from {where} ({cleaned.describe()}). Such characters can make text read differently from what was "
        "typed. Check the text below and save it again."
    )
