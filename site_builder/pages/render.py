"""Render: one Jinja environment per language (autoescape, StrictUndefined, gettext) turning pages into HTML."""

from __future__ import annotations

import re
import traceback
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import cast

from babel.numbers import format_decimal, format_percent
from babel.support import Translations
from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    select_autoescape,
)

from site_builder.i18n import format_day, format_number, format_quantity
from site_builder.inputs.textfiles import check_utf8
from site_builder.model.entities import Target, Text
from site_builder.output.reuse import Reuse
from site_builder.output.staging import write_file
from site_builder.output.workers import map_slices
from site_builder.pages.contexts import Page
from site_builder.pages.links import PageLinks, page_links
from site_builder.pages.wording import target_words
from site_builder.problems import Location, Problem
from site_builder.problems.catalogue import templates as words


def environment(
    templates: Path, lang: str, locale: str, translations: Translations, compiled: Path | None = None
) -> Environment:
    """A Jinja environment for one language; its filters only format, they never select or compute. Compiled
    templates are kept in `compiled` between builds (Jinja checks each template's source is unchanged)."""
    if compiled is not None:
        compiled.mkdir(parents=True, exist_ok=True)
    env = Environment(
        bytecode_cache=FileSystemBytecodeCache(str(compiled)) if compiled is not None else None,
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

    def quantity(value: float | None, unit: Text, decimals: int | None = None, comparator: str = "") -> str:
        """A value with its unit (and comparator), the one way pages write one; `decimals` None: as the plan wrote
        it."""
        return format_quantity(value, unit.get(lang), locale, decimals, comparator)

    def target(value: Target, unit: Text) -> str:
        return target_words(value, unit.get(lang), lang, locale)

    env.filters.update(t=text, number=number, day=day, plain=plain, percent=percent, quantity=quantity, target=target)
    return env


def template_problems(env: Environment, root: Path, templates: Path) -> list[Problem]:
    """Every template compiled before any page is made: a syntax error is named by file and row."""
    problems = []
    for name in env.list_templates():
        try:
            env.get_template(name)
        except UnicodeDecodeError:
            encoding = check_utf8(templates / name, (templates / name).relative_to(root).as_posix())
            problems += [encoding] if encoding is not None else []
        except TemplateSyntaxError as error:
            where = Location((templates / (error.name or name)).relative_to(root).as_posix(), row=error.lineno)
            problems.append(words.NOT_JINJA.at(where, detail=error.message))
    return problems


_TEMPLATE_FRAME = re.compile(r'File "([^"]+\.(?:html|xml|txt))", line (\d+)')


def failed_template(error: BaseException, root: Path) -> Problem | None:
    """A rendering error as a Problem at its template's file and row (Jinja puts template rows in the traceback,
    also in the one a worker process sends back); None if the error did not come from a template."""
    if not isinstance(error, TemplateError):
        return None
    frames = _TEMPLATE_FRAME.findall("".join(traceback.format_exception(error)))
    if not frames:
        return None
    path, row = Path(frames[-1][0]), int(frames[-1][1])
    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
    return words.FAILED.at(Location(shown, row=row), error=error)


def render_page(page: Page, environments: dict[str, Environment], neutral: Environment) -> tuple[bytes, PageLinks]:
    """One page's HTML, and its ids and links; a page without a language uses the `neutral` environment."""
    env = environments.get(page.lang, neutral)
    html = env.get_template(page.template).render(page=page.context)
    return html.encode("utf-8"), page_links(html)


def render_pages(
    pages: Sequence[Page],
    environments: dict[str, Environment],
    neutral: Environment,
    folder: Path,
    reuse: Reuse | None = None,
    common: str = "",
) -> dict[str, PageLinks]:
    """Render each page into `folder` (on every core for a large site); the ids and links of each page.

    With `reuse`, a page whose context, template and `common` (the code, the templates and translations, the
    configuration) are unchanged since the previous build is linked from it instead."""
    found: dict[str, PageLinks] = {}
    keys, fresh = {}, []
    for page in pages:
        if reuse is None:
            fresh.append(page)
            continue
        keys[page.path] = key = reuse.key(common, page.path, page.template, page.lang, page.context)
        if (old := reuse.linked(page.path, key)) is not None:
            found[page.path] = cast(PageLinks, old.made)
        else:
            fresh.append(page)

    def work(some: Sequence[Page]) -> dict[str, PageLinks]:
        links = {}
        for page in some:
            html, links[page.path] = render_page(page, environments, neutral)
            write_file(folder, page.path, html)
        return links

    for links in map_slices(work, fresh):
        found.update(links)
        for path, made in links.items():
            if reuse is not None:
                reuse.keep(path, keys[path], [path], made)
    return found
