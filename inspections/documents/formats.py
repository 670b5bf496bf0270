"""Which format a render is asked for: a PDF to send (the default), or an editable Word copy."""

from pathlib import PurePath

from django.core.exceptions import BadRequest

from inspections.models import DocumentFormat


def format_from_request(request):
    """The `format` a render form posted: "pdf" (or nothing) or "docx"; anything else is a bad request."""
    value = request.POST.get("format") or DocumentFormat.PDF
    if value not in DocumentFormat.values:
        raise BadRequest(f"Documents are rendered as PDF or Word, not “{value[:20]}”.")
    return DocumentFormat(value)


def format_from_path(path):
    """The format a file name asks for by its extension (the render_section55 command's --out); a name
    without one (/dev/stdout) is a PDF, as before Word copies."""
    suffix = PurePath(path).suffix.lower().lstrip(".") or DocumentFormat.PDF
    if suffix not in DocumentFormat.values:
        raise ValueError(f"Write the document to a .pdf or a .docx file, not “{PurePath(path).name}”.")
    return DocumentFormat(suffix)


def filename_for(filename, document_format):
    """The builder's file name with the format's extension."""
    return str(PurePath(filename).with_suffix(f".{DocumentFormat(document_format).value}"))
