"""The text of reminder emails: one digest per recipient per day, and escalations in their own email.

Reminders are grouped by inspection; each line links to the finding's page (or, for the Section 55
clock, the inspection's), with absolute addresses built from settings.TRACKER_BASE_URL.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from inspections.core.labels import long_date, plural
from inspections.models import EmailKind


def site_url(path):
    """An absolute address for an email, from TRACKER_BASE_URL and a path built by reverse()."""
    return settings.TRACKER_BASE_URL.rstrip("/") + path


@dataclass
class Line:
    label: str
    text: str
    reason: str
    rule: str
    url: str


@dataclass
class Group:
    inspection: object
    url: str
    lines: list = field(default_factory=list)


def group_by_inspection(reminders):
    """[Group] in a stable order: newest inspection first; Section 55 lines, then findings in report order."""
    groups = {}
    for reminder in reminders:
        finding = reminder.finding if reminder.finding_id else None
        inspection = finding.inspection if finding else reminder.inspection
        group = groups.setdefault(inspection.pk, Group(inspection, site_url(inspection.get_absolute_url())))
        if finding:
            text = finding.text if len(finding.text) <= 200 else finding.text[:197].rstrip() + "…"
            url = site_url(finding.get_absolute_url())
            line = Line(finding.reference, text, reminder.reason, reminder.get_rule_display(), url)
            group.lines.append(((1, finding.order, reminder.rule), line))
        else:
            line = Line("Section 55 response", "", reminder.reason, reminder.get_rule_display(), group.url)
            group.lines.append(((0, 0, reminder.rule), line))

    def newest_first(group):
        published = group.inspection.published_on
        return (-(published.toordinal() if published else 0), group.inspection.title)

    ordered = sorted(groups.values(), key=newest_first)
    for group in ordered:
        group.lines = [line for _, line in sorted(group.lines, key=lambda item: item[0])]
    return ordered


def compose(*, recipient, kind, day, reminders):
    """(subject, plain text, HTML) of the email carrying these reminders."""
    count = len(reminders)
    if kind == EmailKind.ESCALATION:
        subject = f"Escalation: {plural(count, 'overdue finding')} for your attention, {long_date(day)}"
    else:
        subject = f"Inspection tracker: {plural(count, 'reminder')} for {long_date(day)}"
    context = {
        "recipient": recipient,
        "name": recipient.get_full_name() or recipient.username,
        "escalation": kind == EmailKind.ESCALATION,
        "day": long_date(day),
        "count": count,
        "groups": group_by_inspection(reminders),
        "profile_url": site_url(reverse("profile")),
        "subject": subject,
    }
    plain_text = render_to_string("reminders/email/message.txt", context)
    html = render_to_string("reminders/email/message.html", context)
    return subject[:250], plain_text, html
