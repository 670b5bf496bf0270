"""A governance board's pack for a meeting: what it governs, what changed since its previous
meeting, what is overdue with the owner's latest narrative, and what awaits its sign-off."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q

from inspections.boards.as_of import states_at
from inspections.boards.rules import board_rules
from inspections.core.labels import day_month_year
from inspections.core.status import Rag, Status, shown_statuses
from inspections.findings import hmicfrs
from inspections.findings.proposals import attach_proposals
from inspections.models import BoardMeeting, Finding, FindingChange, ProgressUpdate
from inspections.monitoring import selectors as monitoring

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
    hmicfrs_closures: object = None  # findings.hmicfrs.HmicfrsClosures of the causes of concern governed
    monitoring_state: str = ""  # HMICFRS's monitoring of the force on the meeting day (Scan or Engage)
    rules: object = None  # boards.rules.BoardRules: the RAG legend, ratings that differ, extensions, demonstrating

    @property
    def marking(self):
        """The protective marking printed at the top and foot of the pack (settings)."""
        return settings.TRACKER_PROTECTIVE_MARKING

    @property
    def presented_by(self):
        """Who presents the paper: as recorded for the meeting, or the force's OPCC."""
        if self.meeting.presented_by:
            return self.meeting.presented_by
        body = getattr(self.board.force, "local_policing_body", None)
        return body.office_name if body else "The Office of the Police and Crime Commissioner"

    @property
    def purpose(self):
        ask = " and to decide on the findings proposed for sign-off" if self.proposed else ""
        return (f"To update the board on the progress of the HMICFRS findings it governs{ask}, "
                f"as they stood on {day_month_year(self.meeting.held_on)}.")

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
    held_on = meeting.held_on
    # Counts, overdue and proposed as they stood at the end of the meeting day, not as they are today.
    standing = list(
        governed.filter(Q(inspection__published_on__lte=held_on) | Q(inspection__published_on__isnull=True))
        .select_related(*related)
        .order_by("due_date", "pk")
    )
    states = states_at(standing, until)
    for finding in standing:
        finding.then = states[finding.pk]
    by_status = Counter(finding.then.status for finding in standing)
    by_rag = Counter(finding.then.rag for finding in standing if finding.then.is_open)
    overdue = sorted((f for f in standing if f.then.is_overdue(held_on)), key=lambda f: (f.then.due_date, f.pk))
    _latest_updates(overdue, until)
    for finding in overdue:
        finding.days_overdue = (held_on - finding.then.due_date).days
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
        status_counts=[(status.label, by_status.get(status.value, 0)) for status in shown_statuses(by_status)],
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
        overdue=overdue,
        proposed=attach_proposals([f for f in standing if f.then.status == Status.PENDING_SIGN_OFF], before=until),
        # HMICFRS's side, as at the meeting: its closures beside the board's, and the force's monitoring.
        hmicfrs_closures=hmicfrs.closures_among(governed, on=held_on),
        monitoring_state=monitoring.state_on(board.force, held_on),
        rules=board_rules(
            force=board.force, findings=governed, on=held_on, since=since, until=until, with_extensions=True
        ),
    )


def _latest_updates(findings, until):
    """Set `.latest_narrative` and `.latest_written_at` on each finding: its owner's latest update
    written before `until` (one query)."""
    latest = {}
    updates = (
        ProgressUpdate.objects.filter(finding__in=[f.pk for f in findings], written_at__lt=until)
        .order_by("finding_id", "-written_at", "-pk")
        .values_list("finding_id", "narrative", "written_at")
    )
    for finding_id, narrative, written_at in updates:
        latest.setdefault(finding_id, (narrative, written_at))
    for finding in findings:
        finding.latest_narrative, finding.latest_written_at = latest.get(finding.pk, ("", None))
