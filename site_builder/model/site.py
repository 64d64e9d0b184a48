"""Site: gather the model (chapters, indicators with their series, commitments, glossary) and the documents."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import duckdb

from site_builder.inputs.config import SiteConfig
from site_builder.inputs.content import Document
from site_builder.inputs.datapackage import ValidatedPackage
from site_builder.inputs.markdown import Mark
from site_builder.model import entities, queries
from site_builder.model.quality import Quality, quality
from site_builder.problems import Location, Problem, raise_if_errors
from site_builder.problems.catalogue import content as page_words
from site_builder.problems.catalogue import rows as row_words


@dataclass(frozen=True, slots=True)
class Site:
    config: SiteConfig
    package: ValidatedPackage
    categories: tuple[entities.Category, ...]
    chapters: tuple[entities.Chapter, ...]
    indicators: tuple[entities.Indicator, ...]
    commitments: tuple[entities.Commitment, ...]
    glossary: tuple[entities.GlossaryTerm, ...]
    counts: tuple[entities.ProgressCount, ...]
    documents: tuple[Document, ...]
    quality: Quality

    def document(self, lang: str, key: str) -> Document | None:
        return next((d for d in self.documents if d.lang == lang and d.key == key), None)


def commitment_marks(
    config: SiteConfig, package: ValidatedPackage, db: duckdb.DuckDBPyConnection
) -> dict[tuple[str, str], tuple[Mark, ...]]:
    """For each page (language, key): the commitment clauses to link to their entries on the commitments page."""
    marks: dict[tuple[str, str], list[Mark]] = defaultdict(list)
    shown = package.table("commitments").shown_as
    for row in queries.rows(db, "commitments"):
        for lang in config.language_codes:
            clause = row.get(f"clause_{lang}")
            page = marks[(lang, f"chapters/{row['chapter_id']}")]
            if clause and all(m.phrase != clause for m in page):  # a second one is refused by clause_problems
                href = f"/{lang}/commitments/#{row['id']}"  # under the base path when rendered
                origin = Location(shown, row=row["_row"], column=f"clause_{lang}")
                mark = Mark(clause, href, f"commitment-{row['id']}", "commitment", origin)
                page.append(mark)
    return {key: tuple(value) for key, value in marks.items()}


def build_site(
    config: SiteConfig, package: ValidatedPackage, db: duckdb.DuckDBPyConnection, documents: list[Document]
) -> tuple[Site, list[Problem]]:
    """The whole site's model from the warehouse and the documents, with problems linking the two."""
    raise_if_errors(half_filled(package, db), strict=False)  # the model cannot be made from such rows
    langs = config.language_codes
    progress_sql = config.path(config.site.datapackage).parent / "sql" / "progress.sql"
    queries.materialize(db, "progress", progress_sql, as_of_year=config.site.assessment_year)
    status = {(r["kind"], r["id"]): entities.progress(r) for r in queries.rows(db, "progress")}
    categories = {r["id"]: entities.category(r, langs) for r in queries.rows(db, "categories")}
    chapters = {r["id"]: entities.chapter(r, langs) for r in queries.rows(db, "chapters")}
    series: dict[str, list[entities.Observation]] = defaultdict(list)
    for row in queries.rows(db, "observations"):
        series[row["indicator_id"]].append(entities.observation(row, langs))
    sections: dict[str, list[entities.SectionRef]] = defaultdict(list)
    for row in queries.rows(db, "indicator_sections"):
        sections[row["indicator_id"]].append(entities.SectionRef(chapters[row["chapter_id"]], row["section"]))
    excluded: dict[str, list[entities.Excluded]] = defaultdict(list)
    for row in queries.rows(db, "excluded_observations"):
        excluded[row["indicator_id"]].append(entities.excluded(row, langs))
    indicators = tuple(
        entities.indicator(
            row,
            categories,
            chapters,
            tuple(series[row["id"]]),
            tuple(sections[row["id"]]),
            status[("indicator", row["id"])],
            langs,
            tuple(excluded[row["id"]]),
        )
        for row in queries.rows(db, "indicators")
    )
    reported: dict[str, list[entities.Observation]] = defaultdict(list)
    for row in queries.rows(db, "commitment_progress"):
        reported[row["commitment_id"]].append(entities.observation(row, langs))
    measured = {i.id: i for i in indicators}
    commitments = tuple(
        entities.commitment(
            row,
            chapters,
            _since_baseline(measured[row["indicator_id"]]) if row["indicator_id"] else tuple(reported[row["id"]]),
            status[("commitment", row["id"])],
            langs,
        )
        for row in queries.rows(db, "commitments")
    )
    glossary = tuple(entities.glossary_term(row, langs) for row in queries.rows(db, "glossary"))
    counts = tuple(
        entities.ProgressCount(
            r["scope"], r["group_id"], r["kind"], r["summary"], r["members"], r["interim_members"], r["scheme"]
        )
        for r in queries.rows(db, "progress_counts")
    )
    site = Site(
        config,
        package,
        tuple(categories.values()),
        tuple(chapters.values()),
        indicators,
        commitments,
        glossary,
        counts,
        tuple(documents),
        quality(package, db, langs),
    )
    return site, _document_problems(site, db)


def _since_baseline(indicator: entities.Indicator) -> tuple[entities.Observation, ...]:
    """An indicator's values after its baseline: what a commitment it measures reports as progress."""
    base = indicator.baseline_year
    return tuple(o for o in indicator.observations if base is None or o.year > base)


def _document_problems(site: Site, db: duckdb.DuckDBPyConnection) -> list[Problem]:
    chapter_ids = {c.id for c in site.chapters}
    problems = [
        page_words.NOT_A_CHAPTER_PAGE.at(Location(d.file), name=d.key.removeprefix("chapters/"))
        for d in site.documents
        if d.key.startswith("chapters/") and d.key.removeprefix("chapters/") not in chapter_ids
    ]
    problems += [
        page_words.NO_SUCH_CHAPTER.at(Location(d.file, key="chapter"), chapter=d.chapter_id)
        for d in site.documents
        if d.chapter_id is not None and d.chapter_id not in chapter_ids
    ]
    for chapter in site.chapters:
        for lang in site.config.language_codes:
            if site.document(lang, f"chapters/{chapter.id}") is None:
                where = Location(f"{site.config.site.content}/{lang}/chapters/{chapter.id}.md")
                problems.append(page_words.CHAPTER_MISSING.at(where))
    problems += clause_problems(site.package, db, site.config.language_codes)
    problems += measured_progress(site.package, db)
    return problems + _anchor_problems(site, db) + _future_problems(site, db)


def half_filled(package: ValidatedPackage, db: duckdb.DuckDBPyConnection) -> list[Problem]:
    """Rows with one of two cells that only mean something together (a vision's year and value…)."""
    shown = package.table("indicators").shown_as
    problems = []
    for row in queries.rows(db, "half_filled"):
        location = Location(shown, row=row["_row"], column=row["empty"])
        if row["filled"] == "target_basis":
            problems.append(row_words.NO_BASELINE.at(location))
        else:
            problems.append(row_words.HALF_A_VISION.at(location, filled=row["filled"], empty=row["empty"]))
    return problems


def clause_problems(package: ValidatedPackage, db: duckdb.DuckDBPyConnection, langs: tuple[str, ...]) -> list[Problem]:
    """A clause quoted by two commitments of one chapter: each links to its own phrase in the text."""
    shown = package.table("commitments").shown_as
    first: dict[tuple[str, str, str], int] = {}
    problems = []
    for row in queries.rows(db, "commitments"):
        for lang in langs:
            clause = row.get(f"clause_{lang}")
            if not clause:
                continue
            earlier = first.setdefault((lang, row["chapter_id"], clause), row["_row"])
            if earlier != row["_row"]:
                where = Location(shown, row=row["_row"], column=f"clause_{lang}")
                problems.append(row_words.SAME_CLAUSE.at(where, earlier=earlier, clause=clause))
    return problems


def measured_progress(package: ValidatedPackage, db: duckdb.DuckDBPyConnection) -> list[Problem]:
    """Progress reported for a commitment that an indicator measures: never used (its values are the indicator's)."""
    shown = package.table("commitment_progress").shown_as
    return [
        row_words.MEASURED_BY_INDICATOR.at(
            Location(shown, row=r["_row"], column="commitment_id"),
            commitment=r["commitment_id"],
            indicator=r["indicator_id"],
        )
        for r in queries.rows(db, "measured_progress")
    ]


def _future_problems(site: Site, db: duckdb.DuckDBPyConnection) -> list[Problem]:
    shown = {t.name: t.shown_as for t in site.package.tables}
    year = site.config.site.assessment_year
    return [
        row_words.AFTER_ASSESSMENT.at(
            Location(shown[r["resource"]], row=r["_row"], column="year"), year=r["year"], assessment=year
        )
        for r in queries.rows(db, "future_values", as_of_year=year)
    ]


def _anchor_problems(site: Site, db: duckdb.DuckDBPyConnection) -> list[Problem]:
    """Section and box anchors named in the data must exist in the chapter's text, in every language."""
    shown = {t.name: t.shown_as for t in site.package.tables}
    problems = []
    for check in queries.rows(db, "anchors"):
        for lang in site.config.language_codes:
            document = site.document(lang, f"chapters/{check['chapter_id']}")
            if document is not None and check["anchor"] not in document.anchors:
                where = Location(shown[check["resource"]], row=check["_row"], column=check["column_name"])
                problems.append(page_words.ANCHOR_NOT_FOUND.at(where, anchor=check["anchor"], file=document.file))
    return problems
