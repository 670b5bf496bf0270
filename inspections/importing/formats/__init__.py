"""Report formats: one parser per format, behind one interface.

A format says whether it recognises a report's text (`detect`) and turns the text into an
`Extraction` (`parse`). Add a format (e.g. the 2014-2019 PEEL reports, with pillars and four
tiers) by writing a module with a class that has these two methods and listing it in FORMATS;
nothing else changes. The first format whose `detect` answers yes reads the report.
"""

from typing import Protocol

from inspections.importing.extraction import Extraction, ImportProblem

from .peel2021 import Peel2021


class ReportFormat(Protocol):
    key: str  # stored with the extraction, e.g. "peel2021"
    label: str  # shown to staff, e.g. "PEEL, 2021 onward"

    def detect(self, text: str) -> bool:
        """Whether this format can read the report (normalised text, as text.normalise gives it)."""

    def parse(self, text: str, force) -> Extraction:
        """The report's areas and findings. `force` is the Force the report is about (its name
        and noun are used; nothing is read from or written to the database)."""


FORMATS: list[ReportFormat] = [Peel2021()]


def format_for(text) -> ReportFormat:
    for report_format in FORMATS:
        if report_format.detect(text):
            return report_format
    names = ", ".join(f.label for f in FORMATS)
    raise ImportProblem(
        "This does not look like an HMICFRS report the importer can read "
        f"(it reads: {names}). Check that the file is the report itself, as published."
    )
