"""Every page type of the tracker, in every state worth checking, and the roles that can open it: the
one list the accessibility scan (test_axe_scan.py), the reflow and text-size checks and the role check
walk through. A new page is one more entry here.

`path` gives the address from the scene (scene.py); `act`, when there is one, does what a user does
after the page opens (submit a form with a mistake, say) and checks it got there, so the page scanned
is the one that results.
"""

from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import expect

ANONYMOUS = "anonymous"
ROLES = ("opcc", "lead", "chair", "member", "viewer")
EVERYONE = ROLES
OPCC = ("opcc",)


@dataclass(frozen=True)
class PageType:
    name: str
    path: Callable
    roles: tuple[str, ...]
    act: Callable | None = None
    refreshes: bool = False  # the page reloads itself (<meta http-equiv="refresh">) while work goes on
    status: int = 200  # what the page answers (a refusal page answers 403)


# --- What users do on a page before it is scanned -------------------------------------------------


def _click(page, name):
    page.get_by_role("button", name=name, exact=True).click()


def _shows_errors(page):
    expect(page.locator(".error-summary").first).to_be_visible()
    expect(page).to_have_title(_error_title())


def _error_title():
    import re

    return re.compile(r"^Error: ")


def wrong_password(page, scene):
    page.get_by_label("Username").fill("opcc")
    page.get_by_label("Password").fill("not the password")
    _click(page, "Sign in")
    _shows_errors(page)


def sign_in_with_second_factor(page, scene):
    """A user with an authenticator app gives the right password: the next page asks for the code."""
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user, created = get_user_model().objects.get_or_create(username="second-factor")
    if created:
        user.set_password("correct horse battery")
        user.save()
        TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    page.get_by_label("Username").fill("second-factor")
    page.get_by_label("Password").fill("correct horse battery")
    _click(page, "Sign in")
    expect(page.get_by_role("heading", name="Enter the code from your authenticator app")).to_be_visible()


def wrong_code(page, scene):
    sign_in_with_second_factor(page, scene)
    page.get_by_label("Code").fill("000000")
    _click(page, "Sign in")
    _shows_errors(page)


def submit_empty(button):
    """Submit the form as it opens (its required fields empty, or nothing changed)."""

    def act(page, scene):
        _click(page, button)
        _shows_errors(page)

    return act


def submit_cleared(button, *labels):
    """Clear the named fields, then submit."""

    def act(page, scene):
        for label in labels:
            date_boxes = page.get_by_role("group", name=label, exact=True).get_by_role("textbox")
            for box in date_boxes.all() or [page.get_by_label(label, exact=True)]:  # a date's Day, Month, Year
                box.fill("")
        _click(page, button)
        _shows_errors(page)

    return act


def stale_save(label, button):
    """Someone else adds an update between this user opening the form and saving it: 409."""

    def act(page, scene):
        from inspections.findings import progress
        from inspections.models import Finding

        page.get_by_label(label).fill("Kiosks are live in two more stations.")
        finding = Finding.objects.get(pk=scene.owned.pk)
        progress.record_progress(finding, by=scene.people.opcc, narrative="Procurement of the kiosks has started.")
        _click(page, button)
        heading = "Someone else changed this finding while you were working"
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
        expect(page).to_have_title(_error_title())

    return act


def decision_without_reason(page, scene):
    page.locator("select[name$='-decision']").first.select_option("sign_off")
    _click(page, "Record decisions")
    _shows_errors(page)


def meeting_without_date(page, scene):
    _click(page, "Add a meeting")
    _shows_errors(page)


def signature_not_an_image(page, scene):
    page.get_by_label("Signature image").set_input_files(
        {"name": "signature.png", "mimeType": "image/png", "buffer": b"This is not an image."}
    )
    _click(page, "Save the draft")
    _shows_errors(page)


def review_without_title(page, scene):
    page.get_by_label("Inspection title").fill("")
    _click(page, "Save changes")
    _shows_errors(page)


def columns_without_reference(page, scene):
    page.get_by_label("Reference", exact=True).select_option("")
    _click(page, "Preview the import")
    _shows_errors(page)


def refusal_without_reason(page, scene):
    page.get_by_label("Refuse: keep the target date").check()
    _click(page, "Record the decision")
    _shows_errors(page)


def due_soon_without_days(page, scene):
    page.get_by_label("When: target date within the next few days and not complete").select_option("amber")
    page.get_by_label("How many days before the target date").fill("")
    _click(page, "Save the rules")
    _shows_errors(page)


def upload_nothing(button):
    return submit_empty(button)


# --- The pages ------------------------------------------------------------------------------------


def finding(attribute, suffix=""):
    return lambda scene: f"/findings/{getattr(scene, attribute).pk}/{suffix}"


def board(attribute, suffix=""):
    return lambda scene: f"/boards/{getattr(scene, attribute).pk}/{suffix}"


def meeting(attribute, suffix):
    def path(scene):
        held = getattr(scene, attribute)
        return f"/boards/{held.board_id}/meetings/{held.pk}/{suffix}"

    return path


def inspection(attribute, suffix=""):
    return lambda scene: f"/inspections/{getattr(scene, attribute).pk}/{suffix}"


def document(attribute):
    return lambda scene: f"/documents/{getattr(scene, attribute).pk}/"


def export(attribute):
    return lambda scene: f"/exports/{getattr(scene, attribute).pk}/"


def report(attribute, suffix=""):
    return lambda scene: f"/imports/reports/{getattr(scene, attribute).pk}/{suffix}"


def tracker(attribute, suffix=""):
    return lambda scene: f"/imports/trackers/{getattr(scene, attribute).pk}/{suffix}"


def fixed(path):
    return lambda scene: path


PUBLIC_2019 = "warwickshire-police-integrated-peel-assessment-2019"  # the published 2019 inspection's slug
OWNERS = ("opcc", "lead")  # who updates the lead's own finding
DECIDERS = ("chair", "member")

PAGES = [
    # Signing in, and what anyone can read.
    PageType("Sign in", fixed("/accounts/login/"), (ANONYMOUS, *EVERYONE)),
    PageType("Sign in: wrong password", fixed("/accounts/login/"), (ANONYMOUS,), act=wrong_password),
    PageType("Sign in: the code from an authenticator app", fixed("/accounts/login/"), (ANONYMOUS,),
             act=sign_in_with_second_factor),
    PageType("Sign in: the code, wrong", fixed("/accounts/login/"), (ANONYMOUS,),
             act=wrong_code),
    PageType("Single sign-on refused", fixed("/accounts/sso/refused/"), (ANONYMOUS, *EVERYONE), status=403),
    PageType("Home, signed out", fixed("/"), (ANONYMOUS,)),
    PageType("Accessibility statement", fixed("/accessibility/"), (ANONYMOUS, *EVERYONE)),
    PageType("Home", fixed("/"), EVERYONE),
    PageType("Your profile and reminders", fixed("/profile/"), EVERYONE),
    # The user's own sign-in settings.
    PageType("Your sign-in and security", fixed("/accounts/security/"), EVERYONE),
    PageType("Set up an authenticator app", fixed("/accounts/security/authenticator/"), EVERYONE),
    PageType("Your sessions", fixed("/accounts/sessions/"), EVERYONE),
    PageType("Change your password", fixed("/accounts/password_change/"), EVERYONE),
    PageType("Change your password: errors", fixed("/accounts/password_change/"), EVERYONE,
             act=submit_empty("Change password")),
    PageType("Locked-out accounts", fixed("/accounts/locked/"), OPCC),
    # Inspections and findings.
    PageType("Inspections", fixed("/inspections/"), EVERYONE),
    PageType("Inspection (2019, pillars)", inspection("inspection_2019"), EVERYONE),
    PageType("Inspection (2021/22, areas)", inspection("inspection_2021"), EVERYONE),
    PageType("Findings", fixed("/findings/"), EVERYONE),
    PageType("Findings, filtered", fixed("/findings/?kind=recommendation&q=digital+evidence&status=in_progress"),
             EVERYONE),
    PageType("Findings, none match", fixed("/findings/?q=zebra+crossing"), EVERYONE),
    PageType("Findings, a filter with an error", fixed("/findings/?due_after=31+February"), EVERYONE),
    PageType("Finding (open)", finding("owned"), EVERYONE),
    PageType("Finding (awaiting sign-off)", finding("awaiting_chair"), EVERYONE),
    PageType("Finding (superseded)", finding("finished"), EVERYONE),
    # A finding's action forms, as they open and with errors.
    PageType("Progress update", finding("owned", "update/"), OWNERS),
    PageType("Progress update: errors", finding("owned", "update/"), OWNERS, act=submit_empty("Save update")),
    PageType("Progress update: someone else saved first (409)", finding("owned", "update/"), OWNERS,
             act=stale_save("What has happened since the last update", "Save update")),
    PageType("Propose as complete", finding("owned", "propose/"), ("lead",)),
    PageType("Propose as complete: errors", finding("owned", "propose/"), ("lead",),
             act=submit_empty("Propose for sign-off")),
    PageType("Board's decision", finding("awaiting_chair", "decide/"), ("chair",)),
    PageType("Board's decision: errors", finding("awaiting_chair", "decide/"), ("chair",),
             act=submit_empty("Record decision")),
    PageType("Board's decision (sub-board)", finding("awaiting_member", "decide/"), DECIDERS),
    PageType("Board's decision (sub-board): errors", finding("awaiting_member", "decide/"), DECIDERS,
             act=submit_empty("Record decision")),
    PageType("Reassign", finding("owned", "reassign/"), OPCC),
    PageType("Reassign: errors", finding("owned", "reassign/"), OPCC, act=submit_empty("Reassign")),
    PageType("Revise the target date", finding("owned", "due-date/"), OPCC),
    PageType("Revise the target date: errors", finding("owned", "due-date/"), OPCC,
             act=submit_cleared("Revise date", "New target date")),
    PageType("Edit the response", finding("owned", "response/"), OWNERS),
    PageType("Edit the response: someone else saved first (409)", finding("owned", "response/"), OWNERS,
             act=stale_save("The force's response", "Save response")),
    PageType("Close otherwise", finding("owned", "close/"), OPCC),
    PageType("Close otherwise: errors", finding("owned", "close/"), OPCC, act=submit_empty("Close finding")),
    PageType("Record HMICFRS's decision", finding("cause_of_concern", "hmicfrs/"), OPCC),
    PageType("Record HMICFRS's decision: errors", finding("cause_of_concern", "hmicfrs/"), OPCC,
             act=submit_empty("Record the decision")),
    PageType("Finding (cause of concern)", finding("cause_of_concern"), EVERYONE),
    # Dashboards and charts, boards, meetings, packs and decisions.
    PageType("Force dashboard", fixed("/dashboard/"), EVERYONE),
    PageType("Board dashboard", board("assurance_board"), EVERYONE),
    PageType("Board dashboard (sub-board)", board("sub_board"), EVERYONE),
    PageType("Add a meeting: errors", board("assurance_board"), OPCC, act=meeting_without_date),
    PageType("Board pack (past meeting)", meeting("past_meeting", "pack/"), EVERYONE),
    PageType("Board pack (next meeting)", meeting("next_meeting", "pack/"), EVERYONE),
    PageType("Board's decisions", meeting("past_meeting", "decisions/"), ("chair",)),
    PageType("Board's decisions: errors", meeting("past_meeting", "decisions/"), ("chair",),
             act=decision_without_reason),
    PageType("Board's decisions (sub-board)", meeting("sub_board_meeting", "decisions/"), DECIDERS),
    # Rendered documents.
    PageType("Document: ready", document("pack_ready"), EVERYONE),
    PageType("Document: Word copy ready", document("word_pack_ready"), EVERYONE),
    PageType("Document: queued", document("letter_queued"), EVERYONE, refreshes=True),
    PageType("Document: failed", document("letter_failed"), EVERYONE),
    # Long exports, written in the background for whoever asked (OPCC staff here).
    PageType("Your exports", fixed("/exports/"), EVERYONE),
    PageType("Export: being written", export("export_running"), OPCC, refreshes=True),
    PageType("Export: ready", export("export_ready"), OPCC),
    PageType("Export: failed", export("export_failed"), OPCC),
    # Section 55.
    PageType("Section 55 response (draft)", inspection("inspection_2021", "section55/"), EVERYONE),
    PageType("Section 55 response (draft): errors", inspection("inspection_2021", "section55/"), OPCC,
             act=signature_not_an_image),
    PageType("Section 55 response (draft): responses with errors", inspection("inspection_2021", "section55/"), OPCC,
             act=submit_empty("Save the responses")),
    PageType("Section 55 response (published)", inspection("inspection_2019", "section55/"), EVERYONE),
    PageType("Section 55 letter preview", inspection("inspection_2021", "section55/preview/"), EVERYONE),
    # Imports.
    PageType("Imports", fixed("/imports/"), OPCC),
    PageType("Imports: refused (403)", fixed("/imports/?refused"), ("lead", "chair", "member", "viewer"), status=403),
    PageType("Page not found (404)", fixed("/findings/999999/"), EVERYONE, status=404),
    PageType("Import a report", fixed("/imports/reports/new/"), OPCC),
    PageType("Import a report: errors", fixed("/imports/reports/new/"), OPCC,
             act=upload_nothing("Upload and read the report")),
    PageType("Report import: reading", report("report_reading"), OPCC, refreshes=True),
    PageType("Report import: failed", report("report_failed"), OPCC),
    PageType("Report import: ready", report("report_ready"), OPCC),
    PageType("Report import: review", report("report_ready", "review/"), OPCC),
    PageType("Report import: review with errors", report("report_ready", "review/"), OPCC,
             act=review_without_title),
    PageType("Import a tracker", fixed("/imports/trackers/new/"), OPCC),
    PageType("Import a tracker: errors", fixed("/imports/trackers/new/"), OPCC,
             act=upload_nothing("Upload the tracker")),
    PageType("Tracker import: columns", tracker("tracker_unmapped", "columns/"), OPCC),
    PageType("Tracker import: columns with errors", tracker("tracker_unmapped", "columns/"), OPCC,
             act=columns_without_reference),
    PageType("Tracker import: preview", tracker("tracker_mapped"), OPCC),
    PageType("Tracker import: preview with row errors", tracker("tracker_with_errors"), OPCC),
    PageType("Tracker import: imported", tracker("tracker_imported"), OPCC),
    # HMICFRS's monitoring of the force.
    PageType("HMICFRS monitoring", fixed("/forces/warwickshire/monitoring/"), EVERYONE),
    PageType("HMICFRS monitoring: a move with errors", fixed("/forces/warwickshire/monitoring/"), OPCC,
             act=submit_empty("Record the move")),
    PageType("HMICFRS monitoring: a meeting with errors", fixed("/forces/warwickshire/monitoring/"), OPCC,
             act=submit_empty("Record the meeting")),
    # The board's rules: RAG rules, extension requests, demonstration periods.
    PageType("Finding (complete – demonstrating)", finding("demonstrating"), EVERYONE),
    PageType("Finding (extension requested)", finding("awaiting_chair"), EVERYONE),
    PageType("Ask for more time", finding("owned", "extension/"), OWNERS),
    PageType("Ask for more time: errors", finding("owned", "extension/"), OWNERS,
             act=submit_empty("Send the request to the board")),
    PageType("Decide an extension request", lambda scene: f"/extension-requests/{scene.extension_waiting.pk}/decide/",
             ("chair",)),
    PageType("Decide an extension request: errors",
             lambda scene: f"/extension-requests/{scene.extension_waiting.pk}/decide/", ("chair",),
             act=refusal_without_reason),
    PageType("RAG rules and demonstration periods", lambda scene: f"/forces/{scene.people.force.pk}/rules/", OPCC),
    PageType("RAG rules and demonstration periods: errors", lambda scene: f"/forces/{scene.people.force.pk}/rules/",
             OPCC, act=due_soon_without_days),
    # Reminders.
    PageType("Reminders for the force", fixed("/reminders/warwickshire/"), OPCC),
    # The public progress pages (no sign-in; the same for everyone): the 2019 inspection is published (scene.py).
    PageType("Public: forces", fixed("/public/"), (ANONYMOUS, *EVERYONE)),
    PageType("Public: a force's inspections", fixed("/public/warwickshire/"), (ANONYMOUS, *EVERYONE)),
    PageType("Public: an inspection's progress", fixed(f"/public/warwickshire/{PUBLIC_2019}/"), (ANONYMOUS, *EVERYONE)),
    PageType("Reminders for the force: errors", fixed("/reminders/warwickshire/?day=31+February"), OPCC),
]


def pages_for(role):
    return [page_type for page_type in PAGES if role in page_type.roles]
