"""How long a Section 55 letter takes to render: the 2019 Warwickshire letter and a synthetic inspection
with 60 findings (6 causes of concern with 4 recommendations each, 30 areas for improvement, a response
of about 120 words to each). The goal is well under 3 seconds per letter.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/<database>
    .venv/bin/python bench/section55.py [--runs 5]

Everything it creates (the fixtures if they are missing, the synthetic inspection, the rendered versions)
is made inside a transaction that is rolled back, and files go to a temporary MEDIA_ROOT: the database
is left as it was. DJANGO_SETTINGS_MODULE defaults to tracker.settings.test (no secrets needed).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings.test")

import django

django.setup()

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from inspections.core.grading import Grade, GradingScale
from inspections.documents import renderer
from inspections.documents import versions as document_services
from inspections.models import (
    DocumentKind,
    FindingKind,
    Inspection,
    JudgmentLevel,
    RenderStatus,
)
from inspections.section55.letter import render_letter_html, response_for
from tests.factories import (
    BoardFactory,
    FindingFactory,
    ForceFactory,
    InspectionFactory,
    JudgmentFactory,
    LocalPolicingBodyFactory,
    RoleFactory,
)

PILLARS = {
    "Effectiveness": ["Preventing crime", "Investigating crime", "Protecting vulnerable people"],
    "Efficiency": ["Meeting current demands", "Planning for the future", "Using resources"],
    "Legitimacy": ["Treating the public fairly", "Ethical behaviour", "Treating the workforce fairly"],
}
GRADES = [Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.GOOD, Grade.INADEQUATE, Grade.OUTSTANDING,
          Grade.REQUIRES_IMPROVEMENT]
RESPONSE = (
    "The force has appointed a strategic lead who reports monthly to the assurance board. A review of "
    "current practice has been completed and its recommendations accepted by chief officers. Training for "
    "supervisors starts next month and will be followed by dip sampling of cases, with the results reported "
    "to the board. Progress will be scrutinised by the Office of the Police and Crime Commissioner, and the "
    "action will not be signed off until the board has seen evidence that the change has been sustained "
    "for at least three months."
)


class Rollback(Exception):
    pass


class Timer:
    def __init__(self):
        self.samples = {}

    def run(self, name, function, runs):
        result = None
        for _ in range(runs):
            start = time.perf_counter()
            result = function()
            self.samples.setdefault(name, []).append(time.perf_counter() - start)
        return result

    def report(self, name):
        values = self.samples[name]
        return f"median {statistics.median(values):.3f} s, min {min(values):.3f} s, max {max(values):.3f} s"


def warwickshire_2019():
    inspection = Inspection.objects.filter(force__slug="warwickshire", title__contains="Integrated PEEL").first()
    if inspection is None:
        call_command("loaddata", *sorted(str(p) for p in (ROOT / "fixtures").glob("*.json")), verbosity=0)
        inspection = Inspection.objects.get(force__slug="warwickshire", title__contains="Integrated PEEL")
    return inspection


def synthetic_60():
    """A four-tier letter with three pillars, nine areas, 6 causes of concern with 4 recommendations
    each and 30 areas for improvement, every one with a response: built with the tests' factories."""
    force = ForceFactory(name="Synthetic Benchshire Police", slug="synthetic-benchshire-bench")
    LocalPolicingBodyFactory(force=force)
    board = BoardFactory(force=force, name="Benchshire Assurance Board", chair_role__title="Deputy Chief Constable",
                         chair_role__holder=None)
    owner = RoleFactory(force=force, title="Head of Crime", holder=None)
    inspection = InspectionFactory(
        force=force, title="Benchshire PEEL 2019 (synthetic)", published_on=date(2019, 9, 27),
        grading_scale=GradingScale.FOUR_TIER, hmicfrs_reference="Bench IPA",
    )
    order, areas = 0, []
    for pillar_name, area_names in PILLARS.items():
        order += 1
        pillar = JudgmentFactory(inspection=inspection, level=JudgmentLevel.PILLAR, name=pillar_name, grade=Grade.GOOD,
                                 order=order)
        for area_name in area_names:
            order += 1
            areas.append(JudgmentFactory(inspection=inspection, pillar=pillar, name=area_name,
                                         grade=GRADES[order % len(GRADES)], order=order))
    findings = []

    def finding(kind, reference, area, cause=None, time_frame=""):
        item = FindingFactory(
            inspection=inspection, kind=kind, reference=reference, judgment=area, cause_of_concern=cause,
            text=f"{reference}: the force should improve the way it carries out this part of its work, "
            f"so that the public receive a consistent service.", order=len(findings) + 1, time_frame=time_frame,
            owner=owner, board=board, response=RESPONSE,
        )
        findings.append(item)
        return item

    for number in range(1, 7):
        area = areas[number % len(areas)]
        frame = "within six months" if number % 2 else "immediately"
        cause = finding(FindingKind.CAUSE_OF_CONCERN, f"CoC {number}", area, time_frame=frame)
        for sub in range(1, 5):
            finding(FindingKind.RECOMMENDATION, f"Rec {number}.{sub}", area, cause=cause, time_frame=frame)
    for number in range(1, 31):
        finding(FindingKind.AREA_FOR_IMPROVEMENT, f"AFI {number}", areas[number % len(areas)])
    assert len(findings) == 60
    return inspection


def measure(timer, label, inspection, runs):
    response = response_for(inspection)
    html = timer.run(f"{label}: HTML", lambda: render_letter_html(response_for(inspection)), runs)
    pdf = timer.run(f"{label}: PDF", lambda: renderer.html_to_pdf(html), runs)

    def full_render():
        document = document_services.request_render(kind=DocumentKind.SECTION55_LETTER, inspection=inspection, by=None)
        return document_services.render(document.pk)

    document = timer.run(f"{label}: whole task", full_render, runs)
    assert document.status == RenderStatus.DONE, document.error
    findings = inspection.findings.count()
    print(f"{label}: {findings} findings, {pdf.page_count} pages, {len(pdf.content) // 1024} KB, {response.status}")
    for step in ("HTML", "PDF", "whole task"):
        print(f"  {step:<11} {timer.report(f'{label}: {step}')}")
    return statistics.median(timer.samples[f"{label}: whole task"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    timer = Timer()
    print(f"Database: {settings.DATABASES['default']['NAME']}; {args.runs} runs each; WeasyPrint renderer.")
    worst = 0.0
    with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
        try:
            with transaction.atomic():
                renderer.html_to_pdf("<p>warm-up</p>")  # fonts and WeasyPrint's first import
                worst = max(worst, measure(timer, "Warwickshire 2019", warwickshire_2019(), args.runs))
                worst = max(worst, measure(timer, "Synthetic 60 findings", synthetic_60(), args.runs))
                raise Rollback
        except Rollback:
            pass
    verdict = "within" if worst < 3 else "OVER"
    print(f"Slowest median per letter (whole task): {worst:.3f} s, {verdict} the 3-second goal.")
    return 0 if worst < 3 else 1


if __name__ == "__main__":
    sys.exit(main())
