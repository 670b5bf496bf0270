"""HMICFRS inspections of one force that are not PEEL: custody, crime data integrity, child protection,
a force's vetting or counter-corruption, an inspection a PCC commissioned. They have causes of concern
with recommendations, and areas for improvement, laid out under the same headings as PEEL reports,
so the same reader reads them; they grade nothing (or one overall judgment, kept where printed)."""

from inspections.core.grading import GradingScale
from inspections.importing import text as report_text

from . import signals
from .peel2021 import Peel2021
from .sections import title_lines


class ForceInspection(Peel2021):
    key = "inspection"
    label = "Other HMICFRS inspections of a force (custody, crime data, child protection…)"

    def detect(self, text):
        return signals.is_other_force_inspection(text)

    def parse(self, text, force):
        extraction = super().parse(text, force)
        # Its own title lines ("National child protection inspection: An inspection of …").
        extraction.title = title_lines(report_text.blocks(text)) or extraction.title
        if not any(area.grade for area in extraction.areas):
            extraction.grading_scale = GradingScale.UNGRADED
        return extraction
