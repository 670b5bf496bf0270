"""The Section 55 response letter, built from the tracker's data in the shape of a real one
(the Warwickshire letter of 21 November 2019, ../shared/reference/).

letterhead; addressees; Our Ref / Your Ref; date; salutation; the opening paragraph (the report, its
publication date, Section 55(1) of the Police Act 1996); 1. the local policing body's comments with the
grades set against the previous inspection's; 2. the Chief Constable's comments: every pillar and area
with its grade, each cause of concern, its recommendations and each area for improvement, in report
order, each followed by the force's response, then the governance summary; 3. the local policing
body's comments on them; the publication statement; the signature block.

The generated parts (section 2, the grades, the governance summary) are in parts.py.
Everything here returns plain strings and blocks; the templates escape them.
"""

import base64
from datetime import date

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from inspections.core.labels import day_month_year
from inspections.documents import images, text
from inspections.documents.errors import DocumentProblem
from inspections.models import DEFAULT_SALUTATION, LetterStatus, LocalPolicingBody, Section55Response
from inspections.section55 import clock
from inspections.section55.parts import (
    all_letter_findings,
    chief_constable_sections,
    governance_summary_for,
    grade_comparison,
)

TEMPLATE = "section55/letter.html"
# HM the Queen died on 8 September 2022; the inspectorate became "His Majesty's" that day.
KINGS_INSPECTORATE_FROM = date(2022, 9, 8)


class LetterProblem(DocumentProblem):
    """The letter cannot be produced at all (not a missing response: that is shown in the letter)."""


def inspectorate_name(on):
    majesty = "His" if on >= KINGS_INSPECTORATE_FROM else "Her"
    return f"{majesty} Majesty's Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS)"


# --- The whole letter ------------------------------------------------------------------------------


def default_response(inspection):
    """An unsaved draft with the defaults a new letter starts from."""
    body = local_policing_body_of(inspection, required=False)
    return Section55Response(
        inspection=inspection,
        your_reference=inspection.hmicfrs_reference,
        salutation=DEFAULT_SALUTATION,
        signatory_name=body.holder_name if body else "",
        signatory_title=body.holder_title if body else "",
        governance_summary=governance_summary_for(inspection),
    )


def response_for(inspection):
    """The saved Section 55 response, or an unsaved default draft."""
    try:
        return inspection.section55
    except Section55Response.DoesNotExist:
        return default_response(inspection)


def local_policing_body_of(inspection, *, required=True):
    try:
        return inspection.force.local_policing_body
    except LocalPolicingBody.DoesNotExist as error:
        if required:
            raise LetterProblem(
                f"{inspection.force} has no local policing body recorded (the letterhead): add it in the admin."
            ) from error
        return None


def signature_data_url(response):
    if not response.signature:
        return ""
    try:
        with response.signature.open("rb") as handle:
            data = handle.read()
    except OSError:
        return ""
    image_format = images.format_of(data)
    if image_format is None:
        return ""
    return f"data:{images.mime_type_for(image_format)};base64,{base64.b64encode(data).decode('ascii')}"


def signatory(response, body):
    """Who the letter is from: the signatory saved on it (so a past letter keeps the PCC who signed it,
    after an election too), or the body's current holder for a letter not yet signed."""
    return (response.signatory_name or body.holder_name, response.signatory_title or body.holder_title)


def letterhead_logo(inspection):
    """The OPCC's logo for the letterhead, if one is installed as a static file
    (static/letterheads/<force slug>.png, .jpg or .svg): its static path, or "" for a text letterhead."""
    for extension in ("svg", "png", "jpg"):
        path = f"letterheads/{inspection.force.slug}.{extension}"
        if finders.find(path):
            return path
    return ""


def opening_paragraph(response, body):
    inspection = response.inspection
    on = response.letter_date or timezone.localdate()
    published = day_month_year(inspection.published_on) or "[publication date not recorded]"
    title = signatory(response, body)[1]
    return (
        f"As the {title} I am providing the following response to {inspectorate_name(on)} and the "
        f"Secretary of State for the Home Office in respect of the HMICFRS report ‘{inspection.title}’ that was "
        f"published on {published}. This action is pursuant to my obligations under Section 55(1) of the "
        f"Police Act 1996."
    )


def publication_statement(response, body):
    deadline = response.deadline
    by = f", that is by {day_month_year(deadline)}" if deadline else ""
    return (
        f"This response will be published on the website of the {body.office_name} within the prescribed "
        f"{clock.SECTION_55_DAYS} days, counting the day on which the report was published as the first{by}."
    )


def letter_context(response, *, preview=False):
    inspection = response.inspection
    body = local_policing_body_of(inspection)
    sections = chief_constable_sections(inspection, include_context=response.include_report_context)
    letter_findings = list(all_letter_findings(sections))
    current_grades, previous_grades = grade_comparison(inspection)
    return {
        "response": response,
        "inspection": inspection,
        "force": inspection.force,
        "body": body,
        "signatory_name": signatory(response, body)[0],
        "signatory_title": signatory(response, body)[1],
        "logo": letterhead_logo(inspection),
        "is_draft": response.status != LetterStatus.FINAL,
        "preview": preview,
        "mailbox": settings.SECTION55_HOME_OFFICE_MAILBOX,
        "letter_date": day_month_year(response.letter_date),
        "opening": opening_paragraph(response, body),
        "pcc_introduction": text.parse(response.pcc_introduction),
        "pcc_comments": text.parse(response.pcc_comments),
        "current_grades": current_grades,
        "previous_grades": previous_grades,
        "previous_title": inspection.previous.title if inspection.previous_id else "",
        "chief_constable_introduction": text.parse(response.chief_constable_introduction),
        "sections": sections,
        "missing": [item.finding for item in letter_findings if item.is_missing_response],
        "governance_summary": text.parse(response.governance_summary),
        "pcc_response": text.parse(response.pcc_response),
        "publication_statement": publication_statement(response, body),
        "signature": signature_data_url(response),
        "document_title": f"Section 55 response: {inspection.title}",
    }


def render_letter_html(response, *, preview=False):
    return render_to_string(TEMPLATE, letter_context(response, preview=preview))


def letter_filename(response, version=None):
    suffix = f"-v{version}" if version else ""
    return f"section-55-response-{slugify(response.inspection.title)[:80]}{suffix}.pdf"
