"""Every malformed input is answered by its cell: what spreadsheets, editors and a careless edit of the descriptor
produce is refused (or warned) with file, row, column or key, in both languages — never an internal error — and
the previous build stays as it was. The build makes no network request, whatever the descriptor names."""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from site_builder.cli import main
from site_builder.problems import Location
from tests.conftest import Files, copy_project
from tests.helpers import assert_problem, read_rows, set_cell, snapshot, write_rows

Edit = Callable[[Path], int | None]  # makes the mistake; gives its row when the message names one
OBS = "datasets/observations.csv"
AIR = {"indicator_id": "good-air-days", "year": "2022"}


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory, _session_build: tuple[Path, Files]) -> tuple[Path, dict[str, bytes]]:
    """The real site with the session's build of it in build/ (hard links, never written to: each case works on a
    full copy of this folder, build/ included)."""
    root = copy_project(tmp_path_factory.mktemp("good") / "project")
    shutil.copytree(_session_build[0], root / "build", copy_function=os.link)
    return root, snapshot(root / "build")


@pytest.fixture
def project(good: tuple[Path, dict[str, bytes]], tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(good[0], root, symlinks=True)
    return root


def refused(project: Path, good: tuple[Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["build", "--root", str(project)]) == 1
    assert snapshot(project / "build") == good[1]
    err = capsys.readouterr().err
    assert "内部错误" not in err and "internal error" not in err and "Traceback" not in err, err
    return err


def says(err: str, zh: str, en: str) -> None:
    assert f"✗ {zh}\n  {en}\n" in err, err


def cell(column: str, value: str, file: str = OBS, match: dict[str, str] | None = None) -> Edit:
    def edit(root: Path) -> int:
        return set_cell(root / file, match or AIR, column, value)

    return edit


def raw(change: Callable[[bytes], bytes], file: str = OBS) -> Edit:
    def edit(root: Path) -> None:
        path = root / file
        path.write_bytes(change(path.read_bytes()))

    return edit


def descriptor(change: Callable[[dict[str, Any]], None]) -> Edit:
    def edit(root: Path) -> None:
        path = root / "datasets/datapackage.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")

    return edit


def resource(data: dict[str, Any], name: str) -> dict[str, Any]:
    return next(r for r in data["resources"] if r["name"] == name)


def _set(data: dict[str, Any], name: str, key: str, value: object) -> None:
    resource(data, name)[key] = value


def _value_as_string(data: dict[str, Any]) -> None:
    next(f for f in resource(data, "observations")["schema"]["fields"] if f["name"] == "value")["type"] = "string"


def _without_schema(data: dict[str, Any]) -> None:
    del resource(data, "glossary")["schema"]


def _first_with(path: Path, column: str, change: Callable[[dict[str, str]], None]) -> int:
    rows = read_rows(path)
    index = next(i for i, r in enumerate(rows) if r[column])
    change(rows[index])
    write_rows(path, rows)
    return index + 2


def _clause_twice(root: Path) -> None:
    rows = read_rows(root / "datasets/commitments.csv")
    rows[1]["clause_zh"], rows[1]["chapter_id"] = rows[0]["clause_zh"], rows[0]["chapter_id"]
    write_rows(root / "datasets/commitments.csv", rows)


def _clause_in_link(root: Path) -> None:
    first = read_rows(root / "datasets/commitments.csv")[0]
    page = root / f"content/zh/chapters/{first['chapter_id']}.md"
    clause = first["clause_zh"]
    page.write_text(page.read_text(encoding="utf-8").replace(clause, f"[{clause}](/zh/progress/)", 1), "utf-8")


def _append(text: str, page: str = "content/zh/about.md") -> Edit:
    def edit(root: Path) -> None:
        path = root / page
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")

    return edit


def _copy(source: str, target: str) -> Edit:
    def edit(root: Path) -> None:
        shutil.copy(root / source, root / target)

    return edit


NUMBER = "（只写数字，例如 70.5；不要带单位、空格或千位分隔符）"
INVISIBLE_ZH = "：页面上看不出它，它却会改变数据（或使下载文件无法生成）。请删除它"
INVISIBLE_EN = ". It does not show on a page but changes the data (or breaks a download). Delete it"
ROW23 = (f"{OBS}，第 <row> 行", f"{OBS}, row <row>")
DP = ("datasets/datapackage.json，键 ", "datasets/datapackage.json, key ")
ATTRIBUTE_ZH = (
    " 不能使用：页面的样式和行为由网站主题决定，Markdown 中只能用 {#锚点} 给标题加锚点（小写字母、数字和连字符，且不能与"
    "网站模板已用的 id 重名，如 main、search-query）。请删除它或换一个锚点名"
)
ATTRIBUTE_EN = (
    " cannot be used: a page's look and behaviour come from the theme, and Markdown may only give a heading an "
    "anchor, {#name} (lower-case letters, digits and hyphens, and not an id the theme uses, such as main or "
    "search-query). Delete it or choose another anchor"
)
NOT_A_PAGE_ZH = (
    "这个文件不会被当作页面读取：页面的文件名必须以小写的 .md 结尾（记事本可能会加上 .txt，请在“另存为”时把“保存类型”选为"
    "“所有文件”）。请把文件改名为以 .md 结尾"
)
NOT_A_PAGE_EN = (
    'this file is not read as a page: a page\'s file name must end in ".md", in lower case (Notepad may add ".txt": '
    'in "Save As" choose "All files" as the type). Rename it to end in .md'
)
REMOTE_ZH = "是网络地址：构建时不会访问任何网络地址，请把它删除，或换成数据包文件夹里的文件"
REMOTE_EN = (
    " is a network address: the build never fetches anything; delete it, or name a file inside the data package folder"
)

SOURCES_ZH, SOURCES_EN = (
    "datasets/sources.csv，第 <row> 行，“published”列：",
    'datasets/sources.csv, row <row>, column "published": ',
)
DATE_ZH = (
    "。用 Excel 打开 CSV 时它会把日期改成自己的样式再保存：在 Excel 里先把这一列设为“文本”格式再输入，或用“数据”→"
    "“从文本/CSV”打开并把这一列设为“文本”"
)
DATE_EN = (
    ". Excel rewrites dates in its own style when it opens a CSV and saves it again: set the column's format to Text "
    "before typing, or open the file with Data → From Text/CSV and set the column to Text"
)
CASES: dict[str, tuple[Edit, str, str]] = {
    "full-width digits": (
        cell("value", "７７.８"),
        f"{ROW23[0]}，“value”列：“７７.８”用了全角数字或其他文字的数字，未被接受（不会自动转换）：请用半角数字 0–9 写成“77.8”",
        f'{ROW23[1]}, column "value": "７７.８" is written with full-width or other non-ASCII digits; refused (not '
        'converted): write it with the digits 0–9, as "77.8"',
    ),
    "full-width year": (
        cell("year", "２０２２"),
        f"{ROW23[0]}，“year”列：“２０２２”用了全角数字或其他文字的数字，未被接受（不会自动转换）：请用半角数字 0–9 写成“2022”",
        f'{ROW23[1]}, column "year": "２０２２" is written with full-width or other non-ASCII digits; refused (not '
        'converted): write it with the digits 0–9, as "2022"',
    ),
    "arabic-indic digits": (
        cell("value", "٧٧.٨"),
        f"{ROW23[0]}，“value”列：“٧٧.٨”用了全角数字或其他文字的数字，未被接受（不会自动转换）：请用半角数字 0–9 写成“77.8”",
        f'{ROW23[1]}, column "value": "٧٧.٨" is written with full-width or other non-ASCII digits; refused (not '
        'converted): write it with the digits 0–9, as "77.8"',
    ),
    "underscore in a number": (
        cell("value", "7_7.8"),
        f"{ROW23[0]}，“value”列：“7_7.8”中有下划线“_”：数字里不能有下划线，请删除它（写成“77.8”）",
        f'{ROW23[1]}, column "value": "7_7.8" holds an underscore "_": a number cannot hold one; delete it (write '
        '"77.8")',
    ),
    "1e400": (
        cell("value", "1e400"),
        f"{ROW23[0]}，“value”列：“1e400”超出了能够保存和计算的数字范围（绝对值约在 10⁻³⁰⁸ 到 10³⁰⁸ 之间）：请检查是否多写了数字"
        "或指数",
        f'{ROW23[1]}, column "value": "1e400" is beyond the range of numbers that can be stored and computed (about '
        "10^-308 to 10^308 in size): check for extra digits or a wrong exponent",
    ),
    "a long number Excel wrote in scientific notation": (
        cell("value", "1.23E+11"),
        f"{ROW23[0]}，“value”列：“1.23E+11”是科学计数法：Excel 打开再保存时，会把 12 位以上的长数字改写成这个样子，后面的数字就丢了，"
        "所以不接受。请写出完整的数字；在 Excel 里先把这一列设为“文本”格式再输入，或用“数据”→“从文本/CSV”打开这个文件",
        f'{ROW23[1]}, column "value": “1.23E+11” is in scientific notation: Excel rewrites a number of 12 digits or more '
        "like this when it opens and saves a CSV, and the digits after the first few are lost, so it is refused. Write "
        "the whole number; in Excel set the column's format to Text before typing, or open the file with Data → From "
        "Text/CSV",
    ),
    "a space around a number": (
        cell("value", " 77.8"),
        f"{ROW23[0]}，“value”列：“ 77.8”前后有空格：请删除空格，写成“77.8”",
        f'{ROW23[1]}, column "value": " 77.8" has a space before or after it: delete the space and write "77.8"',
    ),
    "vertical tab from Excel for Mac": (
        cell("note_en", "line\x0bbreak"),
        f"{ROW23[0]}，“note_en”列：第 5 个字符是看不见的字符 U+000B LINE TABULATION，写出来是"
        f"“line⟨U+000B LINE TABULATION⟩break”{INVISIBLE_ZH}（Excel for Mac 会把单元格内的换行存成这个字符：请把文字写在一行里）",
        f'{ROW23[1]}, column "note_en": character 5 is an invisible character, U+000B LINE TABULATION: written out, '
        f'"line⟨U+000B LINE TABULATION⟩break"{INVISIBLE_EN} (Excel for Mac saves a line break inside a cell as this '
        "character: keep the text on one line)",
    ),
    "form feed": (
        cell("quote", "a\x0cb"),
        f"{ROW23[0]}，“quote”列：第 2 个字符是看不见的字符 U+000C FORM FEED，写出来是“a⟨U+000C FORM FEED⟩b”{INVISIBLE_ZH}",
        f'{ROW23[1]}, column "quote": character 2 is an invisible character, U+000C FORM FEED: written out, '
        f'"a⟨U+000C FORM FEED⟩b"{INVISIBLE_EN}',
    ),
    "escape and backspace": (
        cell("note_zh", "说明\x1b[0m\x08"),
        f"{ROW23[0]}，“note_zh”列：第 3 个字符是看不见的字符 U+001B ESCAPE，写出来是"
        f"“说明⟨U+001B ESCAPE⟩[0m⟨U+0008 BACKSPACE⟩”{INVISIBLE_ZH}",
        f'{ROW23[1]}, column "note_zh": character 3 is an invisible character, U+001B ESCAPE: written out, '
        f'"说明⟨U+001B ESCAPE⟩[0m⟨U+0008 BACKSPACE⟩"{INVISIBLE_EN}',
    ),
    "NUL after the first 64 KB": (
        cell("note_en", "a" * 70000 + "\x00"),
        f"{ROW23[0]}，“note_en”列：第 70001 个字符是看不见的字符 U+0000 NULL，写出来是“{'a' * 20}⟨U+0000 NULL⟩”{INVISIBLE_ZH}",
        f'{ROW23[1]}, column "note_en": character 70001 is an invisible character, U+0000 NULL: written out, '
        f'"{"a" * 20}⟨U+0000 NULL⟩"{INVISIBLE_EN}',
    ),
    "right-to-left override in a number": (
        cell("value", "\u202e8.77"),
        f"{ROW23[0]}，“value”列：第 1 个字符是看不见的字符 U+202E RIGHT-TO-LEFT OVERRIDE，写出来是"
        f"“⟨U+202E RIGHT-TO-LEFT OVERRIDE⟩8.77”{INVISIBLE_ZH}",
        f'{ROW23[1]}, column "value": character 1 is an invisible character, U+202E RIGHT-TO-LEFT OVERRIDE: written '
        f'out, "⟨U+202E RIGHT-TO-LEFT OVERRIDE⟩8.77"{INVISIBLE_EN}',
    ),
    "zero-width space in a key": (
        cell("indicator_id", "good-air-days\u200b"),
        f"{ROW23[0]}，“indicator_id”列：第 14 个字符是看不见的字符 U+200B ZERO WIDTH SPACE，写出来是"
        f"“good-air-days⟨U+200B ZERO WIDTH SPACE⟩”{INVISIBLE_ZH}",
        f'{ROW23[1]}, column "indicator_id": character 14 is an invisible character, U+200B ZERO WIDTH SPACE: '
        f'written out, "good-air-days⟨U+200B ZERO WIDTH SPACE⟩"{INVISIBLE_EN}',
    ),
    "a BOM in mid-file": (
        cell("quote", "表\ufeff2-1"),
        f"{ROW23[0]}，“quote”列：第 2 个字符是看不见的字符 U+FEFF ZERO WIDTH NO-BREAK SPACE，写出来是"
        f"“表⟨U+FEFF ZERO WIDTH NO-BREAK SPACE⟩2-1”{INVISIBLE_ZH}",
        f'{ROW23[1]}, column "quote": character 2 is an invisible character, U+FEFF ZERO WIDTH NO-BREAK SPACE: '
        f'written out, "表⟨U+FEFF ZERO WIDTH NO-BREAK SPACE⟩2-1"{INVISIBLE_EN}',
    ),
    "a date without leading zeros": (
        cell("published", "2021-12-8", "datasets/sources.csv", {"id": "plan-2021"}),
        "datasets/sources.csv，第 <row> 行，“published”列：“2021-12-8”：日期的月和日都要写两位数，写成“2021-12-08”",
        'datasets/sources.csv, row <row>, column "published": "2021-12-8": write the month and the day with two digits '
        'each, as "2021-12-08"',
    ),
    "a date as Excel writes it": (
        cell("published", "2021/12/1", "datasets/sources.csv", {"id": "plan-2021"}),
        f"{SOURCES_ZH}“2021/12/1”：日期要写成 年-月-日，月和日都写两位，即“2021-12-01”{DATE_ZH}",
        f'{SOURCES_EN}"2021/12/1": write a date as year-month-day with two-digit month and day, that is "2021-12-01"'
        + DATE_EN,
    ),
    "a date in Chinese, in full-width digits": (
        cell("published", "２０２１年１２月１日", "datasets/sources.csv", {"id": "plan-2021"}),
        f"{SOURCES_ZH}“２０２１年１２月１日”：日期要写成 年-月-日，月和日都写两位，即“2021-12-01”{DATE_ZH}",
        f'{SOURCES_EN}"２０２１年１２月１日": write a date as year-month-day with two-digit month and day, that is '
        f'"2021-12-01"{DATE_EN}',
    ),
    "a date day first, only one way": (
        cell("published", "13/12/2021", "datasets/sources.csv", {"id": "plan-2021"}),
        f"{SOURCES_ZH}“13/12/2021”：日期要写成 年-月-日，月和日都写两位，即“2021-12-13”{DATE_ZH}",
        f'{SOURCES_EN}"13/12/2021": write a date as year-month-day with two-digit month and day, that is "2021-12-13"'
        + DATE_EN,
    ),
    "a date month or day first": (
        cell("published", "12/1/2021", "datasets/sources.csv", {"id": "plan-2021"}),
        f"{SOURCES_ZH}“12/1/2021”可能是“2021-12-01”（月/日/年），也可能是“2021-01-12”（日/月/年）：请对照原始资料，写成 "
        f"年-月-日 的形式{DATE_ZH}",
        f'{SOURCES_EN}"12/1/2021" may be "2021-12-01" (month/day/year) or "2021-01-12" (day/month/year): check the '
        f"source and write it as year-month-day{DATE_EN}",
    ),
    "a web address with a leading space": (
        cell("url", " https://example.org/x", "datasets/sources.csv", {"id": "plan-2021"}),
        "datasets/sources.csv，第 <row> 行，“url”列：“ https://example.org/x”前后有空格：请删除空格，写成“https://example.org/x”",
        'datasets/sources.csv, row <row>, column "url": " https://example.org/x" has a space before or after it: delete '
        'the space and write "https://example.org/x"',
    ),
    "a heading with a trailing space": (
        raw(lambda data: data.replace(b"note_en", b"note_en ", 1)),
        f"{OBS}，第 1 行：列名“note_en”前后多了字符（U+0020 SPACE）：请删除，只写“note_en”",
        f'{OBS}, row 1: the column heading "note_en" has U+0020 SPACE before or after it: delete it, leaving "note_en"',
    ),
    "a heading with a no-break space": (
        raw(lambda data: data.replace(b"value,", "value\u00a0,".encode(), 1)),
        f"{OBS}，第 1 行：列名“value”前后多了字符（U+00A0 NO-BREAK SPACE）：请删除，只写“value”",
        f'{OBS}, row 1: the column heading "value" has U+00A0 NO-BREAK SPACE before or after it: delete it, leaving '
        '"value"',
    ),
    "UTF-16": (
        raw(lambda data: data.decode("utf-8").encode("utf-16")),
        f"{OBS}：文件是 UTF-16 编码（Excel 的“Unicode 文本”或记事本的“Unicode”），本网站只接受 UTF-8。请在 Excel 中选择"
        "“另存为”→“CSV UTF-8（逗号分隔）(*.csv)”重新保存，或在 WPS 中选择编码 UTF-8。",
        f'{OBS}: is encoded as UTF-16 (Excel\'s "Unicode Text", or "Unicode" in Notepad); only UTF-8 is accepted. '
        'In Excel choose "Save As" → "CSV UTF-8 (Comma delimited) (*.csv)", or choose UTF-8 encoding in WPS.',
    ),
    "a field's type changed to string": (
        descriptor(_value_as_string),
        f"{DP[0]}“resources[<observations>].schema.fields[2].type”：资源“observations”的“value”列类型写成了“string”，网站需要“number”"
        '（数字）：请改回 "type": "number"',
        f'{DP[1]}"resources[<observations>].schema.fields[2].type": resource "observations", column "value": the type is "string" '
        'but the site needs "number": change it back to "type": "number"',
    ),
    "a resource the site needs removed": (
        descriptor(lambda d: d["resources"].remove(resource(d, "glossary"))),
        f"{DP[0]}“resources”：缺少网站需要的资源“glossary”（glossary.csv）：请把它恢复到 resources 列表中",
        f'{DP[1]}"resources": the resource "glossary" (glossary.csv), which the site needs, is missing: put it back '
        'in the "resources" list',
    ),
    "a duplicate resource name": (
        descriptor(lambda d: _set(d, "glossary", "name", "sources")),
        f"{DP[0]}“resources[<glossary>].name”：资源名“sources”与 resources[<sources>] 重复：每个资源的名称必须不同",
        f'{DP[1]}"resources[<glossary>].name": the resource name "sources" is the same as resources[<sources>]: each name must differ',
    ),
    "an upper-case resource name": (
        descriptor(lambda d: _set(d, "glossary", "name", "Glossary")),
        f"{DP[0]}“resources[<glossary>].name”：资源名“Glossary”不可用：只能用小写字母 a–z、数字和下划线，以字母开头，例如 observations",
        f'{DP[1]}"resources[<glossary>].name": the resource name "Glossary" cannot be used: write lower-case letters a–z, '
        "digits and underscores, starting with a letter, such as observations",
    ),
    "a schema given as a path": (
        descriptor(lambda d: _set(d, "glossary", "schema", "glossary.schema.json")),
        f"{DP[0]}“resources[<glossary>].schema”：资源“glossary”的 schema 写成了文件路径：本网站需要把 schema（含 fields 列表）直接写在 "
        "datapackage.json 里",
        f'{DP[1]}"resources[<glossary>].schema": resource "glossary": its schema is given as a file path; the site needs the '
        'schema, with its "fields" list, written in datapackage.json itself',
    ),
    "a resource with no schema": (
        descriptor(_without_schema),
        f"{DP[0]}“resources[<glossary>].schema”：资源“glossary”的 schema 缺失或没有 fields 列表：本网站需要把 schema（含 fields 列表）"
        "直接写在 datapackage.json 里",
        f'{DP[1]}"resources[<glossary>].schema": resource "glossary": its schema is missing or has no list of fields; the '
        'site needs the schema, with its "fields" list, written in datapackage.json itself',
    ),
    "a list as a path": (
        descriptor(lambda d: _set(d, "glossary", "path", ["glossary.csv", "glossary-2.csv"])),
        f'{DP[0]}“resources[<glossary>].path”：资源“glossary”的 path 是一个列表：应当是数据包文件夹里的一个 .csv 文件名，例如 "glossary.csv"',
        f'{DP[1]}"resources[<glossary>].path": resource "glossary": its path is a list; it must be the name of one .csv file '
        'in the data package folder, such as "glossary.csv"',
    ),
    "a vision year without its value": (
        lambda root: _first_with(root / "datasets/indicators.csv", "vision_year", lambda r: r.update(vision_value="")),
        "datasets/indicators.csv，第 <row> 行，“vision_value”列：填写了 vision_year，vision_value 却是空的：2035 年远景目标的年份和"
        "数值要一起填写（或都留空）",
        'datasets/indicators.csv, row <row>, column "vision_value": vision_year is filled in but vision_value is empty: '
        "the 2035 vision needs both its year and its value (or neither)",
    ),
    "a vision value without its year": (
        lambda root: _first_with(root / "datasets/indicators.csv", "vision_year", lambda r: r.update(vision_year="")),
        "datasets/indicators.csv，第 <row> 行，“vision_year”列：填写了 vision_value，vision_year 却是空的：2035 年远景目标的年份和"
        "数值要一起填写（或都留空）",
        'datasets/indicators.csv, row <row>, column "vision_year": vision_value is filled in but vision_year is empty: '
        "the 2035 vision needs both its year and its value (or neither)",
    ),
    "a target computed from a missing baseline": (
        cell("baseline_value", "", "datasets/indicators.csv", {"id": "work-safety-deaths"}),
        "datasets/indicators.csv，第 <row> 行，“baseline_value”列：目标要按基期值计算（target_basis 是 change_from_baseline_pct），"
        "基期值 baseline_value 却是空的：请填写基期值，或把目标写成绝对数值（并把 target_basis 改为 absolute）",
        'datasets/indicators.csv, row <row>, column "baseline_value": the target is computed from the baseline '
        "(target_basis is change_from_baseline_pct), but baseline_value is empty: fill in the baseline, or write the "
        "target as a value (and set target_basis to absolute)",
    ),
    "two commitments quoting one clause": (
        _clause_twice,
        "datasets/commitments.csv，第 3 行，“clause_zh”列：与第 2 行引用了同一段原文“中心城市GDP总量占比达到50%”：每条承诺要"
        "链接到正文中它自己的那句话，请引用更长或不同的一段",
        'datasets/commitments.csv, row 3, column "clause_zh": quotes the same clause as row 2, "中心城市GDP总量占比达到'
        '50%": each commitment links to its own phrase of the text; quote a longer or a different one',
    ),
    "a commitment clause inside a staff link": (
        _clause_in_link,
        "datasets/commitments.csv，第 2 行，“clause_zh”列：这段文字在 content/zh/chapters/general-requirements.md 中被放在了"
        "一个链接里：“中心城市GDP总量占比达到50%”。构建会自动把它链接到承诺清单，链接里不能再套链接：请去掉包住它的 [ ](…) 链接",
        'datasets/commitments.csv, row 2, column "clause_zh": this phrase is inside a link in '
        'content/zh/chapters/general-requirements.md: "中心城市GDP总量占比达到50%". The build links it to its '
        "commitment itself, and a link cannot hold another: remove the [ ](…) link around it",
    ),
    "a page saved as .MD": (
        _copy("content/zh/about.md", "content/zh/notes.MD"),
        f"content/zh/notes.MD：{NOT_A_PAGE_ZH}",
        f"content/zh/notes.MD: {NOT_A_PAGE_EN}",
    ),
    "a page saved as .markdown": (
        _copy("content/en/about.md", "content/en/notes.markdown"),
        f"content/en/notes.markdown：{NOT_A_PAGE_ZH}",
        f"content/en/notes.markdown: {NOT_A_PAGE_EN}",
    ),
    "a page saved as .md.txt": (
        _copy("content/en/about.md", "content/en/notes.md.txt"),
        f"content/en/notes.md.txt：{NOT_A_PAGE_ZH}",
        f"content/en/notes.md.txt: {NOT_A_PAGE_EN}",
    ),
    "a page under chapters/ that is no chapter": (
        _copy("content/zh/about.md", "content/zh/chapters/notes.md"),
        "content/zh/chapters/notes.md：“notes”不是 chapters.csv 中的章节：chapters/ 下的页面只能是规划的各章，文件名就是章节的"
        " id（例如 new-stage.md），否则不会被发布；其他页面请放在 chapters/ 文件夹之外",
        'content/zh/chapters/notes.md: "notes" is not a chapter in chapters.csv: the pages under chapters/ are the '
        "plan's chapters, each named by its id (such as new-stage.md), and no other page there is published; put "
        "other pages outside the chapters/ folder",
    ),
    "an id the theme uses": (
        _append("\n{#main}\n## 新标题\n"),
        "content/zh/about.md，第 46 行：{#main}" + ATTRIBUTE_ZH,
        "content/zh/about.md, row 46: {#main}" + ATTRIBUTE_EN,
    ),
    "an inline style": (
        _append('\n{style="position:fixed;inset:0"}\n新段落\n'),
        'content/zh/about.md，第 46 行：{style="position:fixed;inset:0"}' + ATTRIBUTE_ZH,
        'content/zh/about.md, row 46: {style="position:fixed;inset:0"}' + ATTRIBUTE_EN,
    ),
    "an id a template uses": (
        _append("\n{#search-query}\n## 新标题\n"),
        "content/zh/about.md，第 46 行：{#search-query}" + ATTRIBUTE_ZH,
        "content/zh/about.md, row 46: {#search-query}" + ATTRIBUTE_EN,
    ),
    "tabindex and autofocus": (
        _append("\n{tabindex=1 autofocus=true}\n新段落\n"),
        'content/zh/about.md，第 46 行：{autofocus="true"}' + ATTRIBUTE_ZH,
        'content/zh/about.md, row 46: {autofocus="true"}' + ATTRIBUTE_EN,
    ),
    "lists nested deeper than Markdown is read": (
        _append("\n" + "".join("  " * i + "- 项\n" for i in range(25)) + "\n后文\n"),
        "content/zh/about.md，第 54 行：列表或引用嵌套得太深（到了 Markdown 解析的上限），从这里起的文字会丢失：请减少缩进或“>”的"
        "层数",
        "content/zh/about.md, row 54: lists or quotes nest too deep here (as deep as Markdown is read) and the text "
        'from here on would be lost: indent less, or use fewer ">"',
    ),
    "a profile given as an address": (
        descriptor(lambda d: _set(d, "glossary", "profile", "https://example.org/profile.json")),
        f"{DP[0]}“resources[<glossary>].profile”：“https://example.org/profile.json”{REMOTE_ZH}",
        f'{DP[1]}"resources[<glossary>].profile": "https://example.org/profile.json"{REMOTE_EN}',
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_refused_with_its_cell(
    name: str, project: Path, good: tuple[Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    edit, zh, en = CASES[name]
    row = edit(project)
    names = [r["name"] for r in json.loads((good[0] / "datasets/datapackage.json").read_text("utf-8"))["resources"]]
    places = {"<row>": str(row), **{f"<{n}>": str(i) for i, n in enumerate(names)}}
    says(refused(project, good, capsys), *(re.sub("<[a-z_]+>", lambda m: places[m.group()], t) for t in (zh, en)))


def test_a_table_not_in_the_descriptor_is_warned_and_strict_refuses_it(
    project: Path, good: tuple[Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(project / "datasets/glossary.csv", project / "datasets/glossary-new.csv")
    assert main(["validate", "--root", str(project)]) == 0
    zh = (
        "datasets/glossary-new.csv：这个表格没有列在 datapackage.json 的 resources 中，不会被检查，也不会被发布：若要发布，"
        "请让开发人员把它加入 resources；否则请把它移出这个文件夹"
    )
    en = (
        'datasets/glossary-new.csv: this table is not listed in the "resources" of datapackage.json, so it is neither '
        "checked nor published: to publish it, ask a developer to add it there; otherwise move it out of this folder"
    )
    assert f"! {zh}\n  {en}\n" in capsys.readouterr().err
    assert main(["build", "--root", str(project), "--strict"]) == 1
    err = capsys.readouterr().err
    says(err, zh, en)
    assert_problem(err, "file.table-not-in-package", Location("datasets/glossary-new.csv"))
    assert snapshot(project / "build") == good[1]


def test_mixed_line_endings_are_read_as_rows(project: Path) -> None:
    """A CRLF file with LF rows in it (or an LF header over CRLF rows) reads as the same rows: nothing to fix."""
    path = project / OBS
    lines = path.read_bytes().split(b"\n")
    path.write_bytes(b"\n".join(line + (b"\r" if i % 3 else b"") for i, line in enumerate(lines[:-1])) + b"\n")
    assert main(["build", "--root", str(project), "--strict"]) == 0
    assert "77.8" in (project / "build/en/indicators/good-air-days/index.html").read_text(encoding="utf-8")


class _Recorder(BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def listener() -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 that records every request made to it."""
    _Recorder.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    ("where", "key"),
    [
        ("resource profile", "resources[<glossary>].profile"),
        ("dialect", "resources[<glossary>].dialect"),
        ("schema", "resources[<glossary>].schema"),
        ("path", "resources[<glossary>].path"),
        ("package profile", "profile"),
        ("foreign key package", "resources[<observations>].schema.foreignKeys[0].reference.package"),
    ],
)
def test_no_network_request_for_a_remote_reference(
    where: str,
    key: str,
    listener: str,
    project: Path,
    good: tuple[Path, dict[str, bytes]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    address = f"{listener}/{where.replace(' ', '-')}.json"
    names = [r["name"] for r in json.loads((good[0] / "datasets/datapackage.json").read_text("utf-8"))["resources"]]
    key = re.sub("<([a-z_]+)>", lambda m: str(names.index(m.group(1))), key)

    def put(data: dict[str, Any]) -> None:
        target: Any = data
        parts = re.findall(r"([a-zA-Z]+)(?:\[(\d+)\])?", key)
        for i, (name, index) in enumerate(parts):
            if i == len(parts) - 1:
                target[name] = address
            else:
                target = target[name][int(index)] if index else target[name]

    descriptor(put)(project)
    err = refused(project, good, capsys)
    says(err, f"{DP[0]}“{key}”：“{address}”{REMOTE_ZH}", f'{DP[1]}"{key}": "{address}"{REMOTE_EN}')
    assert _Recorder.requests == []


pytestmark = pytest.mark.e2e  # whole builds or git pushes: left out of the fast tier (pyproject.toml, markers)
