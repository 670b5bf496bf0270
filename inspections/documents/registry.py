"""Which builder turns a RenderedDocument of each kind into HTML. A new kind of document adds its
builder here and its value to models.documents.DocumentKind."""

from dataclasses import dataclass

from inspections.boards import document as boardpack
from inspections.core.labels import day_month_year
from inspections.documents.errors import DocumentProblem
from inspections.findings import closure_request as closure
from inspections.models import DocumentKind
from inspections.section55 import letter as section55


@dataclass(frozen=True)
class BuiltDocument:
    html: str
    filename: str
    title: str
    label: str  # the state of the source when rendered, e.g. "Draft" or "Final"


def build_section55_letter(document):
    if document.inspection is None:
        raise DocumentProblem("A Section 55 letter needs its inspection.")
    response = section55.response_for(document.inspection)
    return BuiltDocument(
        html=section55.render_letter_html(response),
        filename=section55.letter_filename(response, document.version),
        title=f"Section 55 response: {document.inspection.title}",
        label=response.get_status_display(),
    )


def build_board_pack(document):
    meeting = document.subject
    if meeting is None:
        raise DocumentProblem("A board pack needs its meeting.")
    return BuiltDocument(
        html=boardpack.render_pack_html(meeting),
        filename=boardpack.pack_filename(meeting, document.version),
        title=f"{meeting.board.name}: board pack for {day_month_year(meeting.held_on)}",
        label=f"Meeting of {day_month_year(meeting.held_on)}",
    )


def build_closure_request(document):
    finding = document.subject
    if finding is None:
        raise DocumentProblem("A closure request needs its finding.")
    request = closure.build_closure_request(finding)
    return BuiltDocument(
        html=closure.render_closure_request_html(finding, request=request),
        filename=closure.closure_request_filename(finding, document.version),
        title=request.title,
        label=f"Signed off {day_month_year(finding.closed_on)}",
    )


BUILDERS = {
    DocumentKind.SECTION55_LETTER: build_section55_letter,
    DocumentKind.BOARD_PACK: build_board_pack,
    DocumentKind.CLOSURE_REQUEST: build_closure_request,
}


def build(document):
    builder = BUILDERS.get(document.kind)
    if builder is None:
        raise DocumentProblem(f"There is no builder for documents of kind “{document.kind}”.")
    return builder(document)
