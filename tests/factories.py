from datetime import date

import factory
from django.contrib.auth import get_user_model

from inspections.core.grading import GradingScale
from inspections.models import (
    Access,
    Finding,
    FindingKind,
    Force,
    GovernanceBoard,
    GradedJudgment,
    Inspection,
    Membership,
    Role,
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
    grade = "adequate"


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
    status = "in_progress"

    @factory.post_generation
    def due_dates(obj, create, extracted, **kwargs):
        obj.set_due_dates_from_report()
        if create:
            obj.save(update_fields=["original_due_date", "due_date"])
