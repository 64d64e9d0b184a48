"""Text files staff save: accept UTF-8 (with or without BOM), refuse anything else with a message that says how to fix it."""

from __future__ import annotations

from pathlib import Path

from site_builder.problems import Location, Problem

_EXCEL_FIX_ZH = "请在 Excel 中选择“另存为”→“CSV UTF-8（逗号分隔）(*.csv)”重新保存，或在 WPS 中选择编码 UTF-8。"
_EXCEL_FIX_EN = 'In Excel choose "Save As" → "CSV UTF-8 (Comma delimited) (*.csv)", or choose UTF-8 encoding in WPS.'


_EDITOR_FIX_ZH = "请在编辑器中把文件另存为 UTF-8 编码（例如记事本“另存为”时选择编码 UTF-8）。"
_EDITOR_FIX_EN = 'Save the file as UTF-8 in your editor (in Notepad: "Save As", encoding UTF-8).'


def check_utf8(path: Path, shown_as: str) -> Problem | None:
    """Return a problem if the file is not UTF-8 text, naming the first bad row and the likely cause."""
    data = path.read_bytes()
    if _is_utf16(data):
        spreadsheet = path.suffix.lower() == ".csv"
        return Problem(
            Location(shown_as),
            "文件是 UTF-16 编码（Excel 的“Unicode 文本”或记事本的“Unicode”），本网站只接受 UTF-8。"
            + (_EXCEL_FIX_ZH if spreadsheet else _EDITOR_FIX_ZH),
            'is encoded as UTF-16 (Excel\'s "Unicode Text", or "Unicode" in Notepad); only UTF-8 is accepted. '
            + (_EXCEL_FIX_EN if spreadsheet else _EDITOR_FIX_EN),
        )
    if b"\x00" in data[:65536]:
        return Problem(
            Location(shown_as),
            "不是文本文件（可能是 Excel 的 .xlsx 或其他二进制文件被改了扩展名）。请另存为 CSV UTF-8。",
            "is not a text file (perhaps an Excel .xlsx or another binary file renamed). Save it as CSV UTF-8.",
        )
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        spreadsheet = path.suffix.lower() == ".csv"
        fix_zh = _EXCEL_FIX_ZH if spreadsheet else _EDITOR_FIX_ZH
        fix_en = _EXCEL_FIX_EN if spreadsheet else _EDITOR_FIX_EN
        if _is_gb18030(data):
            return Problem(
                Location(shown_as, row=row),
                "文件是 GBK/GB18030 编码（中文 Windows 上的软件常用的默认格式），本网站只接受 UTF-8。" + fix_zh,
                "is encoded as GBK/GB18030 (what Excel and many editors on Chinese Windows save by default); "
                "only UTF-8 is accepted. " + fix_en,
            )
        return Problem(Location(shown_as, row=row), "不是 UTF-8 编码的文本。" + fix_zh, "is not UTF-8 text. " + fix_en)
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
