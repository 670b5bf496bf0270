"""Factories for the records tests build; the real Warwickshire data comes from fixtures/ instead.

Values are the domain's enums, never bare strings, so a renamed choice breaks here first.
"""

from datetime import date

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from inspections.core.grading import Grade, GradingScale
from inspections.core.status import Status
from inspections.models import (
    Access,
    BoardMeeting,
    EmailKind,
    EmailStatus,
    Finding,
    FindingKind,
    Force,
    GovernanceBoard,
    GradedJudgment,
    Inspection,
    LetterStatus,
    LocalPolicingBody,
    Membership,
    MonitoringPeriod,
    MonitoringState,
    OutgoingEmail,
    ProgressUpdate,
    Reminder,
    ReminderRule,
    Role,
    Section55Response,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User {n}")
    password = factory.django.Password("correct horse battery")


class ForceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Force

    name = factory.Sequence(lambda n: f"Testshire {n} Police")
    slug = factory.Sequence(lambda n: f"testshire-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    force = factory.SubFactory(ForceFactory)
    access = Access.OPCC_STAFF


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    force = factory.SubFactory(ForceFactory)
    title = factory.Sequence(lambda n: f"Head of Unit {n}")
    holder = factory.SubFactory(UserFactory)


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GovernanceBoard

    force = factory.SubFactory(ForceFactory)
    name = factory.Sequence(lambda n: f"Assurance Board {n}")
    chair_role = factory.SubFactory(RoleFactory, force=factory.SelfAttribute("..force"))


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspection

    force = factory.SubFactory(ForceFactory)
    title = factory.Sequence(lambda n: f"PEEL inspection {n}")
    published_on = date(2022, 10, 14)
    grading_scale = GradingScale.FIVE_TIER


class JudgmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GradedJudgment

    inspection = factory.SubFactory(InspectionFactory)
    name = factory.Sequence(lambda n: f"Area {n}")
    order = factory.Sequence(lambda n: n + 1)
    grade = Grade.ADEQUATE


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding
        skip_postgeneration_save = True

    inspection = factory.SubFactory(InspectionFactory)
    kind = FindingKind.AREA_FOR_IMPROVEMENT
    reference = factory.Sequence(lambda n: f"AFI {n + 1}")
    order = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"The force should improve thing number {n}.")
    owner = factory.SubFactory(RoleFactory, force=factory.SelfAttribute("..inspection.force"))
    board = factory.SubFactory(BoardFactory, force=factory.SelfAttribute("..inspection.force"))
    status = Status.IN_PROGRESS

    @factory.post_generation
    def due_dates(obj, create, extracted, **kwargs):
        obj.set_due_dates_from_report()
        if create:
            obj.save(update_fields=["original_due_date", "due_date"])


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    """A progress update as the record stands (the page and services write them with their audit rows)."""

    class Meta:
        model = ProgressUpdate

    finding = factory.SubFactory(FindingFactory)
    author = factory.SubFactory(UserFactory)
    written_at = factory.LazyFunction(timezone.now)
    narrative = factory.Sequence(lambda n: f"Progress update {n}: the action plan is on track.")
    status = factory.SelfAttribute("finding.status")


class BoardMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardMeeting

    board = factory.SubFactory(BoardFactory)
    held_on = date(2026, 2, 10)


class MonitoringPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MonitoringPeriod

    force = factory.SubFactory(ForceFactory)
    state = MonitoringState.ENGAGE
    started_on = date(2024, 1, 15)


class LocalPolicingBodyFactory(factory.django.DjangoModelFactory):
    """The letterhead of a Section 55 response."""

    class Meta:
        model = LocalPolicingBody

    force = factory.SubFactory(ForceFactory)
    name = factory.LazyAttribute(lambda body: f"Police and Crime Commissioner for {body.force.name}")
    holder_name = "Alex Example"
    holder_title = factory.SelfAttribute("name")
    office_name = factory.LazyAttribute(lambda body: f"{body.force.name} Office of the PCC")
    address = "1 High Street\nTesttown\nTE1 1ST"
    telephone = "01234 567890"
    email = "opcc@example.org"


class Section55ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section55Response

    inspection = factory.SubFactory(InspectionFactory)
    status = LetterStatus.DRAFT


class OutgoingEmailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutgoingEmail

    recipient = factory.SubFactory(UserFactory)
    to = factory.SelfAttribute("recipient.email")
    kind = EmailKind.DIGEST
    for_day = date(2023, 6, 14)
    subject = "Inspection tracker: 1 reminder"
    plain_text = "One reminder."
    html = "<p>One reminder.</p>"
    status = EmailStatus.READY
    run = factory.Faker("uuid4", cast_to=None)


class ReminderFactory(factory.django.DjangoModelFactory):
    """A recorded reminder about a finding (the sweep records them; tests of the pages build them)."""

    class Meta:
        model = Reminder

    finding = factory.SubFactory(FindingFactory)
    recipient = factory.SubFactory(UserFactory)
    force = factory.SelfAttribute("finding.inspection.force")
    rule = ReminderRule.DUE_SOON
    for_day = date(2023, 6, 14)
    reason = "Due in 7 days."
    email = factory.SubFactory(OutgoingEmailFactory, recipient=factory.SelfAttribute("..recipient"))
    run = factory.SelfAttribute("email.run")
