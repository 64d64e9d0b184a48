"""Config: site.toml becomes typed settings; every bad key is reported with its key path, all at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.config import load_config
from site_builder.problems import ProblemsFound


def test_real_config_is_typed(project: Path) -> None:
    config = load_config(project)
    assert config.language_codes == ("zh", "en")
    assert config.languages["zh"].locale == "zh_Hans_CN"
    assert config.languages["en"].code == "en"
    assert config.base_path == "/"


def test_base_path_from_a_sub_folder_url(project: Path) -> None:
    toml = project / "site.toml"
    toml.write_text(toml.read_text().replace('"http://127.0.0.1:8000/"', '"https://example.org/huzhou/"'))
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
    keys = {p.location.key for p in caught.value.problems}
    assert keys == {"site.colour", "languages.en.name", "languages.zh.short_title"}
    assert all(p.location.file == "site.toml" for p in caught.value.problems)
    messages = [p.format("zh") for p in caught.value.problems]
    assert any("不认识" in m and "site.colour" in m for m in messages)


def test_default_language_must_be_a_language(project: Path) -> None:
    toml = project / "site.toml"
    toml.write_text(toml.read_text().replace('default_language = "zh"', 'default_language = "fr"'))
    with pytest.raises(ProblemsFound) as caught:
        load_config(project)
    assert caught.value.problems[0].location.key == "site.default_language"


def test_invalid_toml_names_the_file(project: Path) -> None:
    (project / "site.toml").write_text("[site\nbase_url = 1")
    with pytest.raises(ProblemsFound) as caught:
        load_config(project)
    assert "not valid TOML" in caught.value.problems[0].format("en")
