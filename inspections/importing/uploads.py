"""What an uploaded file really is, judged by its content (never by its name), within the caps."""

import codecs
import io
import zipfile

from django.conf import settings
from django.template.defaultfilters import filesizeformat

from inspections.core.uploads import OLE_SIGNATURE, PDF_MAGIC, ZIP_MAGIC
from inspections.importing.extraction import ImportProblem


def _size_check(data, limit, what):
    if not data:
        raise ImportProblem("The file is empty. Choose the file again; it may not have saved properly.")
    if len(data) > limit:
        raise ImportProblem(
            f"The file is {filesizeformat(len(data))}; the importer takes {what} up to {filesizeformat(limit)}."
        )


def _zip_names(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {info.filename: info for info in archive.infolist()}
    except zipfile.BadZipFile as error:
        raise ImportProblem("The file looks like a zip archive but it is damaged.") from error


def _office_problem(names, wanted):
    if "word/document.xml" in names:
        return "This file is a Word document (.docx), whatever its name says. " + wanted
    if "xl/workbook.xml" in names:
        return "This file is an Excel workbook (.xlsx), whatever its name says. " + wanted
    if "ppt/presentation.xml" in names:
        return "This file is a PowerPoint presentation, whatever its name says. " + wanted
    return "This file is a zip archive, not a report or tracker. " + wanted


def _utf16_encoding(data):
    """'utf-16' for text saved as UTF-16 (Excel's "Unicode Text", Notepad's "Unicode"), else None."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:4096]
    if len(sample) < 4:
        return None
    # Without a byte-order mark: mostly-Latin text has a zero byte beside nearly every character.
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def decode_text(data, what="text"):
    """Text in UTF-8 (with or without a byte-order mark), UTF-16 or Windows-1252, as Excel and Word save it."""
    if encoding := _utf16_encoding(data):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            raise ImportProblem(f"This file looks like UTF-16 text but is damaged; save it again as {what}.") from error
        if "\x00" not in text:
            return text
    if b"\x00" in data[:65536]:
        raise ImportProblem(f"This file is not {what}: it holds binary data. Check you chose the right file.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportProblem(f"This file is not {what} the importer can read (neither UTF-8 nor Windows-1252).")


def report_kind(data):
    """'pdf' or 'text' for an uploaded report; ImportProblem says why anything else is refused."""
    _size_check(data, settings.TRACKER_IMPORT_MAX_REPORT_BYTES, "reports")
    wanted = "Upload the report as published by HMICFRS: its PDF, or its text saved as a .txt file."
    if PDF_MAGIC in data[:1024]:
        return "pdf"
    if data.startswith(ZIP_MAGIC):
        raise ImportProblem(_office_problem(_zip_names(data), wanted))
    if data.startswith(OLE_SIGNATURE):
        raise ImportProblem("This file is an older Microsoft Office document (.doc), not a PDF. " + wanted)
    if data.lstrip().startswith(b"{\\rtf"):
        raise ImportProblem("This file is a Rich Text (.rtf) document, not a PDF. " + wanted)
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        raise ImportProblem("This file is a web page (HTML). " + wanted)
    decode_text(data, "a PDF or text")
    return "text"


def spreadsheet_kind(data):
    """'xlsx' or 'csv' for an uploaded tracker; ImportProblem says why anything else is refused."""
    _size_check(data, settings.TRACKER_IMPORT_MAX_SPREADSHEET_BYTES, "trackers")
    wanted = "Upload the tracker as an Excel workbook (.xlsx) or as comma-separated values (.csv)."
    if data.startswith(ZIP_MAGIC):
        names = _zip_names(data)
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            raise ImportProblem(_office_problem(names, wanted))
        unzipped = sum(info.file_size for info in names.values())
        if unzipped > settings.TRACKER_IMPORT_MAX_SPREADSHEET_UNZIPPED_BYTES:
            raise ImportProblem(
                f"The workbook unpacks to {filesizeformat(unzipped)}; the importer takes up to "
                f"{filesizeformat(settings.TRACKER_IMPORT_MAX_SPREADSHEET_UNZIPPED_BYTES)}. Remove unused sheets."
            )
        return "xlsx"
    if data.startswith(OLE_SIGNATURE):
        raise ImportProblem("This file is an older Excel workbook (.xls). Save it as .xlsx and upload that.")
    if PDF_MAGIC in data[:1024]:
        raise ImportProblem("This file is a PDF. " + wanted)
    decode_text(data, "a spreadsheet")
    return "csv"
