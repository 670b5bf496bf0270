"""Report imports: upload, read (in a Celery task), review and accept.

Nothing reaches the tracked tables (Inspection, GradedJudgment, Finding) until `accept`, which
creates them in one transaction, links the carried-over findings and marks the earlier findings
superseded through the workflow service, so the audit trail records it.
"""

import logging
import os
from datetime import date, timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import get_valid_filename

from inspections.core.grading import GradingScale
from inspections.core.status import OPEN_STATUSES, Status
from inspections.findings.services import change_status
from inspections.importing import drafts, letters, pipeline, uploads
from inspections.importing.extraction import LETTER, NATIONAL, Extraction, ImportProblem
from inspections.models import (
    ChangeAction,
    Finding,
    FindingChange,
    FindingKind,
    GradedJudgment,
    Inspection,
    InspectionKind,
    JudgmentLevel,
    ReportImport,
    ReportImportStatus,
)

logger = logging.getLogger(__name__)
OTHER_INSPECTION = "inspection"  # formats.force_inspection: an inspection of the force that is not PEEL


class StaleDraftError(Exception):
    """Someone else saved the draft after this user opened it."""


def start_report_import(*, force, by, name, data, published_on=None):
    """Keep an uploaded report for reading; refuses files that are not a PDF or text (nothing saved)."""
    uploads.report_kind(data)
    report_import = ReportImport(
        force=force, created_by=by, source_name=name[:255], source_size=len(data), published_on=published_on
    )
    safe_name = get_valid_filename(os.path.basename(name))[:100] or "report"
    report_import.source.save(safe_name, ContentFile(data), save=False)
    report_import.full_clean()
    report_import.save()
    return report_import


def mark_not_queued(import_id, error):
    """The task queue could not be reached: say so on the import, which can be read again, rather than
    leave it "Waiting to be read" for ever."""
    logger.error("Could not queue the reading of report import %s: %s", import_id, error)
    ReportImport.objects.filter(pk=import_id, status=ReportImportStatus.QUEUED).update(
        status=ReportImportStatus.FAILED,
        error=f"The report could not be queued for reading ({type(error).__name__}); try again shortly.",
        updated_at=timezone.now(),
    )


def _claim(import_id):
    """Move a queued import to reading. A reading one came back because its worker died: read it again,
    up to TRACKER_TASK_MAX_ATTEMPTS readings in all, then mark it failed (a file that kills the reader
    must not kill every worker in turn)."""
    with transaction.atomic():
        locked = ReportImport.objects.select_for_update().filter(pk=import_id).first()
        if locked is None or locked.status not in (ReportImportStatus.QUEUED, ReportImportStatus.READING):
            return False
        if locked.status == ReportImportStatus.READING and locked.attempts >= settings.TRACKER_TASK_MAX_ATTEMPTS:
            _fail(import_id, STOPPED_MESSAGE)
            return False
        ReportImport.objects.filter(pk=import_id).update(
            status=ReportImportStatus.READING, progress=1, progress_message="Started", attempts=locked.attempts + 1,
            updated_at=timezone.now(),
        )
        return True


STOPPED_MESSAGE = (
    "Reading stopped without finishing: the background worker stopped (it may have restarted, or run out of "
    "memory on this file). Try reading it again; if it stops again, check the file is the report itself."
)


def read_report_import(import_id):
    """Read the report into an extraction (the Celery task's work). Failures are recorded, not raised."""
    if not _claim(import_id):
        return None
    report_import = ReportImport.objects.select_related("force").get(pk=import_id)

    def progress(percent, message):
        ReportImport.objects.filter(pk=import_id).update(
            progress=percent, progress_message=message[:200], updated_at=timezone.now()
        )

    try:
        with report_import.source.open("rb") as handle:
            data = handle.read(settings.TRACKER_IMPORT_MAX_REPORT_BYTES + 1)
        extraction = pipeline.extract(
            data, force=report_import.force, published_on=report_import.published_on, progress=progress
        )
    except ImportProblem as problem:
        _fail(import_id, str(problem))
        return None
    except SoftTimeLimitExceeded:
        _fail(import_id, "Reading the report took too long and was stopped. Check the file is the report itself.")
        return None
    except Exception:
        logger.exception("Reading report import %s failed", import_id)
        _fail(import_id, "The report could not be read because of an error in the tracker; it has been logged.")
        return None
    data = extraction.to_dict()
    ReportImport.objects.filter(pk=import_id).update(
        status=ReportImportStatus.READY,
        extraction=data,
        draft=data,
        draft_version=1,
        progress=100,
        progress_message="Ready for review",
        error="",
        published_on=report_import.published_on or _date(extraction.published_on),
        updated_at=timezone.now(),
    )
    return extraction


def _fail(import_id, message):
    ReportImport.objects.filter(pk=import_id).update(
        status=ReportImportStatus.FAILED, error=message, updated_at=timezone.now()
    )


def _date(value):
    return date.fromisoformat(value) if value else None


def is_stalled(report_import, now=None):
    """Reading started but nothing was heard for longer than a task may run: the worker died."""
    if not report_import.is_reading:
        return False
    limit = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 120)
    return (now or timezone.now()) - report_import.updated_at > limit


@transaction.atomic
def requeue(report_import, *, by):
    """Read a failed or stalled upload again."""
    locked = ReportImport.objects.select_for_update().get(pk=report_import.pk)
    if locked.status not in (ReportImportStatus.FAILED, ReportImportStatus.READING):
        raise ValidationError("Only a report that could not be read can be read again.")
    locked.status, locked.progress, locked.progress_message, locked.error = ReportImportStatus.QUEUED, 0, "", ""
    locked.attempts = 0
    locked.save(update_fields=["status", "progress", "progress_message", "error", "attempts", "updated_at"])
    return locked


def fail_stalled(now=None):
    """Mark failed (with the retry button) every import whose reading stopped without a word: the worker
    died and nothing brought the task back. Celery beat runs this every five minutes."""
    now = now or timezone.now()
    limit = now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 120)
    stalled = ReportImport.objects.filter(
        status__in=[ReportImportStatus.QUEUED, ReportImportStatus.READING], updated_at__lt=limit
    )
    return stalled.update(status=ReportImportStatus.FAILED, error=STOPPED_MESSAGE, updated_at=now)


def _locked_draft(report_import, expected_version):
    locked = ReportImport.objects.select_for_update().select_related("force").get(pk=report_import.pk)
    if locked.status != ReportImportStatus.READY:
        raise ValidationError(f"This import is “{locked.get_status_display()}”; its draft can no longer change.")
    if expected_version is not None and locked.draft_version != expected_version:
        raise StaleDraftError("Someone else saved this draft while you were reviewing it. Your changes were not saved.")
    return locked


@transaction.atomic
def save_draft(report_import, *, draft, by, expected_version=None):
    locked = _locked_draft(report_import, expected_version)
    locked.draft = draft.to_dict() if isinstance(draft, Extraction) else draft
    locked.published_on = _date(locked.draft.get("published_on"))
    locked.draft_version += 1
    locked.save(update_fields=["draft", "published_on", "draft_version", "updated_at"])
    return locked


@transaction.atomic
def discard(report_import, *, by):
    locked = ReportImport.objects.select_for_update().get(pk=report_import.pk)
    if locked.status == ReportImportStatus.ACCEPTED:
        raise ValidationError("An accepted import is kept as the record of where the inspection came from.")
    locked.status = ReportImportStatus.DISCARDED
    locked.save(update_fields=["status", "updated_at"])
    transaction.on_commit(lambda: locked.source.delete(save=False))
    return locked


@transaction.atomic
def accept(report_import, *, by, expected_version=None):
    """Create the tracked inspection from the reviewed draft, all in one transaction."""
    locked = _locked_draft(report_import, expected_version)
    draft = Extraction.from_dict(locked.draft)
    if draft.kind == LETTER:
        return letters.accept_letter(locked, by=by)  # decisions on tracked causes of concern; no new inspection
    if found := drafts.problems(draft):
        raise ValidationError(found)
    force, published = locked.force, date.fromisoformat(draft.published_on)
    if Inspection.objects.filter(force=force, title__iexact=draft.title).exists():
        raise ValidationError(
            f"{force} already has an inspection called “{draft.title}”. Change the title, or discard this "
            "import if the report is already tracked."
        )
    # A PEEL report is compared with the force's previous PEEL inspection; a national report with none.
    previous = (
        Inspection.objects.filter(force=force, published_on__lt=published, kind=InspectionKind.PEEL)
        .order_by("-published_on", "-pk")
        .first()
        if draft.kind != NATIONAL and draft.format != OTHER_INSPECTION
        else None
    )
    inspection = Inspection(
        force=force,
        title=draft.title,
        kind=_inspection_kind(draft),
        published_on=published,
        grading_scale=draft.grading_scale or GradingScale.FIVE_TIER,
        previous=previous,
    )
    _create(inspection)
    judgments = {}
    # Pillars (2014-2019 reports) before the areas under them.
    for area in sorted(draft.areas, key=lambda a: (a.level != JudgmentLevel.PILLAR, a.order)):
        level = area.level or JudgmentLevel.AREA
        earlier = (
            GradedJudgment.objects.filter(inspection=previous, name__iexact=area.name, level=level).first()
            if previous
            else None
        )
        judgment = GradedJudgment(
            inspection=inspection, level=level, name=area.name, grade=area.grade, order=area.order,
            compared_with=earlier, pillar=judgments.get(area.pillar) if level == JudgmentLevel.AREA else None,
        )
        _create(judgment, label=area.name)
        judgments[area.key] = judgment
    created = {}
    reason = f"Imported from the report {locked.source_name} (import {locked.pk})."
    # Causes of concern first, so each recommendation can point at its own.
    for item in sorted(draft.items, key=lambda i: (i.kind != FindingKind.CAUSE_OF_CONCERN, i.order)):
        finding = Finding(
            inspection=inspection,
            kind=item.kind,
            reference=item.reference,
            judgment=judgments.get(item.area),
            cause_of_concern=created.get(item.parent),
            text=item.text,
            context=item.context,
            order=item.order,
            time_frame=item.time_frame,
            repeats=_earlier_finding(item, force, published),
            accelerated=item.accelerated,
            issued_on=published if item.accelerated else None,
            status=Status.AWAITING_ALLOCATION,
        )
        finding.set_due_dates_from_report()
        _create(finding, label=item.reference)
        FindingChange.objects.create(
            finding=finding, version=finding.version, changed_by=by, action=ChangeAction.CREATED, reason=reason
        )
        created[item.key] = finding
    for finding in created.values():
        if finding.repeats_id and finding.repeats.status in OPEN_STATUSES:
            change_status(
                finding.repeats,
                to=Status.SUPERSEDED,
                by=by,
                superseded_by=finding,
                reason=f"Carried over into {inspection.title} as {finding.reference}.",
            )
    locked.status, locked.inspection = ReportImportStatus.ACCEPTED, inspection
    locked.accepted_by, locked.accepted_at = by, timezone.now()
    locked.save(update_fields=["status", "inspection", "accepted_by", "accepted_at", "updated_at"])
    return inspection


def _inspection_kind(draft):
    if draft.kind == NATIONAL:
        return InspectionKind.THEMATIC
    return InspectionKind.OTHER if draft.format == OTHER_INSPECTION else InspectionKind.PEEL


def _earlier_finding(item, force, published):
    chosen = item.carry_over.chosen if item.carry_over else None
    if not chosen:
        return None
    earlier = (
        Finding.objects.select_related("inspection")
        .filter(pk=chosen, inspection__force=force, superseded_by__isnull=True)
        .first()
    )
    if earlier is None or (earlier.inspection.published_on and earlier.inspection.published_on >= published):
        raise ValidationError(
            f"{item.reference}: the earlier finding it carries over is no longer available "
            "(it was superseded, or it is not of an earlier inspection). Choose another."
        )
    return earlier


def _create(obj, label=""):
    """full_clean then save, naming the item in any error."""
    try:
        obj.full_clean()
        obj.save()
    except ValidationError as error:
        prefix = f"{label}: " if label else ""
        raise ValidationError([f"{prefix}{message}" for message in error.messages]) from error
    except IntegrityError as error:
        raise ValidationError(f"{label or obj}: this would duplicate an existing record.") from error
