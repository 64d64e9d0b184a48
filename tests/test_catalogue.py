"""The error catalogue: every message has one stable code and one wording, the golden file holds every message as
staff read it, and what the build prints can be traced back to its code and location."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from site_builder.cli import main
from site_builder.problems import Location
from site_builder.problems.catalogue import MESSAGES
from site_builder.problems.golden import golden, pattern
from tests.conftest import ROOT
from tests.helpers import assert_problem, set_cell, snapshot

REGENERATE = ".venv/bin/python -m site_builder.problems.golden > tests/golden/messages.txt"


def test_the_golden_file_holds_every_message_as_staff_read_it() -> None:
    golden_file = ROOT / "tests/golden/messages.txt"
    assert golden_file.read_text(encoding="utf-8") == golden(), f"the wording changed: review it, then run {REGENERATE}"


def test_each_code_is_unique_and_says_its_topic() -> None:
    codes = [m.code for m in MESSAGES]
    assert len(codes) == len(set(codes))
    for code in codes:
        assert re.fullmatch(r"[a-z]+(\.[a-z0-9]+(-[a-z0-9]+)*)", code), code


@pytest.mark.parametrize("message", MESSAGES, ids=lambda m: m.code)
def test_each_example_matches_its_own_template_in_both_languages(message: object) -> None:
    from site_builder.problems.message import Message

    assert isinstance(message, Message)
    said = message.said(**message.example)
    for lang in ("zh", "en"):
        assert pattern(message, lang).fullmatch(said.text(lang)), (message.code, lang)
    fields = {f for _, f, _, _ in string.Formatter().parse(message.zh + message.en) if f}
    assert fields <= set(message.example), (message.code, fields - set(message.example))


def test_no_wording_outside_the_catalogue() -> None:
    """A Problem is made by a message of the catalogue (`.at(...)`), never from words typed where it is found."""
    building = set()
    for path in (ROOT / "site_builder").rglob("*.py"):
        if path.is_relative_to(ROOT / "site_builder/problems"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "Problem"]
        if calls:
            building.add(path.relative_to(ROOT).as_posix())
    assert not building, sorted(building)


def test_a_refused_build_names_the_code_and_location_of_each_problem(
    built_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Three mistakes in three files, through `site-builder build`: each traced to its code and its cell."""
    observations = built_project / "datasets/observations.csv"
    row = set_cell(observations, {"indicator_id": "good-air-days", "year": "2022"}, "value", "７７.８")
    key_row = set_cell(built_project / "datasets/indicators.csv", {"id": "good-air-days"}, "attribute", "mandatory")
    date_row = set_cell(built_project / "datasets/sources.csv", {}, "published", "2024-3-5")
    before = snapshot(built_project / "build")
    assert main(["build", "--root", str(built_project)]) == 1
    err = capsys.readouterr().err
    assert_problem(err, "csv.full-width-digits", Location("datasets/observations.csv", row=row, column="value"))
    assert_problem(err, "csv.not-allowed", Location("datasets/indicators.csv", row=key_row, column="attribute"))
    assert_problem(err, "csv.short-date", Location("datasets/sources.csv", row=date_row, column="published"))
    with pytest.raises(AssertionError):
        assert_problem(err, "csv.not-a-number", Location("datasets/observations.csv", row=row, column="value"))
    assert snapshot(built_project / "build") == before


def test_the_staff_guide_is_generated_from_the_catalogue() -> None:
    """docs/staff-guide-errors.md is what the generator writes: each case's prose from site_builder/problems/cases/,
    each message it quotes rendered from the catalogue, so the guide cannot drift from what the build prints."""
    from site_builder.problems.guide import COMMAND, guide

    written = (ROOT / "docs/staff-guide-errors.md").read_text(encoding="utf-8")
    assert written == guide(), (
        f"docs/staff-guide-errors.md is stale or edited by hand: change the catalogue, then {COMMAND}"
    )


def test_each_case_has_its_own_number_and_shows_its_codes() -> None:
    from site_builder.problems.guide import codes, sections

    cases = [case for section in sections() for case in section.cases]
    numbers = [case.number for case in cases]
    assert len(numbers) == len(set(numbers)), sorted(n for n in numbers if numbers.count(n) > 1)
    guide_text = (ROOT / "docs/staff-guide-errors.md").read_text(encoding="utf-8")
    for case in cases:
        for lang, label in (("zh", "- 代码："), ("en", "- Code: ")):
            if codes(case.shows):
                heading = f"**{case.number}. {case.title[lang]}**\n{label}"
                assert heading in guide_text, (case.number, lang)


def test_no_refusal_is_worded_outside_the_catalogue() -> None:
    """The lines the command line, the git hook and the preview print on their own ("✗ …") come from the catalogue."""
    worded = []
    for path in (ROOT / "site_builder").rglob("*.py"):
        if path.is_relative_to(ROOT / "site_builder/problems"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "✗" in node.value:
                worded.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not worded, worded
