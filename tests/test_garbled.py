"""Garbled text: found by what it was, never in ordinary text that uses the same characters."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from site_builder.cli import main
from site_builder.inputs.garbled import LOST, Found, garbled, garbled_heading, problem
from site_builder.problems import Location
from tests.conftest import ROOT, copy_project
from tests.helpers import assert_problem, set_cell


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
    assert garbled(text) == Found(*found)


@pytest.mark.parametrize(
    "text",
    ["Urban–rural income ratio", "“quoted” — it’s", "café, naïve, Zürich", "²³ €™ ±5%", "湖州市新型城镇化", "ÂÂ"],
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert garbled(text) is None


def read_as_gbk(text: str, mark: str = "\ufffd", codec: str = "gbk") -> str:
    """What Excel or WPS on Chinese Windows makes of UTF-8 it opens as GBK and saves again: the real decoding, each
    byte it cannot read written as `mark` ("�", or "?" as Excel writes it)."""
    return text.encode("utf-8").decode(codec, errors="replace").replace("\ufffd", mark)


@pytest.mark.parametrize("mark", ["\ufffd", "?"])
@pytest.mark.parametrize(
    ("text", "original", "lost"),
    [
        ("湖州", "湖州", 0),
        ("规划基期值", "规划基期□", 1),  # the issue's 瑙勫垝鍩烘湡鍊?
        ("湖州市新型城镇化“十四五”指标体系", "湖州市新型城镇化“十四五”指标体□", 1),
        ("城镇化率（%）", "城镇化率□%□", 2),
        ("Urban–rural integration", "Urban–rural integration", 0),
        ("2021年湖州城鄉(xiāng)居民", "2021年湖州城□(xiāng)居民", 1),
    ],
)
def test_utf8_read_as_gbk_is_found_with_what_it_was(text: str, original: str, lost: int, mark: str) -> None:
    made = read_as_gbk(text, mark)
    assert made != text
    assert garbled(made) == Found(made, original, lost)


def test_the_issues_example_reads_back() -> None:
    assert read_as_gbk("规划基期值", "?") == "瑙勫垝鍩烘湡鍊?"
    found = garbled("瑙勫垝鍩烘湡鍊?")
    assert found is not None and found.original == "规划基期□"
    said = problem(Location("datasets/observations.csv", row=2, column="note_zh"), *found)
    assert said.code == "text.garbled-partly" and "“瑙勫垝鍩烘湡鍊?”原本应是“规划基期□”，其中 1 个字（□）" in said.zh


def test_a_byte_order_mark_read_as_gbk_takes_the_first_heading_with_it() -> None:
    made = read_as_gbk("\ufeffindicator_id")
    assert made.startswith("锘") and not made.endswith("indicator_id")
    assert garbled_heading(made) == "indicator_id"
    assert garbled_heading("indicator_id") is None and garbled_heading("湖州") is None


def _real_text() -> list[str]:
    """Every cell of every table in datasets/ and every line of every page in content/."""
    found = []
    for path in sorted((ROOT / "datasets").glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            found += [cell for row in csv.reader(handle) for cell in row]
    for path in sorted((ROOT / "content").rglob("*.md")):
        found += path.read_text(encoding="utf-8").splitlines()
    return found


def test_no_real_cell_or_line_is_taken_for_garbled_text() -> None:
    real = _real_text()
    assert sum(not text.isascii() for text in real) > 900  # the check below has real Chinese to look at
    assert [text for text in real if garbled(text) is not None] == []


@pytest.mark.parametrize(("codec", "mark"), [("gbk", "\ufffd"), ("gbk", "?"), ("gb18030", "\ufffd")])
def test_every_real_cell_with_chinese_read_as_gbk_is_found(codec: str, mark: str) -> None:
    """And what is given back agrees with the real text at every character it keeps (□ where one is lost). GB18030
    (not what Excel uses) reads a byte and a digit after it as one character, so it may lose more than a character;
    only the count of characters is then not checked."""
    chinese = [text for text in _real_text() if any("\u4e00" <= c <= "\u9fff" for c in text)]
    for text in chinese:
        found = garbled(read_as_gbk(text, mark, codec))
        assert found is not None and found.original is not None, text
        kept = [(a, b) for a, b in zip(found.original, text, strict=False) if a != LOST]
        if codec == "gbk":
            assert len(found.original) == len(text) and all(a == b for a, b in kept), (text, found)


BOM = "\ufeff"


def _excel_round_trip(path: Path, mark: str, keep_bom: bool = False) -> None:
    """The issue's round trip: a data file without a byte-order mark opened by double-click in Excel on Chinese
    Windows (read as GBK), then saved as "CSV UTF-8" (a byte-order mark, CRLF). With `keep_bom`, the file had its
    mark and a program read it as GBK all the same (WPS, or Excel's import with GBK chosen)."""
    text = path.read_bytes().decode("utf-8")
    text = text if keep_bom else text.removeprefix(BOM)
    shown = read_as_gbk(text, mark).replace("\r\n", "\n").replace("\n", "\r\n")
    path.write_bytes((BOM + shown).encode("utf-8"))


def _validated(project: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["validate", "--root", str(project)]) == 1
    return capsys.readouterr().err


@pytest.mark.parametrize("mark", ["\ufffd", "?"])
def test_a_wholly_garbled_file_gets_one_message_saying_how_to_restore_it(
    mark: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project")
    _excel_round_trip(project / "datasets/observations.csv", mark)
    printed = _validated(project, capsys)
    assert_problem(printed, "text.garbled-file", Location("datasets/observations.csv"))
    assert printed.count("✗ datasets/") == 1, (
        printed
    )  # one message, not one per cell (nor the quotes, nor anything after)
    assert "git checkout -- datasets/observations.csv" in printed and "65001: Unicode (UTF-8)" in printed


def test_a_file_whose_headings_are_garbled_gets_one_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "project")
    path = project / "datasets/indicators.csv"
    assert path.read_bytes().startswith(BOM.encode())
    _excel_round_trip(path, "?", keep_bom=True)
    printed = _validated(project, capsys)
    assert_problem(printed, "text.garbled-header", Location("datasets/indicators.csv", row=1))
    assert printed.count("✗ datasets/") == 1, printed


def test_one_garbled_cell_is_answered_at_its_cell_with_what_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project")
    row = set_cell(project / "datasets/chapters.csv", {"number": "2"}, "title_zh", read_as_gbk("空间格局", "?"))
    printed = _validated(project, capsys)
    assert_problem(printed, "text.garbled", Location("datasets/chapters.csv", row=row, column="title_zh"))
    assert "原本应是“空间格局”" in printed and printed.count("✗ datasets/") == 1, printed
