"""Excel: variants of the data that open correctly in Excel on Chinese Windows, where no cell can run as a formula.

The plain CSV files stay byte-faithful to the data (whose text cells cannot start like a formula: `inputs.cells`
refuses them); these variants change how cells are written: UTF-8 with a byte-order mark (so Excel does not read the
file as GBK), and text that starts with =, +, -, @, a tab or a carriage return prefixed with an apostrophe (the CSV)
or stored as a text cell marked as Excel marks a typed '= (the workbook: the mark is not shown, and the cell stays
text when edited).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from site_builder.inputs.cells import FORMULA_START
from site_builder.opendata.zips import rezip

DANGEROUS = FORMULA_START  # the data's tables cannot hold such text; what else reaches a spreadsheet is guarded


def guard(text: str) -> str:
    """A cell's text made inert for a spreadsheet (OWASP's advice for CSV injection)."""
    return "'" + text if text.startswith(DANGEROUS) else text


def excel_csv(header: Sequence[str], rows: Sequence[Sequence[object]], numeric: set[str]) -> bytes:
    """UTF-8 with BOM and CRLF; text cells guarded; number columns left as numbers."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(
            [_plain(v) if name in numeric else guard(_plain(v)) for name, v in zip(header, row, strict=True)]
        )
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def workbook(sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence[object]], set[str]]]) -> bytes:
    """One .xlsx with a sheet per table: codes and text as text cells (never formulas), numbers as numbers.
    Written in openpyxl's write-only mode: rows stream out, so a table of any length costs the same per row."""
    book = Workbook(write_only=True)
    for title, header, rows, numeric in sheets:
        sheet = book.create_sheet(title[:31])
        sheet.freeze_panes = "A2"
        sheet.append(list(header))
        kinds = [name in numeric for name in header]
        for row in rows:
            sheet.append([_cell(sheet, value, number) for value, number in zip(row, kinds, strict=True)])
    buffer = io.BytesIO()
    book.save(buffer)
    return rezip(buffer.getvalue(), _fixed_properties)  # an .xlsx is a zip: fix its times


def _cell(sheet: WriteOnlyWorksheet, value: object, number: bool) -> object:
    if number and isinstance(value, int | float):
        return value
    if value is None or value == "":
        return None
    text = str(value)
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = TYPE_STRING  # stored as text even when it starts with "="
    cell.quotePrefix = text.startswith(DANGEROUS)  # Excel's own mark for text typed as '=…
    return cell


def _fixed_properties(name: str, content: bytes) -> bytes:
    """openpyxl stamps the time of saving into the document properties; two builds must give the same bytes."""
    if name != "docProps/core.xml":
        return content
    return re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2000-01-01T00:00:00Z", content)


def _plain(value: object) -> str:
    return "" if value is None else str(value)
