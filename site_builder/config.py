"""Configuration: read site.toml into typed, frozen settings, reporting every problem with its key path."""

from __future__ import annotations

import tomllib
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

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


_ZH_MESSAGES = {
    "missing": "缺少这一项，请补上",
    "extra_forbidden": "不认识这一项（拼写错误？），请删除或改正",
    "string_type": "应当是文字（加英文双引号）",
    "string_pattern_mismatch": "格式不对",
    "dict_type": "应当是一个表（[…] 段）",
    "value_error": "取值不对",
}


def _problem_from_pydantic(file: str, error: Any) -> Problem:
    key = ".".join(str(part) for part in error["loc"])
    zh = _ZH_MESSAGES.get(error["type"], "取值不对")
    return Problem(Location(file, key=key), f"{zh}（{error['msg']}）", str(error["msg"]))


def load_config(root: Path, base_url: str | None = None) -> SiteConfig:
    """Read root/site.toml (with `base_url` in place of its own, if given); raise ProblemsFound naming every bad key."""
    file = "site.toml"
    path = root / file
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProblemsFound(
            [Problem(Location(file), "找不到配置文件 site.toml", "the configuration file site.toml is missing")]
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ProblemsFound(
            [Problem(Location(file), f"不是有效的 TOML：{error}", f"is not valid TOML: {error}")]
        ) from None
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
                    f"“{config.site.default_language}”不在 [languages] 中",
                    f'"{config.site.default_language}" is not one of the [languages]',
                )
            ]
        )
    return config
