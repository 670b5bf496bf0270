"""Uploads are judged by their content, within caps: a clear message for each odd file, nothing saved."""

import io
import zipfile

import pytest
from pypdf import PdfWriter
from weasyprint import HTML

from inspections.importing import uploads
from inspections.importing.extraction import ImportProblem
from inspections.importing.pdf import read_pdf
from inspections.importing.pipeline import extract
from inspections.models import Force
from tests.importing.support import pdf_from_text


def office_file(part):
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<document/>")
    return stream.getvalue()


def blank_pdf(pages):
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    stream = io.BytesIO()
    writer.write(stream)
    return stream.getvalue()


def scanned_pdf():
    """Pictures of pages and no text layer, as a scanner makes."""

    picture = '<svg width="500" height="700"><rect width="500" height="700" fill="#eee"/><rect x="40" y="40" ' \
              'width="400" height="12" fill="#333"/></svg>'
    return HTML(string=f"<html><body>{picture}{picture}</body></html>").write_pdf()


FORCE = Force(name="Warwickshire Police", slug="warwickshire")


def test_an_empty_file_is_refused():
    with pytest.raises(ImportProblem, match="The file is empty"):
        uploads.report_kind(b"")


def test_a_word_document_renamed_pdf_is_refused_by_its_content():
    with pytest.raises(ImportProblem, match=r"Word document \(\.docx\), whatever its name says"):
        uploads.report_kind(office_file("word/document.xml"))
    with pytest.raises(ImportProblem, match=r"older Microsoft Office document"):
        uploads.report_kind(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)


def test_a_scanned_pdf_without_a_text_layer_is_refused():
    with pytest.raises(ImportProblem, match="looks like a scan"):
        read_pdf(scanned_pdf())


def test_a_300_page_pdf_is_refused_before_any_page_is_read(settings):
    settings.TRACKER_IMPORT_MAX_PDF_PAGES = 200
    with pytest.raises(ImportProblem, match="The PDF has 300 pages; the importer reads reports of up to 200 pages"):
        read_pdf(blank_pdf(300))


def test_a_file_over_the_size_cap_is_refused(settings):
    settings.TRACKER_IMPORT_MAX_REPORT_BYTES = 1000
    with pytest.raises(ImportProblem, match="importer takes reports up to 1000"):
        uploads.report_kind(b"%PDF-1.7" + b" " * 2000)


def test_a_damaged_or_protected_pdf_gets_a_clear_message():
    with pytest.raises(ImportProblem, match="could not be read; it may be damaged"):
        read_pdf(b"%PDF-1.7\n this is not really a PDF")
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="secret", owner_password="owner")
    stream = io.BytesIO()
    writer.write(stream)
    with pytest.raises(ImportProblem, match="protected by a password"):
        read_pdf(stream.getvalue())


def test_web_pages_rich_text_and_binary_files_are_refused():
    with pytest.raises(ImportProblem, match="web page"):
        uploads.report_kind(b"<!DOCTYPE html><html><body>PEEL</body></html>")
    with pytest.raises(ImportProblem, match="Rich Text"):
        uploads.report_kind(b"{\\rtf1\\ansi PEEL}")
    with pytest.raises(ImportProblem, match="binary data"):
        uploads.report_kind(b"\x89PNG\r\n\x1a\n\x00\x00\x00")


def test_text_in_windows_1252_is_read():
    assert uploads.report_kind("PEEL 2021/22 – an inspection".encode("cp1252")) == "text"
    assert uploads.decode_text("caf\u00e9".encode("cp1252")) == "café"
    assert uploads.decode_text("\ufeffPEEL".encode()) == "PEEL"


def test_a_pdf_that_is_not_a_peel_report_is_refused_with_what_the_importer_reads():
    pdf = pdf_from_text("Minutes of the meeting\n\nItem 1: apologies were received from two members.")
    with pytest.raises(ImportProblem, match="PEEL 2021/22"):
        extract(pdf, force=FORCE)


def test_running_headers_and_page_numbers_are_dropped_from_pdf_text():
    body = "\n\n".join(f"Paragraph {n} of the report says something about policing." for n in range(120))
    text, pages = read_pdf(pdf_from_text(body, header="PEEL 2023–2025 Anyshire Constabulary"))
    assert pages >= 3
    assert "Anyshire Constabulary" not in text
    paragraphs = [p for p in text.replace("\f", "").split("\n\n") if p.strip()]
    assert paragraphs[0] == "Paragraph 0 of the report says something about policing."
    assert len(paragraphs) == 120 and not any(p.strip().isdigit() for p in paragraphs)


def test_spreadsheets_are_checked_by_content(settings):
    assert uploads.spreadsheet_kind(office_file("xl/workbook.xml")) == "xlsx"
    assert uploads.spreadsheet_kind("Reference,Status\r\nAFI 1,Closed\r\n".encode("cp1252")) == "csv"
    with pytest.raises(ImportProblem, match="Word document"):
        uploads.spreadsheet_kind(office_file("word/document.xml"))
    with pytest.raises(ImportProblem, match=r"older Excel workbook \(\.xls\)"):
        uploads.spreadsheet_kind(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(ImportProblem, match="is a PDF"):
        uploads.spreadsheet_kind(b"%PDF-1.7 ...")
    settings.TRACKER_IMPORT_MAX_SPREADSHEET_UNZIPPED_BYTES = 10
    with pytest.raises(ImportProblem, match="unpacks to"):
        uploads.spreadsheet_kind(office_file("xl/workbook.xml"))
