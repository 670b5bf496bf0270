"""What the board decides on: the owner's grounds for proposing a finding as complete (the reason and
the evidence files given with the proposal), and which finding awaits the user's decision next."""

from django.db.models import Prefetch, Q

from inspections.core import permissions
from inspections.core.status import Status
from inspections.models import EvidenceFile, Finding, GovernanceBoard, ProgressUpdate


def attach_proposals(findings, *, before=None):
    """Set `.proposal` on each finding: the progress update written when it was last proposed as
    complete (before the moment `before`, if given: for a pack as of its meeting; narrative = the owner's
    reason; `.evidence` its files), or None. Two queries in all."""
    findings = list(findings)
    by_finding = {}
    written = {"written_at__lt": before} if before else {}
    updates = (
        ProgressUpdate.objects.filter(
            finding__in=[f.pk for f in findings], status=Status.PENDING_SIGN_OFF, **written
        )
        .select_related("author")
        .prefetch_related(Prefetch("evidence", queryset=EvidenceFile.objects.order_by("pk")))
        .order_by("finding_id", "-written_at", "-pk")
    )
    for update in updates:
        by_finding.setdefault(update.finding_id, update)  # the latest proposal of each finding
    for finding in findings:
        finding.proposal = by_finding.get(finding.pk)
    return findings


def awaiting_decision(user):
    """The findings proposed as complete that the user, as chair or member of the governing board or a
    board above it, may sign off or return: oldest target date first."""
    return (
        permissions.visible_findings(user)
        .filter(status=Status.PENDING_SIGN_OFF, board_id__in=boards_governed_by_seat(user))
        .select_related("inspection", "inspection__force", "owner", "owner__holder", "board")
        .order_by("due_date", "pk")
    )


def boards_governed_by_seat(user):
    """The ids of the boards on whose findings the user decides: each board the user chairs or sits on
    (in their forces), and every board below it (permissions.deciding_board, for many findings at once)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    seats = GovernanceBoard.objects.filter(force__in=permissions.forces_for(user)).filter(
        Q(chair_role__holder=user) | Q(members=user)
    ).distinct()
    ids = set()
    for board in seats:
        ids |= board.descendant_ids()
    return ids


def next_awaiting_decision(user, *, after=None):
    """The next finding awaiting the user's decision (other than `after`), or None."""
    skip = after.pk if isinstance(after, Finding) else after
    return awaiting_decision(user).exclude(pk=skip).first()
