"""A workbook of one sheet, written as a stream: the Excel exports at national scale.

openpyxl (even in its write-only mode) spends about 25 microseconds of Python on every cell, so a
national export of 30,000 findings (half a million cells) took over 20 seconds. The exports need
only text and dates in a few fixed styles, so the sheet's XML is written here directly, row by row,
into a zip archive written to a stream (no temporary file, no seek: each part carries its sizes
after its data). Pieces of the file are handed out as they are compressed, so the download starts
at once and memory does not grow with the rows. openpyxl still reads the file back (the imports).
"""

import re
import zipfile
from datetime import date, datetime

from openpyxl.utils import get_column_letter, quote_sheetname

EPOCH = date(1899, 12, 30)  # Excel's day 0 (with its 1900 leap-year bug accounted for)
# Characters XML 1.0 cannot hold at all (a spreadsheet program would refuse the file).
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# Cell styles, by their index in styles.xml below.
HEADING, TEXT, DAY = 1, 2, 3

STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b val="1"/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf>'
    '</cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '</styleSheet>'
)
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '</Types>'
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="xl/workbook.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
    '</Relationships>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="worksheets/sheet1.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
    '<Relationship Id="rId2" Target="styles.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"/>'
    '</Relationships>'
)


def escape(text):
    text = ILLEGAL.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _workbook(sheet_name, filter_ref):
    # The filter's range is a defined name too, as Excel writes it; without it Excel repairs the file.
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'  # pragma: no mutate (encoding names ignore case)
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<sheets><sheet name="{escape(sheet_name)}" sheetId="1" r:id="rId1"/></sheets>'
        '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
        f"{escape(quote_sheetname(sheet_name))}!{filter_ref}</definedName></definedNames>"
        "</workbook>"
    )


class _Pieces:
    """Where the zip archive is written: it keeps what was written until it is taken."""

    def __init__(self):
        self.parts = []

    def write(self, data):
        self.parts.append(bytes(data))
        return len(data)

    def flush(self):
        pass

    def take(self):
        data, self.parts = b"".join(self.parts), []
        return data


class SheetWriter:
    """The cells of one row as XML: text inline (no shared table held in memory), dates as Excel
    day numbers in the dd/mm/yyyy style, nothing for an empty cell."""

    def __init__(self, width):
        # A longer list is never read (zip stops at the row's values): its mutants are equivalent.
        self.letters = [get_column_letter(index) for index in range(1, width + 1)]  # pragma: no mutate

    def row(self, number, values, text_style=TEXT):
        cells = []
        # Rows are as wide as the headings, so strictness cannot be seen.
        for letter, value in zip(self.letters, values, strict=False):  # pragma: no mutate
            if value is None or value == "":
                continue
            if isinstance(value, datetime):
                value = value.date()
            if isinstance(value, date):
                cells.append(f'<c r="{letter}{number}" s="{DAY}"><v>{(value - EPOCH).days}</v></c>')
            elif isinstance(value, int | float) and not isinstance(value, bool):
                cells.append(f'<c r="{letter}{number}" s="{text_style}"><v>{value}</v></c>')
            else:
                cells.append(
                    f'<c r="{letter}{number}" s="{text_style}" t="inlineStr">'
                    f'<is><t xml:space="preserve">{escape(str(value))}</t></is></c>'
                )
        return f'<row r="{number}">{"".join(cells)}</row>'


def stream(*, sheet_name, headings, widths, rows, rows_per_piece=500):
    """The .xlsx file in pieces: headings in bold, the top row frozen, a filter over the columns,
    each column its width, text wrapped at the top of its cell. `rows` is an iterable of lists."""
    letters = get_column_letter(len(headings))
    pieces = _Pieces()
    # The level changes only the size, not what the file holds.
    archive = zipfile.ZipFile(pieces, mode="w", compression=zipfile.ZIP_DEFLATED, compresslevel=6)  # pragma: no mutate
    archive.writestr("[Content_Types].xml", CONTENT_TYPES)
    archive.writestr("_rels/.rels", PACKAGE_RELS)
    archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
    archive.writestr("xl/styles.xml", STYLES)
    writer = SheetWriter(len(headings))
    columns = "".join(
        f'<col min="{index}" max="{index}" width="{width}" customWidth="1"/>' for index, width in enumerate(widths, 1)
    )
    count = 0
    with archive.open("xl/worksheets/sheet1.xml", mode="w") as sheet:
        sheet.write(
            (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                '<sheetViews><sheetView workbookViewId="0">'
                '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
                '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
                f'<sheetFormatPr defaultRowHeight="15"/><cols>{columns}</cols><sheetData>'
                + writer.row(1, headings, text_style=HEADING)
            ).encode()
        )
        batch = []
        for count, values in enumerate(rows, 1):
            batch.append(writer.row(count + 1, values))
            if len(batch) == rows_per_piece:  # pragma: no mutate (how the file is cut into pieces, not what it holds)
                sheet.write("".join(batch).encode())
                batch = []
                if data := pieces.take():
                    yield data
        if batch:
            sheet.write("".join(batch).encode())
        filter_ref = f"$A$1:${letters}${count + 1}"
        sheet.write(f'</sheetData><autoFilter ref="A1:{letters}{count + 1}"/></worksheet>'.encode())
    archive.writestr("xl/workbook.xml", _workbook(sheet_name, filter_ref))
    archive.close()
    yield pieces.take()
