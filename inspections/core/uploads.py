"""Uploaded files are checked by what they contain, never by their name or the browser's word."""

import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str
    extension: str


PDF = FileType("PDF", "application/pdf", "pdf")
PNG = FileType("PNG image", "image/png", "png")
JPEG = FileType("JPEG image", "image/jpeg", "jpg")
GIF = FileType("GIF image", "image/gif", "gif")
DOCX = FileType("Word document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")
XLSX = FileType("Excel workbook", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")
PPTX = FileType("PowerPoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx")
OLE = FileType("Word or Excel (97-2003)", "application/octet-stream", "bin")

# How each kind of file begins: the one place other checks (images, imports) read them from.
PDF_MAGIC = b"%PDF-"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
GIF_MAGICS = (b"GIF87a", b"GIF89a")
ZIP_MAGIC = b"PK\x03\x04"

EVIDENCE_TYPES = (PDF, PNG, JPEG, GIF, DOCX, XLSX, OLE)
IMAGE_TYPES = (PNG, JPEG)

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OOXML_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}


def sniff(upload):
    """The type of an uploaded file from its first bytes (and, for Office files, its parts), or None."""
    upload.seek(0)
    head = upload.read(16)  # pragma: no mutate (reading more of the file finds the same beginning)
    upload.seek(0)
    if head.startswith(PDF_MAGIC):
        return PDF
    if head.startswith(PNG_MAGIC):
        return PNG
    if head.startswith(JPEG_MAGIC):
        return JPEG
    if head.startswith(GIF_MAGICS):
        return GIF
    if head.startswith(OLE_SIGNATURE):
        return OLE
    if head.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
        if "[Content_Types].xml" in names:
            for part, kind in OOXML_PARTS.items():
                if part in names:
                    return kind
    return None


def check_upload(upload, *, allowed=EVIDENCE_TYPES, max_bytes=None, what="file"):
    """The FileType of a valid upload; a ValidationError naming the file and the problem otherwise."""
    max_bytes = max_bytes or settings.TRACKER_MAX_UPLOAD_BYTES
    name = upload.name or what
    if upload.size == 0:
        raise ValidationError(f"“{name}” is empty.")
    if upload.size > max_bytes:
        raise ValidationError(f"“{name}” is {filesizeformat(upload.size)}; the limit is {filesizeformat(max_bytes)}.")
    kind = sniff(upload)
    if kind not in allowed:
        labels = ", ".join(dict.fromkeys(t.label for t in allowed))
        raise ValidationError(f"“{name}” is not a file type the tracker accepts ({labels}), whatever its name says.")
    return kind
