"""PEEL reports of the 2023–2025 programme and later: five-tier grades by area, as in 2021/22, with
the areas renamed (police powers and public treatment, developing a positive workplace, leadership
and force management…), headlines written "The force needs to improve …" and serious and organised
crime graded where the report includes it. They are laid out as the 2021/22 reports are, so the same
reader reads them (peel2021); what tells the programmes apart is in signals.peel_edition."""

from .peel2021 import Peel2021


class Peel2023(Peel2021):
    key = "peel2023"
    label = "PEEL 2023–25 and later (five-tier grades by area)"
    edition = "2023"
