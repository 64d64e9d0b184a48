"""The error catalogue: every message the build can say, under a stable code, in one module per topic.

Code that finds a problem makes it from here (`cells.NOT_A_NUMBER.at(location, cell=...)`), so no wording lives
anywhere else. `MESSAGES` lists them all, in the order of the modules below; a code is never reused or renamed
once published (staff and their notes quote it)."""

from __future__ import annotations

from types import ModuleType

from site_builder.problems.catalogue import (
    address,
    cells,
    commands,
    config,
    content,
    files,
    garbled,
    output,
    package,
    places,
    publishing,
    review,
    rows,
    serving,
    staff,
    templates,
    translations,
    writing,
)
from site_builder.problems.message import Message

MODULES: tuple[ModuleType, ...] = (
    files,
    cells,
    rows,
    package,
    translations,
    content,
    config,
    address,
    commands,
    templates,
    garbled,
    writing,
    output,
    places,
    publishing,
    serving,
    staff,
    review,
)


def _messages() -> tuple[Message, ...]:
    found = [value for module in MODULES for value in vars(module).values() if isinstance(value, Message)]
    codes = [m.code for m in found]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise ValueError(f"codes used twice in the catalogue: {duplicates}")
    return tuple(found)


MESSAGES: tuple[Message, ...] = _messages()
BY_CODE: dict[str, Message] = {m.code: m for m in MESSAGES}
