"""The Warwickshire data (tests/conftest.py's `live_people`) with every state a page can be in: board
meetings past and to come, a finding awaiting each board's decision, rendered documents ready, queued
and failed, report imports being read, ready and failed, and tracker imports at each step.

Everything is made through the services the pages use, so each page shows what a user would see."""

import io
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from openpyxl import load_workbook

from inspections.core.status import Status
from inspections.documents import versions as document_services
from inspections.findings import extensions, progress, rag_rules
from inspections.importing import exports, report_imports, spreadsheets, tracker_imports
from inspections.models import (
    BoardMeeting,
    DocumentKind,
    Export,
    ExportStatus,
    Finding,
    GovernanceBoard,
    Inspection,
    RagCondition,
    RenderedDocument,
    ReportImport,
    TrackerImport,
)
from inspections.public import services as public_services
from tests.importing.support import report_text

TITLE_2019 = "Warwickshire Police: Integrated PEEL Assessment 2019"
TITLE_2021 = "PEEL 2021/22: An inspection of Warwickshire Police"


@dataclass
class Scene:
    people: object
    inspection_2019: Inspection
    inspection_2021: Inspection
    owned: Finding  # open, owned by the lead (Head of Digital Forensics), governed by the assurance board
    awaiting_chair: Finding  # pending sign-off, governed by the assurance board (the chair decides)
    awaiting_member: Finding  # pending sign-off, governed by the sub-board the member sits on
    finished: Finding  # superseded by the 2021/22 inspection
    assurance_board: GovernanceBoard
    sub_board: GovernanceBoard
    past_meeting: BoardMeeting
    next_meeting: BoardMeeting
    sub_board_meeting: BoardMeeting
    pack_ready: RenderedDocument
    letter_queued: RenderedDocument
    letter_failed: RenderedDocument
    report_reading: ReportImport
    report_ready: ReportImport
    report_failed: ReportImport
    tracker_unmapped: TrackerImport
    tracker_mapped: TrackerImport
    tracker_with_errors: TrackerImport
    tracker_imported: TrackerImport
    cause_of_concern: Finding = None  # the 2019 CoC 1: HMICFRS's decision on it is recorded by OPCC staff
    word_pack_ready: RenderedDocument = None  # the past meeting's pack as a Word copy
    # The board's rules (inspections/findings/rag_rules.py, extensions.py, demonstration.py).
    extension_waiting: object = None  # an extension request on `awaiting_chair`, for the chair to decide
    demonstrating: Finding = None  # signed off by the assurance board, in the force's demonstration period
    export_running: Export = None  # OPCC staff's long export of the findings list, part written
    export_ready: Export = None  # ... one written, to download
    export_failed: Export = None  # ... one that could not be started (the broker was down)


def _workbook(inspection, changes):
    """The inspection's own export with cells changed: {(reference, heading): value}."""
    workbook = load_workbook(io.BytesIO(spreadsheets.xlsx_bytes(inspection.findings.all())))
    sheet = workbook.active
    headings = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        for (reference, heading), value in changes.items():
            if row[0].value == reference:
                row[headings.index(heading)].value = value
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def _tracker(force, user, data, *, mapped=True):
    tracker_import = tracker_imports.start_tracker_import(force=force, by=user, name="warwickshire-tracker.xlsx",
                                                          data=data)
    if mapped:
        mapping = tracker_imports.suggested_mapping(tracker_import)
        tracker_import = tracker_imports.save_mapping(tracker_import, mapping=mapping, inspection=None, by=user)
    return tracker_import


def build_scene(people):
    force, opcc = people.force, people.opcc
    inspections = Inspection.objects.filter(force=force)
    inspection_2019, inspection_2021 = inspections.get(title=TITLE_2019), inspections.get(title=TITLE_2021)
    findings = Finding.objects.filter(inspection=inspection_2019)
    assurance_board = GovernanceBoard.objects.get(force=force, name="Warwickshire Assurance Board")
    sub_board = GovernanceBoard.objects.get(force=force, name="Investigations, Standards and Outcomes meeting")
    # A finding of the sub-board, proposed by its owner (the post is vacant in the fixtures: the lead takes it).
    awaiting_member = findings.get(reference="Rec 1.6")
    awaiting_member.owner.holder = people.lead
    awaiting_member.owner.save()
    progress.propose_complete(awaiting_member, by=people.lead, reason="Audit of 60 files shows the new checks in use.")

    today = timezone.localdate()
    past_meeting = BoardMeeting.objects.create(board=assurance_board, held_on=today - timedelta(days=14))
    next_meeting = BoardMeeting.objects.create(board=assurance_board, held_on=today + timedelta(days=14))
    sub_board_meeting = BoardMeeting.objects.create(board=sub_board, held_on=today - timedelta(days=7))

    public_services.publish(inspection=inspection_2019, by=opcc)  # the public pages show it
    pack_ready = document_services.request_render(kind=DocumentKind.BOARD_PACK, by=opcc, subject=past_meeting)
    document_services.render(pack_ready.pk)
    word_pack_ready = document_services.request_render(kind=DocumentKind.BOARD_PACK, by=opcc, subject=past_meeting,
                                                       format="docx")
    document_services.render(word_pack_ready.pk)
    letter_queued = document_services.request_render(kind=DocumentKind.SECTION55_LETTER, by=opcc,
                                                     inspection=inspection_2021)
    letter_failed = document_services.request_render(kind=DocumentKind.SECTION55_LETTER, by=opcc,
                                                     inspection=inspection_2021)
    document_services.mark_not_queued(letter_failed.pk, "the task queue could not be reached")

    text = report_text().encode()
    report_reading = report_imports.start_report_import(force=force, by=opcc, name="peel-2021-22.txt", data=text)
    report_ready = report_imports.start_report_import(force=force, by=opcc, name="peel-2021-22-web.txt", data=text)
    report_imports.read_report_import(report_ready.pk)
    report_failed = report_imports.start_report_import(force=force, by=opcc, name="minutes.txt",
                                                       data=b"Minutes of the meeting of 3 May.\n" * 20)
    report_imports.read_report_import(report_failed.pk)

    unchanged = spreadsheets.xlsx_bytes(inspection_2021.findings.all())
    changed = _workbook(inspection_2021, {("AFI 1", "RAG"): "Green"})
    broken = _workbook(inspection_2021, {("AFI 2", "Status"): "Sort of done", ("AFI 3", "Governing board"): "Nowhere"})
    tracker_imported = _tracker(force, opcc, _workbook(inspection_2021, {("AFI 4", "RAG"): "Amber"}))
    tracker_imports.import_tracker(tracker_imported, by=opcc)

    extension_waiting, demonstrating = _board_rules(people, force, inspection_2021, findings)
    export_running, export_ready, export_failed = _exports(opcc, inspection_2021)

    return Scene(
        people=people,
        inspection_2019=inspection_2019,
        inspection_2021=inspection_2021,
        owned=findings.get(reference="Rec 1.3"),
        awaiting_chair=findings.get(reference="Rec 2.1"),
        awaiting_member=Finding.objects.get(pk=awaiting_member.pk),
        finished=findings.filter(status=Status.SUPERSEDED).first(),
        assurance_board=assurance_board,
        sub_board=sub_board,
        past_meeting=past_meeting,
        next_meeting=next_meeting,
        sub_board_meeting=sub_board_meeting,
        pack_ready=RenderedDocument.objects.get(pk=pack_ready.pk),
        word_pack_ready=RenderedDocument.objects.get(pk=word_pack_ready.pk),
        cause_of_concern=findings.get(reference="CoC 1"),
        letter_queued=letter_queued,
        letter_failed=RenderedDocument.objects.get(pk=letter_failed.pk),
        report_reading=report_reading,
        report_ready=ReportImport.objects.get(pk=report_ready.pk),
        report_failed=ReportImport.objects.get(pk=report_failed.pk),
        tracker_unmapped=_tracker(force, opcc, unchanged, mapped=False),
        tracker_mapped=_tracker(force, opcc, changed),
        tracker_with_errors=_tracker(force, opcc, broken),
        tracker_imported=TrackerImport.objects.get(pk=tracker_imported.pk),
        extension_waiting=extension_waiting,
        demonstrating=demonstrating,
        export_running=export_running,
        export_ready=export_ready,
        export_failed=export_failed,
    )


def _exports(opcc, inspection_2021):
    """Long exports written in the background (importing/exports.py): one part written, one ready, one failed."""
    running, _ = exports.request_export(by=opcc, file_format="xlsx", title="Findings", name="findings", rows_total=52)
    Export.objects.filter(pk=running.pk).update(status=ExportStatus.RUNNING, rows_done=20, started_at=timezone.now())
    ready, _ = exports.request_export(by=opcc, file_format="csv", title="Findings", name="findings",
                                      query="kind=area_for_improvement")
    exports.run_export(ready.pk)
    failed, _ = exports.request_export(by=opcc, file_format="xlsx", title=inspection_2021.title,
                                       name=inspection_2021.title, inspection=inspection_2021)
    exports.mark_not_queued(failed.pk, ConnectionError("the task queue could not be reached"))
    return (Export.objects.get(pk=export.pk) for export in (running, ready, failed))


def _board_rules(people, force, inspection_2021, findings):
    """Warwickshire's RAG rules and a three-month demonstration period, an extension request waiting for
    the chair, and a finding signed off into its demonstration period."""
    rag_rules.declare_rules(force=force, rules={
        RagCondition.PAST_TARGET: {"rag": "red", "wording": "Outstanding and past its target date"},
        RagCondition.DUE_SOON: {"rag": "amber", "within_days": 30},
        RagCondition.ON_TRACK: {"rag": "green"},
    }, demonstration_months=3, board_months={})
    waiting = extensions.request_extension(
        findings.get(reference="Rec 2.1"), by=people.opcc, due_date=timezone.localdate() + timedelta(days=90),
        reason="The audit that evidences it reports next quarter.",
    )
    candidate = inspection_2021.findings.filter(
        status=Status.IN_PROGRESS, owner__isnull=False, board__name="Warwickshire Assurance Board"
    ).order_by("order").first()
    progress.propose_complete(candidate, by=people.opcc, reason="Delivered; evidence in the board paper.")
    signed_off = progress.decide(Finding.objects.get(pk=candidate.pk), by=people.chair, sign_off=True,
                                 reason="Evidence reviewed; it must hold for three months.")
    return waiting, signed_off
