"""The staff guide (docs/staff-guide.md) stays true: its transcripts are what the tool prints now (captured again by
tests/staff_guide.py on a scratch server and two copies), every command it names exists, its example rows are
real data, and it speaks to staff, not developers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_builder.cli import _parser
from tests import staff_guide
from tests.conftest import ROOT

GUIDE = ROOT / "docs/staff-guide.md"
ENGLISH = "\n## English\n"


def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


@pytest.mark.e2e
def test_the_transcripts_are_what_the_tool_prints_now(tmp_path: Path) -> None:
    """Every command of the guide run again, as staff type it; each transcript, in both languages, is its output
    (timings, release names and commit ids aside). On a difference: python -m tests.staff_guide."""
    captured = {name: staff_guide.displayed(text, tmp_path) for name, text in staff_guide.capture(tmp_path).items()}
    shown = staff_guide.blocks(guide())
    assert set(shown) == set(captured)
    for name, texts in shown.items():
        for text in texts:
            assert staff_guide.normalised(text) == staff_guide.normalised(captured[name]), name


def test_each_transcript_is_shown_in_both_languages_in_the_same_order() -> None:
    chinese, english = guide().split(ENGLISH)
    names = [[m["name"] for m in staff_guide.BLOCK.finditer(part)] for part in (chinese, english)]
    assert names[0] == names[1]
    assert len(names[0]) == len(set(names[0])) >= 8
    for name, texts in staff_guide.blocks(guide()).items():
        assert texts[0] == texts[1], name
        assert texts[0].startswith(staff_guide.PROMPT), name


def test_each_command_the_guide_names_exists() -> None:
    """`site-builder X` in the guide is a command of the tool (or its Chinese alias)."""
    commands = _parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    named = set(re.findall(r"site-builder ([\w-]+)", guide()))
    assert {"serve", "check", "publish", "发布"} <= named
    assert named - {"--help"} <= set(commands)


def test_the_example_rows_are_rows_of_the_real_data() -> None:
    rows = re.findall(r"```csv\n(.*?)```", guide(), re.S)
    data = {line for path in (ROOT / "datasets").glob("*.csv") for line in path.read_text("utf-8").splitlines()}
    assert len(rows) == 4
    for row in rows:
        assert row.rstrip("\n") in data


def test_the_guide_speaks_to_staff() -> None:
    """No developer's paths or shell, no jargon left untranslated, and the errors guide linked in both languages."""
    text = guide()
    for word in (".venv", "/work/", "$ ", "front matter", "slug", "hook", "主键", "semver", "YAML", "JSON"):
        assert word not in text, word
    assert "staff-guide-errors.md#中文" in text
    assert "staff-guide-errors.md#english" in text
    assert "content/README.md" in text
