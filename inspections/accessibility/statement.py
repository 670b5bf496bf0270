"""What the accessibility statement says about who runs the tracker and how to reach them.

The contact for reporting a problem is the OPCC that runs the tracker, from the setting
TRACKER_ACCESSIBILITY (tracker/settings/base.py; TRACKER_ACCESSIBILITY_ORGANISATION, _EMAIL, _TELEPHONE
in the environment). Until that is set, the statement gives the office, email and telephone of each
force's local policing body recorded in the tracker (the Section 55 letterhead), which is the OPCC.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings

from inspections.models import LocalPolicingBody

# When the statement was written and the tracker last tested against WCAG 2.2 AA (the automated checks
# in tests/accessibility/ run on every change as well). An OPCC that reviews it sets REVIEWED_ON.
PREPARED_ON = date(2026, 12, 2)
TESTED_ON = date(2026, 12, 2)


@dataclass(frozen=True)
class Contact:
    organisation: str
    email: str
    telephone: str = ""


def contacts():
    """Who to contact about accessibility: the configured OPCC, or every local policing body's office."""
    configured = settings.TRACKER_ACCESSIBILITY
    if configured["EMAIL"]:
        organisation = configured["ORGANISATION"] or "the Office of the Police and Crime Commissioner"
        return [Contact(organisation, configured["EMAIL"], configured["TELEPHONE"])]
    bodies = LocalPolicingBody.objects.order_by("office_name")
    return [Contact(body.office_name, body.email, body.telephone) for body in bodies]


def operator(found):
    """Who runs the tracker, in the statement's words."""
    configured = settings.TRACKER_ACCESSIBILITY["ORGANISATION"]
    if configured:
        return configured
    if len(found) == 1:
        return found[0].organisation
    return "the Offices of the Police and Crime Commissioners whose forces it tracks"


def reviewed_on():
    value = settings.TRACKER_ACCESSIBILITY["REVIEWED_ON"]
    return date.fromisoformat(value) if value else PREPARED_ON
