"""Bad input: each mistake staff can make is refused with file, row and column, and build/ stays as it was."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

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


def says(err: str, zh: str, en: str) -> None:
    """The exact message staff read: the Chinese line, and under it the same message in English."""
    assert f"✗ {zh}\n  {en}\n" in err, err


NUMBER_ZH = "（只写数字，例如 70.5；不要带单位、空格或千位分隔符）"
NUMBER_EN = "(write digits only, such as 70.5: no units, spaces or thousands separators)"


def test_wrong_type(project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]) -> None:
    row = set_cell(
        project / "datasets/observations.csv", {"indicator_id": "good-air-days", "year": "2022"}, "value", "7O.5"
    )
    err = refused(project, capsys)
    says(
        err,
        f"datasets/observations.csv，第 {row} 行，“value”列：“7O.5”不是数字{NUMBER_ZH}",
        f'datasets/observations.csv, row {row}, column "value": "7O.5" is not a number {NUMBER_EN}',
    )
    assert snapshot(project / "build") == previous_build


def test_missing_required_value(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    row = set_cell(project / "datasets/indicators.csv", {"id": "rail-transit-length"}, "name_zh", "")
    err = refused(project, capsys)
    says(
        err,
        f"datasets/indicators.csv，第 {row} 行，“name_zh”列：不能为空，请填写",
        f'datasets/indicators.csv, row {row}, column "name_zh": is empty but required; please fill it in',
    )
    assert snapshot(project / "build") == previous_build


def test_duplicate_key(project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "datasets/observations.csv"
    rows = read_rows(path)
    rows.append(dict(rows[0]))
    write_rows(path, rows)
    err = refused(project, capsys)
    key = f"{rows[0]['indicator_id']}, {rows[0]['year']}"
    says(
        err,
        f"datasets/observations.csv，第 {len(rows) + 1} 行，“indicator_id, year”列：主键（{key}）与第 2 行重复："
        "每一行的主键必须唯一",
        f'datasets/observations.csv, row {len(rows) + 1}, column "indicator_id, year": duplicate key ({key}): '
        "the same as row 2; each row's key must be unique",
    )
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
    says(
        err,
        f"datasets/observations.csv，第 {row} 行，“indicator_id”列：“good-air-dayz”在 datasets/indicators.csv 的"
        "“id”列中不存在：请检查拼写，或先在 datasets/indicators.csv 中加上这一行",
        f'datasets/observations.csv, row {row}, column "indicator_id": "good-air-dayz" is not found in column "id" '
        "of datasets/indicators.csv: check the spelling, or add that row to datasets/indicators.csv first",
    )
    assert snapshot(project / "build") == previous_build


GBK_ZH = (
    "文件是 GBK/GB18030 编码（中文 Windows 上的软件常用的默认格式），本网站只接受 UTF-8。"
    "请在 Excel 中选择“另存为”→“CSV UTF-8（逗号分隔）(*.csv)”重新保存，或在 WPS 中选择编码 UTF-8。"
)
GBK_EN = (
    "is encoded as GBK/GB18030 (what Excel and many editors on Chinese Windows save by default); only UTF-8 is "
    'accepted. In Excel choose "Save As" → "CSV UTF-8 (Comma delimited) (*.csv)", or choose UTF-8 encoding in WPS.'
)


def test_gbk_csv_is_refused_with_how_to_fix(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    path = project / "datasets/chapters.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    err = refused(project, capsys)
    says(err, f"datasets/chapters.csv，第 2 行：{GBK_ZH}", f"datasets/chapters.csv, row 2: {GBK_EN}")
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
    says(err, f"datasets/sources.csv，第 3002 行：{GBK_ZH}", f"datasets/sources.csv, row 3002: {GBK_EN}")
    assert snapshot(project / "build") == previous_build


def test_every_problem_in_every_file_at_once(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    value = set_cell(
        project / "datasets/observations.csv", {"indicator_id": "good-air-days", "year": "2022"}, "value", "x"
    )
    decimals = set_cell(project / "datasets/indicators.csv", {"id": "rail-transit-length"}, "decimals", "two")
    attribute = set_cell(project / "datasets/indicators.csv", {"id": "good-air-days"}, "attribute", "mandatory")
    err = refused(project, capsys)
    says(
        err,
        f"datasets/observations.csv，第 {value} 行，“value”列：“x”不是数字{NUMBER_ZH}",
        f'datasets/observations.csv, row {value}, column "value": "x" is not a number {NUMBER_EN}',
    )
    says(
        err,
        f"datasets/indicators.csv，第 {decimals} 行，“decimals”列：“two”不是整数（例如 3）",
        f'datasets/indicators.csv, row {decimals}, column "decimals": "two" is not a whole number (such as 3)',
    )
    says(
        err,
        f"datasets/indicators.csv，第 {attribute} 行，“attribute”列：“mandatory”不是允许的取值，应为：expected, binding",
        f'datasets/indicators.csv, row {attribute}, column "attribute": "mandatory" is not allowed; use one of: '
        "expected, binding",
    )
    assert "✗ 发现 3 个问题，未生成网站 / 3 problem(s) found; nothing was written." in err


def test_missing_english_name_fails_only_in_strict_mode(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    row = set_cell(project / "datasets/indicators.csv", {"id": "sponge-city-area"}, "name_en", "")
    assert main(["build", "--root", str(project)]) == 0
    warned = capsys.readouterr().err
    assert f'datasets/indicators.csv, row {row}, column "name_en": missing translation' in warned
    rebuilt = snapshot(project / "build")
    err = refused(project, capsys, "--strict")
    says(
        err,
        f"datasets/indicators.csv，第 {row} 行，“name_en”列：缺少译文：另一种语言已填写，这一格却是空的",
        f'datasets/indicators.csv, row {row}, column "name_en": missing translation: the other language is filled '
        "in but this cell is empty",
    )
    assert snapshot(project / "build") == rebuilt


def test_missing_page_translation_fails_in_strict_mode(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "content/en/about.md").unlink()
    err = refused(project, capsys, "--strict")
    says(
        err,
        "content/en/about.md：缺少译文：content/zh/about.md 没有对应的 en 页面；请在这个位置写上译文",
        "content/en/about.md: missing translation: content/zh/about.md has no en counterpart; write the "
        "translation here",
    )
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
    says(
        err,
        "content/zh/chapters/implementation.md，键 “author”：不认识的键“author”，可用的键：chapter, description, title",
        'content/zh/chapters/implementation.md, key "author": unknown key "author"; allowed keys: chapter, '
        "description, title",
    )
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
    says(
        err,
        f"datasets/commitments.csv，第 {row} 行，“clause_zh”列：这段文字在 content/zh/chapters/migrant-integration.md "
        "中找不到（须与正文逐字一致）：“城镇新增就业31万人以上”",
        f'datasets/commitments.csv, row {row}, column "clause_zh": this phrase is not found in '
        'content/zh/chapters/migrant-integration.md (it must match the text exactly): "城镇新增就业31万人以上"',
    )
    assert snapshot(project / "build") == previous_build


def test_an_anchor_the_text_does_not_have(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    row = set_cell(
        project / "datasets/indicator_sections.csv", {"indicator_id": "rail-transit-length"}, "section", "s42"
    )
    err = refused(project, capsys)
    for lang in ("zh", "en"):
        says(
            err,
            f"datasets/indicator_sections.csv，第 {row} 行，“section”列：“s42”不是 content/{lang}/chapters/"
            "urban-pattern.md 中的锚点：请用正文中已有的锚点（写在标题上一行，如 {#s12}）",
            f'datasets/indicator_sections.csv, row {row}, column "section": "s42" is not an anchor in '
            f"content/{lang}/chapters/urban-pattern.md: use one the text has (written on the line above a heading, "
            "such as {#s12})",
        )
    assert snapshot(project / "build") == previous_build


def add_line(page: Path, line: str) -> int:
    """Add `line` to a Markdown page after a blank line; return its row."""
    text = page.read_text(encoding="utf-8")
    _rewrite(page, f"{text}\n{line}\n")
    return len(text.splitlines()) + 2


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
    says(
        err,
        "datasets/categories.csv，第 1 行：文件是空的：至少需要一行列名（表头）",
        "datasets/categories.csv, row 1: the file is empty: it needs at least the header row",
    )
    assert snapshot(project / "build") == previous_build


def test_a_header_without_rows(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    path = project / "datasets/glossary.csv"
    _rewrite(path, path.read_text(encoding="utf-8").splitlines()[0] + "\n")
    err = refused(project, capsys)
    says(
        err,
        "datasets/glossary.csv，第 2 行：只有表头，没有数据行：请至少填写一行数据",
        "datasets/glossary.csv, row 2: has a header but no rows: add at least one row of data",
    )
    assert snapshot(project / "build") == previous_build


@pytest.mark.parametrize(
    ("old", "new", "zh", "en"),
    [
        ("url,published,grade", "url,published", "缺少列：grade。", "Missing: grade."),
        ("url,published,grade", "url,published,grade,extra", "多出的列：extra。", "Not expected: extra."),
    ],
)
def test_a_missing_or_extra_column(
    project: Path,
    previous_build: dict[str, bytes],
    capsys: pytest.CaptureFixture[str],
    old: str,
    new: str,
    zh: str,
    en: str,
) -> None:
    path = project / "datasets/sources.csv"
    _rewrite(path, path.read_text(encoding="utf-8").replace(old, new, 1))
    err = refused(project, capsys)
    columns = "id,title,title_en,publisher_zh,publisher_en,url,published,grade"
    says(
        err,
        f"datasets/sources.csv，第 1 行：列名与数据包的定义不一致。{zh}应为（按顺序）：{columns}",
        f"datasets/sources.csv, row 1: the column headings differ from the schema. {en} Expected, in order: {columns}",
    )
    assert err.count("✗ datasets/sources.csv") == 1  # one clear message, not one per cell
    assert snapshot(project / "build") == previous_build


@pytest.mark.parametrize(("mark", "zh", "en"), [(";", "分号", "semicolons"), ("\t", "制表符", "tabs")])
def test_columns_separated_by_semicolons_or_tabs(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str], mark: str, zh: str, en: str
) -> None:
    path = project / "datasets/glossary.csv"
    write_rows(path, read_rows(path), delimiter=mark)
    err = refused(project, capsys)
    says(
        err,
        f"datasets/glossary.csv，第 1 行：各列是用{zh}分隔的，本网站只接受逗号分隔。请在 Excel 中选择“另存为”→"
        "“CSV UTF-8（逗号分隔）(*.csv)”重新保存。",
        f"datasets/glossary.csv, row 1: the columns are separated by {en}; only commas are accepted. In Excel choose "
        '"Save As" → "CSV UTF-8 (Comma delimited) (*.csv)".',
    )
    assert snapshot(project / "build") == previous_build


def test_blank_rows_left_at_the_end_by_excel(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    path = project / "datasets/glossary.csv"
    rows = read_rows(path)
    _rewrite(path, path.read_text(encoding="utf-8") + ",,,,\n,,,,\n")
    err = refused(project, capsys)
    for row in (len(rows) + 2, len(rows) + 3):
        says(
            err,
            f"datasets/glossary.csv，第 {row} 行：空行，请删除（Excel 常在表格末尾留下这样的行）",
            f"datasets/glossary.csv, row {row}: the row is blank; delete it (Excel often leaves such rows at the end)",
        )
    assert "✗ 发现 2 个问题，未生成网站 / 2 problem(s) found; nothing was written." in err  # no key problems too
    assert snapshot(project / "build") == previous_build


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        (
            "NaN",
            "“NaN”不是可以发布的数值（请填写具体数字，没有数据就留空）",
            '"NaN" is not a value that can be published (write a number, or leave it empty)',
        ),
        (
            "inf",
            "“inf”不是可以发布的数值（请填写具体数字，没有数据就留空）",
            '"inf" is not a value that can be published (write a number, or leave it empty)',
        ),
        ("-3", "“-3”不能小于 0", '"-3" must not be less than 0'),
    ],
)
def test_values_that_cannot_be_published(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str], value: str, zh: str, en: str
) -> None:
    row = set_cell(
        project / "datasets/observations.csv", {"indicator_id": "good-air-days", "year": "2022"}, "value", value
    )
    err = refused(project, capsys)
    says(
        err,
        f"datasets/observations.csv，第 {row} 行，“value”列：{zh}",
        f'datasets/observations.csv, row {row}, column "value": {en}',
    )
    assert snapshot(project / "build") == previous_build


@pytest.mark.parametrize(
    ("year", "zh", "en"),
    [
        ("2019", "“2019”不能小于 2020", '"2019" must not be less than 2020'),
        (
            "2031",
            "2031年晚于评估年份（2026年，见 site.toml 的 assessment_year），不可能已有公开数据",
            "2031 is after the assessment year (2026, assessment_year in site.toml): no source can have published "
            "it yet",
        ),
    ],
)
def test_a_year_outside_the_plan_period(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str], year: str, zh: str, en: str
) -> None:
    row = set_cell(
        project / "datasets/observations.csv", {"indicator_id": "good-air-days", "year": "2022"}, "year", year
    )
    err = refused(project, capsys)
    says(
        err,
        f"datasets/observations.csv，第 {row} 行，“year”列：{zh}",
        f'datasets/observations.csv, row {row}, column "year": {en}',
    )
    assert snapshot(project / "build") == previous_build


def test_an_observation_without_a_source(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    row = set_cell(
        project / "datasets/observations.csv", {"indicator_id": "good-air-days", "year": "2022"}, "source_id", ""
    )
    err = refused(project, capsys)
    says(
        err,
        f"datasets/observations.csv，第 {row} 行，“source_id”列：不能为空，请填写",
        f'datasets/observations.csv, row {row}, column "source_id": is empty but required; please fill it in',
    )
    assert snapshot(project / "build") == previous_build


@pytest.mark.parametrize("link", ["/zh/indicators/no-such-indicator/", "/zh/commitments/#no-such-commitment"])
def test_a_markdown_link_to_an_unknown_indicator_or_commitment(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str], link: str
) -> None:
    row = add_line(project / "content/zh/about.md", f"见[这一项]({link})。")
    err = refused(project, capsys)
    says(
        err,
        f"content/zh/about.md，第 {row} 行：链接指向不存在的页面或锚点：{link}。请检查地址；指标和承诺的地址见 "
        "/zh/indicators/ 和 /zh/commitments/",
        f"content/zh/about.md, row {row}: the link leads to a page or anchor that does not exist: {link}. Check the "
        "address; the addresses of indicators and commitments are listed on /zh/indicators/ and /zh/commitments/",
    )
    assert snapshot(project / "build") == previous_build


def test_an_image_from_another_host(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    row = add_line(project / "content/zh/about.md", "![湖州](https://example.org/huzhou.png)")
    err = refused(project, capsys)
    says(
        err,
        f"content/zh/about.md，第 {row} 行：图片必须由本网站自己提供，不能引用其他网站的图片（在中国大陆可能打不开）："
        "https://example.org/huzhou.png。请把图片文件放在 content/images/ 里，地址写成 /images/文件名",
        f"content/zh/about.md, row {row}: images must be served by the site itself, not taken from another host (which "
        "may not load in mainland China): https://example.org/huzhou.png. Put the file in content/images/ and write "
        "its address as /images/<file name>",
    )
    assert snapshot(project / "build") == previous_build


@pytest.mark.parametrize("address", ["/images/map.png", "map.png"])
def test_an_image_file_that_does_not_exist(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str], address: str
) -> None:
    row = add_line(project / "content/zh/about.md", f"![地图]({address})")
    err = refused(project, capsys)
    says(
        err,
        f"content/zh/about.md，第 {row} 行：图片文件不存在：{address}。请把图片放在 content/images/ 里，地址写成 /images/文件名",
        f"content/zh/about.md, row {row}: the image file does not exist: {address}. Put the image in content/images/ "
        "and write its address as /images/<file name>",
    )
    assert snapshot(project / "build") == previous_build


def test_a_relative_link_is_checked_from_its_page(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    row = add_line(project / "content/zh/about.md", "见[方法](../methodology/)和[别处](../nowhere/)。")
    err = refused(project, capsys)
    says(
        err,
        f"content/zh/about.md，第 {row} 行：链接指向不存在的页面或锚点：../nowhere/。请检查地址；指标和承诺的地址见 "
        "/zh/indicators/ 和 /zh/commitments/",
        f"content/zh/about.md, row {row}: the link leads to a page or anchor that does not exist: ../nowhere/. Check "
        "the address; the addresses of indicators and commitments are listed on /zh/indicators/ and /zh/commitments/",
    )
    assert "../methodology/" not in err  # that one leads to the method page
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
    says(
        err,
        f"datasets/categories.csv，第 {row} 行，“id”列：“{slug}”格式不对：只能用小写字母 a–z、数字和连字符，"
        "不能有空格、点或斜杠，例如 urban-rural",
        f'datasets/categories.csv, row {row}, column "id": "{slug}" has the wrong form: use lower-case letters a–z, '
        "digits and hyphens only, with no spaces, dots or slashes, such as urban-rural",
    )
    assert snapshot(project / "build") == previous_build


@pytest.mark.parametrize(
    "link",
    ["datasets/glossary.csv", "content/zh/about.md", "themes/default/templates/base.html", "content/en/chapters"],
)
def test_a_symlink_out_of_the_repository(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str], tmp_path: Path, link: str
) -> None:
    """Followed, the link would publish whatever it points at: on the server, any file the build can read."""
    inside = project / link
    outside = tmp_path / "outside" / inside.name
    outside.parent.mkdir()
    inside.rename(outside)
    inside.symlink_to(outside, target_is_directory=outside.is_dir())
    err = refused(project, capsys)
    says(
        err,
        f"{link}：文件是指向仓库以外的链接，已拒绝：请把链接换成文件本身",
        f"{link}: the file links outside the repository; refused: put the file itself in its place",
    )
    assert snapshot(project / "build") == previous_build


@pytest.mark.parametrize("name", ["annual report", "年度报告", "Report", "report.v2"])
def test_a_page_file_name_that_cannot_be_an_address(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str], name: str
) -> None:
    for lang in ("zh", "en"):
        (project / f"content/{lang}/{name}.md").write_text("---\ntitle: x\n---\ntext\n", encoding="utf-8")
    err = refused(project, capsys)
    for lang in ("zh", "en"):
        says(
            err,
            f"content/{lang}/{name}.md：文件名（和文件夹名）会成为网页地址，只能用小写字母 a–z、数字和连字符，不能有空格、点或"
            "汉字，例如 annual-report.md",
            f"content/{lang}/{name}.md: the file's name (and its folders') becomes the page's address: use lower-case "
            "letters a–z, digits and hyphens only, with no spaces, dots or Chinese characters, such as annual-report.md",
        )
    assert snapshot(project / "build") == previous_build


def test_a_symlink_inside_the_repository_is_followed(project: Path) -> None:
    page = project / "content/en/about.md"
    (project / "about-en.md").write_bytes(page.read_bytes())
    page.unlink()
    page.symlink_to(project / "about-en.md")
    assert main(["build", "--root", str(project), "--strict"]) == 0
    assert "Notice of issue" in (project / "build/en/about/index.html").read_text(encoding="utf-8")


def test_a_file_that_is_not_text(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "datasets/sources.csv").write_bytes(b"PK\x03\x04\x00\x00binary\x00\x00")
    err = refused(project, capsys)
    says(
        err,
        "datasets/sources.csv：不是文本文件（可能是 Excel 的 .xlsx 或其他二进制文件被改了扩展名）。请另存为 CSV UTF-8。",
        "datasets/sources.csv: is not a text file (perhaps an Excel .xlsx or another binary file renamed). Save it "
        "as CSV UTF-8.",
    )
    assert snapshot(project / "build") == previous_build


def test_a_csv_of_hundreds_of_megabytes_is_refused_before_it_is_read(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    path = project / "datasets/observations.csv"
    with path.open("r+b") as handle:
        handle.truncate(300 * 1024 * 1024)  # sparse: the test machine's disk is not filled
    err = refused(project, capsys)
    says(
        err,
        "datasets/observations.csv：文件太大（300 MB，上限 50 MB）。请检查是否保存了多余的内容，或把数据拆分成多个文件。",
        "datasets/observations.csv: the file is too large (300 MB; the limit is 50 MB). Check for stray content, or "
        "split the data into several files.",
    )
    assert snapshot(project / "build") == previous_build


def test_a_markdown_page_of_hundreds_of_megabytes_is_refused_before_it_is_read(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    with (project / "content/en/about.md").open("r+b") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse
    err = refused(project, capsys)
    says(
        err,
        "content/en/about.md：页面太大（200 MB，上限 4 MB）。请检查是否粘贴了多余的内容，或把它拆分成几个页面。",
        "content/en/about.md: the page is too large (200 MB; the limit is 4 MB). Check for pasted stray content, or "
        "split it into several pages.",
    )
    assert snapshot(project / "build") == previous_build


@pytest.mark.parametrize(
    "file", ["themes/default/locale/zh_Hans/LC_MESSAGES/messages.po", "themes/default/templates/base.html"]
)
def test_a_theme_file_saved_as_gbk(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str], file: str
) -> None:
    path = project / file
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("gb18030"))
    row = next(n for n, line in enumerate(text.splitlines(), start=1) if not line.isascii())
    err = refused(project, capsys)
    says(
        err,
        f"{file}，第 {row} 行：文件是 GBK/GB18030 编码（中文 Windows 上的软件常用的默认格式），本网站只接受 UTF-8。"
        "请在编辑器中把文件另存为 UTF-8 编码（例如记事本“另存为”时选择编码 UTF-8）。",
        f"{file}, row {row}: is encoded as GBK/GB18030 (what Excel and many editors on Chinese Windows save by "
        'default); only UTF-8 is accepted. Save the file as UTF-8 in your editor (in Notepad: "Save As", encoding '
        "UTF-8).",
    )
    assert snapshot(project / "build") == previous_build


def test_a_template_that_is_not_valid_jinja(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    base = project / "themes/default/templates/base.html"
    text = base.read_text(encoding="utf-8")
    _rewrite(base, text + "{% if %}\n")
    row = len(text.splitlines()) + 1
    err = refused(project, capsys)
    says(
        err,
        f"themes/default/templates/base.html，第 {row} 行：模板写法有误：Expected an expression, got 'end of statement "
        "block'。请检查每个 {% … %} 和 {{ … }} 是否完整、成对",
        f"themes/default/templates/base.html, row {row}: the template is not valid Jinja: Expected an expression, got "
        "'end of statement block'. Check that each {% … %} and {{ … }} is complete and closed",
    )
    assert snapshot(project / "build") == previous_build


def test_a_template_that_names_an_unknown_field(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    """Found only while pages are made, in a worker process: still named by template file and row."""
    page = project / "themes/default/templates/indicator.html"
    lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
    row = next(n for n, line in enumerate(lines, 1) if "i.latest.source.url" in line)
    lines[row - 1] = lines[row - 1].replace("i.latest.source.url", "i.latest.source.adress")
    _rewrite(page, "".join(lines))
    err = refused(project, capsys, "--force")
    problem = "'site_builder.model.entities.Source object' has no attribute 'adress'"
    says(
        err,
        f"themes/default/templates/indicator.html，第 {row} 行：模板出错（{problem}）：请检查这一行用到的名称是否拼写正确",
        f"themes/default/templates/indicator.html, row {row}: the template failed ({problem}): check the spelling of "
        "the names this row uses",
    )
    assert snapshot(project / "build") == previous_build


@pytest.mark.parametrize("indicator", ["urban-school-enrolment", "good-air-days"])
def test_garbled_chinese_in_a_utf8_file(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str], indicator: str
) -> None:
    """A CSV once opened as Windows-1252 and saved again as UTF-8: valid UTF-8, but the names are garbled. Each
    byte becomes the character 1252 shows for it; the five bytes 1252 leaves undefined (in 城市空气质量… there is
    one) pass through as Latin-1 control characters, as Windows does."""
    path = project / "datasets/indicators.csv"
    name = next(r["name_zh"] for r in read_rows(path) if r["id"] == indicator)
    garbled = "".join(
        bytes([b]).decode("latin-1" if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else "cp1252") for b in name.encode()
    )
    row = set_cell(path, {"id": indicator}, "name_zh", garbled)
    err = refused(project, capsys)
    says(
        err,
        f"datasets/indicators.csv，第 {row} 行，“name_zh”列：文字是乱码：“{garbled}”原本应是“{name}”。"
        "文件多半曾用错误的编码打开后又保存，请改回正确的文字",
        f'datasets/indicators.csv, row {row}, column "name_zh": the text is garbled: "{garbled}" was "{name}". The '
        "file was probably opened with the wrong encoding and saved again; put the right text back",
    )
    assert snapshot(project / "build") == previous_build


def test_the_marks_of_garbled_text_in_a_page(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    row = add_line(project / "content/zh/about.md", "湖州锟斤拷规划")
    err = refused(project, capsys)
    says(
        err,
        f"content/zh/about.md，第 {row} 行：文字中有乱码“锟斤拷”：文件多半曾用错误的编码打开后又保存。请从原始资料重新输入这段文字",
        f'content/zh/about.md, row {row}: the text holds "锟斤拷", the mark of garbled text: the file was probably '
        "opened with the wrong encoding and saved again. Type the text again from the source",
    )
    assert snapshot(project / "build") == previous_build


def test_malformed_front_matter(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    page = project / "content/en/about.md"
    text = page.read_text(encoding="utf-8")
    _rewrite(page, text.replace("title: About the plan\n", "title: About the plan\nsummary: [unclosed\n"))
    err = refused(project, capsys)
    says(
        err,
        "content/en/about.md，第 4 行：开头的 front matter（两行 --- 之间）不是有效的 YAML（expected ',' or ']', but "
        "got ':'，出错的部分从第 3 行开始）。请检查括号和引号是否成对；值里有冒号“:”时，请把整个值放在引号里。",
        "content/en/about.md, row 4: the front matter (between the two --- lines) is not valid YAML (expected ',' or "
        "']', but got ':'; the part in error begins on row 3). Check that brackets and quotes are closed; put a "
        'value that contains a colon ":" in quotes.',
    )
    assert snapshot(project / "build") == previous_build


HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)"> & "quoted"'


def test_html_in_data_cells_is_text_on_every_page_and_file(project: Path) -> None:
    """Names, units and notes go into pages, charts, feeds, JSON and spreadsheets: everywhere they stay text."""
    set_cell(project / "datasets/indicators.csv", {"id": "good-air-days"}, "name_en", HOSTILE)
    set_cell(project / "datasets/indicators.csv", {"id": "good-air-days"}, "unit_en", HOSTILE)
    for column in ("note_zh", "note_en"):
        set_cell(project / "datasets/indicators.csv", {"id": "sponge-city-area"}, column, HOSTILE)
        set_cell(
            project / "datasets/observations.csv", {"indicator_id": "good-air-days", "year": "2022"}, column, HOSTILE
        )
    assert main(["build", "--root", str(project), "--strict"]) == 0
    site = project / "build"
    pages = [p for p in site.rglob("*.html") if "pagefind" not in p.parts]
    shown = 0
    for path in pages:
        page = BeautifulSoup(path.read_bytes(), "html.parser")
        for data in page.select('script[type="application/ld+json"], script[type="application/json"]'):
            assert "<" not in data.get_text(), path  # JSON in a page: < written as \u003c
            data.decompose()
        assert all(s.get("src") and not s.get_text().strip() for s in page.select("script")), path
        assert not [a for t in page.find_all(True) for a in t.attrs if a.lower().startswith("on")], path
        shown += HOSTILE in page.get_text()
    assert shown >= 3  # the indicator's page, the lists that name it, the sponge-city page: shown as text
    markup = [*site.rglob("*.svg"), *site.rglob("*.xml")]  # a browser renders these when opened directly
    assert len(markup) > 20
    for path in markup:
        tree = ElementTree.parse(path)  # well-formed: the text was escaped
        assert not [e for e in tree.iter() if str(e.tag).endswith("script")], path
        assert not [a for e in tree.iter() for a in e.attrib if a.lower().startswith("on")], path
    record = json.loads((site / "api/v1/indicators/good-air-days.json").read_text(encoding="utf-8"))
    assert record["name"]["en"] == record["unit"]["en"] == HOSTILE  # data files carry the value itself, as data
