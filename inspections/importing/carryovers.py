"""Which earlier finding a carried-over finding repeats.

The measure is deliberately simple, so staff can check it by eye: the Jaccard index of the two
texts' content words, |shared words| / |all words of either|, from 0 (nothing shared) to 1
(the same words). Words are lower-cased, a plural or verb ending is trimmed ("assessments" and
"assessment" count as one word), and words that every finding uses ("the", "force", "should",
"improvement", years…) are left out. The shared words are shown beside the score.

The earlier findings considered are those of the force's inspections published before the new
report (all of the force's inspections when no publication date is known) that nothing supersedes
yet; where the report names the year of the earlier report ("Our 2019 report said…"), only that
year's inspections are considered if there are any. The most similar one is proposed when its
score reaches TRACKER_IMPORT_CARRY_OVER_MIN_SIMILARITY; open findings win ties.
"""

import re
from datetime import date

from django.conf import settings

from inspections.core.status import OPEN_STATUSES
from inspections.importing.extraction import Candidate
from inspections.models import Finding

_STOP_WORDS_TEXT = """
    a about above after again against all also an and any are aren't as at be because been before being
    below between both but by can can't could did do does doing done don't down during each few for from
    further had has have having here how i if in into is isn't it its itself just may might more most must
    need needs needed no nor not now of off on once only or other our out over own same should so some such
    than that the their them then there these they this those through to too under until up very was we
    were what when where which while who whom why will with within would you your
    force forces constabulary police service should ensure make sure improve improvement improvements
    area areas report reports said remains remain identified inspection inspections previous hmicfrs
    recommendation recommendations cause concern concerns continue consistently effective effectively
    """
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
_WORD = re.compile(r"[a-z][a-z'’-]*[a-z]|[a-z]")
_SUFFIXES = ("ments", "ment", "ings", "ing", "ies", "ied", "es", "ed", "s")


def stem(word):
    """A crude stem, the same for "manage", "managed", "management" and "managing"."""
    word = word.replace("’", "'").removesuffix("'s")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and not word.endswith(("ss", "us", "is")) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
            break
    return word[:-1] if word.endswith("e") and len(word) >= 5 else word


def word_forms(text):
    """{stem: the word as first written} for the content words of a text."""
    forms = {}
    for word in _WORD.findall(text.lower()):
        if word not in STOP_WORDS and len(word) > 2:
            forms.setdefault(stem(word), word)
    return forms


def words(text):
    """The content words of a text, stemmed, as a set."""
    return set(word_forms(text))


def similarity(first, second):
    """(Jaccard index of the content words, the shared words as the first text writes them)."""
    a, b = word_forms(first), words(second)
    if not a or not b:
        return 0.0, []
    shared = a.keys() & b
    return round(len(shared) / len(a.keys() | b), 3), sorted(a[s] for s in shared)


def earlier_findings(force, published_on, year=None):
    """The findings a new report of the force may carry over: not yet superseded, of earlier inspections."""
    findings = Finding.objects.filter(inspection__force=force, superseded_by__isnull=True).select_related("inspection")
    if published_on:
        findings = findings.filter(inspection__published_on__lt=published_on)
    if year:
        same_year = findings.filter(inspection__published_on__year=year)
        if same_year.exists():
            findings = same_year
    return findings.order_by("inspection__published_on", "order")


def candidates_for(text, pool, limit=3):
    """The earlier findings most like the text, best first."""
    scored = []
    for finding in pool:
        score, shared = similarity(text, finding.text)
        scored.append((score, finding.status in OPEN_STATUSES, finding, shared))
    scored.sort(key=lambda entry: (entry[0], entry[1]), reverse=True)
    return [
        Candidate(
            finding_id=finding.pk,
            inspection=finding.inspection.title,
            reference=finding.reference,
            text=finding.text,
            status=finding.status,
            similarity=score,
            shared_words=shared,
        )
        for score, _open, finding, shared in scored[:limit]
        if score > 0
    ]


def propose(extraction, force, published_on=None):
    """Fill in each carried-over item's candidates and the one proposed (in place)."""
    if force.pk is None:
        return extraction
    if isinstance(published_on, str):
        published_on = date.fromisoformat(published_on)
    threshold = settings.TRACKER_IMPORT_CARRY_OVER_MIN_SIMILARITY
    pools = {}
    for item in extraction.items:
        if item.carry_over is None:
            continue
        year = item.carry_over.year
        if year not in pools:
            pools[year] = list(earlier_findings(force, published_on, year))
        # The earlier report's words, where the report quotes them, help find the finding it repeats.
        item.carry_over.candidates = candidates_for(f"{item.text} {item.carry_over.history}".strip(), pools[year])
        best = item.carry_over.candidates[0] if item.carry_over.candidates else None
        item.carry_over.chosen = best.finding_id if best and best.similarity >= threshold else None
        if item.carry_over.chosen is None:
            extraction.warnings.append(
                f"{item.reference} is carried over from an earlier report, but no earlier finding of "
                f"{force.name} is similar enough to propose; choose it on the review page."
            )
    return extraction
