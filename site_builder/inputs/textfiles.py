"""Text files staff save: accept UTF-8 (with or without BOM), refuse anything else with a message that says how to fix it."""

from __future__ import annotations

from pathlib import Path

from site_builder.problems import Location, Problem
from site_builder.problems.catalogue import files


def check_utf8(path: Path, shown_as: str) -> Problem | None:
    """Return a problem if the file is not UTF-8 text, naming the first bad row and the likely cause."""
    data = path.read_bytes()
    spreadsheet = path.suffix.lower() == ".csv"
    if _is_utf16(data):
        return (files.UTF16_TABLE if spreadsheet else files.UTF16_TEXT).at(Location(shown_as))
    if b"\x00" in data[:65536]:
        return files.NOT_TEXT.at(Location(shown_as))
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        if _is_gb18030(data):
            return (files.GBK_TABLE if spreadsheet else files.GBK_TEXT).at(Location(shown_as, row=row))
        return (files.NOT_UTF8_TABLE if spreadsheet else files.NOT_UTF8_TEXT).at(Location(shown_as, row=row))
    return None


def readable_encoding(path: Path) -> str | None:
    """The encoding the whole file decodes with: "utf-8", else "gb18030", else None (not text we can read)."""
    data = path.read_bytes()
    if b"\x00" in data[:65536]:
        return None
    for encoding in ("utf-8", "gb18030"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    return None


def _is_gb18030(data: bytes) -> bool:
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


def _is_utf16(data: bytes) -> bool:
    """A byte-order mark of UTF-16, or (without one) every other byte of ASCII-like text a NUL."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    sample = data[:4096]
    return len(sample) >= 4 and max(sample[0::2].count(0), sample[1::2].count(0)) > len(sample) // 4
