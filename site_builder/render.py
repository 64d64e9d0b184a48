"""Render: one Jinja environment per language (autoescape, StrictUndefined, gettext) turning pages into HTML."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from babel.numbers import format_decimal, format_percent
from babel.support import Translations
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from site_builder.contexts import Page
from site_builder.i18n import format_day, format_number
from site_builder.model import Text


def environment(templates: Path, lang: str, locale: str, translations: Translations) -> Environment:
    """A Jinja environment for one language; its filters only format, they never select or compute."""
    env = Environment(
        loader=FileSystemLoader(templates),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]

    def text(value: Text) -> str:
        return value.get(lang)

    def number(value: float | None, decimals: int = 0) -> str:
        return format_number(value, decimals, locale)

    def day(value: date | None) -> str:
        return format_day(value, locale)

    def plain(value: float) -> str:
        return format_decimal(value, locale=locale)

    def percent(value: float) -> str:
        return format_percent(value, locale=locale)

    env.filters.update(t=text, number=number, day=day, plain=plain, percent=percent)
    return env


def render_pages(pages: list[Page], environments: dict[str, Environment], neutral: Environment) -> dict[str, bytes]:
    """Each page's output path and its HTML; pages without a language use the `neutral` environment."""
    files: dict[str, bytes] = {}
    for page in pages:
        env = environments.get(page.lang, neutral)
        html = env.get_template(page.template).render(page=page.context)
        files[page.path] = html.encode("utf-8")
    return files
