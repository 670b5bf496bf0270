"""The Excel file the exports stream (importing/xlsx.py), opened as a spreadsheet program opens it:
headings in bold above a frozen row, a filter over exactly the rows written, each column its width,
text wrapped at the top of its cell, dates as dates in dd/mm/yyyy, numbers as numbers, empty cells
empty, and any text (ampersands, angle brackets, quotes, characters XML cannot hold) kept or dropped
without breaking the file."""

import io
import re
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from inspections.importing import xlsx

HEADINGS = ["Reference", "Finding", "Target date"]
WIDTHS = [10, 70, 14]


def written(rows, *, sheet_name="Tracker", headings=HEADINGS, widths=WIDTHS, rows_per_piece=500):
    return b"".join(xlsx.stream(sheet_name=sheet_name, headings=headings, widths=widths, rows=rows,
                                rows_per_piece=rows_per_piece))


def opened(content):
    return load_workbook(io.BytesIO(content))


def part(content, name):
    return zipfile.ZipFile(io.BytesIO(content)).read(name).decode("utf-8")


def test_the_headings_are_bold_above_a_frozen_row_and_the_filter_covers_the_rows():
    content = written([["AFI 1", "Improve call handling.", date(2025, 3, 31)], ["AFI 2", "Train staff.", None]])
    book = opened(content)
    assert book.sheetnames == ["Tracker"]
    sheet = book["Tracker"]
    assert [cell.value for cell in sheet[1]] == HEADINGS
    assert all(cell.font.b for cell in sheet[1])
    assert not sheet["A2"].font.b
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:C3"
    workbook_xml = part(content, "xl/workbook.xml")
    defined = '<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
    assert defined + "'Tracker'!$A$1:$C$3</definedName>" in workbook_xml
    assert sheet.max_row == 3 and sheet.max_column == 3


def test_each_column_has_its_width():
    sheet = opened(written([["AFI 1", "Text", None]]))["Tracker"]
    assert [sheet.column_dimensions[letter].width for letter in "ABC"] == WIDTHS
    assert all(sheet.column_dimensions[letter].customWidth for letter in "ABC")


def test_text_wraps_at_the_top_of_its_cell_and_dates_read_as_dates():
    sheet = opened(written([["AFI 1", "Line one\nline two", date(2025, 3, 31)]]))["Tracker"]
    text, day = sheet["B2"], sheet["C2"]
    assert text.value == "Line one\nline two"
    assert (text.alignment.wrap_text, text.alignment.vertical) == (True, "top")
    assert day.value == datetime(2025, 3, 31) and day.number_format == "dd/mm/yyyy"
    assert (day.alignment.wrap_text, day.alignment.vertical) == (True, "top")
    assert sheet["A1"].alignment.wrap_text is not True  # headings are not wrapped


def test_a_date_and_time_is_written_as_its_day():
    sheet = opened(written([["AFI 1", "Text", datetime(2025, 3, 31, 23, 30)]]))["Tracker"]
    assert sheet["C2"].value == datetime(2025, 3, 31)
    assert re.search(r'<c r="C2" s="3"><v>45747</v></c>', part(written([["x", "y", date(2025, 3, 31)]]),
                                                                  "xl/worksheets/sheet1.xml"))


def test_numbers_are_numbers_and_true_false_are_words():
    sheet = opened(written([[3, 2.5, True]]))["Tracker"]
    assert sheet["A2"].value == 3 and sheet["B2"].value == 2.5
    assert sheet["C2"].value == "True"


def test_empty_cells_are_left_empty_and_later_cells_keep_their_column():
    content = written([[None, "", "AFI 9"]])
    sheet = opened(content)["Tracker"]
    assert (sheet["A2"].value, sheet["B2"].value, sheet["C2"].value) == (None, None, "AFI 9")
    assert '<row r="2"><c r="C2" s="2" t="inlineStr">' in part(content, "xl/worksheets/sheet1.xml")


def test_text_that_looks_like_markup_is_kept_as_written():
    awkward = 'R&D <b>bold</b> "quoted" \'single\' > & <'
    sheet = opened(written([[awkward, "  leading spaces", "trailing  "]]))["Tracker"]
    assert sheet["A2"].value == awkward
    assert sheet["B2"].value == "  leading spaces" and sheet["C2"].value == "trailing  "


def test_characters_xml_cannot_hold_are_dropped_and_the_file_still_opens():
    sheet = opened(written([["AFI\x00 1\x07\x1f", "tab\there", "end\ufffe\uffff"]]))["Tracker"]
    assert [sheet["A2"].value, sheet["B2"].value, sheet["C2"].value] == ["AFI 1", "tab\there", "end"]


def test_escape_replaces_each_markup_character():
    assert xlsx.escape('a & b < c > d " e') == "a &amp; b &lt; c &gt; d &quot; e"
    assert xlsx.escape("\x0b\x0c\x0e\x08ok\t\n\r") == "ok\t\n\r"


def test_the_sheet_name_is_escaped_and_quoted_in_the_filter():
    content = written([["AFI 1", "Text", None]], sheet_name="R&D <2025>")
    assert opened(content).sheetnames == ["R&D <2025>"]
    assert "'R&amp;D &lt;2025&gt;'!$A$1:$C$2</definedName>" in part(content, "xl/workbook.xml")


def test_no_rows_gives_the_headings_alone():
    content = written([])
    sheet = opened(content)["Tracker"]
    assert sheet.max_row == 1 and sheet.auto_filter.ref == "A1:C1"
    assert "'Tracker'!$A$1:$C$1</definedName>" in part(content, "xl/workbook.xml")


def test_every_row_is_written_once_in_order_whatever_the_pieces():
    rows = [[f"AFI {number}", f"Finding {number}", None] for number in range(1, 1_203)]
    for per_piece in (1, 7, 500, 5_000):
        sheet = opened(written(rows, rows_per_piece=per_piece))["Tracker"]
        assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [row[0] for row in rows]
        assert sheet.auto_filter.ref == "A1:C1203"


def test_the_file_comes_in_several_pieces_as_it_is_written():
    rows = ([f"AFI {number}", "Text that does not compress away " * 20 + str(number), None] for number in range(3_000))
    pieces = list(xlsx.stream(sheet_name="Tracker", headings=HEADINGS, widths=WIDTHS, rows=rows))
    assert len(pieces) > 3 and all(pieces)
    assert opened(b"".join(pieces))["Tracker"].max_row == 3_001


def test_the_parts_are_compressed_and_named_as_excel_expects():
    archive = zipfile.ZipFile(io.BytesIO(written([["AFI 1", "Text", None]])))
    assert sorted(archive.namelist()) == sorted([
        "[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
        "xl/worksheets/sheet1.xml", "xl/workbook.xml",
    ])
    assert {info.compress_type for info in archive.infolist()} == {zipfile.ZIP_DEFLATED}
    assert archive.testzip() is None
    sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert sheet_xml.startswith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ')
    assert '<sheetFormatPr defaultRowHeight="15"/>' in sheet_xml
    assert '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>' in sheet_xml
    assert sheet_xml.endswith('</sheetData><autoFilter ref="A1:C2"/></worksheet>')
    assert '<row r="1"><c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">Reference</t></is></c>' in sheet_xml


@pytest.mark.parametrize("per_piece", [1, 2, 5_000])
def test_the_sheet_is_written_exactly_as_excel_reads_it(per_piece):
    content = written([["AFI 1", "Text", date(2025, 3, 31)], ["AFI 2", "", None]], rows_per_piece=per_piece)
    assert part(content, "xl/worksheets/sheet1.xml") == (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/>'
        '<cols><col min="1" max="1" width="10" customWidth="1"/><col min="2" max="2" width="70" customWidth="1"/>'
        '<col min="3" max="3" width="14" customWidth="1"/></cols><sheetData>'
        '<row r="1"><c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">Reference</t></is></c>'
        '<c r="B1" s="1" t="inlineStr"><is><t xml:space="preserve">Finding</t></is></c>'
        '<c r="C1" s="1" t="inlineStr"><is><t xml:space="preserve">Target date</t></is></c></row>'
        '<row r="2"><c r="A2" s="2" t="inlineStr"><is><t xml:space="preserve">AFI 1</t></is></c>'
        '<c r="B2" s="2" t="inlineStr"><is><t xml:space="preserve">Text</t></is></c>'
        '<c r="C2" s="3"><v>45747</v></c></row>'
        '<row r="3"><c r="A3" s="2" t="inlineStr"><is><t xml:space="preserve">AFI 2</t></is></c></row>'
        '</sheetData><autoFilter ref="A1:C3"/></worksheet>'
    )
