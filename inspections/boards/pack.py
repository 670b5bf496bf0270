"""A governance board's pack for a meeting: what it governs, what changed since its previous
meeting, what is overdue with the owner's latest narrative, and what awaits its sign-off."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, OuterRef, Q, Subquery

from inspections.core.labels import day_month_year
from inspections.core.status import OPEN_STATUSES, Rag, Status
from inspections.findings.proposals import attach_proposals
from inspections.models import BoardMeeting, Finding, FindingChange, ProgressUpdate, overdue_q

LONDON = ZoneInfo("Europe/London")
CLOSING = "The board is asked to note the contents of this report."


def local_midnight(day):
    return datetime.combine(day, time.min, tzinfo=LONDON)


@dataclass
class BoardPack:
    board: object
    meeting: object
    previous: object  # the board's previous meeting, or None for its first pack
    starts: object  # first day covered (the day after the previous meeting), or None
    status_counts: list  # [(label, count)] of the findings the board governs
    rag_counts: list  # [(label, count)] of its open findings
    updates: list
    status_changes: list
    new_findings: list
    closures: list
    overdue: list  # findings, each with .latest_narrative and .latest_written_at as at the meeting
    proposed: list
    closing: str = CLOSING

    @property
    def title(self):
        return f"{self.board.name}: meeting of {day_month_year(self.meeting.held_on)}"

    @property
    def summary_sentence(self):
        """As board papers put it: "130 in progress, 27 awaiting allocation, 20 closed…"."""
        parts = [f"{count} {label.lower()}" for label, count in self.status_counts if count]
        return ", ".join(parts) if parts else "no findings"


def previous_meeting(meeting):
    return BoardMeeting.objects.filter(board=meeting.board, held_on__lt=meeting.held_on).order_by("-held_on").first()


def build_pack(meeting):
    board = meeting.board
    governed = Finding.objects.filter(board_id__in=board.descendant_ids())
    previous = previous_meeting(meeting)
    starts = previous.held_on + timedelta(days=1) if previous else None
    until = local_midnight(meeting.held_on + timedelta(days=1))  # the meeting day is included
    since = local_midnight(starts) if starts else None

    def in_period(field):
        q = Q(**{f"{field}__lt": until})
        return q & Q(**{f"{field}__gte": since}) if since else q

    related = ["inspection", "owner", "owner__holder", "board"]
    by_status = dict(governed.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    by_rag = dict(
        governed.filter(status__in=OPEN_STATUSES).values_list("rag").annotate(n=Count("pk")).values_list("rag", "n")
    )
    latest = ProgressUpdate.objects.filter(finding=OuterRef("pk"), written_at__lt=until).order_by("-written_at", "-pk")
    held_on = meeting.held_on
    closures = governed.filter(closed_on__lte=held_on)
    if starts:
        closures = closures.filter(closed_on__gte=starts)
    new_findings = governed.filter(inspection__published_on__lte=held_on)
    if starts:
        new_findings = new_findings.filter(inspection__published_on__gte=starts)
    return BoardPack(
        board=board,
        meeting=meeting,
        previous=previous,
        starts=starts,
        status_counts=[(status.label, by_status.get(status.value, 0)) for status in Status],
        rag_counts=[(label, by_rag.get(value, 0)) for value, label in [*Rag.choices, ("", "Not rated")]],
        updates=list(
            ProgressUpdate.objects.filter(in_period("written_at"), finding__in=governed)
            .select_related("finding", "finding__inspection", "author")
            .order_by("written_at", "pk")
        ),
        status_changes=list(
            FindingChange.objects.filter(in_period("changed_at"), finding__in=governed, field__in=["status", "rag"])
            .select_related("finding", "finding__inspection", "changed_by")
            .order_by("changed_at", "pk")
        ),
        new_findings=list(new_findings.select_related(*related).order_by("inspection__published_on", "order")),
        closures=list(closures.select_related(*related, "closed_by_board").order_by("closed_on", "pk")),
        overdue=list(
            governed.filter(overdue_q(meeting.held_on))
            .select_related(*related)
            .annotate(
                latest_narrative=Subquery(latest.values("narrative")[:1]),
                latest_written_at=Subquery(latest.values("written_at")[:1]),
            )
            .order_by("due_date", "pk")
        ),
        proposed=attach_proposals(governed.filter(status=Status.PENDING_SIGN_OFF).select_related(*related).order_by("due_date")),
    )
