"""Contexts: the one typed value each template reads, and the Page that pairs it with a template and a path."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from site_builder.charts.drawing import Chart
from site_builder.inputs.content import Block, Document, Heading
from site_builder.model.entities import Category, Chapter, Commitment, GlossaryTerm, Indicator
from site_builder.model.quality import Quality
from site_builder.pages.chrome import Alternate, Chrome, Link
from site_builder.pages.wording import Badge

if TYPE_CHECKING:  # the report's context lives with its maker, which builds on the contexts here
    from site_builder.pages.report import ReportContext


@dataclass(frozen=True, slots=True)
class IndicatorLink:
    indicator: Indicator
    url: str


@dataclass(frozen=True, slots=True)
class CategoryGroup:
    category: Category
    indicators: tuple[IndicatorLink, ...]


@dataclass(frozen=True, slots=True)
class CommitmentLink:
    """A commitment, where its clause stands in the text, and its entry on the commitments page."""

    commitment: Commitment
    in_text: str
    entry: str
    badge: Badge
    indicator: Link | None  # the table 2-1 indicator that measures it, whose values and status it takes


@dataclass(frozen=True, slots=True)
class CommitmentGroup:
    chapter: Chapter
    chapter_url: str
    commitments: tuple[CommitmentLink, ...]


@dataclass(frozen=True, slots=True)
class TocEntry:
    """A section of a chapter, and the same section in the other languages."""

    heading: Heading
    others: tuple[Alternate, ...]


@dataclass(frozen=True, slots=True)
class SummaryCount:
    summary: str
    label: str
    count: int
    interim: int  # of the count, how many are judged on an interim value
    interim_label: str  # "1 on an interim value", or "" when none is


@dataclass(frozen=True, slots=True)
class HomeContext:
    chrome: Chrome
    intro: tuple[Block, ...]
    groups: tuple[CategoryGroup, ...]
    chapters: tuple[Link, ...]
    indicator_count: int
    commitment_count: int
    totals: tuple[SummaryCount, ...]  # indicators per summary status, for the whole plan


@dataclass(frozen=True, slots=True)
class IndicatorsContext:
    chrome: Chrome
    groups: tuple[CategoryGroup, ...]


@dataclass(frozen=True, slots=True)
class ChapterContext:
    chrome: Chrome
    chapter: Chapter
    document: Document | None
    toc: tuple[TocEntry, ...]
    indicators: tuple[IndicatorLink, ...]
    commitments: tuple[CommitmentLink, ...]
    groups: tuple[CategoryGroup, ...]  # for a table 2-1 placeholder in the text
    previous: Link | None
    next: Link | None
    original: Alternate | None  # the authoritative text when this page is a translation (the plan's own language)


@dataclass(frozen=True, slots=True)
class IndicatorContext:
    chrome: Chrome
    indicator: Indicator
    chart: Chart
    chart_url: str
    chapter_url: str
    sections: tuple[Link, ...]  # the sections of the plan's text that discuss it
    badge: Badge
    sentence: str
    about: IndicatorAbout
    method_url: str
    spec: str  # the chart's Vega-Lite spec (JSON, "<" escaped), for the optional interactive chart
    downloads: tuple[DownloadLink, ...]
    citations: tuple[CitationView, ...]
    jsonld: str
    embed: EmbedCode
    contact: ContactView
    release_archive: str = ""  # the zip of the release its citation names, as published; "" before it is published


@dataclass(frozen=True, slots=True)
class ContactView:
    """How a reader suggests a source or reports an error about an indicator: a link filled in with the
    indicator and the page's address where the site's contact allows it, and the same words to copy."""

    kind: str  # "mail", "form", "page" (a page to write through, the reader quotes the words), or "" for none
    url: str  # the link, with the subject and text in it for "mail" and "form"
    label: str  # the e-mail address, or the host of the page or form
    message: str  # the subject and the text


@dataclass(frozen=True, slots=True)
class EmbedCode:
    """How another site shows an indicator: its embed page, and the <iframe> to paste (HTML, shown as text)."""

    url: str  # site-relative
    snippet: str


@dataclass(frozen=True, slots=True)
class EmbedContext:
    """The small page another site frames: the chart, its table and sources, the licence, the full page's link."""

    chrome: Chrome
    indicator: Indicator
    badge: Badge
    chart_url: str  # the numbers-only drawing; its words are the page's
    page_url: str  # the indicator's full page
    images: tuple[Link, ...]  # the chart framed in this language, to download (SVG, PNG)


@dataclass(frozen=True, slots=True)
class ExcludedView:
    """A value found but not used, in the words of one language."""

    period: str
    value: str
    reason: str
    source_title: str
    source_url: str
    quote: str
    note: str


@dataclass(frozen=True, slots=True)
class IndicatorAbout:
    """What the indicator page says besides the numbers: which way is better, when values were last searched for,
    who publishes them and where, and the values found but not used."""

    direction: str
    searched: str  # "Last searched: November 2026"
    responsible: str  # the department, or "Not known"
    publication: str  # where a value is expected, or "Not known"
    excluded: tuple[ExcludedView, ...]


@dataclass(frozen=True, slots=True)
class DiffersView:
    """A published value whose definition may differ from the plan's."""

    indicator: Link
    year: int
    value: str
    note: str


@dataclass(frozen=True, slots=True)
class QualityContext:
    """The data-quality page: the validation of every table, and what is missing, interim, excluded or differs."""

    chrome: Chrome
    quality: Quality
    validated: str  # the validation's result and the data version, in words
    excluded: tuple[tuple[Link, ExcludedView], ...]  # with the indicator each belongs to
    differs: tuple[DiffersView, ...]
    without_value: tuple[Link, ...]  # the indicators with no published value since the baseline
    summary: str  # "18 of 22 indicators…", the counts in words
    data_url: str


@dataclass(frozen=True, slots=True)
class GroupCounts:
    """A group of the dashboard (the plan, a category, a chapter) and how many stand in each summary."""

    label: str
    url: str
    indicators: tuple[SummaryCount, ...]
    commitments: tuple[SummaryCount, ...]


@dataclass(frozen=True, slots=True)
class StatusRow:
    link: IndicatorLink
    badge: Badge
    rank: int  # the order of its summary, for sorting by status


@dataclass(frozen=True, slots=True)
class DashboardContext:
    chrome: Chrome
    plan: GroupCounts
    categories: tuple[GroupCounts, ...]
    chapters: tuple[GroupCounts, ...]
    rows: tuple[StatusRow, ...]
    chart_url: str
    method_url: str
    summaries: tuple[tuple[str, str], ...]  # (summary, label) in the order the columns show them
    report_url: str  # the assessment report (/zh/report/), made from these counts


@dataclass(frozen=True, slots=True)
class CommitmentsContext:
    chrome: Chrome
    groups: tuple[CommitmentGroup, ...]
    count: int


@dataclass(frozen=True, slots=True)
class GlossaryContext:
    chrome: Chrome
    terms: tuple[GlossaryTerm, ...]


@dataclass(frozen=True, slots=True)
class SearchContext:
    """The search page; its words for the script that shows results come from the catalog, like every page's."""

    chrome: Chrome
    kinds: tuple[str, ...]  # the kinds results can be filtered by, in this language


@dataclass(frozen=True, slots=True)
class DocumentContext:
    chrome: Chrome
    document: Document


@dataclass(frozen=True, slots=True)
class RootEntry:
    """One language on a page that speaks every language: its link, site title and message."""

    language: Alternate
    site_title: str
    heading: str
    message: str


@dataclass(frozen=True, slots=True)
class RootContext:
    """The language chooser at / and the 404 page: every language at once."""

    entries: tuple[RootEntry, ...]
    base: str


@dataclass(frozen=True, slots=True)
class DownloadLink:
    label: str
    url: str
    format: str
    size: str  # as the locale writes it, such as "12.3 KB"
    note: str


@dataclass(frozen=True, slots=True)
class CitationView:
    style: str
    lang: str  # its element's lang attribute; "" for BibTeX, whose date of access the script writes as 2026-11-29
    text: str  # dated when this version of the data was made, until the reader's browser puts in today
    template: str  # the text with {access_date}, for the script that fills it in
    code: bool  # shown as code (BibTeX), its lines kept


@dataclass(frozen=True, slots=True)
class DataContext:
    chrome: Chrome
    package: tuple[DownloadLink, ...]
    tables: tuple[DownloadLink, ...]
    version: str  # the data release's number; "" before the server gives it one (a local build, the preview)
    updated: str
    citations: tuple[CitationView, ...]
    jsonld: str
    links: tuple[Link, ...]  # the API, the changelog, the catalogue, the feed
    indicators: tuple[IndicatorDownloads, ...]


@dataclass(frozen=True, slots=True)
class IndicatorDownloads:
    name: str
    url: str
    files: tuple[DownloadLink, ...]


@dataclass(frozen=True, slots=True)
class ChangeView:
    subject: str
    url: str
    year: int
    old: str
    new: str
    source: str


@dataclass(frozen=True, slots=True)
class ReleaseView:
    anchor: str
    title: str  # the release's number, or "Next release" for a build's data not yet published
    date: str
    archive_url: str
    changes: tuple[ChangeView, ...]


@dataclass(frozen=True, slots=True)
class ChangesContext:
    chrome: Chrome
    releases: tuple[ReleaseView, ...]  # newest first
    feed_url: str


@dataclass(frozen=True, slots=True)
class Endpoint:
    path: str
    description: str


@dataclass(frozen=True, slots=True)
class ApiContext:
    chrome: Chrome
    endpoints: tuple[Endpoint, ...]
    example: str
    changes: tuple[ApiChange, ...]  # what each revision of the files added, newest first


@dataclass(frozen=True, slots=True)
class ApiChange:
    revision: str
    date: str
    text: str


Context = (
    HomeContext
    | IndicatorsContext
    | ChapterContext
    | IndicatorContext
    | EmbedContext
    | CommitmentsContext
    | DashboardContext
    | SearchContext
    | GlossaryContext
    | DocumentContext
    | RootContext
    | DataContext
    | ChangesContext
    | ApiContext
    | QualityContext
)


@dataclass(frozen=True, slots=True)
class Page:
    path: str  # inside the output folder
    template: str
    context: Context | ReportContext
    lang: str = ""  # "" for pages in every language at once
