"""opendata/jsonparts.py: a JSON file joined from parts is json.dumps's own bytes, and a kept part is not dumped
again."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from site_builder.opendata.jsonparts import JsonParts, load, save

ENTRIES = [
    {"id": "a", "name": {"zh": "城镇化率", "en": "Urbanization rate"}, "values": [1, 2.5, None], "ok": True},
    {"id": "b", "name": {"zh": '引号"与\\斜杠\n换行', "en": ""}, "values": [], "nested": {"deep": [{"x": {}}]}},
]


def whole(entries: list[Any]) -> dict[str, Any]:
    return {"top": "t", "levels": [{"inner": entries, "after": 1}], "last": []}


def expected() -> bytes:
    return (json.dumps(whole(ENTRIES), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def test_a_file_joined_from_parts_is_the_same_as_dumped_whole(tmp_path: Path) -> None:
    parts = JsonParts()
    assert parts.dumps(whole([parts.part(e) for e in ENTRIES])) == expected()
    save(tmp_path / "parts.pickle", parts)
    again = load(tmp_path / "parts.pickle")
    assert again.dumps(whole([again.part(e) for e in ENTRIES])) == expected()


def test_a_kept_part_is_taken_as_kept_and_a_changed_one_is_dumped_again(tmp_path: Path) -> None:
    first = JsonParts()
    first.dumps(whole([first.part(e) for e in ENTRIES]))
    # A kept text that no dump would make shows that a kept part is used as it is, without dumping it again.
    key_a = next(k for k, text in first.made.items() if '"a"' in text)
    second = JsonParts({key_a: '"kept"'})
    changed = [ENTRIES[0], ENTRIES[1] | {"ok": False}]
    made = json.loads(second.dumps(whole([second.part(e) for e in changed])))
    assert made["levels"][0]["inner"] == ["kept", changed[1]]
    assert set(second.made) == {key_a, *(set(second.made) - set(first.made))}
    assert len(set(second.made) - set(first.made)) == 1  # the changed part only
