"""A national-scale synthetic data set for benchmarks and load tests (`manage.py generate_data`).

Deterministic for a given seed. Forces are named "Synthetic …" so they are never mistaken for
real ones. Rows are written with bulk_create, one transaction per force.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from inspections.core.grading import SCALE_GRADES, GradingScale
from inspections.core.status import Rag, Status
from inspections.core.timeframes import add_months, due_date
from inspections.models import (
    Access,
    BoardMeeting,
    Finding,
    FindingChange,
    FindingKind,
    Force,
    GovernanceBoard,
    GradedJudgment,
    Inspection,
    InspectionKind,
    JudgmentLevel,
    LocalPolicingBody,
    Membership,
    OutgoingEmail,
    ProgressUpdate,
    Reminder,
    Role,
)

SLUG_PREFIX = "synthetic-"
LONDON = ZoneInfo("Europe/London")
ROLE_TITLES = [
    "Deputy Chief Constable", "Assistant Chief Constable", "Chief Superintendent, Local Policing",
    "Head of Digital Forensics", "Head of Crime", "Head of Public Protection", "Head of Contact Management",
    "Head of People Services", "Head of Learning and Development", "Head of Professional Standards",
    "Head of Information Technology", "Head of Performance and Assurance", "Head of Criminal Justice",
    "Head of Offender Management", "Head of Corporate Communications",
]
PILLARS = {
    "Effectiveness": [
        "Preventing crime", "Investigating crime", "Protecting vulnerable people",
        "Tackling serious and organised crime",
    ],
    "Efficiency": ["Meeting current demands", "Planning for the future"],
    "Legitimacy": [
        "Treating the public fairly", "Ethical and lawful workforce behaviour", "Treating the workforce fairly",
    ],
}
AREAS_2021 = [
    "Victim service assessment", "Engaging with and treating the public with fairness and respect",
    "Preventing crime and anti-social behaviour", "Responding to the public", "Investigating crime",
    "Protecting vulnerable people", "Managing offenders and suspects",
    "Building, supporting and protecting the workforce",
    "Strategic planning, organisational management and value for money",
]
VERBS = ["improve", "review", "make sure", "develop", "evaluate", "strengthen", "put in place", "monitor"]
SUBJECTS = [
    "its supervision of investigations", "the identification of repeat and vulnerable callers",
    "its governance of release under investigation and bail", "wellbeing support for staff in high-risk roles",
    "its understanding of demand", "the benefits of its investment in IT", "its external scrutiny of stop and search",
    "the quality of risk assessments when deployment delays occur", "its management of registered sex offenders",
    "its disclosure arrangements", "its use of outcomes", "its capacity to deal with child sexual exploitation",
]
TIME_FRAMES = ["within six months", "within three months", "immediately", "within twelve months"]


@dataclass
class Totals:
    forces: int = 0
    inspections: int = 0
    findings: int = 0
    updates: int = 0


def synthetic_forces():
    return Force.objects.filter(slug__startswith=SLUG_PREFIX)


@transaction.atomic
def remove_synthetic():
    """Delete an earlier synthetic data set, history first (history is otherwise protected)."""
    forces = synthetic_forces()
    findings = Finding.objects.filter(inspection__force__in=forces)
    OutgoingEmail.objects.filter(recipient__username__startswith=SLUG_PREFIX).delete()
    Reminder.objects.filter(force__in=forces).delete()  # before the findings' raw DELETE below
    ProgressUpdate.objects.filter(finding__in=findings).delete()
    FindingChange.objects.filter(finding__in=findings).delete()
    # One DELETE statement: the findings refer to each other (carry-overs, supersession), which
    # Django's collector refuses under PROTECT, while the database checks them once, at the end.
    findings._raw_delete(findings.db)
    Inspection.objects.filter(force__in=forces).delete()
    boards = GovernanceBoard.objects.filter(force__in=forces)
    boards.filter(parent__isnull=False).delete()
    boards.delete()
    get_user_model().objects.filter(username__startswith=SLUG_PREFIX).delete()
    forces.delete()


def generate(*, forces, inspections_per_force, seed, findings_per_inspection=29, updates_per_finding=10):
    rng = random.Random(seed)
    totals = Totals()
    password = make_password(None)  # unusable: synthetic people never log in
    for number in range(1, forces + 1):
        with transaction.atomic():
            _generate_force(
                rng, number, inspections_per_force, findings_per_inspection, updates_per_finding, password, totals
            )
    return totals


def _generate_force(rng, number, inspection_count, findings_per_inspection, updates_per_finding, password, totals):
    User = get_user_model()
    kind = "Constabulary" if number % 3 == 0 else "Police"
    force = Force.objects.create(name=f"Synthetic Force {number:02d} {kind}", slug=f"{SLUG_PREFIX}{number:02d}")
    LocalPolicingBody.objects.create(
        force=force, name=f"Police and Crime Commissioner for Synthetic Force {number:02d}",
        holder_name=f"Commissioner {number:02d}", holder_title="Police and Crime Commissioner",
        office_name=f"Office of the PCC, Synthetic Force {number:02d}", address="1 High Street\nCounty Town\nAB1 2CD",
        email=f"opcc@{SLUG_PREFIX}{number:02d}.invalid",
    )
    users = User.objects.bulk_create(
        User(
            username=f"{SLUG_PREFIX}{number:02d}-{index:02d}",
            first_name="Synthetic",
            last_name=f"Person {index:02d}",
            email=f"person{index:02d}@{SLUG_PREFIX}{number:02d}.invalid",
            password=password,
        )
        for index in range(len(ROLE_TITLES) + 1)
    )
    Membership.objects.bulk_create(
        [Membership(user=users[0], force=force, access=Access.OPCC_STAFF)]
        + [Membership(user=user, force=force, access=Access.FORCE_LEAD) for user in users[1:]]
    )
    roles = Role.objects.bulk_create(
        Role(force=force, title=title, holder=user) for title, user in zip(ROLE_TITLES, users[1:], strict=True)
    )
    main = GovernanceBoard.objects.create(
        force=force, name="Force Assurance Board", chair_role=roles[0], meeting_frequency="Monthly"
    )
    subs = [
        GovernanceBoard.objects.create(
            force=force, name=name, chair_role=roles[index], parent=main, meeting_frequency="Monthly"
        )
        for index, name in ((1, "Operational Performance Board"), (7, "People Board"), (10, "Change Board"))
    ]
    boards = [main, *subs]
    main.members.add(users[1])
    BoardMeeting.objects.bulk_create(
        BoardMeeting(board=main, held_on=add_months(date(2014, 1, 14), month)) for month in range(0, 12 * 13)
    )

    previous, previous_findings = None, []
    for index in range(inspection_count):
        published = date(2014, 3, 1) + timedelta(days=int((index + rng.random()) * (12 * 365 / inspection_count)))
        five_tier = published.year >= 2021
        inspection = Inspection.objects.create(
            force=force, title=f"PEEL {published.year}: synthetic inspection {index + 1}", kind=InspectionKind.PEEL,
            published_on=published, grading_scale=GradingScale.FIVE_TIER if five_tier else GradingScale.FOUR_TIER,
            previous=previous,
        )
        areas = _judgments(rng, inspection, five_tier)
        findings = _findings(rng, inspection, areas, roles, boards, findings_per_inspection, previous_findings)
        totals.updates += _updates(rng, findings, updates_per_finding)
        totals.inspections += 1
        totals.findings += len(findings)
        previous, previous_findings = inspection, findings
    totals.forces += 1


def _judgments(rng, inspection, five_tier):
    scale = SCALE_GRADES[inspection.grading_scale]
    rows, order = [], 0
    if five_tier:
        for name in AREAS_2021:
            order += 1
            grade = "" if name == "Victim service assessment" else rng.choice(scale)
            rows.append(GradedJudgment(inspection=inspection, name=name, grade=grade, order=order))
        return GradedJudgment.objects.bulk_create(rows)
    pillars = {}
    for pillar in PILLARS:
        order += 1
        pillars[pillar] = GradedJudgment(
            inspection=inspection, level=JudgmentLevel.PILLAR, name=pillar, grade=rng.choice(scale), order=order
        )
    GradedJudgment.objects.bulk_create(pillars.values())
    for pillar, names in PILLARS.items():
        for name in names:
            order += 1
            rows.append(
                GradedJudgment(
                    inspection=inspection, pillar=pillars[pillar], name=name, grade=rng.choice(scale), order=order
                )
            )
    return GradedJudgment.objects.bulk_create(rows)


def _status(rng, published):
    age_years = (date(2026, 1, 1) - published).days / 365
    roll = rng.random()
    if roll < min(0.85, age_years / 6):
        return Status.CLOSED
    if roll < min(0.9, age_years / 6 + 0.04):
        return Status.NO_LONGER_RELEVANT
    return rng.choice([Status.AWAITING_ALLOCATION, Status.IN_PROGRESS, Status.IN_PROGRESS, Status.PENDING_SIGN_OFF])


def _findings(rng, inspection, areas, roles, boards, per_inspection, previous_findings):
    """The report's findings in order: causes of concern with their recommendations, then AFIs."""
    published = inspection.published_on
    plan = []  # (kind, reference, time frame, number of the cause of concern it sits under)
    for coc in range(1, rng.randint(0, 2) + 1):
        frame = rng.choice(TIME_FRAMES)
        plan.append((FindingKind.CAUSE_OF_CONCERN, f"CoC {coc}", frame, None))
        plan.extend(
            (FindingKind.RECOMMENDATION, f"Rec {coc}.{rec}", frame, coc) for rec in range(1, rng.randint(2, 4) + 1)
        )
    afi_count = max(rng.randint(per_inspection - 9, per_inspection + 9) - len(plan), 1)
    plan.extend((FindingKind.AREA_FOR_IMPROVEMENT, f"AFI {n}", "", None) for n in range(1, afi_count + 1))

    open_afis = (Status.IN_PROGRESS, Status.AWAITING_ALLOCATION)
    carried = [f for f in previous_findings if f.kind == FindingKind.AREA_FOR_IMPROVEMENT and f.status in open_afis]
    causes, others = [], []
    for order, (kind, reference, frame, parent) in enumerate(plan, 1):
        status = _status(rng, published)
        owner = None if status == Status.AWAITING_ALLOCATION and rng.random() < 0.7 else rng.choice(roles)
        due = due_date(published, frame)
        revised = due if rng.random() < 0.9 else due + timedelta(days=rng.randint(30, 180))
        finding = Finding(
            inspection=inspection, kind=kind, reference=reference, judgment=rng.choice(areas), order=order,
            text=f"The force should {rng.choice(VERBS)} {rng.choice(SUBJECTS)}.", time_frame=frame,
            original_due_date=due, due_date=revised, next_update_due=published + timedelta(days=rng.randint(30, 900)),
            owner=owner, board=rng.choice(boards), status=status, rag=_rag(rng, status),
            response="The force accepts this finding and has put a plan in place.",
        )
        _finish(rng, finding, boards[0], published)
        if kind == FindingKind.AREA_FOR_IMPROVEMENT and carried and rng.random() < 0.08:
            finding.repeats = carried.pop(rng.randrange(len(carried)))
        if kind == FindingKind.CAUSE_OF_CONCERN:
            causes.append(finding)
        else:
            others.append((finding, parent))
    Finding.objects.bulk_create(causes)
    for finding, parent in others:
        finding.cause_of_concern = causes[parent - 1] if parent else None
    created = causes + Finding.objects.bulk_create([finding for finding, _ in others])

    superseded = []
    for finding in created:
        if finding.repeats_id:
            earlier = finding.repeats
            earlier.status, earlier.superseded_by, earlier.closed_on = Status.SUPERSEDED, finding, published
            superseded.append(earlier)
    Finding.objects.bulk_update(superseded, ["status", "superseded_by", "closed_on"])
    return created


def _rag(rng, status):
    if status in (Status.PENDING_SIGN_OFF, Status.CLOSED):
        return Rag.BLUE
    if status == Status.AWAITING_ALLOCATION:
        return ""
    return rng.choice([Rag.RED, Rag.AMBER, Rag.AMBER, Rag.GREEN, Rag.GREEN])


def _finish(rng, finding, main_board, published):
    if finding.status == Status.CLOSED:
        finding.closed_by_board = main_board
        finding.closed_on = published + timedelta(days=rng.randint(60, 900))
        finding.closure_reason = "Evidence reviewed and accepted by the board."
    elif finding.status == Status.NO_LONGER_RELEVANT:
        finding.closed_on = published + timedelta(days=rng.randint(60, 900))
        finding.closure_reason = "Overtaken by a change to the operating model."
    if finding.status in (Status.IN_PROGRESS, Status.PENDING_SIGN_OFF) and finding.owner is None:
        finding.status = Status.AWAITING_ALLOCATION
        finding.rag = ""


def _updates(rng, findings, per_finding):
    rows = []
    for finding in findings:
        author_id = finding.owner.holder_id if finding.owner_id else finding.board.chair_role.holder_id
        start = datetime.combine(finding.inspection.published_on, time(10), tzinfo=LONDON)
        for step in range(rng.randint(per_finding - 5, per_finding + 5)):
            rows.append(
                ProgressUpdate(
                    finding=finding,
                    author_id=author_id,
                    written_at=start + timedelta(days=30 * (step + 1) + rng.randint(0, 20)),
                    narrative=f"Update {step + 1}: work continues; the lead reported progress to the board.",
                    status=Status.IN_PROGRESS,
                    rag=rng.choice([Rag.RED, Rag.AMBER, Rag.GREEN]),
                )
            )
    ProgressUpdate.objects.bulk_create(rows, batch_size=5000)
    return len(rows)
