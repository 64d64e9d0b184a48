"""Configuration: read site.toml into typed, frozen settings, reporting every problem with its key path."""

from __future__ import annotations

import re
import tomllib
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from site_builder.inputs.textfiles import check_utf8
from site_builder.problems import Location, Problem, ProblemsFound

_STRICT = ConfigDict(extra="forbid", frozen=True, strict=True)


class LanguageConfig(BaseModel):
    """One language of the site: its locale for Babel, its `<html lang>` and its titles."""

    model_config = _STRICT
    code: str = ""
    locale: str
    html_lang: str
    name: str
    title: str
    short_title: str
    description: str
    publisher: str


class SiteSection(BaseModel):
    model_config = _STRICT
    base_url: str = Field(pattern=r"^https?://[^/\s]+(/[^\s]*)?/$")
    default_language: str
    theme: str = "default"
    datapackage: str = "datasets/datapackage.json"
    content: str = "content"
    licence: str
    licence_url: str = Field(pattern=r"^https?://\S+$")
    assessment_year: int = Field(ge=2000, le=2100)  # progress is judged as of this year
    chart_png: bool = True  # a PNG of each indicator's chart beside its SVG (about 40% of the cost of drawing)


class SiteConfig(BaseModel):
    """The whole of site.toml, plus the folder it was read from."""

    model_config = _STRICT
    root: Path = Path()
    site: SiteSection
    languages: dict[str, LanguageConfig]

    @field_validator("languages")
    @classmethod
    def _at_least_one(cls, value: dict[str, LanguageConfig]) -> dict[str, LanguageConfig]:
        if not value:
            raise ValueError("at least one language is needed")
        return {code: lang.model_copy(update={"code": code}) for code, lang in value.items()}

    @property
    def language_codes(self) -> tuple[str, ...]:
        return tuple(self.languages)

    @cached_property
    def base_path(self) -> str:
        """The path part of base_url, such as "/" or "/huzhou/": every internal link starts with it."""
        return "/" + self.site.base_url.split("://", 1)[1].partition("/")[2]

    def path(self, relative: str) -> Path:
        return self.root / relative


# Each pydantic error type in staff's words, Chinese and English; {value} is what the file says, {limit} a bound.
_MESSAGES = {
    "missing": ("缺少这一项，请补上", "is missing; add it"),
    "extra_forbidden": (
        "不认识的键（拼写错误？）：请删除或改正。{allowed}",
        "unknown key (a typo?): delete or correct it. {allowed}",
    ),
    "int_type": (
        "“{value}”应当是整数，不加引号，例如 2026",
        '"{value}" should be a whole number without quotes, such as 2026',
    ),
    "int_parsing": (
        "“{value}”应当是整数，不加引号，例如 2026",
        '"{value}" should be a whole number without quotes, such as 2026',
    ),
    "bool_type": ("“{value}”应当是 true 或 false，不加引号", '"{value}" should be true or false, without quotes'),
    "string_type": ("“{value}”应当是文字，放在英文双引号里", '"{value}" should be text in double quotes'),
    "string_pattern_mismatch": (
        "“{value}”应为以 http:// 或 https:// 开头的网址{slash_zh}",
        '"{value}" should be a web address starting with http:// or https://{slash_en}',
    ),
    "greater_than_equal": ("“{value}”不能小于 {limit}", '"{value}" must not be less than {limit}'),
    "less_than_equal": ("“{value}”不能大于 {limit}", '"{value}" must not be greater than {limit}'),
    "dict_type": ("应当是一个表（[…] 段）", "should be a table (a [...] section)"),
    "value_error": (
        "至少需要一种语言（[languages.zh] 这样的段）",
        "at least one language is needed (a [languages.zh] section)",
    ),
}


def _allowed(loc: tuple[Any, ...]) -> tuple[str, str]:
    """The keys allowed where an unknown key was found, in both languages."""
    model: type[BaseModel] = SiteConfig
    if loc[:1] == ("site",):
        model = SiteSection
    elif loc[:1] == ("languages",):
        model = LanguageConfig
    names = ", ".join(sorted(n for n in model.model_fields if n not in ("root", "code")))
    return f"这里可用的键：{names}", f"Keys allowed here: {names}"


def _problem_from_pydantic(file: str, error: Any) -> Problem:
    loc = tuple(error["loc"])
    key = ".".join(str(part) for part in loc)
    if error["type"] not in _MESSAGES:
        return Problem(Location(file, key=key), f"取值不对（{error['msg']}）", str(error["msg"]))
    zh, en = _MESSAGES[error["type"]]
    allowed_zh, allowed_en = _allowed(loc) if error["type"] == "extra_forbidden" else ("", "")
    ctx = error.get("ctx", {})
    ends_with_slash = loc[-1:] == ("base_url",)
    fill = {
        "value": error.get("input"),
        "limit": ctx.get("ge", ctx.get("le", "")),
        "slash_zh": "，并以 / 结尾" if ends_with_slash else "",
        "slash_en": " and ending with /" if ends_with_slash else "",
    }
    return Problem(
        Location(file, key=key),
        zh.format(allowed=allowed_zh, **fill),
        en.format(allowed=allowed_en, **fill),
    )


def _toml_problem(file: str, error: Exception) -> Problem:
    """A file that is not TOML at all: where the reader stopped, and the usual causes."""
    text = str(error)
    where = re.search(r"\(at line (\d+), column \d+\)", text)
    detail = text[: where.start()].strip() if where else text
    return Problem(
        Location(file, row=int(where.group(1)) if where else None),
        f"不是有效的 TOML（{detail}）。请检查每行是否为 键 = 值，文字是否放在成对的英文双引号里",
        f"is not valid TOML ({detail}). Check that each line is key = value and that text is in matching double quotes",
    )


def load_config(root: Path, base_url: str | None = None) -> SiteConfig:
    """Read root/site.toml (with `base_url` in place of its own, if given); raise ProblemsFound naming every bad key."""
    file = "site.toml"
    path = root / file
    encoding_problem = check_utf8(path, file) if path.is_file() else None
    if encoding_problem is not None:
        raise ProblemsFound([encoding_problem])
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProblemsFound(
            [Problem(Location(file), "找不到配置文件 site.toml", "the configuration file site.toml is missing")]
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise ProblemsFound([_toml_problem(file, error)]) from None
    if base_url is not None and isinstance(raw.get("site"), dict):
        raw["site"]["base_url"] = base_url if base_url.endswith("/") else base_url + "/"
    try:
        config = SiteConfig.model_validate({**raw, "root": root})
    except ValidationError as error:
        raise ProblemsFound(_problem_from_pydantic(file, e) for e in error.errors()) from None
    if config.site.default_language not in config.languages:
        raise ProblemsFound(
            [
                Problem(
                    Location(file, key="site.default_language"),
                    f"“{config.site.default_language}”不在 [languages] 中，请改成其中之一：{', '.join(config.languages)}",
                    f'"{config.site.default_language}" is not one of the [languages]; use one of: '
                    f"{', '.join(config.languages)}",
                )
            ]
        )
    return config
