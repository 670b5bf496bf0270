"""Import speed and accuracy: the Warwickshire PEEL 2021/22 report as text and as a PDF; every sample
document of each other format (PEEL 2023–25, PEEL 2014–2019, HMICFRS letters, national reports, other
inspections of a force), with the findings found against those listed by hand (recall, precision) and
the time per document; and a tracker export read back (preview of a whole force's tracker).

Run with the project's virtual environment, against a database of its own, e.g.
    createdb -h 127.0.0.1 -U postgres tracker_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tracker_bench .venv/bin/python bench/importing.py
The first run migrates, loads the Warwickshire fixtures and generates one synthetic force.
"""

import time

import django
from _setup import ROOT, timed  # puts the project on sys.path and names the benchmark database

django.setup()

from django.core.management import call_command

from inspections.devdata.synthetic import synthetic_forces
from inspections.importing import pdf, spreadsheets, text, tracker_imports
from inspections.importing.formats import format_for
from inspections.importing.pipeline import extract
from inspections.models import Access, Finding, Force, Membership
from tests.importing.expected_findings import FORMAT_LABELS, SAMPLES, score
from tests.importing.support import REPORT, pdf_from_text, report_text

# Counted by hand from the report (tests/test_importing_warwickshire.py has the full list).
EXPECTED = {"graded_areas": 8, "ungraded_areas": 1, "area_for_improvement": 22, "carry_overs": 2}


def row(label, median, best):
    print(f"  {label:46} {median:8.1f} / {best:8.1f}")


def setup():
    call_command("migrate", verbosity=0)
    if not Force.objects.filter(slug="warwickshire").exists():
        call_command("loaddata", *sorted(str(p) for p in (ROOT / "fixtures").glob("*.json")), verbosity=0)
    if not synthetic_forces().exists():
        call_command("generate_data", forces=1, inspections_per_force=8, seed=1, verbosity=0)


def main():
    setup()
    force = Force.objects.get(slug="warwickshire")
    data = REPORT.read_bytes()
    started = time.perf_counter()
    pdf_bytes = pdf_from_text(report_text())
    print(f"(made a {len(pdf_bytes) // 1024} KB PDF of the report in {time.perf_counter() - started:.1f} s)")

    extraction = extract(data, force=force)
    counts = {str(k): v for k, v in extraction.counts().items()}
    from_pdf = extract(pdf_bytes, force=force)
    pdf_counts = {str(k): v for k, v in from_pdf.counts().items()}
    print("\nWarwickshire PEEL 2021/22: found / expected (counted by hand)")
    for key, expected in EXPECTED.items():
        print(f"  {key:22} text {counts.get(key, 0):3}   pdf {pdf_counts.get(key, 0):3}   expected {expected:3}")
    print(f"  other kinds found: {sorted(set(counts) - set(EXPECTED))}")

    normal = text.normalise(data.decode())
    report_format = format_for(normal)
    print("\nTimes (median / best, ms)")
    median, best = timed(lambda: report_format.parse(text.normalise(data.decode()), force), 20)
    row("parse the text (no database)", median, best)
    median, best = timed(lambda: extract(data, force=force), 20)
    row("whole import of the text (with carry-overs)", median, best)
    median, best = timed(lambda: pdf.read_pdf(pdf_bytes), 5)
    row(f"read the PDF's text ({from_pdf.stats['pages']} pages)", median, best)
    median, best = timed(lambda: extract(pdf_bytes, force=force), 5)
    row("whole import of the PDF", median, best)

    formats()

    synthetic = synthetic_forces().order_by("slug").first()
    user, _ = Membership.objects.get_or_create(
        force=synthetic, access=Access.OPCC_STAFF,
        user=django.contrib.auth.get_user_model().objects.get_or_create(username="bench-opcc")[0],
    )
    findings = Finding.objects.filter(inspection__force=synthetic)
    median, best = timed(lambda: spreadsheets.xlsx_bytes(findings), 3)
    row(f"export {findings.count()} findings to .xlsx", median, best)
    workbook = spreadsheets.xlsx_bytes(findings)
    tracker_import = tracker_imports.start_tracker_import(force=synthetic, by=user.user, name="b.xlsx", data=workbook)
    tracker_imports.save_mapping(
        tracker_import, mapping=tracker_imports.suggested_mapping(tracker_import), inspection=None, by=user.user
    )
    outcome = tracker_imports.preview(tracker_import, by=user.user)
    median, best = timed(lambda: tracker_imports.preview(tracker_import, by=user.user), 3)
    row("preview the import of that export", median, best)
    print(f"    ({outcome.count('unchanged')} rows unchanged, {len(outcome.errors)} errors)")
    tracker_import.delete()


def formats():
    """Per format: findings expected (listed by hand) and found, recall, precision, and time per document
    (the whole import of the text, as the page and `import_report` run it; the forces are not saved, so
    no carry-overs or letter matches are looked up)."""
    print("\nEvery format's samples (tests/data/formats): expected / found / matched, recall, precision")
    totals = {}
    for expected in SAMPLES:
        data = expected.path.read_bytes()
        force = Force(name=expected.force, slug="bench")
        extraction = extract(data, force=force)
        wanted, found, matched = score(expected, extraction)
        median, _best = timed(lambda data=data, force=force: extract(data, force=force), 10)
        entry = totals.setdefault(expected.format, {"documents": 0, "wanted": 0, "found": 0, "matched": 0, "ms": []})
        entry["documents"] += 1
        entry["wanted"] += wanted
        entry["found"] += found
        entry["matched"] += matched
        entry["ms"].append(median)
        ok = "" if extraction.format == expected.format else f"  READ AS {extraction.format}"
        print(f"  {expected.file[:58]:58} {wanted:3} {found:3} {matched:3} {median:7.1f} ms{ok}")
    print(f"\n  {'format':28} {'docs':>4} {'expected':>8} {'found':>5} {'recall':>7} {'precision':>9} {'ms/doc':>7}")
    for key, entry in totals.items():
        recall = entry["matched"] / entry["wanted"] if entry["wanted"] else 1
        precision = entry["matched"] / entry["found"] if entry["found"] else 1
        per_document = sum(entry["ms"]) / len(entry["ms"])
        print(
            f"  {FORMAT_LABELS.get(key, key):28} {entry['documents']:4} {entry['wanted']:8} {entry['found']:5} "
            f"{recall:7.1%} {precision:9.1%} {per_document:7.1f}"
        )


if __name__ == "__main__":
    main()
