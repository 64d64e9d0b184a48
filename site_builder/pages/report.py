"""Report: the assessment of the plan as one long page per language (and, from that page, a PDF) — its summary,
each indicator and commitment, the method, the sources, the values not used and what remains unknown.

Every number is one the site already has: the counts are the SQL aggregate's (progress_counts.sql) — in a final
assessment by outcome (met, not met, awaiting final data, no data), in an interim report by summary as the progress
page shows them — the statuses the model's, the values not used the data-quality page's. Nothing is counted again
here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from site_builder.charts.drawing import Chart
from site_builder.i18n import Gettext, data_version
from site_builder.inputs.config import SiteConfig
from site_builder.inputs.content import Block
from site_builder.model.entities import Category, Chapter, Commitment, Indicator, Source
from site_builder.model.site import Site
from site_builder.opendata.publication import FOLDER
from site_builder.opendata.report_pdf import Job
from site_builder.pages.chrome import Chrome, ChromeMaker, Link
from site_builder.pages.contexts import (
    CommitmentLink,
    ExcludedView,
    GroupCounts,
    IndicatorAbout,
    IndicatorLink,
    Page,
    SummaryCount,
)
from site_builder.pages.dashboard import group_counts
from site_builder.pages.quality import indicator_about, quality_context
from site_builder.pages.wording import Badge, badge, sentence
from site_builder.urls import Urls

SECTION = "report"  # /zh/report/
LISTED = 200  # at most this many indicators are shown one by one: a report to read and print, not a catalogue
CommitmentLinker = Callable[[Commitment], CommitmentLink]


def page_path(lang: str) -> str:
    """The report page of one language, inside the output."""
    return f"{lang}/{SECTION}/index.html"


def pdf_path(lang: str) -> str:
    """The report's PDF in one language, inside the output (a download: it never moves once published)."""
    return f"{FOLDER}/report-{lang}.pdf"


def pdf_jobs(config: SiteConfig) -> list[Job]:
    """The report's PDF in each language, typeset from its page; none when site.toml says `report_pdf = false`."""
    if not config.site.report_pdf:
        return []
    absolute = config.site.base_url.rstrip("/") + "/"
    return [Job(page_path(lang), pdf_path(lang), f"{absolute}{lang}/{SECTION}/") for lang in config.language_codes]


@dataclass(frozen=True, slots=True)
class ReportIndicator:
    """One indicator as the report shows it: its status, its sentence, its chart and where its latest value is from."""

    link: IndicatorLink
    badge: Badge
    sentence: str
    about: IndicatorAbout
    chart_url: str  # the numbers-only drawing its page shows
    source: Source | None  # of the latest value


@dataclass(frozen=True, slots=True)
class ReportCategory:
    category: Category
    counts: GroupCounts
    indicators: tuple[ReportIndicator, ...]


@dataclass(frozen=True, slots=True)
class ReportChapter:
    chapter: Chapter
    url: str
    counts: GroupCounts
    commitments: tuple[CommitmentLink, ...]


@dataclass(frozen=True, slots=True)
class ReportFile:
    """The report's PDF in one language."""

    label: str
    url: str
    html_lang: str


@dataclass(frozen=True, slots=True)
class ReportContext:
    chrome: Chrome
    title: str  # the final assessment, or a mid-term one before the plan's target year
    final: bool
    listed: bool  # each indicator shown; a larger site (over LISTED) gets the counts and the indicators page
    intro: str  # as of which year, on which data version
    running: str  # the site's address and the data version: on every page of the PDF
    files: tuple[ReportFile, ...]
    plan: GroupCounts  # its labels head the columns of the counts
    totals: tuple[tuple[str, tuple[SummaryCount, ...]], ...]  # (indicators or commitments, the plan's counts)
    key: str  # what the groups mean: a final assessment's outcomes, or an interim report's summaries
    categories: tuple[ReportCategory, ...]
    chapter_counts: tuple[GroupCounts, ...]  # each chapter that has an indicator or a commitment
    chapters: tuple[ReportChapter, ...]  # each chapter that has a commitment, with them
    method: tuple[Block, ...]  # the method page's text
    method_url: str
    sources: tuple[Source, ...]  # every source a value shown comes from, once, in the order first cited
    excluded: tuple[tuple[Link, ExcludedView], ...]
    quality: str  # how many indicators have no value, an interim one, a final one (the data-quality page's words)
    quality_url: str
    unknown: tuple[ReportIndicator, ...]  # no value since the baseline, or the target year's value not published
    indicators_url: str


def report_page(
    site: Site,
    lang: str,
    _: Gettext,
    chrome_of: ChromeMaker,
    charts: Mapping[str, Chart],
    commitment_link: CommitmentLinker,
) -> Page:
    """The report of one language; `commitment_link` is how every page shows a commitment."""
    config, url = site.config, Urls(site.config.base_path, lang)
    locale = config.languages[lang].locale
    target_year = max((i.target.year for i in site.indicators), default=config.site.assessment_year)
    final = config.site.assessment_year >= target_year
    version, day = data_version(site.package.version, site.package.created, locale, _)
    words = {"year": config.site.assessment_year, "target_year": target_year, "version": version, "date": day}
    title = _("Final assessment of the plan") if final else _("Mid-term assessment of the plan")
    chrome = chrome_of(f"{SECTION}/", title, "", (Link(title, url.page(f"{SECTION}/")),))
    plan, by_category, by_chapter = _counts(site, lang, _, url, final)
    quality = quality_context(site, lang, locale, _, url, chrome)
    if final:
        intro = _(
            "The plan's targets fell due in %(target_year)s. This report states what each indicator and commitment "
            "reached against its target, as of %(year)s, from data version %(version)s (%(date)s)."
        )
    else:
        intro = _(
            "An interim (mid-term) report: the plan's targets fall due in %(target_year)s, so every status below is "
            "interim. It states where each indicator and commitment stands as of %(year)s, from data version "
            "%(version)s (%(date)s)."
        )

    def shown(indicator: Indicator) -> ReportIndicator:
        return ReportIndicator(
            IndicatorLink(indicator, url.indicator(indicator.id)),
            badge(indicator.progress, _),
            sentence(indicator, lang, locale, _),
            indicator_about(indicator, lang, locale, _),
            config.base_path + charts[indicator.id].svg_path,
            indicator.latest.source if indicator.latest else None,
        )

    listed = len(site.indicators) <= LISTED
    indicators = site.indicators if listed else ()
    # the counts of each category and each chapter, in the model's order
    categories = tuple(
        ReportCategory(c, n, tuple(shown(i) for i in indicators if i.category == c))
        for c, n in zip(site.categories, by_category, strict=True)
    )
    chapter_counts = tuple(
        n
        for c, n in zip(site.chapters, by_chapter, strict=True)
        if any(i.chapter == c for i in site.indicators) or any(m.chapter == c for m in site.commitments)
    )
    chapters = tuple(
        ReportChapter(c, url.chapter(c.id), n, tuple(commitment_link(m) for m in site.commitments if m.chapter == c))
        for c, n in zip(site.chapters, by_chapter, strict=True)
        if any(m.chapter == c for m in site.commitments)
    )
    used = [o.source for i in site.indicators for o in i.observations]
    used += [o.source for c in site.commitments for o in c.reported]
    method = site.document(lang, "methodology")
    absolute = config.site.base_url.rstrip("/") + "/"
    context = ReportContext(
        chrome,
        title,
        final,
        listed,
        intro % words,
        _("%(address)s · data version %(version)s") % {"address": f"{absolute}{lang}/{SECTION}/", **words},
        tuple(
            ReportFile(
                _("PDF, %(language)s") % {"language": other.name},
                config.base_path + pdf_path(code),
                other.html_lang,
            )
            for code, other in config.languages.items()
            if config.site.report_pdf
        ),
        plan,
        ((_("Indicators"), plan.indicators), (_("Commitments"), plan.commitments)),
        _key(final, plan, config.site.assessment_year, _),
        categories,
        chapter_counts,
        chapters,
        method.blocks if method else (),
        url.page("methodology/"),
        tuple(dict.fromkeys(used)),
        quality.excluded,
        quality.summary,
        url.page("data/quality/"),
        tuple(shown(i) for i in indicators if i.latest is None or i.progress.outcome == "awaiting_final"),
        url.page("indicators/"),
    )
    return Page(page_path(lang), "report.html", context, lang)


Counts = tuple[GroupCounts, tuple[GroupCounts, ...], tuple[GroupCounts, ...]]


def _counts(site: Site, lang: str, _: Gettext, url: Urls, final: bool) -> Counts:
    """The plan's, each category's and each chapter's counts from the SQL aggregate: in a final assessment by
    outcome (met, not met, awaiting final data, no data, and not yet due when a commitment's deadline is later),
    in an interim report by summary, as the progress page counts them."""

    def counts(scope: str, group_id: str, label: str, link: str) -> GroupCounts:
        return group_counts(site, _, scope, group_id, label, link, final)

    plan = counts("plan", "plan", _("The whole plan"), url.page("indicators/"))
    # not yet due only where something is: in a final assessment no indicator is, a commitment for 2035 may be
    hidden = [{c.summary for c in kind if c.summary == "not_due" and not c.count} for kind in _kinds(plan)]

    def shown(group: GroupCounts) -> GroupCounts:
        kinds = zip(_kinds(group), hidden, strict=True)
        return GroupCounts(group.label, group.url, *(tuple(c for c in k if c.summary not in hide) for k, hide in kinds))

    return (
        shown(plan),
        tuple(
            shown(counts("category", c.id, c.name.get(lang), url.page(f"indicators/#category-{c.id}")))
            for c in site.categories
        ),
        tuple(shown(counts("chapter", c.id, c.title.get(lang), url.chapter(c.id))) for c in site.chapters),
    )


def _kinds(group: GroupCounts) -> tuple[tuple[SummaryCount, ...], tuple[SummaryCount, ...]]:
    return group.indicators, group.commitments


def _key(final: bool, plan: GroupCounts, year: int, _: Gettext) -> str:
    """What the groups of the counts mean."""
    if not final:
        return _(
            "Interim: judged on a value from before the target year. Final: judged on a value for the target year."
        )
    key = _(
        "Target met or not met: judged on a value for the target year. Awaiting final data: only values from "
        "before the target year have been published. No data: no value since the baseline."
    )
    if any(c.summary == "not_due" for c in plan.indicators + plan.commitments):
        key += " " + _("Not yet due: a commitment whose deadline is after %(year)s.") % {"year": year}
    return key
