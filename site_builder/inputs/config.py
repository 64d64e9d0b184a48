"""Configuration: read site.toml into typed, frozen settings, reporting every problem with its key path."""

from __future__ import annotations

import re
import tomllib
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from site_builder.inputs.textfiles import check_utf8
from site_builder.problems import Location, Problem, ProblemsFound
from site_builder.problems.catalogue import places as folders

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
    base_url: str
    default_language: str
    theme: str = "default"
    datapackage: str = "datasets/datapackage.json"
    content: str = "content"
    licence: str
    licence_url: str = Field(pattern=r"^https?://\S+$")
    assessment_year: int = Field(ge=2000, le=2100)  # progress is judged as of this year
    chart_png: bool = True  # a PNG of each indicator's chart beside its SVG (about 40% of the cost of drawing)

    @field_validator("base_url")
    @classmethod
    def _plain_address(cls, value: str) -> str:
        if (wrong := base_url_problem(value)) is not None:
            raise PydanticCustomError("explained", "{en}", {"zh": wrong[0], "en": wrong[1]})
        return value

    @field_validator("content", "datapackage")
    @classmethod
    def _inside_the_project(cls, value: str, info: ValidationInfo) -> str:
        """A path that leaves the project would publish whatever lies there (`content = "/"` read the whole disk)."""
        root = Path((info.context or {}).get("root", "."))
        target = (root / value).resolve()
        if Path(value).is_absolute() or not target.is_relative_to(root.resolve()) or target == root.resolve():
            example = "content" if info.field_name == "content" else "datasets/datapackage.json"
            raise PydanticCustomError(
                "explained",
                "{en}",
                {
                    "zh": f"“{value}”不在项目文件夹里：构建只读取项目里的文件，否则项目外的任何文件夹都可能被发布。"
                    f"请写项目文件夹里的相对路径，例如 {example}",
                    "en": f'"{value}" is not inside the project folder: the build reads only files inside the project, '
                    f"or any folder outside it could be published. Give a path relative to the project folder, "
                    f"such as {example}",
                },
            )
        if info.field_name == "content" and not target.is_dir():  # a typo, or a Windows path (content\\zh)
            said = folders.NO_CONTENT_FOLDER.said(value=value)
            raise PydanticCustomError("explained", "{en}", {"zh": said.text("zh"), "en": said.text("en")})
        return value

    @field_validator("theme")
    @classmethod
    def _theme_folder(cls, value: str, info: ValidationInfo) -> str:
        root = Path((info.context or {}).get("root", "."))
        themes = sorted(p.name for p in (root / "themes").iterdir() if p.is_dir()) if (root / "themes").is_dir() else []
        if re.fullmatch(r"[A-Za-z0-9_-]+", value) and value in themes:
            return value
        raise PydanticCustomError(
            "explained",
            "{en}",
            {
                "zh": f"“{value}”应当是 themes/ 里一个文件夹的名字（不含 / 或 ..），现有的是：{', '.join(themes)}",
                "en": f'"{value}" should be the name of a folder in themes/ (without / or ..); there are: '
                f"{', '.join(themes)}",
            },
        )


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
        for code in value:
            if not _LANGUAGE_CODE.fullmatch(code):  # it becomes the folder of the language's pages: /zh/
                raise PydanticCustomError(
                    "explained",
                    "{en}",
                    {
                        "zh": f"[languages.{code}]：语言代码会成为网页地址的第一段，只能用小写字母，例如 zh、en",
                        "en": f"[languages.{code}]: the language code becomes the first part of the pages' addresses; "
                        "use lower-case letters only, such as zh or en",
                    },
                )
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


_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[a-z0-9]{2,8})*")
_HOST = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\]"
_SEGMENT = r"(?!\.\.?/)(?:[A-Za-z0-9._~-]|%[0-9A-Fa-f]{2})+"
_PLAIN_BASE_URL = re.compile(rf"https?://(?:{_HOST})(?::[0-9]{{1,5}})?/(?:{_SEGMENT}/)*")


def base_url_problem(value: str, given: str | None = None) -> tuple[str, str] | None:
    """Why `value` cannot be the site's address (Chinese, English), or None; the message quotes `given` (what was
    typed) if that differs. It starts every link and canonical address on every page: only a plain http(s) address
    of a folder will do."""
    shown_zh, shown_en = f"“{given or value}”", f'"{given or value}"'
    authority = value.split("://", 1)[-1].split("/", 1)[0]
    if any(c.isspace() for c in value):
        return f"{shown_zh}里有空格：请删去网址里的空格", f"{shown_en} contains a space: remove it from the address"
    if "@" in authority:
        return (
            f"{shown_zh}里有用户名或密码（@ 前面的部分）：网站地址会写进每一个页面，人人都看得到。请删去“…@”这一段",
            f"{shown_en} contains a user name or password (the part before @): the site's address is written into "
            "every page, for anyone to read. Remove the part up to and including @",
        )
    for mark, zh, en in (("?", "查询参数", "a query"), ("#", "页内锚点", "a fragment")):
        if mark in value:
            return (
                f"{shown_zh}里有“{mark}”（{zh}）：网站地址只能是一个文件夹的地址。请删去“{mark}”和它后面的部分",
                f'{shown_en} contains "{mark}" ({en}): the site\'s address must be the address of a folder. Remove '
                f'"{mark}" and what follows it',
            )
    if _PLAIN_BASE_URL.fullmatch(value):
        return None
    if re.fullmatch(r"https?://.*/", value):
        return (
            f"{shown_zh}不是一个普通的网址：主机名和路径只能用字母、数字和 - . _ ~ 这些字符，路径里不能有 ./ 或 ../，"
            "例如 https://example.org/huzhou/",
            f"{shown_en} is not a plain web address: its host and path may hold only letters, digits and - . _ ~, "
            "with no ./ or ../ in the path, such as https://example.org/huzhou/",
        )
    return (
        f"{shown_zh}应为以 http:// 或 https:// 开头的网址，并以 / 结尾",
        f"{shown_en} should be a web address starting with http:// or https:// and ending with /",
    )


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
        "“{value}”应为以 http:// 或 https:// 开头的网址",
        '"{value}" should be a web address starting with http:// or https://',
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
    if error["type"] == "explained":
        return Problem(Location(file, key=key), error["ctx"]["zh"], error["ctx"]["en"])
    if error["type"] not in _MESSAGES:
        return Problem(Location(file, key=key), f"取值不对（{error['msg']}）", str(error["msg"]))
    zh, en = _MESSAGES[error["type"]]
    allowed_zh, allowed_en = _allowed(loc) if error["type"] == "extra_forbidden" else ("", "")
    ctx = error.get("ctx", {})
    fill = {"value": error.get("input"), "limit": ctx.get("ge", ctx.get("le", ""))}
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
    """Read root/site.toml (with `base_url` in place of its own, if given); raise ProblemsFound naming every bad key.

    A bad `base_url` is blamed on the command line's --base-url, which gave it."""
    file = "site.toml"
    if base_url is not None:
        given, base_url = base_url, base_url if base_url.endswith("/") else base_url + "/"
        if (wrong := base_url_problem(base_url, given)) is not None:
            raise ProblemsFound([Problem(Location("--base-url"), *wrong)])
    path = root / file
    encoding_problem = check_utf8(path, file) if path.is_file() else None
    if encoding_problem is not None:
        raise ProblemsFound([encoding_problem])
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8-sig"))  # Notepad starts UTF-8 with a BOM
    except FileNotFoundError:
        raise ProblemsFound(
            [Problem(Location(file), "找不到配置文件 site.toml", "the configuration file site.toml is missing")]
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise ProblemsFound([_toml_problem(file, error)]) from None
    if base_url is not None and isinstance(raw.get("site"), dict):
        raw["site"]["base_url"] = base_url
    try:
        config = SiteConfig.model_validate({**raw, "root": root}, context={"root": root})
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
