"""The embedded demo: the Warwickshire fixtures, demo users for each kind of user, and board meetings.

Only ever runs where settings.TRACKER_DEMO_ENABLED is on (the embedded settings of `make run`).
"""

import calendar
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from inspections.core import permissions
from inspections.core.status import Rag, Status
from inspections.core.timeframes import add_months
from inspections.devdata.public_demo import publish_demo_inspection
from inspections.findings import demonstration, extensions, hmicfrs, rag_rules
from inspections.findings import progress as progress_service
from inspections.findings import services as finding_service
from inspections.models import (
    Access,
    BoardMeeting,
    Force,
    GovernanceBoard,
    Membership,
    ProgressUpdate,
    RagCondition,
    RagRule,
    Role,
)
from inspections.monitoring import services as monitoring

FIXTURES = sorted(str(path) for path in (Path(settings.BASE_DIR) / "fixtures").glob("*.json"))

# username -> (first name, last name, access, roles held, boards sat on)
DEMO_USERS = {
    "opcc": ("Olivia", "Carter", Access.OPCC_STAFF, [], []),
    "lead": ("Leon", "Ashby", Access.FORCE_LEAD, [
        "Head of Digital Forensics", "Head of Assurance and Service Improvement", "Head of People Services",
        "Head of the Operations Communications Centre",
    ], []),
    "chair": ("Charlotte", "Hughes", Access.BOARD_MEMBER, ["Deputy Chief Constable"], ["Warwickshire Assurance Board"]),
    "viewer": ("Victor", "Ellis", Access.VIEWER, [], []),
}

# Invented people who hold the other roles, so reminders have someone to go to. They cannot log in.
OTHER_HOLDERS = [
    ("Priya", "Natt"), ("Tom", "Fairley"), ("Grace", "Okafor"), ("Martin", "Shaw"), ("Helen", "Brook"),
    ("Daniel", "Reeve"), ("Aisha", "Rahman"), ("Owen", "Pryce"), ("Ruth", "Kimber"), ("Simon", "Daley"),
    ("Leah", "Fenwick"), ("Marcus", "Hale"), ("Nadia", "Costa"), ("Ian", "Whitlock"),
]


def demo_password():
    return settings.TRACKER_DEMO_PASSWORD


def second_tuesday(year, month):
    first = date(year, month, 1)
    offset = (calendar.TUESDAY - first.weekday()) % 7
    return date(year, month, 1 + offset + 7)


@transaction.atomic
def load_demo(stdout=None):
    if not settings.TRACKER_DEMO_ENABLED:
        raise ImproperlyConfigured("Demo data can only be loaded in the embedded mode (TRACKER_DEMO_ENABLED).")
    if not Force.objects.exists():
        call_command("loaddata", *FIXTURES, verbosity=0)
    force = Force.objects.get(slug="warwickshire")
    User = get_user_model()
    for username, (first, last, access, role_titles, board_names) in DEMO_USERS.items():
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = first, last
        user.email = f"{username}@demo.invalid"
        user.set_password(demo_password())
        user.save()
        Membership.objects.update_or_create(user=user, force=force, defaults={"access": access})
        Role.objects.filter(force=force, title__in=role_titles).update(holder=user)
        for board in GovernanceBoard.objects.filter(force=force, name__in=board_names):
            board.members.add(user)
    admin, _ = User.objects.get_or_create(username="admin")
    admin.is_staff = admin.is_superuser = True
    admin.email = "admin@demo.invalid"
    admin.set_password(demo_password())
    admin.save()

    for role, (first, last) in zip(Role.objects.filter(force=force, holder__isnull=True), OTHER_HOLDERS, strict=False):
        holder, _ = User.objects.get_or_create(
            username=f"{first}.{last}".lower(),
            defaults={"first_name": first, "last_name": last, "email": f"{first}.{last}@demo.invalid".lower()},
        )
        holder.set_unusable_password()
        holder.save()
        Membership.objects.get_or_create(user=holder, force=force, defaults={"access": Access.FORCE_LEAD})
        role.holder = holder
        role.save()

    # Monthly meetings on the second Tuesday, from six months ago to six months ahead.
    today = timezone.localdate()
    for board in GovernanceBoard.objects.filter(force=force, parent__isnull=True):
        for offset in range(-6, 7):
            month = add_months(today.replace(day=1), offset)
            BoardMeeting.objects.get_or_create(
                board=board, held_on=second_tuesday(month.year, month.month),
                defaults={"agenda_item": "6", "presented_by": "Head of Assurance, OPCC"},  # the pack as a paper
            )
    if not ProgressUpdate.objects.filter(finding__inspection__force=force).exists():
        demo_activity(force, today)
    if not force.monitoring_periods.exists():
        demo_hmicfrs(force)
    if not RagRule.objects.filter(force=force).exists():
        demo_rules(force, today)
    publish_demo_inspection(force, User.objects.get(username="opcc"))  # the public progress page (/public/)
    if stdout:
        stdout.write(f"Demo data loaded: users {', '.join([*DEMO_USERS, 'admin'])}.")


# Invented progress on the 2021/22 areas for improvement, so the demo's lists, timelines and
# dashboards show a tracker in use. (reference, RAG, narrative, revised target in months, or None)
DEMO_PROGRESS = [
    ("AFI 4", Rag.AMBER, "Repeat-caller flag added to the contact system; call-handler training under way.", 6),
    ("AFI 5", Rag.GREEN, "Advice scripts on evidence and crime prevention published to call handlers.", None),
    ("AFI 6", Rag.RED, "Priority calls still attended late; a demand review reports to the next board.", 9),
    ("AFI 7", Rag.AMBER, "THRIVE template built into the control-room system; dip sampling starts next month.", 6),
    ("AFI 9", Rag.AMBER, "Investigation plan template mandated; supervisors' compliance audited monthly.", 4),
    ("AFI 13", Rag.GREEN, "Two additional CSE investigators in post; backlog of unallocated cases cleared.", None),
    ("AFI 15", Rag.RED, "Bail and RUI dashboard rebuilt but not yet used by supervisors.", 6),
    ("AFI 20", Rag.AMBER, "New performance development review process agreed by the People Services Board.", 12),
    ("AFI 21", Rag.GREEN, "IT strategy reviewed; benefits register reported quarterly.", None),
]


def demo_activity(force, today):
    peel = force.inspections.get(title__startswith="PEEL 2021/22")
    opcc = get_user_model().objects.get(username="opcc")
    next_board = BoardMeeting.objects.filter(board__force=force, board__parent__isnull=True, held_on__gt=today).first()
    for reference, rag, narrative, months in DEMO_PROGRESS:
        finding = peel.findings.get(reference=reference)
        author = finding.owner.holder or opcc
        if months:
            finding = finding_service.revise_due_date(
                finding, due_date=add_months(today, months), by=opcc,
                reason="Revised with the owner at the assurance board: the original date was not achievable.",
            )
        progress_service.record_progress(
            finding, by=author, narrative=narrative, rag=rag,
            next_update_due=next_board.held_on - timedelta(days=1) if next_board else None,
        )
    # The strategic planning AFI on demand was delivered and is awaiting the board's sign-off.
    demand = peel.findings.get(reference="AFI 22")
    progress_service.propose_complete(
        demand, by=demand.owner.holder or opcc,
        reason="Demand model completed and built into resourcing and leave processes; evidence in the board paper.",
    )


def demo_hmicfrs(force):
    """HMICFRS's side, invented on the real 2019 causes of concern: the force in Engage with an oversight
    group meeting, HMICFRS closing one cause of concern (CoC 3) before the board has, and the board signing
    another off (CoC 1) so that its closure request to HMICFRS can be produced."""
    opcc = get_user_model().objects.get(username="opcc")
    chair = get_user_model().objects.get(username="chair")
    monitoring.record_monitoring_change(
        force=force, state="engage", started_on=date(2022, 11, 1), by=opcc,
        letter_title="Letter from HM Chief Inspector of Constabulary: Warwickshire Police moved to Engage",
        reasons="Causes of concern about the force's capacity to investigate crime, its arrangements to maintain "
        "services and how its services to the public will operate; an improvement plan is required.",
    )
    monitoring.record_oversight_meeting(
        force=force, held_on=date(2023, 3, 14), by=opcc,
        decided="The Policing Performance Oversight Group reviewed the improvement plan and agreed that the force "
        "remains in Engage.",
        next_steps="HMICFRS to revisit the force's service model in the autumn; the force to report progress on "
        "investigations to the next meeting.",
    )
    issue_2019 = force.inspections.get(title__startswith="Warwickshire Police: Integrated PEEL Assessment 2019")
    service_model = issue_2019.findings.get(reference="CoC 3")
    hmicfrs.record_hmicfrs_decision(
        service_model, outcome="closed", decided_on=date(2023, 10, 3), by=opcc,
        letter_title="Revisit letter: Warwickshire Police causes of concern",
        summary="Following the Policing Performance Oversight Group, I will be closing the force's cause of concern "
        "regarding how its services to the public will operate.",
    )
    investigations = issue_2019.findings.get(reference="CoC 1")
    investigations = progress_service.propose_complete(
        investigations, by=opcc,
        reason="Investigation standards unit in place, crime backlog cleared and audited; all seven recommendations "
        "reported to the board.",
    )
    progress_service.decide(
        investigations, by=chair, sign_off=True,
        reason="The board has seen the audit of investigation standards and signs the cause of concern off.",
    )


# Warwickshire's RAG rules as its papers' legend words them (invented for the demo, in the shape OPCC
# papers use), and a three-month demonstration period before a signed-off finding closes.
DEMO_RAG_RULES = {
    RagCondition.PAST_TARGET: {"rag": Rag.RED, "wording": "Outstanding and past its target date"},
    RagCondition.DUE_SOON: {"rag": Rag.AMBER, "within_days": 30, "wording": "Outstanding, due within 30 days"},
    RagCondition.NOT_STARTED: {"rag": Rag.AMBER, "wording": "Not yet allocated to a lead"},
    RagCondition.ON_TRACK: {"rag": Rag.GREEN, "wording": "In progress and on track"},
}
DEMO_DEMONSTRATION_MONTHS = 3


def demo_rules(force, today):
    """The force's RAG rules and demonstration period; an extension the chair approved between meetings
    and one the lead has just asked for (for the chair to decide); one finding that passed its
    demonstration period (closed by the daily task) and one still in it."""
    rag_rules.declare_rules(
        force=force, rules=DEMO_RAG_RULES, demonstration_months=DEMO_DEMONSTRATION_MONTHS, board_months={}
    )
    users = get_user_model().objects.in_bulk(["lead", "chair"], field_name="username")
    lead, chair = users["lead"], users["chair"]
    peel = force.inspections.get(title__startswith="PEEL 2021/22")
    taken = {reference for reference, *_ in DEMO_PROGRESS} | {"AFI 22"}
    candidates = [
        finding for finding in peel.findings.filter(status=Status.IN_PROGRESS, owner__holder__isnull=False)
        .exclude(reference__in=taken).select_related("owner__holder", "board", "inspection").order_by("order")
        if permissions.decides_for(chair, finding) and finding.due_date
    ]
    if len(candidates) < 4:
        return  # a demo database changed by hand: the rules are declared, the examples left out
    leads = [finding for finding in candidates if finding.owner.holder_id == lead.pk]
    approved, waiting = (leads + candidates)[:2]
    request = extensions.request_extension(
        approved, by=approved.owner.holder, due_date=add_months(max(approved.due_date, today), 4),
        reason="The new case-management system goes live later than planned; supervisors are trained after it.",
    )
    extensions.decide_extension(
        request, by=chair, approve=True,
        reason="Agreed: the delay is outside the force's control and the interim checks continue.",
    )
    extensions.request_extension(
        waiting, by=waiting.owner.holder, due_date=add_months(max(waiting.due_date, today), 3),
        reason="The audit that evidences completion reports next quarter.",
    )
    rest = [f for f in candidates if f.pk not in (approved.pk, waiting.pk)]
    for finding, signed_off in ((rest[0], add_months(today, -4)), (rest[1], today)):
        finding = progress_service.propose_complete(
            finding, by=finding.owner.holder, reason="Delivered; the evidence is in the board paper."
        )
        progress_service.decide(
            finding, by=chair, sign_off=True, on=signed_off,
            reason="Signed off: the improvement is evidenced and must hold through the demonstration period.",
        )
    demonstration.close_ended(on=today)  # what the daily task does: the first has passed its period
