"""Reads for pages: querysets shaped for what each page shows."""

from django.db.models import Count, Q

from inspections.models import Force
from inspections.status import OPEN_STATUSES


def forces_for(user):
    """The forces a user belongs to (all forces for a superuser)."""
    if not user.is_authenticated:
        return Force.objects.none()
    if user.is_superuser:
        return Force.objects.all()
    return Force.objects.filter(memberships__user=user).distinct()


def home_summary(user):
    return forces_for(user).annotate(
        inspection_count=Count("inspections", distinct=True),
        open_finding_count=Count(
            "inspections__findings", filter=Q(inspections__findings__status__in=OPEN_STATUSES), distinct=True
        ),
    )
