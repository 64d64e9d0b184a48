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
        entities.ProgressCount(r["scope"], r["group_id"], r["kind"], r["summary"], r["members"], r["interim_members"])
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
        Problem(
            Location(d.file),
            f"“{d.key.removeprefix('chapters/')}”不是 chapters.csv 中的章节：chapters/ 下的页面只能是规划的各章，文件名"
            "就是章节的 id（例如 new-stage.md），否则不会被发布；其他页面请放在 chapters/ 文件夹之外",
            f'"{d.key.removeprefix("chapters/")}" is not a chapter in chapters.csv: the pages under chapters/ are '
            "the plan's chapters, each named by its id (such as new-stage.md), and no other page there is "
            "published; put other pages outside the chapters/ folder",
        )
        for d in site.documents
        if d.key.startswith("chapters/") and d.key.removeprefix("chapters/") not in chapter_ids
    ]
    problems += [
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
            problems.append(
                Problem(
                    location,
                    "目标要按基期值计算（target_basis 是 change_from_baseline_pct），基期值 baseline_value 却是空的："
                    "请填写基期值，或把目标写成绝对数值（并把 target_basis 改为 absolute）",
                    "the target is computed from the baseline (target_basis is change_from_baseline_pct), but "
                    "baseline_value is empty: fill in the baseline, or write the target as a value (and set "
                    "target_basis to absolute)",
                )
            )
        else:
            problems.append(
                Problem(
                    location,
                    f"填写了 {row['filled']}，{row['empty']} 却是空的：2035 年远景目标的年份和数值要一起填写（或都留空）",
                    f"{row['filled']} is filled in but {row['empty']} is empty: the 2035 vision needs both its year "
                    "and its value (or neither)",
                )
            )
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
                problems.append(
                    Problem(
                        Location(shown, row=row["_row"], column=f"clause_{lang}"),
                        f"与第 {earlier} 行引用了同一段原文“{clause}”：每条承诺要链接到正文中它自己的那句话，"
                        "请引用更长或不同的一段",
                        f'quotes the same clause as row {earlier}, "{clause}": each commitment links to its own '
                        "phrase of the text; quote a longer or a different one",
                    )
                )
    return problems


def measured_progress(package: ValidatedPackage, db: duckdb.DuckDBPyConnection) -> list[Problem]:
    """Progress reported for a commitment that an indicator measures: never used (its values are the indicator's)."""
    shown = package.table("commitment_progress").shown_as
    return [
        Problem(
            Location(shown, row=r["_row"], column="commitment_id"),
            f"承诺“{r['commitment_id']}”由指标“{r['indicator_id']}”衡量（见 commitments.csv 的 indicator_id 列），"
            "它的进展取自 observations.csv 中这项指标的数值，这一行不会被使用：请把数值填进 observations.csv 并删除"
            "这一行；如果这项指标并不衡量这条承诺，请清空 commitments.csv 中它的 indicator_id",
            f'the commitment "{r["commitment_id"]}" is measured by the indicator "{r["indicator_id"]}" (column '
            "indicator_id of commitments.csv): its progress comes from that indicator's values in observations.csv, "
            "so this row would never be used. Put the value in observations.csv and delete this row; or, if the "
            "indicator does not measure this commitment, empty its indicator_id in commitments.csv",
        )
        for r in queries.rows(db, "measured_progress")
    ]


def _future_problems(site: Site, db: duckdb.DuckDBPyConnection) -> list[Problem]:
    shown = {t.name: t.shown_as for t in site.package.tables}
    year = site.config.site.assessment_year
    return [
        Problem(
            Location(shown[r["resource"]], row=r["_row"], column="year"),
            f"{r['year']}年晚于评估年份（{year}年，见 site.toml 的 assessment_year），不可能已有公开数据",
            f"{r['year']} is after the assessment year ({year}, assessment_year in site.toml): no source can "
            "have published it yet",
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
                problems.append(
                    Problem(
                        Location(shown[check["resource"]], row=check["_row"], column=check["column_name"]),
                        f"“{check['anchor']}”不是 {document.file} 中的锚点：请用正文中已有的锚点"
                        "（写在标题上一行，如 {#s12}）",
                        f'"{check["anchor"]}" is not an anchor in {document.file}: use one the text has '
                        "(written on the line above a heading, such as {#s12})",
                    )
                )
    return problems
