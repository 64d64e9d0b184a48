"""Model: the typed, frozen objects the pages are made from, built from query rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Text:
    """One piece of reader-facing text in every language of the site."""

    by_lang: tuple[tuple[str, str], ...]

    def get(self, lang: str) -> str:
        """The text in `lang`, or (when the translation is missing, a reported problem) in another language."""
        values = dict(self.by_lang)
        return values.get(lang) or next((v for v in values.values() if v), "")

    @classmethod
    def from_row(cls, row: Row, stem: str, languages: tuple[str, ...]) -> Text:
        return cls(tuple((lang, row.get(f"{stem}_{lang}") or "") for lang in languages))


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    number: int
    name: Text


@dataclass(frozen=True, slots=True)
class Chapter:
    id: str
    number: int
    title: Text


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    title_en: str
    publisher: Text
    url: str
    published: date | None
    grade: str


@dataclass(frozen=True, slots=True)
class Observation:
    year: int
    value: float
    status: str
    source: Source
    quote: str
    note: Text
    definition_differs: bool = False  # the source's definition may differ from the plan's (the note says how)


@dataclass(frozen=True, slots=True)
class Excluded:
    """A value found in a published source but not used as an observation, and why (excluded_observations.csv)."""

    period: str  # a year (2021) or a half-year (2024H1)
    value: float
    reason: str  # aggregator, half_year, definition_differs
    source_title: str
    source_url: str
    quote: str
    note: Text


@dataclass(frozen=True, slots=True)
class Target:
    """A target as the plan writes it, and as a comparator and an absolute value the site can compare with."""

    year: int
    text: Text
    comparator: str
    value: float
    basis: str
    absolute: float


@dataclass(frozen=True, slots=True)
class Progress:
    """The status the progress method (datasets/sql/progress.sql) gives one indicator or commitment."""

    status: str
    interim: str | None
    summary: str  # achieved, on_track, behind, no_data
    expected_share: float | None
    actual_share: float | None
    ratio: float | None  # actual share / expected share: the pace the thresholds judge
    final: bool = False  # judged on a value for the target year; otherwise on an interim value, or on none
    latest_year: int | None = None  # the year of the value judged
    target_year: int | None = None  # the target year (a commitment's deadline)
    outcome: str = "not_due"  # what a final assessment counts: met, not_met, awaiting_final, no_data (or not_due)


@dataclass(frozen=True, slots=True)
class ProgressCount:
    """How many indicators or commitments of one group (the plan, a category, a chapter) have one summary (or, in
    the scheme of a final assessment, one outcome)."""

    scope: str  # plan, category, chapter
    group_id: str
    kind: str  # indicator, commitment
    summary: str  # a summary (achieved, on_track, …), or an outcome (met, not_met, …) in the final scheme
    members: int
    interim: int = 0  # of the members, how many are judged on an interim value (one before the target year)
    scheme: str = "progress"  # progress (the dashboard's summaries) or final (a final assessment's outcomes)


@dataclass(frozen=True, slots=True)
class SectionRef:
    """A section of the plan's text: a chapter and the anchor of one of its headings."""

    chapter: Chapter
    anchor: str


@dataclass(frozen=True, slots=True)
class Commitment:
    """A quantitative promise in the plan's text, the clause that states it, and any reported progress."""

    id: str
    number: int
    chapter: Chapter
    section: str | None
    box: str | None
    clause: Text
    target_value: float
    comparator: str
    unit: Text
    deadline_year: int
    note: Text
    reported: tuple[Observation, ...]  # its own reports, or the published values of the indicator measuring it
    progress: Progress
    indicator_id: str | None = None  # the table 2-1 indicator that measures it (its series and method)


@dataclass(frozen=True, slots=True)
class GlossaryTerm:
    id: str
    term: Text
    note: Text


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    number: int
    category: Category
    chapter: Chapter
    name: Text
    unit: Text
    baseline_year: int | None
    baseline_value: float | None
    target: Target
    vision: Target | None
    direction: str
    attribute: str
    decimals: int
    note: Text
    observations: tuple[Observation, ...]
    latest: Observation | None  # the newest observation after the baseline year; None: no data since baseline
    sections: tuple[SectionRef, ...]  # where the plan's text discusses it
    progress: Progress
    searched: str | None = None  # the month (2026-11) of the last search for published values; None: unknown
    responsible: Text = Text(())  # the department that publishes it, where the plan or a source says so
    publication: Text = Text(())  # where a value is expected (a bulletin, the work report…), where a source shows it
    excluded: tuple[Excluded, ...] = ()  # values found but not used
    # The data release in which this indicator last changed (its number and day, RFC 3339), which its own files
    # cite: given by the build from the server's record (opendata.versions); "" before it is published.
    version: str = ""
    created: str = ""
    archive: str = ""  # where that release's data package is published (downloads/releases/…), "" before it is


def category(row: Row, languages: tuple[str, ...]) -> Category:
    return Category(row["id"], row["number"], Text.from_row(row, "name", languages))


def chapter(row: Row, languages: tuple[str, ...]) -> Chapter:
    return Chapter(row["id"], row["number"], Text.from_row(row, "title", languages))


def observation(row: Row, languages: tuple[str, ...]) -> Observation:
    source = Source(
        id=row["source_id"],
        title=row["source_title"],
        title_en=row["source_title_en"] or row["source_title"],
        publisher=Text.from_row(row, "source_publisher", languages),
        url=row["source_url"],
        published=row["source_published"],
        grade=row["source_grade"],
    )
    return Observation(
        row["year"],
        row["value"],
        row["status"],
        source,
        row["quote"],
        Text.from_row(row, "note", languages),
        bool(row.get("definition_differs")),
    )


def excluded(row: Row, languages: tuple[str, ...]) -> Excluded:
    return Excluded(
        row["period"],
        row["value"],
        row["reason"],
        row["source_title"],
        row["source_url"],
        row["quote"],
        Text.from_row(row, "note", languages),
    )


def indicator(
    row: Row,
    categories: dict[str, Category],
    chapters: dict[str, Chapter],
    observations: tuple[Observation, ...],
    sections: tuple[SectionRef, ...],
    progress: Progress,
    languages: tuple[str, ...],
    excluded: tuple[Excluded, ...] = (),
) -> Indicator:
    target = Target(
        row["target_year"],
        Text.from_row(row, "target_text", languages),
        row["target_comparator"],
        row["target_value"],
        row["target_basis"],
        row["target_absolute"],
    )
    vision = None
    if row["vision_year"] is not None and row["vision_value"] is not None:
        vision = Target(
            row["vision_year"],
            Text.from_row(row, "vision_text", languages),
            "equal",
            row["vision_value"],
            "absolute",
            row["vision_value"],
        )
    latest = next((o for o in observations if o.year == row["latest_year"]), None)
    return Indicator(
        id=row["id"],
        number=row["number"],
        category=categories[row["category_id"]],
        chapter=chapters[row["chapter_id"]],
        name=Text.from_row(row, "name", languages),
        unit=Text.from_row(row, "unit", languages),
        baseline_year=row["baseline_year"],
        baseline_value=row["baseline_value"],
        target=target,
        vision=vision,
        direction=row["direction"],
        attribute=row["attribute"],
        decimals=row["decimals"],
        note=Text.from_row(row, "note", languages),
        observations=observations,
        latest=latest,
        sections=sections,
        progress=progress,
        searched=row["searched"],
        responsible=Text.from_row(row, "responsible", languages),
        publication=Text.from_row(row, "publication", languages),
        excluded=excluded,
    )


def progress(row: Row) -> Progress:
    expected, actual = row["expected_share"], row["actual_share"]
    ratio = actual / expected if expected and actual is not None else None
    return Progress(
        row["status"],
        row["interim"],
        row["summary"],
        expected,
        actual,
        ratio,
        bool(row["final"]),
        row["latest_year"],
        row["target_year"],
        row["outcome"],
    )


def commitment(
    row: Row,
    chapters: dict[str, Chapter],
    reported: tuple[Observation, ...],
    status: Progress,
    languages: tuple[str, ...],
) -> Commitment:
    return Commitment(
        id=row["id"],
        number=row["number"],
        chapter=chapters[row["chapter_id"]],
        section=row["section"],
        box=row["box"],
        clause=Text.from_row(row, "clause", languages),
        target_value=row["target_value"],
        comparator=row["comparator"],
        unit=Text.from_row(row, "unit", languages),
        deadline_year=row["deadline_year"],
        note=Text.from_row(row, "note", languages),
        reported=reported,
        progress=status,
        indicator_id=row["indicator_id"],
    )


def glossary_term(row: Row, languages: tuple[str, ...]) -> GlossaryTerm:
    return GlossaryTerm(row["id"], Text.from_row(row, "term", languages), Text.from_row(row, "note", languages))
