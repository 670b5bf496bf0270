"""Report formats: one parser per format, behind one interface.

A format says whether it recognises a document's text (`detect`) and turns the text into an
`Extraction` (`parse`). The formats are: HMICFRS letters on causes of concern (hmicfrs_letter),
PEEL 2014 to 2019 (peel2014), PEEL 2021/22 (peel2021), PEEL 2023–25 and later (peel2023), national
or thematic reports (national) and other inspections of one force (force_inspection). Add one by
writing a module with a class that has these two methods and listing it in FORMATS. Their `detect`
methods do not overlap (they are built from `signals`); the first that answers yes reads the
document, and a document none of them reads is refused with a message naming them. Documents that
are plainly not HMICFRS's (a PCC's Section 55 response, a committee paper) are refused first,
saying what they are.
"""

from typing import Protocol

from inspections.importing.extraction import Extraction, ImportProblem

from . import signals
from .force_inspection import ForceInspection
from .hmicfrs_letter import HmicfrsLetter
from .national import NationalReport
from .peel2014 import Peel2014
from .peel2021 import Peel2021
from .peel2023 import Peel2023


class ReportFormat(Protocol):
    key: str  # stored with the extraction, e.g. "peel2021"
    label: str  # shown to staff, e.g. "PEEL, 2021 onward"

    def detect(self, text: str) -> bool:
        """Whether this format can read the report (normalised text, as text.normalise gives it)."""

    def parse(self, text: str, force) -> Extraction:
        """The report's areas and findings. `force` is the Force the report is about (its name
        and noun are used; nothing is read from or written to the database)."""


FORMATS: list[ReportFormat] = [
    HmicfrsLetter(),
    Peel2014(),
    Peel2021(),
    Peel2023(),
    NationalReport(),
    ForceInspection(),
]


def formats_read():
    """The formats the importer reads, as staff are told them."""
    return "; ".join(f.label for f in FORMATS)


def format_for(text) -> ReportFormat:
    """The format that reads the text; ImportProblem, naming the formats read, where none does."""
    reason = signals.not_an_hmicfrs_document(text)
    if reason:
        raise ImportProblem(f"{reason} The importer reads: {formats_read()}.")
    for report_format in FORMATS:
        if report_format.detect(text):
            return report_format
    raise ImportProblem(
        "This does not look like an HMICFRS report or letter the importer can read. It reads: "
        f"{formats_read()}. Check that the file is the report or letter itself, as HMICFRS published it."
    )
