"""The staff guide (docs/staff-guide.md) stays true: its transcripts are what the tool prints now (captured again by
tests/staff_guide.py on a scratch server and two copies), every command it names exists, its example rows are
real data, and it speaks to staff, not developers."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from site_builder.cli import _parser
from site_builder.problems.catalogue.commands import PREVIEW_STOPPED
from tests import staff_guide
from tests.conftest import ROOT

GUIDE = ROOT / "docs/staff-guide.md"
ENGLISH = "\n## English\n"


def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


@pytest.mark.e2e
def test_the_transcripts_are_what_the_tool_prints_now(tmp_path: Path) -> None:
    """Every command of the guide run again, as staff type it; each transcript, in both languages, is its output
    (timings, release names, commit ids and days aside). On a difference: python -m tests.staff_guide."""
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
    named = set(re.findall(r"site-builder ([^\W\d][\w-]*)", guide()))  # not "site-builder 0.1.0" (a version)
    assert {"serve", "check", "publish", "发布", "review", "送审", "withdraw", "撤回"} <= named
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
    errors = (ROOT / "docs/staff-guide-errors.md").read_text(encoding="utf-8")
    for word in ("front matter", "front-matter problem", "主键", "primary key"):  # the errors guide too
        assert word not in errors, word
    assert "staff-guide-errors.md#中文" in text
    assert "staff-guide-errors.md#english" in text
    assert "content/README.md" in text


def github_anchor(heading: str) -> str:
    """The anchor GitHub and GitLab give a heading: lower case, punctuation and symbols dropped (full-width
    brackets too), each space a hyphen."""
    kept = "".join(c for c in heading.lower() if c in " -_" or unicodedata.category(c)[0] in "LNM")
    return kept.replace(" ", "-")


def test_it_is_sent_to_the_readme_s_windows_set_up_by_its_anchor_in_both_languages() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    heading = next(line[4:] for line in readme.splitlines() if line.startswith("### Staff set-up on Windows"))
    link = f"(../README.md#{github_anchor(heading)})"
    chinese, english = guide().split(ENGLISH)
    assert link in chinese.split("#### IT 的准备清单")[1].split("###")[0]
    assert link in english.split("#### IT's checklist")[1].split("###")[0]


def test_the_transcripts_number_their_steps_in_order_and_speak_both_languages() -> None:
    """A command's steps (1/4, 2/4… of publish, review and withdraw) never go back; the preview ends with its own
    bilingual line, not the English-only notice of the library that watches the files."""
    for name, texts in staff_guide.blocks(guide()).items():
        steps = [int(step) for step in re.findall(r"^(\d)/\d ", texts[0], re.M)]
        assert steps == sorted(steps), name
    preview = staff_guide.blocks(guide())["preview"][0]
    assert preview.endswith(PREVIEW_STOPPED.line() + "\n")
    assert "KeyboardInterrupt" not in guide()
