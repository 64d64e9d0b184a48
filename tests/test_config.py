"""Config: site.toml becomes typed settings; every bad key is reported with its key path, all at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.inputs.config import load_config
from site_builder.problems import Location, ProblemsFound
from tests.helpers import assert_problem


def test_real_config_is_typed(project: Path) -> None:
    config = load_config(project)
    assert config.language_codes == ("zh", "en")
    assert config.languages["zh"].locale == "zh_Hans_CN"
    assert config.languages["en"].code == "en"
    assert config.base_path == "/"


def test_base_path_from_a_sub_folder_url(project: Path) -> None:
    toml = project / "site.toml"
    toml.write_text(toml.read_text().replace('"https://czh.huzhou.gov.cn/"', '"https://example.org/huzhou/"'))
    assert load_config(project).base_path == "/huzhou/"


def test_every_problem_is_reported_with_its_key_path(project: Path) -> None:
    toml = project / "site.toml"
    text = toml.read_text()
    text = text.replace('theme = "default"', 'theme = "default"\ncolour = "blue"')  # unknown key
    text = text.replace('name = "English"', "name = 42")  # wrong type
    text = text.replace('short_title = "湖州城镇化规划公开数据"\n', "")  # missing key
    toml.write_text(text)
    with pytest.raises(ProblemsFound) as caught:
        load_config(project)
    keys = (
        "assessment_year, base_url, chart_png, contact, content, datapackage, default_language, licence, "
        "licence_url, report_pdf, theme"
    )
    assert [(p.format("zh"), p.format("en")) for p in caught.value.problems] == [
        (
            f"site.toml，键 “site.colour”：不认识的键（拼写错误？）：请删除或改正。这里可用的键：{keys}",
            f'site.toml, key "site.colour": unknown key (a typo?): delete or correct it. Keys allowed here: {keys}',
        ),
        (
            "site.toml，键 “languages.zh.short_title”：缺少这一项，请补上",
            'site.toml, key "languages.zh.short_title": is missing; add it',
        ),
        (
            "site.toml，键 “languages.en.name”：“42”应当是文字，放在英文双引号里",
            'site.toml, key "languages.en.name": "42" should be text in double quotes',
        ),
    ]
    assert_problem(caught.value.problems, "config.unknown-key", Location("site.toml", key="site.colour"))
    assert_problem(caught.value.problems, "config.missing-key", Location("site.toml", key="languages.zh.short_title"))
    assert_problem(caught.value.problems, "config.not-text", Location("site.toml", key="languages.en.name"))


def test_default_language_must_be_a_language(project: Path) -> None:
    toml = project / "site.toml"
    toml.write_text(toml.read_text().replace('default_language = "zh"', 'default_language = "fr"'))
    with pytest.raises(ProblemsFound) as caught:
        load_config(project)
    assert [(p.format("zh"), p.format("en")) for p in caught.value.problems] == [
        (
            "site.toml，键 “site.default_language”：“fr”不在 [languages] 中，请改成其中之一：zh, en",
            'site.toml, key "site.default_language": "fr" is not one of the [languages]; use one of: zh, en',
        )
    ]
    assert_problem(caught.value.problems, "config.default-language", Location("site.toml", key="site.default_language"))


def test_invalid_toml_names_the_file(project: Path) -> None:
    (project / "site.toml").write_text("[site\nbase_url = 1")
    with pytest.raises(ProblemsFound) as caught:
        load_config(project)
    (problem,) = caught.value.problems
    assert_problem([problem], "config.not-toml", Location("site.toml", row=1))
    assert problem.format("zh") == (
        "site.toml，第 1 行：不是有效的 TOML（Expected ']' at the end of a table declaration）。请检查每行是否为 键 = 值，"
        "文字是否放在成对的英文双引号里"
    )
    assert problem.format("en") == (
        "site.toml, row 1: is not valid TOML (Expected ']' at the end of a table declaration). Check that each line "
        "is key = value and that text is in matching double quotes"
    )


@pytest.mark.parametrize(
    ("old", "new", "zh", "en"),
    [
        (
            "assessment_year = 2026",
            'assessment_year = "soon"',
            "site.toml，键 “site.assessment_year”：“soon”应当是整数，不加引号，例如 2026",
            'site.toml, key "site.assessment_year": "soon" should be a whole number without quotes, such as 2026',
        ),
        (
            "assessment_year = 2026",
            "assessment_year = 1990",
            "site.toml，键 “site.assessment_year”：“1990”不能小于 2000",
            'site.toml, key "site.assessment_year": "1990" must not be less than 2000',
        ),
        (
            'base_url = "https://czh.huzhou.gov.cn/"',
            'base_url = "ftp://example.org"',
            "site.toml，键 “site.base_url”：“ftp://example.org”应为以 http:// 或 https:// 开头的网址，并以 / 结尾",
            'site.toml, key "site.base_url": "ftp://example.org" should be a web address starting with http:// or '
            "https:// and ending with /",
        ),
        (
            'theme = "default"',
            'theme = "default"\nlicense = "CC-BY-4.0"',
            "site.toml，键 “site.license”：不认识的键（拼写错误？）：请删除或改正。这里可用的键：assessment_year, "
            "base_url, chart_png, contact, content, datapackage, default_language, licence, licence_url, report_pdf, "
            "theme",
            'site.toml, key "site.license": unknown key (a typo?): delete or correct it. Keys allowed here: '
            "assessment_year, base_url, chart_png, contact, content, datapackage, default_language, licence, "
            "licence_url, report_pdf, theme",
        ),
    ],
)
def test_a_bad_setting_is_explained_in_both_languages(project: Path, old: str, new: str, zh: str, en: str) -> None:
    toml = project / "site.toml"
    text = toml.read_text(encoding="utf-8")
    assert old in text
    toml.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ProblemsFound) as caught:
        load_config(project)
    assert [(p.format("zh"), p.format("en")) for p in caught.value.problems] == [(zh, en)]


def test_a_site_toml_saved_as_gbk_is_refused_with_its_row(project: Path) -> None:
    toml = project / "site.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_bytes(text.encode("gb18030"))
    with pytest.raises(ProblemsFound) as caught:
        load_config(project)
    (problem,) = caught.value.problems
    first_chinese = next(n for n, line in enumerate(text.splitlines(), 1) if any(ord(c) > 127 for c in line))
    assert (problem.format("zh"), problem.format("en")) == (
        f"site.toml，第 {first_chinese} 行：文件是 GBK/GB18030 编码（中文 Windows 上的软件常用的默认格式），本网站只接受 "
        "UTF-8。请在编辑器中把文件另存为 UTF-8 编码（例如记事本“另存为”时选择编码 UTF-8）。",
        f"site.toml, row {first_chinese}: is encoded as GBK/GB18030 (what Excel and many editors on Chinese Windows "
        'save by default); only UTF-8 is accepted. Save the file as UTF-8 in your editor (in Notepad: "Save As", '
        "encoding UTF-8).",
    )
