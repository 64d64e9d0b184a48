"""JSON in parts: a large indented JSON file (the DCAT catalogue, the API's list of indicators) whose repeated parts,
one per indicator, are serialised once and kept, so that an edit serialises again only the parts it changed.

The bytes are json.dumps's own (`ensure_ascii=False, indent=2`): each part is dumped alone at the top level and
indented to where it stands (an indented dump is the same at any depth, shifted). A part is known by the hash of
its compact dump, which the C encoder makes about ten times faster than the indented one (Python's own code).
"""

from __future__ import annotations

import hashlib
import json
import pickle
import re
import secrets
from pathlib import Path
from typing import Any

from site_builder.output.atomic import replace_file


class JsonParts:
    """The parts of one file: those kept from earlier builds (hash: indented text) and those of this one."""

    def __init__(self, kept: dict[str, str] | None = None) -> None:
        self.kept = kept or {}
        self.made: dict[str, str] = {}
        self._texts: list[str] = []
        self._mark = f"json-part-{secrets.token_hex(8)}-"  # stands for a part in the file until it is joined

    def part(self, value: Any) -> str:
        """A stand-in for `value` in the file, replaced by `value`'s JSON when the file is dumped."""
        key = hashlib.sha256(json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()
        text = self.kept.get(key)
        if text is None:
            text = json.dumps(value, ensure_ascii=False, indent=2)
        self.made[key] = text
        self._texts.append(text)
        return f"{self._mark}{len(self._texts) - 1}"

    def dumps(self, value: Any) -> bytes:
        """`value` as json.dumps(value, ensure_ascii=False, indent=2) + a newline, its parts in place."""
        skeleton = json.dumps(value, ensure_ascii=False, indent=2) + "\n"

        def joined(found: re.Match[str]) -> str:
            indent = found.group(1)
            return indent + self._texts[int(found.group(2))].replace("\n", "\n" + indent)

        pattern = re.compile(rf'^( *)"{re.escape(self._mark)}(\d+)"', re.MULTILINE)
        return pattern.sub(joined, skeleton).encode("utf-8", "surrogatepass")


def load(path: Path) -> JsonParts:
    """The parts kept at `path` by the last build (none if unreadable)."""
    try:
        kept = pickle.loads(path.read_bytes())
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError):
        return JsonParts()
    return JsonParts(kept if isinstance(kept, dict) else None)


def save(path: Path, parts: JsonParts) -> None:
    """Keep this build's parts only (a part no longer in the file is dropped)."""
    replace_file(path, pickle.dumps(parts.made, protocol=5))
