"""Bad input: each mistake staff can make is refused with file, row and column, and build/ stays as it was.

Most mistakes have one shape — one cell or file changed, one exact message in Chinese and English, nothing else
refused — and are rows of the table `CATALOGUE`; the others are tests of their own below it."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from site_builder.cli import main
from site_builder.problems import Location
from tests.helpers import assert_line, assert_problem, read_rows, set_cell, snapshot, write_rows

pytestmark = pytest.mark.e2e


@pytest.fixture
def previous_build(built_project: Path) -> dict[str, bytes]:
    """A good build already in place; every refused build must leave it byte for byte as it was."""
    return snapshot(built_project / "build")


def refused(project: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    """Run a build that must fail; return what it printed for staff."""
    assert main(["build", "--root", str(project), *extra]) == 1
    return capsys.readouterr().err


def says(err: str, zh: str, en: str) -> None:
    """The exact message staff read: the Chinese line, and under it the same message in English."""
    assert f"✗ {zh}\n  {en}\n" in err, err


OBSERVATIONS, INDICATORS = "datasets/observations.csv", "datasets/indicators.csv"
GOOD_AIR_2022 = {"indicator_id": "good-air-days", "year": "2022"}
NUMBER_ZH = "（只写数字，例如 70.5；不要带单位、空格或千位分隔符）"
NUMBER_EN = "(write digits only, such as 70.5: no units, spaces or thousands separators)"
GBK_ZH = (
    "文件是 GBK/GB18030 编码（中文 Windows 上的软件常用的默认格式），本网站只接受 UTF-8。"
    "请在 Excel 中选择“另存为”→“CSV UTF-8（逗号分隔）(*.csv)”重新保存，或在 WPS 中选择编码 UTF-8。"
)
GBK_EN = (
    "is encoded as GBK/GB18030 (what Excel and many editors on Chinese Windows save by default); only UTF-8 is "
    'accepted. In Excel choose "Save As" → "CSV UTF-8 (Comma delimited) (*.csv)", or choose UTF-8 encoding in WPS.'
)
LINK_ZH = "请检查地址；指标和承诺的地址见 /zh/indicators/ 和 /zh/commitments/"
LINK_EN = (
    "Check the address; the addresses of indicators and commitments are listed on /zh/indicators/ and /zh/commitments/"
)

Edit = Callable[[Path], Mapping[str, object]]  # changes a project; returns the values its message names ({row}, …)


@dataclass(frozen=True)
class Mistake:
    """A mistake staff can make, how to make it in a copy of the project, and the one message the build answers
    with. `zh` and `en` name what the edit decides as {row} or {key}; every other brace is the message's own."""

    id: str
    edit: Edit
    zh: str
    en: str
    options: tuple[str, ...] = ()  # of `site-builder build`
    alone: bool = True  # the only problem reported (False: the rows that refer to the changed cell are named too)


def cell(file: str, match: dict[str, str], column: str, value: str) -> Edit:
    """Put `value` in `column` of the first row of `file` that matches `match`."""
    return lambda project: {"row": set_cell(project / file, match, column, value)}


def rewrite(file: str, change: Callable[[str], str]) -> Edit:
    """Save `file` again as UTF-8, its text changed by `change`."""

    def edit(project: Path) -> Mapping[str, object]:
        path = project / file
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
        return {}

    return edit


def add_line(page: Path, line: str) -> int:
    """Add `line` to a Markdown page after a blank line; return its row."""
    text = page.read_text(encoding="utf-8")
    page.write_text(f"{text}\n{line}\n", encoding="utf-8")
    return len(text.splitlines()) + 2


def line_in_about(line: str) -> Edit:
    return lambda project: {"row": add_line(project / "content/zh/about.md", line)}


def saved_as_gbk(file: str) -> Edit:
    """The file saved again as GBK/GB18030, what Excel and Notepad on Chinese Windows do; {row} is its first
    line that is not ASCII."""

    def edit(project: Path) -> Mapping[str, object]:
        path = project / file
        text = path.read_text(encoding="utf-8-sig")
        path.write_bytes(text.encode("gb18030"))
        return {"row": next(n for n, line in enumerate(text.splitlines(), start=1) if not line.isascii())}

    return edit


def duplicate_first_observation(project: Path) -> Mapping[str, object]:
    path = project / OBSERVATIONS
    rows = read_rows(path)
    rows.append(dict(rows[0]))
    write_rows(path, rows)
    return {"row": len(rows) + 1, "key": f"{rows[0]['indicator_id']}, {rows[0]['year']}"}


def chinese_only_after_thousands_of_ascii_rows(project: Path) -> Mapping[str, object]:
    """The trap of TOOLING.md §7: encoding detection on the first rows would read this file as Latin."""
    path = project / "datasets/sources.csv"
    rows = read_rows(path)
    template = rows[-1]
    ascii_rows = [{**template, "id": f"s{n}", "title": "x", "publisher_zh": "x"} for n in range(3000)]
    write_rows(path, [*ascii_rows, *rows], encoding="gb18030")
    return {}


def delete(file: str) -> Edit:
    def edit(project: Path) -> Mapping[str, object]:
        (project / file).unlink()
        return {}

    return edit


def header_only(project: Path) -> Mapping[str, object]:
    path = project / "datasets/glossary.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    return {}


def separated_by(mark: str) -> Edit:
    def edit(project: Path) -> Mapping[str, object]:
        path = project / "datasets/glossary.csv"
        write_rows(path, read_rows(path), delimiter=mark)
        return {}

    return edit


def link_out_of_the_repository(link: str) -> Edit:
    """Move the file (or folder) out of the project and leave a symbolic link to it in its place."""

    def edit(project: Path) -> Mapping[str, object]:
        inside = project / link
        outside = project.parent / "outside" / inside.name
        outside.parent.mkdir()
        inside.rename(outside)
        inside.symlink_to(outside, target_is_directory=outside.is_dir())
        return {}

    return edit


def write_bytes(file: str, data: bytes) -> Edit:
    def edit(project: Path) -> Mapping[str, object]:
        (project / file).write_bytes(data)
        return {}

    return edit


def sparse(file: str, size: int) -> Edit:
    """The file made `size` bytes long without filling the test machine's disk."""

    def edit(project: Path) -> Mapping[str, object]:
        with (project / file).open("r+b") as handle:
            handle.truncate(size)
        return {}

    return edit


def template_ending_with(line: str) -> Edit:
    def edit(project: Path) -> Mapping[str, object]:
        base = project / "themes/default/templates/base.html"
        text = base.read_text(encoding="utf-8")
        base.write_text(text + line, encoding="utf-8")
        return {"row": len(text.splitlines()) + 1}

    return edit


def misspelt_field_in_the_indicator_template(project: Path) -> Mapping[str, object]:
    page = project / "themes/default/templates/indicator.html"
    lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
    row = next(n for n, line in enumerate(lines, 1) if "i.latest.source.url" in line)
    lines[row - 1] = lines[row - 1].replace("i.latest.source.url", "i.latest.source.adress")
    page.write_text("".join(lines), encoding="utf-8")
    return {"row": row}


def garbled_name(indicator: str) -> Edit:
    """A CSV once opened as Windows-1252 and saved again as UTF-8: valid UTF-8, but the names are garbled. Each
    byte becomes the character 1252 shows for it; the five bytes 1252 leaves undefined (in 城市空气质量… there is
    one) pass through as Latin-1 control characters, as Windows does."""

    def edit(project: Path) -> Mapping[str, object]:
        path = project / INDICATORS
        name = next(r["name_zh"] for r in read_rows(path) if r["id"] == indicator)
        garbled = "".join(
            bytes([b]).decode("latin-1" if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else "cp1252") for b in name.encode()
        )
        return {"row": set_cell(path, {"id": indicator}, "name_zh", garbled), "garbled": garbled, "name": name}

    return edit


def row_changed(file: str, row: int, change: Callable[[str], str]) -> Edit:
    """Line `row` of `file` (the header row is 1) changed as a text editor would, commas and all."""

    def edit(project: Path) -> Mapping[str, object]:
        path = project / file
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        lines[row - 1] = change(lines[row - 1].rstrip("\n")) + "\n"
        path.write_text("".join(lines), encoding="utf-8")
        return {"row": row}

    return edit


def comma_deleted_in_the_descriptor(project: Path) -> Mapping[str, object]:
    """The comma after the descriptor's "name" deleted; {row} is the next line's, where JSON wants it."""
    path = project / "datasets/datapackage.json"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    row = next(n for n, line in enumerate(lines, 1) if line.startswith('  "name": '))
    return row_changed("datasets/datapackage.json", row, lambda line: line.removesuffix(","))(project) | {
        "row": row + 1
    }


SOURCES_COLUMNS = "id,title,title_en,publisher_zh,publisher_en,url,published,grade"
THEME_FILES = ("themes/default/locale/zh_Hans/LC_MESSAGES/messages.po", "themes/default/templates/base.html")
UNKNOWN_FIELD = "'site_builder.model.entities.Source object' has no attribute 'adress'"

CATALOGUE = [
    Mistake(  # case 220: words where a date goes
        "words_for_a_date",
        cell("datasets/sources.csv", {"id": "plan-2021"}, "published", "2021年底"),
        "datasets/sources.csv，第 {row} 行，“published”列：“2021年底”不是日期（格式为 2024-03-05）",
        'datasets/sources.csv, row {row}, column "published": "2021年底" is not a date (written 2024-03-05)',
    ),
    Mistake(  # case 222: the last cell's comma deleted
        "a_cell_missing",
        row_changed(OBSERVATIONS, 3, lambda line: line.removesuffix(",")),
        "datasets/observations.csv，第 {row} 行，“definition_differs”列：这一行少了一个单元格",
        'datasets/observations.csv, row {row}, column "definition_differs": this row has too few cells',
    ),
    Mistake(  # case 223: a stray comma; the cell has no column heading, so no column is named
        "an_extra_cell",
        row_changed(OBSERVATIONS, 4, lambda line: line + ","),
        "datasets/observations.csv，第 {row} 行：这一行多了一个单元格（多余的逗号？）",
        "datasets/observations.csv, row {row}: this row has an extra cell (a stray comma?)",
    ),
    Mistake(  # case 224
        "descriptor_not_json",
        comma_deleted_in_the_descriptor,
        "datasets/datapackage.json，第 {row} 行：不是有效的 JSON：Expecting ',' delimiter（第 3 个字符）",
        "datasets/datapackage.json, row {row}: is not valid JSON: Expecting ',' delimiter (character 3)",
    ),
    Mistake(
        "wrong_type",
        cell(OBSERVATIONS, GOOD_AIR_2022, "value", "7O.5"),
        "datasets/observations.csv，第 {row} 行，“value”列：“7O.5”不是数字" + NUMBER_ZH,
        'datasets/observations.csv, row {row}, column "value": "7O.5" is not a number ' + NUMBER_EN,
    ),
    Mistake(
        "missing_required_value",
        cell(INDICATORS, {"id": "rail-transit-length"}, "name_zh", ""),
        "datasets/indicators.csv，第 {row} 行，“name_zh”列：不能为空，请填写",
        'datasets/indicators.csv, row {row}, column "name_zh": is empty but required; please fill it in',
    ),
    Mistake(
        "duplicate_key",
        duplicate_first_observation,
        "datasets/observations.csv，第 {row} 行，“indicator_id, year”列：“{key}”与第 2 行相同：这几列合起来区分每一行，不能有两行相同",
        'datasets/observations.csv, row {row}, column "indicator_id, year": "{key}" is the same as in row 2: these columns '
        "together tell the rows apart, so no two rows may share them",
    ),
    Mistake(
        "unknown_foreign_key",
        cell(OBSERVATIONS, GOOD_AIR_2022, "indicator_id", "good-air-dayz"),
        "datasets/observations.csv，第 {row} 行，“indicator_id”列：“good-air-dayz”在 datasets/indicators.csv 的“id”列中"
        "不存在：请检查拼写，或先在 datasets/indicators.csv 中加上这一行",
        'datasets/observations.csv, row {row}, column "indicator_id": "good-air-dayz" is not found in column "id" of '
        "datasets/indicators.csv: check the spelling, or add that row to datasets/indicators.csv first",
    ),
    Mistake(
        "gbk_csv_is_refused_with_how_to_fix",
        saved_as_gbk("datasets/chapters.csv"),
        "datasets/chapters.csv，第 2 行：" + GBK_ZH,
        "datasets/chapters.csv, row 2: " + GBK_EN,
    ),
    Mistake(
        "gbk_with_chinese_only_after_thousands_of_ascii_rows_is_not_garbled",
        chinese_only_after_thousands_of_ascii_rows,
        "datasets/sources.csv，第 3002 行：" + GBK_ZH,
        "datasets/sources.csv, row 3002: " + GBK_EN,
    ),
    Mistake(
        "missing_page_translation_fails_in_strict_mode",
        delete("content/en/about.md"),
        "content/en/about.md：缺少译文：content/zh/about.md 没有对应的 en 页面；请在这个位置写上译文",
        "content/en/about.md: missing translation: content/zh/about.md has no en counterpart; write the translation "
        "here",
        ("--strict",),
    ),
    Mistake(
        "unknown_front_matter_key",
        rewrite(
            "content/zh/chapters/implementation.md",
            lambda text: text.replace("chapter: implementation", "chapter: implementaton\nauthor: x"),
        ),
        "content/zh/chapters/implementation.md，键 “author”：不认识的键“author”，可用的键：chapter, description, title",
        'content/zh/chapters/implementation.md, key "author": unknown key "author"; allowed keys: chapter, '
        "description, title",
    ),
    Mistake(
        "commitment_clause_missing_from_the_text",
        cell("datasets/commitments.csv", {"id": "new-urban-jobs"}, "clause_zh", "城镇新增就业31万人以上"),
        "datasets/commitments.csv，第 {row} 行，“clause_zh”列：这段文字在 content/zh/chapters/migrant-integration.md "
        "中找不到（须与正文逐字一致）：“城镇新增就业31万人以上”",
        'datasets/commitments.csv, row {row}, column "clause_zh": this phrase is not found in '
        'content/zh/chapters/migrant-integration.md (it must match the text exactly): "城镇新增就业31万人以上"',
    ),
    Mistake(
        "empty_file",
        write_bytes("datasets/categories.csv", b""),
        "datasets/categories.csv，第 1 行：文件是空的：至少需要一行列名（表头）",
        "datasets/categories.csv, row 1: the file is empty: it needs at least the header row",
    ),
    Mistake(
        "header_without_rows",
        header_only,
        "datasets/glossary.csv，第 2 行：只有表头，没有数据行：请至少填写一行数据",
        "datasets/glossary.csv, row 2: has a header but no rows: add at least one row of data",
    ),
    *(
        Mistake(
            f"{kind}_column",
            rewrite("datasets/sources.csv", lambda text, new=new: text.replace("url,published,grade", new, 1)),
            f"datasets/sources.csv，第 1 行：列名与数据包的定义不一致。{zh}应为（按顺序）：{SOURCES_COLUMNS}",
            f"datasets/sources.csv, row 1: the column headings differ from the schema. {en} Expected, in order: "
            f"{SOURCES_COLUMNS}",
        )
        for kind, new, zh, en in (
            ("missing", "url,published", "缺少列：grade。", "Missing: grade."),
            ("extra", "url,published,grade,extra", "多出的列：extra。", "Not expected: extra."),
        )
    ),
    *(
        Mistake(
            f"columns_separated_by_{en}",
            separated_by(mark),
            f"datasets/glossary.csv，第 1 行：各列是用{zh}分隔的，本网站只接受逗号分隔。请在 Excel 中选择“另存为”→"
            "“CSV UTF-8（逗号分隔）(*.csv)”重新保存。",
            f"datasets/glossary.csv, row 1: the columns are separated by {en}; only commas are accepted. In Excel "
            'choose "Save As" → "CSV UTF-8 (Comma delimited) (*.csv)".',
        )
        for mark, zh, en in ((";", "分号", "semicolons"), ("\t", "制表符", "tabs"))
    ),
    *(
        Mistake(
            f"value_{value}_cannot_be_published",
            cell(OBSERVATIONS, GOOD_AIR_2022, "value", value),
            "datasets/observations.csv，第 {row} 行，“value”列：" + zh,
            'datasets/observations.csv, row {row}, column "value": ' + en,
        )
        for value, zh, en in (
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
        )
    ),
    *(
        Mistake(
            f"year_{year}_outside_the_plan_period",
            cell(OBSERVATIONS, GOOD_AIR_2022, "year", year),
            "datasets/observations.csv，第 {row} 行，“year”列：" + zh,
            'datasets/observations.csv, row {row}, column "year": ' + en,
        )
        for year, zh, en in (
            ("2019", "“2019”不能小于 2020", '"2019" must not be less than 2020'),
            (
                "2031",
                "2031年晚于评估年份（2026年，见 site.toml 的 assessment_year），不可能已有公开数据",
                "2031 is after the assessment year (2026, assessment_year in site.toml): no source can have "
                "published it yet",
            ),
        )
    ),
    Mistake(
        "observation_without_a_source",
        cell(OBSERVATIONS, GOOD_AIR_2022, "source_id", ""),
        "datasets/observations.csv，第 {row} 行，“source_id”列：不能为空，请填写",
        'datasets/observations.csv, row {row}, column "source_id": is empty but required; please fill it in',
    ),
    *(
        Mistake(
            f"markdown_link_to_an_unknown_{kind}",
            line_in_about(f"见[这一项]({link})。"),
            f"content/zh/about.md，第 {{row}} 行：链接指向不存在的页面或锚点：{link}。{LINK_ZH}",
            f"content/zh/about.md, row {{row}}: the link leads to a page or anchor that does not exist: {link}. "
            + LINK_EN,
        )
        for kind, link in (
            ("indicator", "/zh/indicators/no-such-indicator/"),
            ("commitment", "/zh/commitments/#no-such-commitment"),
        )
    ),
    Mistake(  # and not the link beside it, which leads to the method page: this is the only problem
        "relative_link_is_checked_from_its_page",
        line_in_about("见[方法](../methodology/)和[别处](../nowhere/)。"),
        f"content/zh/about.md，第 {{row}} 行：链接指向不存在的页面或锚点：../nowhere/。{LINK_ZH}",
        "content/zh/about.md, row {row}: the link leads to a page or anchor that does not exist: ../nowhere/. "
        + LINK_EN,
    ),
    Mistake(
        "image_from_another_host",
        line_in_about("![湖州](https://example.org/huzhou.png)"),
        "content/zh/about.md，第 {row} 行：图片必须由本网站自己提供，不能引用其他网站的图片（在中国大陆可能打不开）："
        "https://example.org/huzhou.png。请把图片文件放在 content/images/ 里，地址写成 /images/文件名",
        "content/zh/about.md, row {row}: images must be served by the site itself, not taken from another host (which "
        "may not load in mainland China): https://example.org/huzhou.png. Put the file in content/images/ and write "
        "its address as /images/<file name>",
    ),
    *(
        Mistake(
            f"image_file_that_does_not_exist_{address}",
            line_in_about(f"![地图]({address})"),
            f"content/zh/about.md，第 {{row}} 行：图片文件不存在：{address}。请把图片放在 content/images/ 里，地址写成 "
            "/images/文件名",
            f"content/zh/about.md, row {{row}}: the image file does not exist: {address}. Put the image in "
            "content/images/ and write its address as /images/<file name>",
        )
        for address in ("/images/map.png", "map.png")
    ),
    *(
        Mistake(
            f"slug_{slug}",
            cell("datasets/categories.csv", {"id": "urban-rural"}, "id", slug),
            f"datasets/categories.csv，第 {{row}} 行，“id”列：“{slug}”格式不对：只能用小写字母 a–z、数字和连字符，"
            "不能有空格、点或斜杠，例如 urban-rural",
            f'datasets/categories.csv, row {{row}}, column "id": "{slug}" has the wrong form: use lower-case letters '
            "a–z, digits and hyphens only, with no spaces, dots or slashes, such as urban-rural",
            alone=False,
        )
        for slug in ("../etc", "new stage")
    ),
    *(
        Mistake(  # followed, the link would publish whatever it points at: on the server, any file the build can read
            f"symlink_out_of_the_repository_{link}",
            link_out_of_the_repository(link),
            f"{link}：文件是指向仓库以外的链接，已拒绝：请把链接换成文件本身",
            f"{link}: the file links outside the repository; refused: put the file itself in its place",
        )
        for link in (
            "datasets/glossary.csv",
            "content/zh/about.md",
            "themes/default/templates/base.html",
            "content/en/chapters",
        )
    ),
    Mistake(
        "file_that_is_not_text",
        write_bytes("datasets/sources.csv", b"PK\x03\x04\x00\x00binary\x00\x00"),
        "datasets/sources.csv：不是文本文件（可能是 Excel 的 .xlsx 或其他二进制文件被改了扩展名）。请另存为 CSV UTF-8。",
        "datasets/sources.csv: is not a text file (perhaps an Excel .xlsx or another binary file renamed). Save it "
        "as CSV UTF-8.",
    ),
    Mistake(
        "csv_of_hundreds_of_megabytes_is_refused_before_it_is_read",
        sparse(OBSERVATIONS, 300 * 1024 * 1024),
        "datasets/observations.csv：文件太大（300 MB，上限 50 MB）。请检查是否保存了多余的内容，或把数据拆分成多个文件。",
        "datasets/observations.csv: the file is too large (300 MB; the limit is 50 MB). Check for stray content, or "
        "split the data into several files.",
    ),
    Mistake(
        "markdown_page_of_hundreds_of_megabytes_is_refused_before_it_is_read",
        sparse("content/en/about.md", 200 * 1024 * 1024),
        "content/en/about.md：页面太大（200 MB，上限 4 MB）。请检查是否粘贴了多余的内容，或把它拆分成几个页面。",
        "content/en/about.md: the page is too large (200 MB; the limit is 4 MB). Check for pasted stray content, or "
        "split it into several pages.",
    ),
    *(
        Mistake(
            f"theme_file_saved_as_gbk_{file}",
            saved_as_gbk(file),
            f"{file}，第 {{row}} 行：文件是 GBK/GB18030 编码（中文 Windows 上的软件常用的默认格式），本网站只接受 UTF-8。"
            "请在编辑器中把文件另存为 UTF-8 编码（例如记事本“另存为”时选择编码 UTF-8）。",
            f"{file}, row {{row}}: is encoded as GBK/GB18030 (what Excel and many editors on Chinese Windows save by "
            'default); only UTF-8 is accepted. Save the file as UTF-8 in your editor (in Notepad: "Save As", encoding '
            "UTF-8).",
        )
        for file in THEME_FILES
    ),
    Mistake(
        "template_that_is_not_valid_jinja",
        template_ending_with("{% if %}\n"),
        "themes/default/templates/base.html，第 {row} 行：模板写法有误：Expected an expression, got 'end of statement "
        "block'。请检查每个 {% … %} 和 {{ … }} 是否完整、成对",
        "themes/default/templates/base.html, row {row}: the template is not valid Jinja: Expected an expression, got "
        "'end of statement block'. Check that each {% … %} and {{ … }} is complete and closed",
    ),
    Mistake(  # found only while pages are made, in a worker process: still named by template file and row
        "template_that_names_an_unknown_field",
        misspelt_field_in_the_indicator_template,
        f"themes/default/templates/indicator.html，第 {{row}} 行：模板出错（{UNKNOWN_FIELD}）：请检查这一行用到的名称是否拼写正确",
        f"themes/default/templates/indicator.html, row {{row}}: the template failed ({UNKNOWN_FIELD}): check the "
        "spelling of the names this row uses",
        ("--force",),
    ),
    *(
        Mistake(
            f"garbled_chinese_in_a_utf8_file_{indicator}",
            garbled_name(indicator),
            "datasets/indicators.csv，第 {row} 行，“name_zh”列：文字是乱码：“{garbled}”原本应是“{name}”。"
            "文件多半曾用错误的编码打开后又保存，请改回正确的文字",
            'datasets/indicators.csv, row {row}, column "name_zh": the text is garbled: "{garbled}" was "{name}". The '
            "file was probably opened with the wrong encoding and saved again; put the right text back",
        )
        for indicator in ("urban-school-enrolment", "good-air-days")
    ),
    Mistake(
        "marks_of_garbled_text_in_a_page",
        line_in_about("湖州锟斤拷规划"),
        "content/zh/about.md，第 {row} 行：文字中有乱码“锟斤拷”：文件多半曾用错误的编码打开后又保存。请从原始资料重新输入这段文字",
        'content/zh/about.md, row {row}: the text holds "锟斤拷", the mark of garbled text: the file was probably '
        "opened with the wrong encoding and saved again. Type the text again from the source",
    ),
    Mistake(
        "malformed_front_matter",
        rewrite(
            "content/en/about.md",
            lambda text: text.replace("title: About the plan\n", "title: About the plan\nsummary: [unclosed\n"),
        ),
        "content/en/about.md，第 4 行：页面开头的标题部分（两行 --- 之间）写法有误（expected ',' or ']', but "
        "got ':'，出错的部分从第 3 行开始）。请检查括号和引号是否成对；值里有冒号“:”时，请把整个值放在引号里。",
        "content/en/about.md, row 4: the title block at the top (between the two --- lines) cannot be read (expected ',' or "
        "']', but got ':'; the part in error begins on row 3). Check that brackets and quotes are closed; put a "
        'value that contains a colon ":" in quotes.',
    ),
]


def filled(message: str, values: Mapping[str, object]) -> str:
    for name, value in values.items():
        message = message.replace(f"{{{name}}}", str(value))
    return message


@pytest.mark.parametrize("mistake", CATALOGUE, ids=lambda mistake: mistake.id)
def test_a_mistake_is_refused_with_its_message_alone(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str], mistake: Mistake
) -> None:
    values = mistake.edit(project)
    err = refused(project, capsys, *mistake.options)
    zh, en = filled(mistake.zh, values), filled(mistake.en, values)
    says(err, zh, en)
    if mistake.alone:  # one clear message, not one per cell, nor a knock-on problem elsewhere
        assert [line for line in err.splitlines() if line.startswith("✗ ") and "problem(s) found" not in line] == [
            f"✗ {zh}"
        ], err
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
    assert_problem(err, "csv.not-a-number", Location("datasets/observations.csv", row=value, column="value"))
    assert_problem(err, "csv.not-an-integer", Location("datasets/indicators.csv", row=decimals, column="decimals"))
    assert_problem(err, "csv.not-allowed", Location("datasets/indicators.csv", row=attribute, column="attribute"))
    assert_line(err, "run.problems-found")


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


def test_a_gbk_file_does_not_hide_the_problems_of_other_files(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    chapters = project / "datasets/chapters.csv"
    chapters.write_bytes(chapters.read_text(encoding="utf-8-sig").encode("gb18030"))  # Excel writes no mark in GBK
    row = set_cell(
        project / "datasets/observations.csv", {"indicator_id": "good-air-days", "year": "2022"}, "value", "7O.5"
    )
    err = refused(project, capsys)
    assert "datasets/chapters.csv, row 2: is encoded as GBK/GB18030" in err
    assert f'datasets/observations.csv, row {row}, column "value": "7O.5" is not a number' in err
    assert "2 problem(s) found" in err
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


def test_utf8_with_bom_and_crlf_are_read_as_they_are(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "datasets/observations.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().removeprefix(b"\xef\xbb\xbf").replace(b"\n", b"\r\n"))
    assert main(["build", "--root", str(project), "--strict"]) == 0
    page = (project / "build/en/indicators/urban-rural-income-ratio/index.html").read_text(encoding="utf-8")
    assert "1.61 times in 2022" in page  # the 2022 value, with its unit


def test_blank_rows_left_at_the_end_by_excel(
    project: Path, previous_build: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    path = project / "datasets/glossary.csv"
    rows = read_rows(path)
    path.write_text(path.read_text(encoding="utf-8") + ",,,,\n,,,,\n", encoding="utf-8")
    err = refused(project, capsys)
    for row in (len(rows) + 2, len(rows) + 3):
        says(
            err,
            f"datasets/glossary.csv，第 {row} 行：空行，请删除（Excel 常在表格末尾留下这样的行）",
            f"datasets/glossary.csv, row {row}: the row is blank; delete it (Excel often leaves such rows at the end)",
        )
    assert "✗ 发现 2 个问题，未生成网站 / 2 problem(s) found; nothing was written." in err  # no key problems too
    assert snapshot(project / "build") == previous_build


def test_raw_html_script_and_javascript_links_are_never_published(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = project / "content/en/about.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + "\n<script>alert(1)</script> <img src=x onerror=alert(1)> [click](javascript:alert(1))\n",
        encoding="utf-8",
    )
    assert main(["build", "--root", str(project)]) == 0
    html = (project / "build/en/about/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert "<img src=x" not in html and 'href="javascript:' not in html


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
