"""HMICFRS letters on causes of concern: matching each to the force's own, and accepting the letter.

A letter creates no inspection. Each cause of concern it decides on is matched to the force's tracked
causes of concern by the words they share (the same Jaccard index as carry-overs, with the shared
words shown), staff check or change each match on the review page, and acceptance records HMICFRS's
decision on each (findings.hmicfrs.record_hmicfrs_decision), in one transaction.

An accelerated cause of concern is new: HMICFRS issues it before the report is published. Acceptance
adds it, with its recommendations, to the inspection staff choose (the force's forthcoming PEEL
inspection) or to a new inspection with the title they give and no publication date yet; it is marked
accelerated, issued on the letter's date (its due dates count from that date), and its "issued"
decision is recorded. When the report is published and imported, its cause of concern can be merged
or dropped on the review page.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from inspections.core.grading import GradingScale
from inspections.core.labels import day_month_year
from inspections.core.status import OPEN_STATUSES, Status
from inspections.findings.hmicfrs import record_hmicfrs_decision
from inspections.importing.carryovers import similarity
from inspections.importing.extraction import LETTER, Candidate, Extraction
from inspections.models import (
    ChangeAction,
    Finding,
    FindingChange,
    FindingKind,
    HmicfrsOutcome,
    Inspection,
    InspectionKind,
    ReportImportStatus,
)

# A match is proposed when it is this similar, or when it stands out from the force's other causes of
# concern (at least half as similar again as the next, and not near nothing): a force has few of them.
MIN_SIMILARITY = 0.1
MIN_STANDING_OUT = 0.04


def is_accelerated(extraction):
    return extraction.kind == LETTER and extraction.letter is not None and extraction.letter.kind == "accelerated"


def causes_of_concern(force):
    """The force's tracked causes of concern a letter may be about, with their recommendations."""
    return list(
        Finding.objects.filter(inspection__force=force, kind=FindingKind.CAUSE_OF_CONCERN)
        .select_related("inspection")
        .prefetch_related("recommendations")
        .order_by("-inspection__published_on", "order")
    )


def _words(finding):
    return " ".join([finding.text, *(rec.text for rec in finding.recommendations.all())])


def _letter_words(draft, item):
    recommendations = [i.text for i in draft.items if i.parent == item.key]
    topic = item.decision.topic if item.decision else ""
    # Older letters name a cause of concern only by its subject ("Investigating crime"): what they
    # say about it is then the best evidence of which one it is.
    said = item.context if not recommendations and item.text.lower() == topic.lower() else ""
    return " ".join([item.text, topic, *recommendations, said])


def propose_matches(extraction, force):
    """Fill in each cause of concern's candidates (the force's most similar) and the one proposed."""
    if extraction.kind != LETTER or force.pk is None or is_accelerated(extraction):
        return extraction
    pool = causes_of_concern(force)
    scored = []
    for item in extraction.items:
        if item.decision is None:
            continue
        ranked = []
        for finding in pool:
            score, shared = similarity(_letter_words(extraction, item), _words(finding))
            ranked.append((score, finding.status in OPEN_STATUSES, finding, shared))
        ranked.sort(key=lambda entry: (entry[0], entry[1]), reverse=True)
        item.decision.candidates = [
            Candidate(
                finding_id=finding.pk,
                inspection=finding.inspection.title,
                reference=finding.reference,
                text=finding.text,
                status=finding.status,
                similarity=score,
                shared_words=shared,
            )
            for score, _open, finding, shared in ranked[:3]
            if score > 0
        ]
        scored.append(item)
    # The best matches first, so two of the letter's causes never take the same tracked one.
    taken = set()
    for item in sorted(scored, key=lambda i: -(i.decision.candidates[0].similarity if i.decision.candidates else 0)):
        free = [c for c in item.decision.candidates if c.finding_id not in taken]
        best = free[0] if free else None
        runner_up = free[1].similarity if len(free) > 1 else 0
        stands_out = best is not None and best.similarity >= MIN_STANDING_OUT and best.similarity >= 1.5 * runner_up
        if best is not None and (best.similarity >= MIN_SIMILARITY or stands_out):
            item.decision.chosen = best.finding_id
            taken.add(best.finding_id)
        else:
            extraction.warnings.append(
                f"{item.reference} (“{item.text[:70]}”): no cause of concern of {force.name} is similar enough "
                "to propose. Choose the one the letter is about on the review page, or leave it out."
            )
    return extraction


def problems(draft):
    """What stops a letter being accepted, one sentence each (no database)."""
    found = []
    if not draft.title:
        found.append("Give the letter's title, as HMICFRS titles it.")
    if not draft.published_on:
        found.append("Give the date the letter was sent.")
    elif date.fromisoformat(draft.published_on) > timezone.localdate():
        found.append("The letter's date cannot be in the future.")
    if is_accelerated(draft):
        if draft.letter.inspection is None and not draft.letter.new_inspection_title.strip():
            found.append("Choose the inspection the accelerated cause of concern joins, or give a new one's title.")
        if not any(i.kind == FindingKind.CAUSE_OF_CONCERN for i in draft.items):
            found.append("There is no cause of concern to add.")
        return found
    decided = [i for i in draft.items if i.decision is not None and i.decision.chosen]
    if not decided:
        found.append("Match at least one of the letter's causes of concern to one the force tracks.")
    chosen = [i.decision.chosen for i in decided]
    for item in decided:
        if chosen.count(item.decision.chosen) > 1:
            found.append(f"{item.reference}: another of the letter's causes of concern is matched to the same one.")
        if item.decision.outcome == HmicfrsOutcome.CLOSED and item.decision.next_steps.strip():
            found.append(f"{item.reference}: a cause of concern HMICFRS closes has no next steps.")
        if item.decision.outcome not in (HmicfrsOutcome.CLOSED, HmicfrsOutcome.OPEN):
            found.append(f"{item.reference}: choose whether HMICFRS closes it or keeps it open.")
    return list(dict.fromkeys(found))


@transaction.atomic
def accept_letter(locked, *, by):
    """Record the letter's decisions (or add its accelerated cause of concern). `locked` is the
    ReportImport, locked for update by the caller; returns the inspection the findings belong to."""
    draft = Extraction.from_dict(locked.draft)
    if found := problems(draft):
        raise ValidationError(found)
    accept = _add_accelerated if is_accelerated(draft) else _record_decisions
    inspection = accept(locked, draft, by)
    locked.status, locked.inspection = ReportImportStatus.ACCEPTED, inspection
    locked.accepted_by, locked.accepted_at = by, timezone.now()
    locked.save(update_fields=["status", "inspection", "accepted_by", "accepted_at", "updated_at"])
    return inspection


def _record_decisions(locked, draft, by):
    decided_on = date.fromisoformat(draft.published_on)
    allowed = {f.pk: f for f in causes_of_concern(locked.force)}
    allowed.update(
        {
            f.pk: f
            for f in Finding.objects.filter(
                inspection__force=locked.force, kind=FindingKind.RECOMMENDATION
            ).select_related("inspection")
        }
    )
    inspection = None
    for item in draft.items:
        if item.decision is None or not item.decision.chosen:
            continue
        finding = allowed.get(item.decision.chosen)
        if finding is None:
            raise ValidationError(f"{item.reference}: the finding it was matched to is not one of {locked.force}'s.")
        try:
            record_hmicfrs_decision(
                finding, outcome=item.decision.outcome, decided_on=decided_on, by=by, letter_title=draft.title,
                letter_url=draft.letter.url if draft.letter else "",
                next_steps=item.decision.next_steps if item.decision.outcome == HmicfrsOutcome.OPEN else "",
                summary=item.decision.summary, source_import=locked,
            )
        except ValidationError as error:
            raise ValidationError([f"{item.reference}: {message}" for message in error.messages]) from error
        inspection = inspection or finding.inspection
    return inspection


def _next_references(inspection):
    references = set(inspection.findings.values_list("reference", flat=True))
    number = 1
    while f"CoC {number}" in references:
        number += 1
    return number


def _add_accelerated(locked, draft, by):
    letter, force = draft.letter, locked.force
    issued_on = date.fromisoformat(draft.published_on)
    if letter.inspection:
        inspection = Inspection.objects.filter(pk=letter.inspection, force=force).first()
        if inspection is None:
            raise ValidationError("The inspection chosen for the accelerated cause of concern is not the force's.")
    else:
        title = letter.new_inspection_title.strip()
        if Inspection.objects.filter(force=force, title__iexact=title).exists():
            raise ValidationError(f"{force} already has an inspection called “{title}”: choose it instead.")
        inspection = Inspection(
            force=force, title=title, kind=InspectionKind.PEEL, published_on=None,
            grading_scale=GradingScale.FIVE_TIER,
            previous=Inspection.objects.filter(force=force).order_by("-published_on", "-pk").first(),
        )
        _save(inspection)
    if inspection.published_on and inspection.published_on < issued_on:
        raise ValidationError(
            f"“{inspection.title}” was published on {day_month_year(inspection.published_on)}, before the letter: an "
            "accelerated cause of concern is issued before its report."
        )
    order = (inspection.findings.aggregate(last=Max("order"))["last"] or 0) + 1
    number, created = _next_references(inspection), {}
    reason = f"Accelerated cause of concern from HMICFRS's letter “{draft.title}” (import {locked.pk})."
    for item in sorted(draft.items, key=lambda i: (i.kind != FindingKind.CAUSE_OF_CONCERN, i.order)):
        parent = created.get(item.parent)
        if item.kind == FindingKind.CAUSE_OF_CONCERN:
            reference = f"CoC {number}"
            number += 1
        elif parent is not None:
            siblings = sum(1 for f in created.values() if f.cause_of_concern_id == parent.pk)
            reference = f"Rec {parent.reference.removeprefix('CoC ')}.{siblings + 1}"
        else:
            continue  # only a cause of concern and its recommendations are issued by such a letter
        finding = Finding(
            inspection=inspection, kind=item.kind, reference=reference, cause_of_concern=parent,
            text=item.text, context=item.context, order=order, time_frame=item.time_frame,
            accelerated=item.kind == FindingKind.CAUSE_OF_CONCERN, issued_on=issued_on
            if item.kind == FindingKind.CAUSE_OF_CONCERN else None, status=Status.AWAITING_ALLOCATION,
        )
        order += 1
        finding.set_due_dates_from_report()
        _save(finding, label=reference)
        FindingChange.objects.create(
            finding=finding, version=finding.version, changed_by=by, action=ChangeAction.CREATED, reason=reason
        )
        created[item.key] = finding
        if finding.accelerated:
            record_hmicfrs_decision(
                finding, outcome=HmicfrsOutcome.ISSUED, decided_on=issued_on, by=by, letter_title=draft.title,
                letter_url=letter.url, summary=item.decision.summary if item.decision else "", source_import=locked,
            )
    return inspection


def _save(obj, label=""):
    try:
        obj.full_clean()
    except ValidationError as error:
        prefix = f"{label}: " if label else ""
        raise ValidationError([f"{prefix}{message}" for message in error.messages]) from error
    obj.save()
