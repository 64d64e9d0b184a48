"""Garbled text: Chinese that was once opened with the wrong encoding and saved again ("æ¹–å·ž" for "湖州"), or
text holding the marks such a round trip leaves ("�", "锟斤拷"). A file in the right encoding can still carry it."""

from __future__ import annotations

import re

from site_builder.problems import Location, Problem
from site_builder.problems.catalogue import garbled as words

# Characters a UTF-8 byte from 0x80 to 0xFF becomes when read as Windows-1252 (or Latin-1, where 1252 has none).
_HIGH = "\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a"
_HIGH += "\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_RUN = re.compile(f"[{_HIGH}]{{2,}}")
MARKS = ("\ufffd", "锟斤拷")  # the replacement character, and what it becomes when its UTF-8 is read as GBK
CANDIDATE = f"[{_HIGH}]|{'|'.join(MARKS)}"  # a regular expression for a quick first look (in SQL too)


def garbled(text: str) -> tuple[str, str | None] | None:
    """The first garbled part of `text` and what it was (None: unknown), or None if nothing is garbled."""
    for mark in MARKS:
        if mark in text:
            return mark, None
    for run in _RUN.finditer(text):
        try:
            original = bytes(_byte(c) for c in run.group()).decode("utf-8")
        except (UnicodeDecodeError, ValueError):
            continue
        if original != run.group() and not original.isascii():
            return run.group(), original
    return None


def _byte(char: str) -> int:
    try:
        return char.encode("cp1252")[0]
    except UnicodeEncodeError:
        return ord(char)  # U+0080 to U+00FF: Latin-1; anything else raises ValueError in bytes()


def problem(location: Location, part: str, original: str | None) -> Problem:
    if original is None:
        return words.GARBLED_MARK.at(location, part=part)
    return words.GARBLED.at(location, part=part, original=original)
