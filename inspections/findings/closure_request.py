"""The closure-request pack: what a force sends HMICFRS once its own board has signed a finding off,
asking HMICFRS to record it as complete. One document per finding (a cause of concern with its
recommendations, or a recommendation or area for improvement on its own):

the force and its office; to HMICFRS; the date; 1. the finding as published, with its inspection, time
frame and target dates, owner and governing board (and, for a cause of concern, each recommendation with
its status); 2. the actions taken (the force's response and every progress update, oldest first); 3. the
evidence (every file, with its SHA-256 so HMICFRS can check the copy it receives); 4. the board's sign-off
decision (board, date, who recorded it, the reason); 5. HMICFRS's position so far; 6. the request.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from inspections.core.status import Status
from inspections.documents.errors import DocumentProblem
from inspections.findings import hmicfrs
from inspections.models import ChangeAction, EvidenceFile, FindingChange, FindingKind, LocalPolicingBody, ProgressUpdate

TEMPLATE = "findings/closure_request.html"


@dataclass
class ClosureRequest:
    finding: object
    recommendations: list  # a cause of concern's recommendations, in report order
    updates: list  # progress updates on the finding (and its recommendations), oldest first
    evidence: list  # EvidenceFile rows, oldest first
    sign_off: object  # the FindingChange of the board's sign-off, or None where it came by import
    decisions: list  # HMICFRS's decisions so far, latest first
    body: object  # the local policing body, or None
    produced: object

    @property
    def title(self):
        return f"Closure request: {self.finding.reference}, {self.finding.inspection.title}"

    @property
    def noun(self):
        return FindingKind(self.finding.kind).label.lower()


def build_closure_request(finding):
    if finding.status != Status.CLOSED or not finding.closed_by_board_id:
        raise DocumentProblem(
            f"{finding.reference} has not been signed off by its board: a closure request follows the sign-off."
        )
    recommendations = list(finding.recommendations.select_related("owner", "closed_by_board").order_by("order"))
    covered = [finding.pk, *[r.pk for r in recommendations]]
    updates = list(
        ProgressUpdate.objects.filter(finding_id__in=covered)
        .select_related("author", "finding")
        .order_by("written_at", "pk")
    )
    evidence = list(
        EvidenceFile.objects.filter(update__finding_id__in=covered)
        .select_related("update", "update__finding", "uploaded_by")
        .order_by("uploaded_at", "pk")
    )
    sign_off = (
        FindingChange.objects.filter(finding=finding, action=ChangeAction.SIGNED_OFF, field="status")
        .select_related("changed_by")
        .order_by("-changed_at", "-pk")
        .first()
    )
    try:
        body = finding.inspection.force.local_policing_body
    except LocalPolicingBody.DoesNotExist:
        body = None
    return ClosureRequest(
        finding=finding, recommendations=recommendations, updates=updates, evidence=evidence, sign_off=sign_off,
        decisions=hmicfrs.decisions_for(finding), body=body, produced=timezone.localdate(),
    )


def render_closure_request_html(finding, *, request=None, preview=False):
    request = request or build_closure_request(finding)
    return render_to_string(TEMPLATE, {"request": request, "document_title": request.title, "preview": preview})


def closure_request_filename(finding, version):
    name = slugify(f"{finding.reference} {finding.inspection.title}")[:80]
    return f"closure-request-{name}-v{version}.pdf"
