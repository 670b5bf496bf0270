"""Reads for pages: querysets shaped for what each page shows, always scoped by permissions."""

from django.db.models import Count, Q

from inspections.permissions import forces_for
from inspections.status import OPEN_STATUSES


def home_summary(user):
    return forces_for(user).annotate(
        inspection_count=Count("inspections", distinct=True),
        open_finding_count=Count(
            "inspections__findings", filter=Q(inspections__findings__status__in=OPEN_STATUSES), distinct=True
        ),
    )
