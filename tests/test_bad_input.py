"""Bad input: each mistake staff can make is refused with file, row and column, and build/ stays as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.cli import main
from tests.helpers import read_rows, set_cell, snapshot, write_rows


@pytest.fixture
def previous_build(project: Path) -> dict[str, bytes]:
    """A good build already in place; every refused build must leave it byte for byte as it was."""
    assert main(["build", "--root", str(project)]) == 0
    return snapshot(project / "build")


def refused(project: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    """Run a build that must fail; return what it printed for staff."""
    assert main(["build", "--root", str(project), *extra]) == 1
    return capsys.readouterr().err


def test_wrong_type(project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]) -> None:
    row = set_cell(
        project / "datasets/observations.csv", {"indicator_id": "good-air-days", "year": "2022"}, "value", "7O.5"
    )
    err = refused(project, capsys)
    assert f'datasets/observations.csv, row {row}, column "value": "7O.5" is not a number' in err
    assert f"datasets/observations.csv，第 {row} 行，“value”列：“7O.5”不是数字" in err
    assert snapshot(project / "build") == previous_build


def test_missing_required_value(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    row = set_cell(project / "datasets/indicators.csv", {"id": "rail-transit-length"}, "name_zh", "")
    err = refused(project, capsys)
    assert f'datasets/indicators.csv, row {row}, column "name_zh": is empty but required' in err
    assert f"datasets/indicators.csv，第 {row} 行，“name_zh”列：不能为空" in err
    assert snapshot(project / "build") == previous_build


def test_duplicate_key(project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "datasets/observations.csv"
    rows = read_rows(path)
    rows.append(dict(rows[0]))
    write_rows(path, rows)
    err = refused(project, capsys)
    key = f"{rows[0]['indicator_id']}, {rows[0]['year']}"
    assert f'datasets/observations.csv, row {len(rows) + 1}, column "indicator_id, year"' in err
    assert f"duplicate key ({key}): the same as row 2" in err
    assert f"主键（{key}）与第 2 行重复" in err
    assert snapshot(project / "build") == previous_build


def test_unknown_foreign_key(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    row = set_cell(
        project / "datasets/observations.csv",
        {"indicator_id": "good-air-days", "year": "2022"},
        "indicator_id",
        "good-air-dayz",
    )
    err = refused(project, capsys)
    assert (
        f'datasets/observations.csv, row {row}, column "indicator_id": "good-air-dayz" is not found in '
        f'column "id" of datasets/indicators.csv'
    ) in err
    assert "“good-air-dayz”在 datasets/indicators.csv 的“id”列中不存在" in err
    assert snapshot(project / "build") == previous_build


def test_gbk_csv_is_refused_with_how_to_fix(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    path = project / "datasets/chapters.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    err = refused(project, capsys)
    assert "datasets/chapters.csv, row 2: is encoded as GBK/GB18030" in err
    assert "CSV UTF-8" in err
    assert "datasets/chapters.csv，第 2 行：文件是 GBK/GB18030 编码" in err
    assert snapshot(project / "build") == previous_build


def test_gbk_with_chinese_only_after_thousands_of_ascii_rows_is_not_garbled(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    """The trap of TOOLING.md §7: encoding detection on the first rows would read this file as Latin."""
    path = project / "datasets/sources.csv"
    rows = read_rows(path)
    template = rows[-1]
    ascii_rows = [{**template, "id": f"s{n}", "title": "x", "publisher_zh": "x"} for n in range(3000)]
    write_rows(path, [*ascii_rows, *rows], encoding="gb18030")
    err = refused(project, capsys)
    assert "datasets/sources.csv, row 3002: is encoded as GBK/GB18030" in err
    assert snapshot(project / "build") == previous_build


def test_every_problem_in_every_file_at_once(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    set_cell(project / "datasets/observations.csv", {"indicator_id": "good-air-days", "year": "2022"}, "value", "x")
    set_cell(project / "datasets/indicators.csv", {"id": "rail-transit-length"}, "decimals", "two")
    set_cell(project / "datasets/indicators.csv", {"id": "good-air-days"}, "attribute", "mandatory")
    err = refused(project, capsys)
    assert '"x" is not a number' in err
    assert '"two" is not a whole number' in err
    assert '"mandatory" is not allowed; use one of: expected, binding' in err
    assert "3 problem(s) found" in err


def test_missing_english_name_fails_only_in_strict_mode(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    row = set_cell(project / "datasets/indicators.csv", {"id": "sponge-city-area"}, "name_en", "")
    assert main(["build", "--root", str(project)]) == 0
    warned = capsys.readouterr().err
    assert f'datasets/indicators.csv, row {row}, column "name_en": missing translation' in warned
    rebuilt = snapshot(project / "build")
    err = refused(project, capsys, "--strict")
    assert f'datasets/indicators.csv, row {row}, column "name_en": missing translation' in err
    assert f"datasets/indicators.csv，第 {row} 行，“name_en”列：缺少译文" in err
    assert snapshot(project / "build") == rebuilt


def test_missing_page_translation_fails_in_strict_mode(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "content/en/about.md").unlink()
    err = refused(project, capsys, "--strict")
    assert "content/en/about.md: missing translation: content/zh/about.md has no en counterpart" in err
    assert snapshot(project / "build") == previous_build


def test_unknown_front_matter_key_and_chapter(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    page = project / "content/zh/chapters/implementation.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("chapter: implementation", "chapter: implementaton\nauthor: x"),
        encoding="utf-8",
    )
    err = refused(project, capsys)
    assert 'content/zh/chapters/implementation.md, key "author": unknown key "author"' in err
    assert snapshot(project / "build") == previous_build


def test_a_gbk_file_does_not_hide_the_problems_of_other_files(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    chapters = project / "datasets/chapters.csv"
    chapters.write_bytes(chapters.read_text(encoding="utf-8").encode("gb18030"))
    row = set_cell(
        project / "datasets/observations.csv", {"indicator_id": "good-air-days", "year": "2022"}, "value", "7O.5"
    )
    err = refused(project, capsys)
    assert "datasets/chapters.csv, row 2: is encoded as GBK/GB18030" in err
    assert f'datasets/observations.csv, row {row}, column "value": "7O.5" is not a number' in err
    assert "2 problem(s) found" in err
    assert snapshot(project / "build") == previous_build


def test_a_commitment_clause_missing_from_the_text(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    row = set_cell(
        project / "datasets/commitments.csv", {"id": "new-urban-jobs"}, "clause_zh", "城镇新增就业31万人以上"
    )
    err = refused(project, capsys)
    assert (
        f'datasets/commitments.csv, row {row}, column "clause_zh": this phrase is not found in '
        "content/zh/chapters/migrant-integration.md (it must match the text exactly)"
    ) in err
    assert snapshot(project / "build") == previous_build


def test_an_anchor_the_text_does_not_have(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    row = set_cell(
        project / "datasets/indicator_sections.csv", {"indicator_id": "rail-transit-length"}, "section", "s42"
    )
    err = refused(project, capsys)
    assert f'datasets/indicator_sections.csv, row {row}, column "section": "s42" is not an anchor in content/' in err
    assert snapshot(project / "build") == previous_build
