"""Reads for the reminder pages: what a user will be sent, a force's preview, log and problems.

The previews run the same rules as the sweep (planner.Planner) without writing anything.
Callers check permissions first (reminders/views.py); everything here is scoped to one user or force.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Prefetch, Q
from django.utils import timezone

from inspections.models import (
    Access,
    EmailStatus,
    GovernanceBoard,
    Membership,
    OutgoingEmail,
    Reminder,
    ReminderRun,
    Role,
)
from inspections.reminders.planner import Planner, open_findings, s55_inspections, unreachable
from inspections.reminders.rules import reminder_config
from inspections.section55 import clock

STUCK_AFTER = timedelta(hours=1)


def _recorded(queryset, first_day, last_day):
    rows = queryset.filter(for_day__range=(first_day, last_day))
    return set(rows.values_list("recipient_id", "finding_id", "inspection_id", "rule", "for_day"))


def upcoming_for(user, *, start=None, days=None):
    """[(day, [Candidate])] the user will be sent from `start` (today) for PREVIEW_DAYS days, working
    days only; each candidate's `key in recorded` tells whether today's sweep has already recorded it."""
    config = reminder_config()
    start = start or timezone.localdate()
    last = start + timedelta(days=(days or config.preview_days))
    accesses = dict(Membership.objects.filter(user=user).values_list("force_id", "access"))
    opcc = [force for force, access in accesses.items() if access == Access.OPCC_STAFF]
    chairs = list(Role.objects.filter(holder=user, chaired_boards__isnull=False).values_list("force_id", flat=True))
    findings = list(open_findings().filter(Q(owner__holder=user) | Q(inspection__force_id__in=[*opcc, *chairs])))
    inspections = list(
        s55_inspections(first_day=start, last_day=last).filter(
            Q(force_id__in=opcc) | Q(section55__response_lead__holder=user)
        )
    )
    force_ids = {f.inspection.force_id for f in findings} | {i.force_id for i in inspections}
    planner = Planner(config, first_day=start, last_day=last, force_ids=force_ids)
    recorded = _recorded(Reminder.objects.filter(recipient=user), start, last)
    schedule, day = [], start
    while day <= last:
        if config.is_working_day(day):
            candidates, _ = planner.evaluate(findings=findings, inspections=inspections, day=day)
            mine = [candidate for candidate in candidates if candidate.recipient.pk == user.pk]
            if mine:
                schedule.append((day, mine))
        day += timedelta(days=1)
    return schedule, recorded


def preview_day(force, *, day):
    """(candidates, skipped, recorded keys) for the force's reminders on `day`."""
    config = reminder_config()
    findings = list(open_findings().filter(inspection__force=force))
    inspections = list(s55_inspections(first_day=day, last_day=day).filter(force=force))
    planner = Planner(config, first_day=day, last_day=day, force_ids=[force.pk])
    candidates, skipped = planner.evaluate(findings=findings, inspections=inspections, day=day)
    candidates.sort(key=lambda c: ((c.recipient.get_full_name() or c.recipient.username).lower(), c.recipient.pk))
    return candidates, skipped, _recorded(Reminder.objects.filter(force=force), day, day)


def email_log(force, *, status=""):
    """Emails carrying reminders about the force, newest first, each with only the force's reminders."""
    reminders = Reminder.objects.filter(force=force).select_related("finding__inspection", "inspection")
    emails = (
        OutgoingEmail.objects.filter(reminders__force=force)
        .distinct()
        .select_related("recipient")
        .prefetch_related(
            Prefetch(
                "reminders",
                queryset=reminders.order_by("id"),
                to_attr="force_reminders",
            )
        )
        .order_by("-for_day", "-created_at", "-id")
    )
    return emails.filter(status=status) if status else emails


def emails_to(user, *, limit=20):
    return OutgoingEmail.objects.filter(recipient=user).order_by("-for_day", "-created_at")[:limit]


def recent_runs(*, limit=10):
    return ReminderRun.objects.order_by("-started_at")[:limit]


@dataclass
class Problems:
    """What stops reminders reaching someone, for OPCC staff to fix."""

    no_owner: list = field(default_factory=list)  # [Finding]
    owners: list = field(default_factory=list)  # [(Role, why, [Finding])]
    boards: list = field(default_factory=list)  # [(GovernanceBoard, why)]
    no_opcc_staff: str = ""
    s55_late: list = field(default_factory=list)  # [(Inspection, day number)]
    s55_comments: list = field(default_factory=list)  # [(Inspection, why)]
    failed_emails: int = 0
    stuck_emails: int = 0

    @property
    def count(self):
        lists = (self.no_owner, self.owners, self.boards, self.s55_late, self.s55_comments)
        return sum(len(items) for items in lists) + bool(self.no_opcc_staff) + self.failed_emails + self.stuck_emails


def problems(force, *, on=None):
    on = on or timezone.localdate()
    config = reminder_config()
    found = Problems()
    owners = {}
    for finding in open_findings().filter(inspection__force=force).order_by("inspection", "order"):
        if not finding.owner_id:
            found.no_owner.append(finding)
            continue
        why = unreachable(finding.owner.holder, finding.owner.title)
        if why:
            owners.setdefault(finding.owner_id, (finding.owner, why, []))[2].append(finding)
    found.owners = sorted(owners.values(), key=lambda item: item[0].title)
    for board in GovernanceBoard.objects.filter(force=force).select_related("chair_role__holder").order_by("name"):
        if not board.chair_role_id:
            found.boards.append((board, "has no chair"))
        else:
            why = unreachable(board.chair_role.holder, f"the chair, {board.chair_role.title}")
            if why:
                found.boards.append((board, why))
    staff = Membership.objects.filter(force=force, access=Access.OPCC_STAFF).select_related("user")
    if not any(not unreachable(membership.user, "OPCC staff") for membership in staff):
        found.no_opcc_staff = (
            "No OPCC staff of this force can be emailed (active, with an email address): escalations and "
            "Section 55 reminders reach nobody."
        )
    inspections = force.inspections.filter(published_on__isnull=False).select_related(
        "section55__response_lead__holder"
    )
    for inspection in inspections.order_by("-published_on"):
        response = clock.response_of(inspection)
        if response and response.published_on and response.published_on <= on:
            continue
        number = clock.day_number(inspection.published_on, on)
        if number > config.s55_last_reminder_day:
            found.s55_late.append((inspection, number))
        sent = response and response.sent_on and response.sent_on <= on
        if response and response.comments_due_on and response.comments_due_on >= on and not sent:
            lead = response.response_lead
            why = "no force lead is set" if lead is None else unreachable(lead.holder, f"the force lead, {lead.title}")
            if why:
                found.s55_comments.append((inspection, why))
    force_emails = OutgoingEmail.objects.filter(reminders__force=force).distinct()
    found.failed_emails = force_emails.filter(status=EmailStatus.FAILED).count()
    found.stuck_emails = force_emails.filter(
        status=EmailStatus.SENDING, updated_at__lt=timezone.now() - STUCK_AFTER
    ).count()
    return found
