"""Catalogs: the theme's gettext catalogs, read and compiled in memory with Babel, with every untranslated string."""

from __future__ import annotations

import io
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from site_builder.inputs.textfiles import check_utf8
from site_builder.problems import Location, Problem
from site_builder.problems.catalogue import translations


def catalog_path(theme_dir: Path, locale: str) -> Path | None:
    """The messages.po for a locale, trying `zh_Hans_CN`, then `zh_Hans`, then `zh` (TOOLING.md §8's trap)."""
    parsed = Locale.parse(locale)
    candidates = [locale, f"{parsed.language}_{parsed.script}" if parsed.script else "", parsed.language]
    for name in filter(None, candidates):
        path = theme_dir / "locale" / name / "LC_MESSAGES" / "messages.po"
        if path.is_file():
            return path
    return None


def load_translations(root: Path, theme_dir: Path, locale: str) -> tuple[Translations, list[Problem]]:
    """The compiled catalog of one locale, and a warning for each message left untranslated or fuzzy."""
    path = catalog_path(theme_dir, locale)
    if path is None:
        shown = (theme_dir / "locale").relative_to(root).as_posix()
        return Translations(), [translations.NO_CATALOG.at(Location(shown), locale=locale)]
    shown = path.relative_to(root).as_posix()
    encoding_problem = check_utf8(path, shown)
    if encoding_problem is not None:
        return Translations(), [encoding_problem]
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    problems = [
        translations.UNTRANSLATED.at(Location(shown, row=message.lineno), text=message.id)
        for message in catalog
        if message.id and (not message.string or message.fuzzy)
    ]
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer), problems
