"""A governance board's pack for a meeting, as a document: the same content as the pack page
(inspections/boardpacks.py), laid out for A4 with a contents list and page numbers."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from inspections.boards.pack import build_pack

TEMPLATE = "boards/pack_document.html"


def render_pack_html(meeting, *, preview=False):
    pack = build_pack(meeting)
    return render_to_string(
        TEMPLATE, {"pack": pack, "document_title": pack.title, "preview": preview, "produced": timezone.localdate()}
    )


def pack_filename(meeting, version):
    return f"board-pack-{slugify(meeting.board.name)}-{meeting.held_on:%Y-%m-%d}-v{version}.pdf"
