"""What the public pages show, and nothing else.

Every public page is built from the plain dicts made here, each from an explicit list of fields read
with .values(): no template or download ever holds a model instance, so none can reach an owner, a
narrative, evidence, a board or another inspection through a relation. Only inspections that OPCC staff
have published (a Publication that is not withdrawn, of a report HMICFRS has published) are read.

What is public, for each published inspection:
- the inspection: title, type, the date HMICFRS published the report and the link to it;
- the graded judgments: name, grade, and the pillar an area sits under;
- each finding: reference, kind, area, the text as published by HMICFRS, and its status;
- the force's response to each finding: only once the PCC's Section 55 response has been published
  (it is the response "as published in the Section 55 response"); before that, nothing of it;
- the Section 55 response: the dates it was published, the link to it, and the letter as a PDF (the
  published version, see published_letter);
- the date of the last update: the latest of the day the inspection was published here, the day the
  Section 55 response was published, and the last change to a finding's public fields.
"""

from django.db.models import Count, Max, Q
from django.utils import timezone

from inspections.core.grading import grade_label
from inspections.core.status import FINISHED_STATUSES, Status
from inspections.models import (
    DocumentKind,
    Finding,
    FindingChange,
    FindingKind,
    Force,
    GradedJudgment,
    Inspection,
    InspectionKind,
    JudgmentLevel,
    LetterStatus,
    RenderedDocument,
    RenderStatus,
)

FORCE_FIELDS = ("name", "slug")
INSPECTION_FIELDS = (
    "id", "title", "kind", "published_on", "report_url", "publication__slug", "publication__published_at",
    "section55__published_on", "section55__published_url",
)
JUDGMENT_FIELDS = ("id", "name", "level", "grade", "pillar_id")
FINDING_FIELDS = ("reference", "kind", "text", "status", "response", "judgment_id")
# Changes to these fields of a finding change what the public pages show (the response only once the
# Section 55 response is published: before that a change to it is a draft's).
PUBLIC_CHANGE_FIELDS = ("reference", "text", "status")

KIND_HEADINGS = {
    FindingKind.CAUSE_OF_CONCERN: "Causes of concern",
    FindingKind.RECOMMENDATION: "Recommendations",
    FindingKind.AREA_FOR_IMPROVEMENT: "Areas for improvement",
}


def published_inspections():
    """The inspections the public may see: published here by OPCC staff, and not withdrawn."""
    return Inspection.objects.filter(
        publication__isnull=False, publication__withdrawn_at__isnull=True, published_on__isnull=False
    )


def _force(force_slug):
    return (
        Force.objects.filter(slug=force_slug, inspections__in=published_inspections())
        .values(*FORCE_FIELDS)
        .first()
    )


def published_forces():
    """The forces with at least one published inspection: [{name, slug, published}]."""
    return list(
        Force.objects.filter(inspections__in=published_inspections())
        .annotate(published=Count("inspections", distinct=True))
        .order_by("name")
        .values(*FORCE_FIELDS, "published")
    )


def _last_updated(rows):
    """{inspection id: date of the last public change} for inspection rows read with INSPECTION_FIELDS."""
    ids = [row["id"] for row in rows]
    responses_public = [row["id"] for row in rows if row["section55__published_on"]]
    changes = dict(
        FindingChange.objects.filter(finding__inspection_id__in=ids)
        .filter(Q(field__in=PUBLIC_CHANGE_FIELDS) | Q(field="response", finding__inspection_id__in=responses_public))
        .values("finding__inspection_id")
        .annotate(latest=Max("changed_at"))
        .values_list("finding__inspection_id", "latest")
    )
    result = {}
    for row in rows:
        days = [timezone.localdate(row["publication__published_at"]), row["section55__published_on"]]
        if changes.get(row["id"]):
            days.append(timezone.localdate(changes[row["id"]]))
        result[row["id"]] = max(day for day in days if day)
    return result


def _web_address(url):
    """A link for the public: http(s) only, whatever was stored (never javascript: or data:)."""
    return url if url.lower().startswith(("https://", "http://")) else ""


def _inspection_summary(row, last_updated):
    response_published = row["section55__published_on"] is not None
    return {
        "title": row["title"],
        "slug": row["publication__slug"],
        "kind": InspectionKind(row["kind"]).label,
        "published_on": row["published_on"],
        "report_url": _web_address(row["report_url"]),
        "last_updated": last_updated,
        "section55": {
            "published_on": row["section55__published_on"],
            "published_url": _web_address(row["section55__published_url"]),
        } if response_published else None,
    }


def force_page(force_slug):
    """A force's published inspections, newest first, or None (no such force, or nothing published)."""
    force = _force(force_slug)
    if force is None:
        return None
    finished = Q(findings__status__in=FINISHED_STATUSES)
    rows = list(
        published_inspections().filter(force__slug=force_slug).order_by("-published_on", "title")
        .annotate(findings_count=Count("findings"), finished_count=Count("findings", filter=finished))
        .values(*INSPECTION_FIELDS, "findings_count", "finished_count")
    )
    last_updated = _last_updated(rows)
    inspections = []
    for row in rows:
        summary = _inspection_summary(row, last_updated[row["id"]])
        summary["findings"] = row["findings_count"]
        summary["finished"] = row["finished_count"]
        inspections.append(summary)
    return {"force": force, "inspections": inspections}


def _inspection_row(force_slug, slug):
    return published_inspections().filter(force__slug=force_slug, publication__slug=slug).values(
        *INSPECTION_FIELDS
    ).first()


def inspection_page(force_slug, slug):
    """One published inspection: its grades, its findings with status and published response, and its
    Section 55 response. None unless the inspection is published, under that force."""
    row = _inspection_row(force_slug, slug)
    if row is None:
        return None
    force = Force.objects.filter(slug=force_slug).values(*FORCE_FIELDS).get()
    inspection = _inspection_summary(row, _last_updated([row])[row["id"]])
    response_published = inspection["section55"] is not None

    judgments = list(GradedJudgment.objects.filter(inspection_id=row["id"]).order_by("order").values(*JUDGMENT_FIELDS))
    names = {judgment["id"]: judgment["name"] for judgment in judgments}
    grades = [
        {
            "name": judgment["name"],
            "level": JudgmentLevel(judgment["level"]).label,
            "pillar": names.get(judgment["pillar_id"], ""),
            "grade": grade_label(judgment["grade"]),
        }
        for judgment in judgments
    ]
    findings = []
    for finding in Finding.objects.filter(inspection_id=row["id"]).order_by("order").values(*FINDING_FIELDS):
        findings.append({
            "reference": finding["reference"],
            "kind": FindingKind(finding["kind"]).label,
            "area": names.get(finding["judgment_id"], ""),
            "text": finding["text"],
            "status": Status(finding["status"]).label,
            "response": finding["response"] if response_published else "",
        })
    inspection["has_letter"] = response_published and published_letter_id(row) is not None
    return {
        "force": force,
        "inspection": inspection,
        "grades": grades,
        "findings": findings,
        "areas": _by_area(judgments, findings),
    }


def _by_area(judgments, findings):
    """The findings as the report lists them: area by area (in report order), kind by kind."""
    order = [judgment["name"] for judgment in judgments if judgment["level"] == JudgmentLevel.AREA]
    areas = []
    for name in [*order, ""]:
        in_area = [finding for finding in findings if finding["area"] == name]
        if not in_area:
            continue
        groups = []
        for kind, heading in KIND_HEADINGS.items():
            of_kind = [finding for finding in in_area if finding["kind"] == kind.label]
            if of_kind:
                groups.append({"heading": heading, "findings": of_kind})
        areas.append({"name": name or "Findings not attached to an area", "groups": groups})
    return areas


def published_letter_id(row):
    """The id of the letter the PCC published, as a rendered PDF, or None.

    Only a finished render labelled Final counts (never a draft). A sent letter can no longer be changed,
    so every final render made once it was sent says the same; the published one is the last made on or
    before the day of publication, or, where the tracker has none from before (a response published
    before the tracker was used), the first made after it.
    """
    published_on = row["section55__published_on"]
    if not published_on:
        return None
    finals = RenderedDocument.objects.filter(
        kind=DocumentKind.SECTION55_LETTER, inspection_id=row["id"], status=RenderStatus.DONE,
        label=LetterStatus.FINAL.label,
    ).exclude(file="")
    before = [
        (created_at, pk) for pk, created_at in finals.values_list("pk", "created_at")
        if timezone.localdate(created_at) <= published_on
    ]
    if before:
        return max(before)[1]
    after = finals.order_by("created_at", "pk").values_list("pk", flat=True).first()
    return after


def published_letter(force_slug, slug):
    """The stored render of the published letter (for its file only: it never reaches a template), or None."""
    row = _inspection_row(force_slug, slug)
    if row is None:
        return None
    pk = published_letter_id(row)
    return None if pk is None else RenderedDocument.objects.only("file", "filename", "sha256").get(pk=pk)
