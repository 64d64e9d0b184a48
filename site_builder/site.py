"""Site: gather the model (chapters, categories, indicators with their series) and the documents into one value."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from site_builder import model, queries
from site_builder.config import SiteConfig
from site_builder.content import Document
from site_builder.datasets import ValidatedPackage
from site_builder.problems import Location, Problem


@dataclass(frozen=True, slots=True)
class Site:
    config: SiteConfig
    package: ValidatedPackage
    categories: tuple[model.Category, ...]
    chapters: tuple[model.Chapter, ...]
    indicators: tuple[model.Indicator, ...]
    documents: tuple[Document, ...]

    def document(self, lang: str, key: str) -> Document | None:
        return next((d for d in self.documents if d.lang == lang and d.key == key), None)


def build_site(
    config: SiteConfig, package: ValidatedPackage, db: duckdb.DuckDBPyConnection, documents: list[Document]
) -> tuple[Site, list[Problem]]:
    """The whole site's model from the warehouse and the documents, with problems linking the two."""
    langs = config.language_codes
    categories = {r["id"]: model.category(r, langs) for r in queries.rows(db, "categories")}
    chapters = {r["id"]: model.chapter(r, langs) for r in queries.rows(db, "chapters")}
    indicators = tuple(
        model.indicator(
            row,
            categories,
            chapters,
            tuple(model.observation(o, langs) for o in queries.rows(db, "observations", indicator_id=row["id"])),
            langs,
        )
        for row in queries.rows(db, "indicators")
    )
    site = Site(config, package, tuple(categories.values()), tuple(chapters.values()), indicators, tuple(documents))
    return site, _document_problems(site)


def _document_problems(site: Site) -> list[Problem]:
    chapter_ids = {c.id for c in site.chapters}
    problems = [
        Problem(
            Location(d.file, key="chapter"),
            f"“{d.chapter_id}”不是 chapters.csv 中的章节",
            f'"{d.chapter_id}" is not a chapter in chapters.csv',
        )
        for d in site.documents
        if d.chapter_id is not None and d.chapter_id not in chapter_ids
    ]
    for chapter in site.chapters:
        for lang in site.config.language_codes:
            if site.document(lang, f"chapters/{chapter.id}") is None:
                problems.append(
                    Problem(
                        Location(f"{site.config.site.content}/{lang}/chapters/{chapter.id}.md"),
                        "缺少这一章的正文页面",
                        "the text of this chapter is missing",
                        "warning",
                    )
                )
    return problems
