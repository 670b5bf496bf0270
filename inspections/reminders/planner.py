"""Who is reminded of what on a given day: the rules of TRACKER_REMINDERS applied to findings and inspections.

The Planner loads what the rules need once (boards and their chairs, board meetings in the window,
the OPCC staff of each force), then evaluates batches of findings and inspections for a send day in
Python, without further queries. It writes nothing: the sweep (sweep.py) records what it
returns, and the preview pages show it.

- Owner: DUE_SOON_DAYS before the due date; then every OVERDUE_EVERY_DAYS while overdue, from the day
  after the due date.
- Escalation (its own email): overdue by more than ESCALATE_AFTER_DAYS, then on the same weekly beat,
  to the chair of the governing board (or, if it has no chair who can be reached, of the nearest board
  above it) and to the force's OPCC staff.
- Update chasing: the next update is due on finding.next_update_due, or else the day before the next
  meeting of the governing board (or of the nearest board above it that has meetings recorded); the
  owner is reminded UPDATE_DUE_DAYS_BEFORE it when it falls before that meeting (or no meeting is
  scheduled yet).
- Section 55 (day 1 = publication day, last day = day 56): OPCC staff on S55_DAYS and daily from
  S55_DAILY_FROM_DAY while the response is not marked published, and daily for S55_DAYS_AFTER_DEADLINE
  days after the last day; then it stops and the reminders page lists it as a problem. The force lead
  for the response is reminded S55_COMMENTS_DAYS_BEFORE the date set for the Chief Constable's comments,
  until the response is sent or published.
"""

import logging
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q

from inspections.core.labels import in_days, long_date, plural
from inspections.models import (
    Access,
    BoardMeeting,
    Finding,
    GovernanceBoard,
    Inspection,
    Membership,
    ReminderRule,
    Role,
)
from inspections.reminders.rules import AFTER, BEFORE, LONGEST_BREAK, reminder_config
from inspections.section55 import clock

logger = logging.getLogger(__name__)


def unreachable(user, post):
    """Why the holder of a post cannot be sent email, or "" when they can."""
    if user is None:
        return f"{post} is vacant"
    name = user.get_full_name() or user.username
    if not user.is_active:
        return f"{name} ({post}) is an inactive user"
    if not user.email:
        return f"{name} ({post}) has no email address"
    return ""


@dataclass(frozen=True)
class Candidate:
    """A reminder the rules call for: not yet recorded."""

    recipient: object
    rule: str
    day: date
    reason: str
    force_id: int
    inspection: Inspection
    finding: Finding | None = None

    @property
    def key(self):
        finding_id = self.finding.pk if self.finding else None
        return (self.recipient.pk, finding_id, None if finding_id else self.inspection.pk, self.rule, self.day)

    @property
    def rule_label(self):
        return ReminderRule(self.rule).label


@dataclass(frozen=True)
class Skipped:
    """A reminder the rules call for that nobody can be sent, and why."""

    force_id: int
    text: str
    finding_id: int | None = None
    inspection_id: int | None = None

    def as_dict(self):
        return {"force": self.force_id, "finding": self.finding_id, "inspection": self.inspection_id, "text": self.text}


class Planner:
    def __init__(self, config, *, first_day, last_day, force_ids=None):
        """Load the context for send days first_day..last_day, for the given forces (None: every force)."""
        self.config, self.force_ids = config, force_ids
        self._inspections = self._roles = None
        boards = GovernanceBoard.objects.select_related("chair_role__holder")
        memberships = Membership.objects.filter(access=Access.OPCC_STAFF).select_related("user", "force")
        meetings = BoardMeeting.objects.all()
        if force_ids is not None:
            boards = boards.filter(force_id__in=force_ids)
            memberships = memberships.filter(force_id__in=force_ids)
            meetings = meetings.filter(board__force_id__in=force_ids)
        self.boards = {board.pk: board for board in boards}
        self.boards_with_meetings = set(meetings.values_list("board_id", flat=True).distinct())
        window_end = last_day + timedelta(days=LONGEST_BREAK + config.update_due_days_before + 1)
        self.meetings = defaultdict(list)
        for board_id, held_on in (
            meetings.filter(held_on__range=(first_day, window_end))
            .order_by("held_on")
            .values_list("board_id", "held_on")
        ):
            self.meetings[board_id].append(held_on)
        self.opcc_staff, self.forces = defaultdict(list), {}
        for membership in memberships.order_by("user_id"):
            self.forces[membership.force_id] = membership.force
            if not unreachable(membership.user, "OPCC staff"):
                self.opcc_staff[membership.force_id].append(membership.user)

    def attach(self, findings):
        """Set each finding's inspection and owner (with its holder) from those loaded once for the
        sweep (sweep_findings reads the findings alone): a few thousand objects, not three per finding."""
        if self._inspections is None:
            self._inspections, self._roles = {}, {}
            self._load(self.force_ids)
        missing = {f.inspection_id for f in findings} - self._inspections.keys()
        missing_roles = {f.owner_id for f in findings if f.owner_id} - self._roles.keys()
        if missing or missing_roles:  # created since the sweep began (an import meanwhile)
            self._load(None, inspection_ids=missing, role_ids=missing_roles)
        for finding in findings:
            finding.inspection = self._inspections[finding.inspection_id]
            if finding.owner_id:
                finding.owner = self._roles[finding.owner_id]
        return findings

    def _load(self, force_ids, inspection_ids=None, role_ids=None):
        inspections = Inspection.objects.only("id", "force_id", "title", "published_on")
        roles = Role.objects.select_related("holder")
        if force_ids is not None:
            inspections, roles = inspections.filter(force_id__in=force_ids), roles.filter(force_id__in=force_ids)
        if inspection_ids is not None:
            inspections, roles = inspections.filter(pk__in=inspection_ids), roles.filter(pk__in=role_ids)
        self._inspections.update((inspection.pk, inspection) for inspection in inspections)
        self._roles.update((role.pk, role) for role in roles)

    # Boards -------------------------------------------------------------------------------------------
    def lineage(self, board_id):
        board, seen = self.boards.get(board_id), []
        while board is not None and board not in seen:
            seen.append(board)
            board = self.boards.get(board.parent_id)
        return seen

    def chair_for(self, board_id):
        """(board, chair) of the nearest board in the lineage whose chair can be reached, or (None, None)."""
        for board in self.lineage(board_id):
            holder = board.chair_role.holder if board.chair_role_id else None
            if board.chair_role_id and not unreachable(holder, "chair"):  # pragma: no mutate (only whether, not why)
                return board, holder
        return None, None

    def next_meeting(self, board_id, on):
        """(board, date) of the next meeting on or after `on` of the nearest board with meetings recorded.

        The date is None when there is none in the planner's window (none scheduled, or further away
        than any rule looks).
        """
        for board in self.lineage(board_id):
            if board.pk in self.boards_with_meetings:
                dates = self.meetings.get(board.pk, [])
                index = bisect_left(dates, on)
                return board, dates[index] if index < len(dates) else None
        return None, None

    # Findings -----------------------------------------------------------------------------------------
    def for_finding(self, finding, day):
        """(candidates, skipped) for one open finding, sent on `day`."""
        config, out, skipped = self.config, [], []
        before, after = config.covers(day, BEFORE), config.covers(day, AFTER)
        if not before:
            return out, skipped
        owner_rules, escalate = [], False
        due = finding.due_date
        if due is not None:
            if any((due - n).days in config.due_soon_days for n in before):
                owner_rules.append((ReminderRule.DUE_SOON, f"Due {in_days((due - day).days)}, on {long_date(due)}."))
            late = (day - due).days
            if any(config.chases((n - due).days) for n in after):
                owner_rules.append(
                    (ReminderRule.OVERDUE, f"Overdue: it was due on {long_date(due)}, {plural(late, 'day')} ago.")
                )
            escalate = any(config.escalates((n - due).days) for n in after)
        update = self._update_reason(finding, before, day)
        if update:
            owner_rules.append((ReminderRule.UPDATE_DUE, update))

        holder = finding.owner.holder if finding.owner_id else None
        why = "it has no owner" if not finding.owner_id else unreachable(holder, f"the owner, {finding.owner.title}")
        for rule, reason in owner_rules:
            if why:
                skipped.append(self._skip(finding, f"{ReminderRule(rule).label} not sent: {why}."))
            else:
                out.append(self._candidate(finding, holder, rule, day, reason))
        if escalate:
            out.extend(self._escalations(finding, day, skipped))
        return out, skipped

    def _update_reason(self, finding, before, day):
        days_before = self.config.update_due_days_before
        for nominal in before:
            board, meeting = self.next_meeting(finding.board_id, nominal) if finding.board_id else (None, None)
            if finding.next_update_due:
                due = finding.next_update_due
                fires = (due - nominal).days == days_before and (meeting is None or due < meeting)
            else:
                due = meeting - timedelta(days=1) if meeting else None
                fires = due is not None and (due - nominal).days == days_before
            if fires:
                reason = f"Progress update due {in_days((due - day).days)}, by {long_date(due)}"
                if meeting:
                    reason += f", before the {board.name} meets on {long_date(meeting)}"
                return reason + "."
        return ""

    def _escalations(self, finding, day, skipped):
        late = (day - finding.due_date).days
        owner = finding.owner.title if finding.owner_id else "no owner"
        if finding.owner_id and finding.owner.holder_id:
            owner += f" ({finding.owner.holder.get_full_name() or finding.owner.holder.username})"
        base = f"Overdue by {plural(late, 'day')}: it was due on {long_date(finding.due_date)}. Owner: {owner}."
        force_id = finding.inspection.force_id
        recipients = {}
        board, chair = self.chair_for(finding.board_id) if finding.board_id else (None, None)
        if chair:
            recipients[chair.pk] = (chair, f"{base} You chair the {board.name}.")
        else:
            skipped.append(self._skip(finding, "Escalation not sent to a board chair: no board above it has a chair."))
        force = self.forces.get(force_id)
        staff = self.opcc_staff.get(force_id, [])
        for user in staff:
            recipients.setdefault(user.pk, (user, f"{base} You are OPCC staff for {force}."))
        if not staff:
            skipped.append(self._skip(finding, "Escalation not sent to OPCC staff: the force has none with email."))
        return [self._candidate(finding, user, ReminderRule.ESCALATION, day, why) for user, why in recipients.values()]

    def _candidate(self, finding, user, rule, day, reason):
        return Candidate(
            recipient=user, rule=rule, day=day, reason=reason, force_id=finding.inspection.force_id,
            inspection=finding.inspection, finding=finding,
        )

    def _skip(self, finding, text):
        return Skipped(
            force_id=finding.inspection.force_id,
            finding_id=finding.pk,
            text=f"{finding.reference} of {finding.inspection}: {text}",
        )

    # Inspections (Section 55) -------------------------------------------------------------------------
    def for_inspection(self, inspection, day):
        """(candidates, skipped) for the Section 55 response to one published inspection, sent on `day`."""
        config, out, skipped = self.config, [], []
        published = inspection.published_on
        response = clock.response_of(inspection)
        if published is None or (response and response.published_on and response.published_on <= day):
            return out, skipped
        before, after = config.covers(day, BEFORE), config.covers(day, AFTER)
        number, deadline = clock.day_number(published, day), clock.deadline(published)
        if any(config.s55_fires_before(clock.day_number(published, n)) for n in before) or any(
            config.s55_fires_after(clock.day_number(published, n)) for n in after
        ):
            if number <= clock.SECTION_55_DAYS:
                left = clock.days_left(published, day)
                reason = (
                    f"Day {number} of {clock.SECTION_55_DAYS}. The Section 55 response must be published by "
                    f"{long_date(deadline)}"
                    f" ({'today is the last day' if left == 0 else plural(left, 'day') + ' from today'})"
                )
            else:
                reason = (
                    f"The Section 55 response was due to be published by {long_date(deadline)}; "
                    f"it is {plural(number - clock.SECTION_55_DAYS, 'day')} late"
                )
            reason += "; it is not yet marked as published."
            staff = self.opcc_staff.get(inspection.force_id, [])
            out.extend(self._s55(inspection, user, ReminderRule.S55_CLOCK, day, reason) for user in staff)
            if not staff:
                skipped.append(
                    self._skip_inspection(
                        inspection, "Section 55 reminder not sent: the force has no OPCC staff with email."
                    )
                )
        comments_due = response.comments_due_on if response else None
        if (
            comments_due
            and not (response.sent_on and response.sent_on <= day)
            and any((comments_due - n).days in config.s55_comments_days_before for n in before)
        ):
            lead = response.response_lead
            holder = lead.holder if lead else None
            why = "no force lead is set" if lead is None else unreachable(holder, f"the force lead, {lead.title}")
            if why:
                skipped.append(
                    self._skip_inspection(inspection, f"Reminder of the Chief Constable's comments not sent: {why}.")
                )
            else:
                reason = (
                    f"The Chief Constable's comments on the report are due {in_days((comments_due - day).days)}, "
                    f"by {long_date(comments_due)}. You are the force lead for the Section 55 response."
                )
                out.append(self._s55(inspection, holder, ReminderRule.S55_COMMENTS, day, reason))
        return out, skipped

    def _s55(self, inspection, user, rule, day, reason):
        return Candidate(
            recipient=user, rule=rule, day=day, reason=reason, force_id=inspection.force_id, inspection=inspection
        )

    def _skip_inspection(self, inspection, text):
        return Skipped(force_id=inspection.force_id, inspection_id=inspection.pk, text=f"{inspection}: {text}")

    # Many at once ------------------------------------------------------------------------------------
    def evaluate(self, *, findings=(), inspections=(), day):
        """(candidates without duplicates, in a stable order, skipped) for these findings and inspections.

        A row the rules cannot evaluate (bad data) is logged and listed as skipped; the others carry on.
        """
        found, skipped = {}, []
        rows = [(self.for_finding, finding) for finding in findings]
        rows += [(self.for_inspection, inspection) for inspection in inspections]
        for evaluate, row in rows:
            try:
                candidates, skips = evaluate(row, day)
            except Exception as error:  # one bad row must not stop everyone else's reminders
                logger.exception("Reminder rules failed for %r", row)
                is_finding = isinstance(row, Finding)
                force_id = row.inspection.force_id if is_finding else row.force_id
                skipped.append(
                    Skipped(
                        force_id=force_id,
                        finding_id=row.pk if is_finding else None,
                        inspection_id=None if is_finding else row.pk,
                        text=f"{row}: reminders could not be worked out ({type(error).__name__}: {error}).",
                    )
                )
                continue
            skipped.extend(skips)
            for candidate in candidates:
                found.setdefault(candidate.key, candidate)
        return sorted(found.values(), key=sort_key), skipped


def sort_key(candidate):
    """Recipient, finding, inspection, rule, day: the same order in every sweep, so that concurrent
    sweeps take row locks in the same order."""
    recipient, finding, inspection, rule, day = candidate.key
    return (recipient, finding or 0, inspection or 0, rule, day)


def open_findings():
    """Open findings with what the planner reads, in one query per batch."""
    return (
        Finding.objects.open()
        .select_related("inspection", "owner__holder")
        .defer("context", "response", "inspection__report_url")
    )


# What the rules read of a finding: the sweep loads every open finding in the country, and a whole
# row (the text, the report's paragraphs, the response) costs more to load than the rules cost to run.
SWEEP_FIELDS = (
    "id", "reference", "order", "status", "due_date", "next_update_due", "board_id", "owner_id", "inspection_id",
)


def sweep_findings():
    """Open findings for the sweep, only the columns the rules read; their inspections and owners
    come from the planner (Planner.attach), loaded once rather than again in every row."""
    return Finding.objects.open().only(*SWEEP_FIELDS)


def s55_inspections(*, first_day, last_day):
    """Published inspections whose Section 55 response is not marked published and whose clock, or
    Chief Constable's comments date, can still fire on a send day from first_day to last_day."""
    earliest = first_day - timedelta(days=reminder_config().s55_last_reminder_day + LONGEST_BREAK)
    latest = last_day + timedelta(days=LONGEST_BREAK)
    return (
        Inspection.objects.filter(published_on__isnull=False, published_on__lte=latest)
        .filter(
            Q(section55__isnull=True)
            | Q(section55__published_on__isnull=True)
            | Q(section55__published_on__gt=first_day)
        )
        .filter(Q(published_on__gte=earliest) | Q(section55__comments_due_on__gte=first_day))
        .select_related("section55__response_lead__holder")
    )
