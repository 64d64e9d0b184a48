"""Characters no one can see: controls (a vertical tab from Excel for Mac, NUL, ESC…), format characters (zero-width
spaces, direction overrides, a BOM in mid-file), line separators and private-use characters. Each is refused with
its place and its name, and text that holds one is shown with it written out."""

from __future__ import annotations

import html
import re
import unicodedata
from functools import cache

from site_builder.inputs import garbled
from site_builder.problems import Location, Problem
from site_builder.problems.catalogue import cells as words
from site_builder.problems.catalogue import writing

# What Excel, WPS and editors leave in text that no one can see; each has a name staff can search for.
_CONTROL_NAMES = {
    0x00: "NULL",
    0x08: "BACKSPACE",
    0x0B: "LINE TABULATION",
    0x0C: "FORM FEED",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
}


@cache
def invisible_pattern() -> re.Pattern[str]:
    """Control, format (zero-width, direction overrides, a BOM), separator and private-use characters."""
    scanned = [*range(0x20000), *range(0xE0000, 0xE1000)]  # the planes where format characters are
    found = [c for c in scanned if unicodedata.category(chr(c)) in ("Cf", "Zl", "Zp", "Co")]
    found += [*range(0xF0000, 0xFFFFE), *range(0x100000, 0x10FFFE)]  # the private use planes
    found += [c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)] + list(range(0x7F, 0xA0))
    found += list(range(0xFDD0, 0xFDF0)) + [p * 0x10000 + low for p in range(17) for low in (0xFFFE, 0xFFFF)]
    ranges, found = [], sorted(set(found))
    start = prev = found[0]
    for code in [*found[1:], -1]:
        if code != prev + 1:
            ranges.append(re.escape(chr(start)) + ("-" + re.escape(chr(prev)) if prev != start else ""))
            start = code
        prev = code
    return re.compile("[" + "".join(ranges) + "]")


def character_name(char: str) -> str:
    """`U+200B ZERO WIDTH SPACE`: a character named so that staff can see which one it is."""
    code = ord(char)
    name = _CONTROL_NAMES.get(code) or unicodedata.name(char, "")
    if not name:
        name = "PRIVATE USE CHARACTER" if unicodedata.category(char) == "Co" else "CONTROL CHARACTER"
    return f"U+{code:04X} {name}"


def visible(text: str) -> str:
    """The text with each invisible character written out, such as `77.8⟨U+200B ZERO WIDTH SPACE⟩`."""
    return invisible_pattern().sub(lambda m: f"⟨{character_name(m.group())}⟩", text)


def invisible_problem(location: Location, text: str) -> Problem | None:
    """A problem if the text holds a character that cannot be seen, or that some output cannot hold."""
    match = invisible_pattern().search(text)
    if match is None or garbled.garbled(text) is not None:
        return None  # garbled Chinese holds such characters too: it is refused as garbled, with what it was
    name = character_name(match.group())
    start = match.start()
    shown = visible(text if len(text) <= 80 else text[max(0, start - 20) : start + 40])
    message = words.INVISIBLE_LINE_BREAK if match.group() == "\x0b" else words.INVISIBLE
    return message.at(location, position=match.start() + 1, name=name, shown=shown)


_ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def invisible_in_page(text: str, shown: str) -> list[Problem]:
    """One problem for each row of a page that holds a character no one can see, typed or written as an HTML
    entity (`&#8238;`), which Markdown turns into the character itself."""
    found = []
    for row, line in enumerate(text.split("\n"), start=1):  # not splitlines(): it splits at some of these
        where = Location(shown, row=row)
        typed = invisible_pattern().search(line)
        entity = next(
            (m for m in _ENTITY.finditer(line) if invisible_pattern().fullmatch(html.unescape(m.group()))), None
        )
        if typed is not None and (entity is None or typed.start() < entity.start()):
            start = typed.start()
            shown_line = visible(line if len(line) <= 80 else line[max(0, start - 20) : start + 40])
            name = character_name(typed.group())
            found.append(writing.INVISIBLE_IN_PAGE.at(where, position=start + 1, name=name, shown=shown_line))
        elif entity is not None:
            name = character_name(html.unescape(entity.group()))
            position = entity.start() + 1
            found.append(
                writing.INVISIBLE_ENTITY_IN_PAGE.at(where, position=position, entity=entity.group(), name=name)
            )
    return found
