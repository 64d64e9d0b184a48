"""Configuration: read site.toml into typed, frozen settings, reporting every problem with its key path."""

from __future__ import annotations

import re
import tomllib
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from site_builder.inputs.structured import read_toml
from site_builder.inputs.textfiles import check_utf8
from site_builder.problems import Location, Problem, ProblemsFound
from site_builder.problems.catalogue import BY_CODE
from site_builder.problems.catalogue import config as words
from site_builder.problems.catalogue import places as folders
from site_builder.problems.message import Message, Said

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
    report_pdf: bool = True  # the assessment report as a PDF in each language (about 5 CPU-seconds when it changes)
    contact: str = ""  # where readers write: mailto:…, or a page or form address ({subject}, {body}); "" for none

    @field_validator("contact")
    @classmethod
    def _contact(cls, value: str) -> str:
        if (wrong := contact_problem(value)) is not None:
            raise _explained(wrong)
        return value

    @field_validator("base_url")
    @classmethod
    def _plain_address(cls, value: str) -> str:
        if (wrong := base_url_problem(value)) is not None:
            raise _explained(wrong)
        return value

    @field_validator("content", "datapackage")
    @classmethod
    def _inside_the_project(cls, value: str, info: ValidationInfo) -> str:
        """A path that leaves the project would publish whatever lies there (`content = "/"` read the whole disk)."""
        root = Path((info.context or {}).get("root", "."))
        target = (root / value).resolve()
        if Path(value).is_absolute() or not target.is_relative_to(root.resolve()) or target == root.resolve():
            example = "content" if info.field_name == "content" else "datasets/datapackage.json"
            raise _explained(words.PATH_OUTSIDE_PROJECT.said(value=value, example=example))
        if info.field_name == "content" and not target.is_dir():  # a typo, or a Windows path (content\\zh)
            raise _explained(folders.NO_CONTENT_FOLDER.said(value=value))
        return value

    @field_validator("theme")
    @classmethod
    def _theme_folder(cls, value: str, info: ValidationInfo) -> str:
        root = Path((info.context or {}).get("root", "."))
        themes = sorted(p.name for p in (root / "themes").iterdir() if p.is_dir()) if (root / "themes").is_dir() else []
        if re.fullmatch(r"[A-Za-z0-9_-]+", value) and value in themes:
            return value
        raise _explained(words.THEME.said(value=value, themes=", ".join(themes)))


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
                raise _explained(words.LANGUAGE_CODE.said(code=code))
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


def base_url_problem(value: str, given: str | None = None) -> Said | None:
    """Why `value` cannot be the site's address, or None; the message quotes `given` (what was typed) if that
    differs. It starts every link and canonical address on every page: only a plain http(s) address of a folder
    will do."""
    shown = given or value
    authority = value.split("://", 1)[-1].split("/", 1)[0]
    if any(c.isspace() for c in value):
        return words.BASE_URL_SPACE.said(given=shown)
    if "@" in authority:
        return words.BASE_URL_PASSWORD.said(given=shown)
    for mark, message in (("?", words.BASE_URL_QUERY), ("#", words.BASE_URL_FRAGMENT)):
        if mark in value:
            return message.said(given=shown)
    if _PLAIN_BASE_URL.fullmatch(value):
        return None
    if re.fullmatch(r"https?://.*/", value):
        return words.BASE_URL_NOT_PLAIN.said(given=shown)
    return words.BASE_URL_NOT_AN_ADDRESS.said(given=shown)


CONTACT_FIELDS = ("subject", "body")  # what a form's address may ask the build to fill in
_MAILTO = re.compile(r"mailto:[^\s@?&#/:<>\"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
_WEB_ADDRESS = re.compile(r"https?://[^\s/?#<>\"@{}]+([/?#][^\s<>\"]*)?")


def contact_problem(value: str) -> Said | None:
    """Why `value` cannot be the readers' contact, or None: a mailto: address (the build adds the subject and the
    text), or an http(s) address, of a page or of a form whose {subject} and {body} the build fills in."""
    if value == "" or _MAILTO.fullmatch(value):
        return None
    if not _WEB_ADDRESS.fullmatch(value):
        return words.CONTACT_NOT_AN_ADDRESS.said(value=value)
    for name in re.findall(r"\{([^{}]*)\}", value):
        if name not in CONTACT_FIELDS:
            return words.CONTACT_PLACEHOLDER.said(value=value, name=name)
    return None


def _explained(said: Said) -> PydanticCustomError:
    """A validator's refusal, carrying its message's code and fields to `_problem_from_pydantic`."""
    return PydanticCustomError("explained", "{code}", {"code": said.message.code, "fields": dict(said.fields)})


# Each pydantic error type in staff's words; {value} is what the file says, {limit} a bound.
_MESSAGES: dict[str, Message] = {
    "missing": words.MISSING,
    "extra_forbidden": words.UNKNOWN_KEY,
    "int_type": words.NOT_A_WHOLE_NUMBER,
    "int_parsing": words.NOT_A_WHOLE_NUMBER,
    "bool_type": words.NOT_TRUE_OR_FALSE,
    "string_type": words.NOT_TEXT,
    "string_pattern_mismatch": words.NOT_A_WEB_ADDRESS,
    "greater_than_equal": words.TOO_SMALL,
    "less_than_equal": words.TOO_LARGE,
    "dict_type": words.NOT_A_TABLE,
    "value_error": words.NO_LANGUAGE,
}


def _allowed(loc: tuple[Any, ...]) -> str:
    """The keys allowed where an unknown key was found."""
    model: type[BaseModel] = SiteConfig
    if loc[:1] == ("site",):
        model = SiteSection
    elif loc[:1] == ("languages",):
        model = LanguageConfig
    return ", ".join(sorted(n for n in model.model_fields if n not in ("root", "code")))


def _problem_from_pydantic(file: str, error: Any) -> Problem:
    loc = tuple(error["loc"])
    where = Location(file, key=".".join(str(part) for part in loc))
    if error["type"] == "explained":
        return BY_CODE[error["ctx"]["code"]].at(where, **error["ctx"]["fields"])
    if error["type"] not in _MESSAGES:
        return words.WRONG_VALUE.at(where, detail=error["msg"])
    ctx = error.get("ctx", {})
    names = _allowed(loc) if error["type"] == "extra_forbidden" else ""
    return _MESSAGES[error["type"]].at(
        where, value=error.get("input"), limit=ctx.get("ge", ctx.get("le", "")), names=names
    )


def _toml_problem(file: str, error: Exception) -> Problem:
    """A file that is not TOML at all: where the reader stopped, and the usual causes."""
    text = str(error)
    where = re.search(r"\(at line (\d+), column \d+\)", text)
    detail = text[: where.start()].strip() if where else text
    return words.NOT_TOML.at(Location(file, row=int(where.group(1)) if where else None), detail=detail)


def load_config(root: Path, base_url: str | None = None) -> SiteConfig:
    """Read root/site.toml (with `base_url` in place of its own, if given); raise ProblemsFound naming every bad key.

    A bad `base_url` is blamed on the command line's --base-url, which gave it."""
    file = "site.toml"
    if base_url is not None:
        given, base_url = base_url, base_url if base_url.endswith("/") else base_url + "/"
        if (wrong := base_url_problem(base_url, given)) is not None:
            raise ProblemsFound([wrong.at(Location("--base-url"))])
    path = root / file
    encoding_problem = check_utf8(path, file) if path.is_file() else None
    if encoding_problem is not None:
        raise ProblemsFound([encoding_problem])
    try:
        raw = read_toml(path.read_text(encoding="utf-8-sig"), file)  # Notepad starts UTF-8 with a BOM
    except FileNotFoundError:
        raise ProblemsFound([words.NO_CONFIG.at(Location(file))]) from None
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
                words.DEFAULT_LANGUAGE.at(
                    Location(file, key="site.default_language"),
                    value=config.site.default_language,
                    languages=", ".join(config.languages),
                )
            ]
        )
    return config
