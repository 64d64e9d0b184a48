"""Garbled text: found by what it was, never in ordinary text that uses the same characters."""

from __future__ import annotations

import pytest

from site_builder.inputs.garbled import garbled


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("æ¹–å·žå¸‚æ–°åž‹åŸŽé•‡åŒ–", ("æ¹–å·žå¸‚æ–°åž‹åŸŽé•‡åŒ–", "湖州市新型城镇化")),
        ("湖州 æ¹–å·ž 市", ("æ¹–å·ž", "湖州")),  # a garbled part among right text
        ("RÃ©sumÃ©", ("Ã©", "é")),
        ("规划锟斤拷", ("锟斤拷", None)),
        ("a\ufffdb", ("\ufffd", None)),
    ],
)
def test_garbled_text_and_what_it_was(text: str, found: tuple[str, str | None]) -> None:
    assert garbled(text) == found


@pytest.mark.parametrize(
    "text",
    ["Urban–rural income ratio", "“quoted” — it’s", "café, naïve, Zürich", "²³ €™ ±5%", "湖州市新型城镇化", "ÂÂ"],
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert garbled(text) is None
