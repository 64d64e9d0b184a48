"""Garbled text: Chinese that was once opened with the wrong encoding and saved again ("æ¹–å·ž" for "湖州" when
read as Windows-1252, "婀栧窞" when read as GBK, as Excel does on Chinese Windows), or text holding the marks such a
round trip leaves ("�", "锟斤拷"). A file in the right encoding can still carry it."""

from __future__ import annotations

import re
from typing import NamedTuple

from site_builder.problems import Location, Problem
from site_builder.problems.catalogue import garbled as words

# Characters a UTF-8 byte from 0x80 to 0xFF becomes when read as Windows-1252 (or Latin-1, where 1252 has none).
_HIGH = "\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a"
_HIGH += "\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_RUN = re.compile(f"[{_HIGH}]{{2,}}")
MARKS = ("\ufffd", "锟斤拷")  # the replacement character, and what it becomes when its UTF-8 is read as GBK
LOST = "□"  # shown in place of a character the round trip lost (as in transcribed documents)
_DROPPED = ("\ufffd", "?")  # what a byte GBK cannot read becomes once saved: "�", or "?" as the issue saw Excel write


class Found(NamedTuple):
    """The garbled part of a text, what it was (None: unknown), and how many of its characters are lost (□)."""

    part: str
    original: str | None
    lost: int = 0


def _gbk_leads() -> str:
    """Every character GBK reads from a byte pair led by 0xE2 to 0xEF, the first byte in UTF-8 of Chinese characters,
    their punctuation and the full-width forms: such text read as GBK holds one for at least every other character
    it had (a quick first look)."""
    found = set()
    for lead in range(0xE2, 0xF0):
        for trail in range(0x40, 0xFF):
            try:
                found.add(bytes((lead, trail)).decode("gbk"))
            except UnicodeDecodeError:
                continue
    return "".join(sorted(found))


_LEADS = _gbk_leads()
_LOOKS_GBK = re.compile(f"[{_LEADS}]")
CANDIDATE = re.compile(f"[{_HIGH}{_LEADS}]|{'|'.join(MARKS)}")  # a quick first look


def garbled(text: str) -> Found | None:
    """The first garbled part of `text` and what it was, or None if nothing is garbled."""
    if (found := _read_as_gbk(text)) is not None:
        return found
    for mark in MARKS:
        if mark in text:
            return Found(mark, None)
    for run in _RUN.finditer(text):
        try:
            original = bytes(_byte(c) for c in run.group()).decode("utf-8")
        except (UnicodeDecodeError, ValueError):
            continue
        if original != run.group() and not original.isascii():
            return Found(run.group(), original)
    return None


def _byte(char: str) -> int:
    try:
        return char.encode("cp1252")[0]
    except UnicodeEncodeError:
        return ord(char)  # U+0080 to U+00FF: Latin-1; anything else raises ValueError in bytes()


def _read_as_gbk(text: str) -> Found | None:
    """UTF-8 read as GBK and saved again: each character GBK made turned back into its two bytes, a byte it could not
    read ("�" or "?") kept as unknown, and the bytes read as UTF-8 again. Found only when that gives Chinese or the
    signs around it (GBK bytes of ordinary Chinese text are not UTF-8: every real cell and page is checked by a test)."""
    if text.isascii() or not _LOOKS_GBK.search(text):
        return None
    chars = _gbk_read_back(text)
    if chars is None:
        return None
    known = [c for c in chars if c is not None and c != LOST and not c.isascii()]
    chinese = LOST in chars or any(_chinese(c) for c in known)
    if not all(_chinese(c) or _sign(c) or (chinese and _latin(c)) for c in known) or not (known or chinese):
        return None
    original = "".join(LOST if c is None else c for c in chars)
    return Found(text, original, original.count(LOST)) if original != text else None


def garbled_heading(heading: str) -> str | None:
    """What a column heading was before it was read as GBK, or None if it was not: the byte-order mark that starts
    a UTF-8 file becomes "锘" and takes the heading's first letter with it ("锘縤d" for "id")."""
    chars = None if heading.isascii() else _gbk_read_back(heading)
    if chars is None or None in chars:
        return None
    original = "".join(c for c in chars if c is not None).removeprefix("\ufeff")
    return original if original != heading and original.isascii() else None


def _gbk_read_back(text: str) -> list[str | None] | None:
    """The UTF-8 characters of the bytes GBK read `text` from (see `_utf8`), or None if they are not UTF-8. "€" is
    the byte 0x80 to Windows (code page 936) and the pair A2 E3 to GB18030: both are tried."""
    for euro in (b"\xa2\xe3", b"\x80") if "€" in text else (b"\xa2\xe3",):
        units = _gbk_units(text, euro)
        chars = None if units is None else _utf8(units)
        if chars is not None:
            return chars
    return None


def _gbk_units(text: str, euro: bytes) -> list[int | None] | None:
    """The bytes GBK read `text` from (None: a byte it could not read), or None if no GBK reading makes it."""
    units: list[int | None] = []
    for char in text:
        if char in _DROPPED:
            units.append(None)
        elif char.isascii():
            units.append(ord(char))
        elif char == "€":
            units.extend(euro)
        elif len(units_of := char.encode("gb18030", errors="replace")) in (2, 4):  # a byte and a digit: four
            units.extend(units_of)
        else:
            return None  # one byte (a character no encoding has, such as half of a surrogate pair): not GBK's
    return units


def _utf8(units: list[int | None]) -> list[str | None] | None:
    """The characters these bytes make as UTF-8; for one a lost byte belonged to, LOST if what is left of it starts
    a Chinese character or a sign (a first byte from 0xE2 to 0xEF), else None; None if the bytes are not UTF-8."""
    chars: list[str | None] = []
    i = 0
    while i < len(units):
        unit = units[i]
        if unit is not None and unit < 0x80:
            chars.append(chr(unit))
            i += 1
            continue
        size = 1 if unit is None else 2 if 0xC2 <= unit < 0xE0 else 3 if 0xE0 <= unit < 0xF0 else 4
        if unit is not None and not 0xC2 <= unit < 0xF5:
            return None
        if unit is None:  # a lost first byte: the continuation bytes after it are its character's
            while i + size < len(units) and size < 4 and _continues(units[i + size]):
                size += 1
        part = units[i : i + size]
        if len(part) < size or not all(u is None or 0x80 <= u < 0xC0 for u in part[1:]):
            return None
        if None in part:
            chars.append(LOST if unit is not None and 0xE2 <= unit <= 0xEF else None)
        else:
            try:
                chars.append(bytes(u for u in part if u is not None).decode("utf-8"))
            except UnicodeDecodeError:
                return None
        i += size
    return chars


def _continues(unit: int | None) -> bool:
    return unit is not None and 0x80 <= unit < 0xC0


def _chinese(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


_SIGNS: tuple[tuple[str, str], ...] = (
    ("\u00b0", "\u00b7"),
    ("\u00d7", "\u00d7"),
    ("\u00f7", "\u00f7"),
    ("\u2000", "\u206f"),
    ("\u2100", "\u22ff"),
    ("\u2460", "\u24ff"),
    ("\u3000", "\u303f"),
    ("\uff00", "\uffef"),
)


def _sign(char: str) -> bool:
    """Punctuation, full-width forms and the signs Chinese and English text use (“ ” – … ≥ ÷ ① 、 ，)."""
    return any(low <= char <= high for low, high in _SIGNS)


def _latin(char: str) -> bool:
    """Accented Latin letters (pinyin's ā ǎ): GBK's bytes of a few ordinary Chinese characters make them too, so they
    count only beside Chinese."""
    return "\u00c0" <= char <= "\u024f"


def problem(location: Location, part: str, original: str | None, lost: int = 0) -> Problem:
    if original is None:
        return words.GARBLED_MARK.at(location, part=part)
    if lost:
        return words.GARBLED_PARTLY.at(location, part=part, original=original, lost=lost, mark=LOST)
    return words.GARBLED.at(location, part=part, original=original)


def mostly_garbled(garbled_count: int, chinese_count: int) -> bool:
    """Whether a file is garbled as a whole: most of its text with Chinese in it (a file opened with the wrong
    encoding and saved again), not a cell or two pasted from somewhere (those are answered cell by cell)."""
    return garbled_count >= 2 and garbled_count * 2 > chinese_count


def file_problem(shown: str, garbled_count: int, chinese_count: int) -> Problem:
    return words.GARBLED_FILE.at(Location(shown), file=shown, garbled=garbled_count, count=chinese_count)


def whole_file(problems: list[Problem]) -> bool:
    """Whether any of `problems` is a file garbled as a whole."""
    return any(p.code in (words.GARBLED_FILE.code, words.GARBLED_HEADER.code) for p in problems)
