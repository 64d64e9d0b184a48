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


def _rewrite(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def test_utf8_with_bom_and_crlf_are_read_as_they_are(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "datasets/observations.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert main(["build", "--root", str(project), "--strict"]) == 0
    page = (project / "build/en/indicators/urban-rural-income-ratio/index.html").read_text(encoding="utf-8")
    assert "1.61 in 2022" in page


def test_an_empty_file(project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]) -> None:
    _rewrite(project / "datasets/categories.csv", "")
    err = refused(project, capsys)
    assert "datasets/categories.csv, row 1: the file is empty: it needs at least the header row" in err
    assert "datasets/categories.csv，第 1 行：文件是空的" in err
    assert snapshot(project / "build") == previous_build


def test_a_header_without_rows(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    path = project / "datasets/glossary.csv"
    _rewrite(path, path.read_text(encoding="utf-8").splitlines()[0] + "\n")
    err = refused(project, capsys)
    assert "datasets/glossary.csv, row 2: has a header but no rows" in err
    assert snapshot(project / "build") == previous_build


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("url,published,grade", "url,published", "Missing: grade."),
        ("url,published,grade", "url,published,grade,extra", "Not expected: extra."),
    ],
)
def test_a_missing_or_extra_column(
    project: Path,
    previous_build: dict[str, bytes],
    capsys: pytest.CaptureFixture[str],
    old: str,
    new: str,
    expected: str,
) -> None:
    path = project / "datasets/sources.csv"
    _rewrite(path, path.read_text(encoding="utf-8").replace(old, new, 1))
    err = refused(project, capsys)
    assert f"datasets/sources.csv, row 1: the column headings differ from the schema. {expected}" in err
    assert "Expected, in order: id,title,title_en,publisher_zh,publisher_en,url,published,grade" in err
    assert err.count("✗ datasets/sources.csv") == 1  # one clear message, not one per cell
    assert snapshot(project / "build") == previous_build


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("NaN", '"NaN" is not a value that can be published (write a number, or leave it empty)'),
        ("inf", '"inf" is not a value that can be published'),
        ("-3", '"-3" must not be less than 0'),
    ],
)
def test_values_that_cannot_be_published(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str], value: str, expected: str
) -> None:
    row = set_cell(
        project / "datasets/observations.csv", {"indicator_id": "good-air-days", "year": "2022"}, "value", value
    )
    err = refused(project, capsys)
    assert f'datasets/observations.csv, row {row}, column "value": {expected}' in err
    assert snapshot(project / "build") == previous_build


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        ("2019", '"2019" must not be less than 2020'),
        (
            "2031",
            "2031 is after the assessment year (2026, assessment_year in site.toml): no source can have published",
        ),
    ],
)
def test_a_year_outside_the_plan_period(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str], year: str, expected: str
) -> None:
    row = set_cell(
        project / "datasets/observations.csv", {"indicator_id": "good-air-days", "year": "2022"}, "year", year
    )
    err = refused(project, capsys)
    assert f'datasets/observations.csv, row {row}, column "year": {expected}' in err
    assert snapshot(project / "build") == previous_build


def test_an_observation_without_a_source(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    row = set_cell(
        project / "datasets/observations.csv", {"indicator_id": "good-air-days", "year": "2022"}, "source_id", ""
    )
    err = refused(project, capsys)
    assert f'datasets/observations.csv, row {row}, column "source_id": is empty but required' in err
    assert snapshot(project / "build") == previous_build


def test_a_markdown_link_to_an_unknown_indicator(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    page = project / "content/zh/about.md"
    _rewrite(page, page.read_text(encoding="utf-8") + "\n见[指标](/zh/indicators/no-such-indicator/)。\n")
    err = refused(project, capsys)
    assert (
        "content/zh/about.md: the link leads to a page or anchor that does not exist: /zh/indicators/no-such-indicator/"
    ) in err
    assert snapshot(project / "build") == previous_build


def test_raw_html_script_and_javascript_links_are_never_published(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = project / "content/en/about.md"
    _rewrite(
        page,
        page.read_text(encoding="utf-8")
        + "\n<script>alert(1)</script> <img src=x onerror=alert(1)> [click](javascript:alert(1))\n",
    )
    assert main(["build", "--root", str(project)]) == 0
    html = (project / "build/en/about/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert "<img src=x" not in html and 'href="javascript:' not in html


@pytest.mark.parametrize("slug", ["../etc", "new stage"])
def test_a_slug_with_dots_or_spaces(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str], slug: str
) -> None:
    row = set_cell(project / "datasets/categories.csv", {"id": "urban-rural"}, "id", slug)
    err = refused(project, capsys)
    assert f'datasets/categories.csv, row {row}, column "id": "{slug}" has the wrong form' in err
    assert snapshot(project / "build") == previous_build


def test_a_symlink_out_of_the_repository(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    outside = tmp_path / "outside.csv"
    outside.write_bytes((project / "datasets/glossary.csv").read_bytes())
    (project / "datasets/glossary.csv").unlink()
    (project / "datasets/glossary.csv").symlink_to(outside)
    err = refused(project, capsys)
    assert "datasets/glossary.csv: the file links outside the repository; refused" in err
    assert snapshot(project / "build") == previous_build


def test_a_file_that_is_not_text(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "datasets/sources.csv").write_bytes(b"PK\x03\x04\x00\x00binary\x00\x00")
    err = refused(project, capsys)
    assert "datasets/sources.csv: is not a text file (perhaps an Excel .xlsx or another binary file renamed)" in err
    assert snapshot(project / "build") == previous_build


def test_a_csv_of_hundreds_of_megabytes_is_refused_before_it_is_read(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    path = project / "datasets/observations.csv"
    with path.open("r+b") as handle:
        handle.truncate(300 * 1024 * 1024)  # sparse: the test machine's disk is not filled
    err = refused(project, capsys)
    assert "datasets/observations.csv: the file is too large (300 MB; the limit is 50 MB)" in err
    assert snapshot(project / "build") == previous_build


def test_malformed_front_matter(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    page = project / "content/en/about.md"
    text = page.read_text(encoding="utf-8")
    _rewrite(page, text.replace("title: About the plan\n", "title: About the plan\nsummary: [unclosed\n"))
    err = refused(project, capsys)
    assert "content/en/about.md, row 4: the front matter is not valid YAML" in err
    assert snapshot(project / "build") == previous_build
