"""Each user's home page: their own work first, by what they do in the tracker.

- A force lead (anyone who holds an owner role): the open findings they own, and which of them are
  due this month or overdue.
- A board chair or member: the findings awaiting their decision, and the next meeting of each board
  they sit on, with its pack.
- OPCC staff: the Section 55 responses still to publish, nearest deadline first, and the overdue
  findings of their forces.
- Everyone (viewers especially): their forces, with the dashboard a click away.
A user with several kinds of access sees each part that applies."""

import calendar
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils import timezone

from inspections.core import permissions
from inspections.core.status import OPEN_STATUSES
from inspections.findings.proposals import awaiting_decision, boards_governed_by_seat
from inspections.models import Access, BoardMeeting, GovernanceBoard, Inspection, overdue_q
from inspections.section55 import clock

RELATED = ["inspection", "inspection__force", "owner", "board"]


@dataclass
class StartingPoint:
    today: date
    month_ends: date
    owns_findings: bool = False
    my_findings: list = field(default_factory=list)
    due_this_month: list = field(default_factory=list)  # of my findings: overdue, or due by the month's end
    decides: bool = False
    awaiting_decision: list = field(default_factory=list)
    next_meetings: list = field(default_factory=list)  # the next meeting of each board the user sits on
    opcc: bool = False
    section55: list = field(default_factory=list)  # [(inspection, clock status)], nearest deadline first
    overdue_count: int = 0


def end_of_month(day):
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def starting_point(user, today=None):
    today = today or timezone.localdate()
    home = StartingPoint(today=today, month_ends=end_of_month(today))
    visible = permissions.visible_findings(user)
    mine = visible.filter(owner__holder=user, status__in=OPEN_STATUSES).select_related(*RELATED)
    home.my_findings = list(mine.order_by("due_date", "inspection__published_on", "order"))
    home.owns_findings = bool(home.my_findings) or Access.FORCE_LEAD in permissions.kinds_of_access(user)
    home.due_this_month = [f for f in home.my_findings if f.due_date and f.due_date <= home.month_ends]

    seats = boards_governed_by_seat(user)
    home.decides = bool(seats)
    if seats:
        home.awaiting_decision = list(awaiting_decision(user))
        own_seats = GovernanceBoard.objects.filter(pk__in=seats).filter(
            Q(chair_role__holder=user) | Q(members=user)
        ).distinct()
        for board in own_seats.order_by("name"):
            meeting = BoardMeeting.objects.filter(board=board, held_on__gte=today).order_by("held_on").first()
            home.next_meetings.append((board, meeting))

    if user.is_superuser or Access.OPCC_STAFF in permissions.kinds_of_access(user):
        home.opcc = True
        managed = [f for f in permissions.forces_for(user) if permissions.can(user, permissions.Action.MANAGE, f)]
        inspections = (
            Inspection.objects.filter(force__in=managed, published_on__isnull=False)
            .exclude(section55__published_on__isnull=False)
            .select_related("force", "section55")
        )
        statuses = [(inspection, clock.status_for(inspection, today)) for inspection in inspections]
        home.section55 = sorted(statuses, key=lambda pair: (pair[1].deadline, pair[0].pk))
        home.overdue_count = visible.filter(overdue_q(today), inspection__force__in=managed).count()
    return home
