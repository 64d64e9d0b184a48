"""Excel: variants of the data that open correctly in Excel on Chinese Windows, where no cell can run as a formula.

The plain CSV files stay byte-faithful to the data (whose text cells cannot start like a formula: `inputs.cells`
refuses them); these variants change how cells are written: UTF-8 with a byte-order mark (so Excel does not read the
file as GBK), and text that starts with =, +, -, @, a tab or a carriage return prefixed with an apostrophe (the CSV)
or stored as a text cell marked as Excel marks a typed '= (the workbook: the mark is not shown, and the cell stays
text when edited).
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import os
import re
from collections.abc import Sequence
from pathlib import Path

import openpyxl
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from site_builder.inputs.cells import FORMULA_START
from site_builder.opendata.zips import rezip
from site_builder.output.atomic import replace_file

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


def workbook(
    sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence[object]], set[str]]], kept: Path | None = None
) -> bytes:
    """One .xlsx with a sheet per table: codes and text as text cells (never formulas), numbers as numbers.
    Written in openpyxl's write-only mode: rows stream out, so a table of any length costs the same per row.

    `kept`: a folder where each sheet's XML is kept under the hash of what it holds. A sheet is a file of its own
    in the .xlsx (openpyxl writes text inline, with no table of strings shared between sheets), so a sheet whose
    table is unchanged since an earlier build is taken from there and only the changed tables are written again."""
    book = Workbook(write_only=True)
    reused: dict[str, Path] = {}  # member of the .xlsx: the kept XML that replaces openpyxl's empty sheet
    fresh: dict[str, Path] = {}  # member: where to keep the XML openpyxl wrote
    try:
        for index, (title, header, rows, numeric) in enumerate(sheets, start=1):
            sheet = book.create_sheet(title[:31])
            sheet.freeze_panes = "A2"
            member = f"xl/worksheets/sheet{index}.xml"
            if kept is not None:
                path = kept / f"{index}-{_sheet_key(index, title, header, rows, numeric)}.xml"
                if path.is_file():
                    reused[member] = path
                    if any(isinstance(v, str) and v.startswith(DANGEROUS) for row in rows for v in row):
                        _ = _cell(sheet, "=", False).style_id  # type: ignore[attr-defined]  # its style, as written
                    continue
                fresh[member] = path
            sheet.append(list(header))
            kinds = [name in numeric for name in header]
            for row in rows:
                sheet.append([_cell(sheet, value, number) for value, number in zip(row, kinds, strict=True)])
        buffer = io.BytesIO()
        book.save(buffer)
    except BaseException:  # Ctrl+C mid-sheet: close each sheet's stream now, not as the interpreter ends (a traceback)
        _abandon(book)
        raise
    used: set[str] = set()

    def edit(name: str, content: bytes) -> bytes:
        if name in reused:
            used.add(name)
            os.utime(reused[name])  # recently used: kept longest
            return reused[name].read_bytes()
        if name in fresh:
            replace_file(fresh[name], content)
        return _fixed_properties(name, content)

    made = rezip(buffer.getvalue(), edit)  # an .xlsx is a zip: fix its times
    if used != set(reused):  # openpyxl named its sheets otherwise: make them all
        return workbook(sheets)
    if kept is not None:
        _prune(kept, len(sheets))
    return made


def _abandon(book: Workbook) -> None:
    """Close the streams of a write-only workbook that will not be saved. Left open, each sheet's writer is closed by
    the garbage collector as Python exits, after its file is gone, and prints "Exception ignored … I/O operation on
    closed file" with a traceback under the staff member's "interrupted" message."""
    for sheet in book.worksheets:
        with contextlib.suppress(Exception):
            sheet.close()


KEEP = 3  # kept XMLs per sheet
FORMAT = "sheet 1"  # how a sheet is written: part of its key, with openpyxl's version and this module's code


def _sheet_key(
    number: int, title: str, header: Sequence[str], rows: Sequence[Sequence[object]], numeric: set[str]
) -> str:
    digest = hashlib.sha256(f"{FORMAT}\0{openpyxl.__version__}\0".encode())
    digest.update(Path(__file__).read_bytes())
    digest.update(repr((number, title, list(header), sorted(numeric))).encode("utf-8", "surrogatepass"))
    for row in rows:
        digest.update(repr(list(row)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


def _prune(kept: Path, sheets: int) -> None:
    """Keep the newest KEEP XMLs of each sheet number (and none for a number past the last sheet)."""
    by_number: dict[str, list[Path]] = {}
    for path in kept.glob("*.xml"):
        by_number.setdefault(path.name.split("-", 1)[0], []).append(path)
    for number, paths in by_number.items():
        paths.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in paths[KEEP if number.isdigit() and int(number) <= sheets else 0 :]:
            old.unlink(missing_ok=True)


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
