"""Pages: decide which pages exist, at which paths, each with the one context its template reads."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from site_builder.charts.drawing import Chart
from site_builder.i18n import Gettext
from site_builder.inputs.content import Document
from site_builder.model.entities import Chapter, Commitment, Indicator
from site_builder.model.site import Site
from site_builder.opendata.citation import Citation
from site_builder.opendata.downloads import Listing
from site_builder.opendata.publication import Publication, indicator_citations
from site_builder.pages.addresses import CHAPTER_TEXT, HOME, section
from site_builder.pages.chrome import Alternate, ChromeMaker, Link
from site_builder.pages.contact import contact_view
from site_builder.pages.contexts import (
    CategoryGroup,
    ChapterContext,
    CommitmentGroup,
    CommitmentLink,
    CommitmentsContext,
    Context,
    DocumentContext,
    GlossaryContext,
    HomeContext,
    IndicatorContext,
    IndicatorLink,
    IndicatorsContext,
    Page,
    RootContext,
    RootEntry,
    SearchContext,
    StatusRow,
    TocEntry,
)
from site_builder.pages.dashboard import dashboard_context, summary_counts
from site_builder.pages.data_pages import DataPages, DownloadWords
from site_builder.pages.embed import embed_code, embed_page
from site_builder.pages.quality import indicator_about, quality_context
from site_builder.pages.report import report_page
from site_builder.pages.wording import SUMMARIES, badge, sentence
from site_builder.urls import Urls


def plan_pages(
    site: Site, gettexts: Mapping[str, Gettext], publication: Publication, charts: Mapping[str, Chart]
) -> list[Page]:
    """Every page of the site in every language but the indicator pages (see `indicator_pages`), plus the
    language chooser and the 404 page."""
    pages: list[Page] = []
    for lang in site.config.language_codes:
        language = _Language(site, lang, gettexts[lang], publication.citations)
        pages += language.pages(publication)
        pages.append(report_page(site, lang, gettexts[lang], language.chrome, charts, language.commitment_link))
    pages.append(Page("index.html", "root.html", _root_context(site, gettexts, not_found=False)))
    pages.append(Page("404.html", "root.html", _root_context(site, gettexts, not_found=True)))
    return pages


@dataclass(frozen=True, slots=True)
class _Language:
    """The pages of one language."""

    site: Site
    lang: str
    _: Gettext
    cited: tuple[Citation, ...]

    @property
    def words(self) -> DownloadWords:
        return DownloadWords(self.site, self.lang, self._, self.cited)

    @property
    def url(self) -> Urls:
        return Urls(self.site.config.base_path, self.lang)

    @property
    def chrome(self) -> ChromeMaker:
        pages = frozenset(d.key for d in self.site.documents if d.lang == self.lang)
        return ChromeMaker(self.site.config, self.lang, self._, f"chapters/{self.site.chapters[0].id}/", pages)

    def pages(self, publication: Publication) -> list[Page]:
        data_pages = DataPages(self.site, self.lang, self._, self.cited, publication)
        home = self.site.document(self.lang, "index")
        chapters = tuple(Link(c.title.get(self.lang), self.url.chapter(c.id)) for c in self.site.chapters)
        groups = self.groups()  # one tuple in every page that lists them: hashed once (see output.reuse)
        context = HomeContext(
            self.chrome("", "", "", ()),
            home.blocks if home else (),
            groups,
            chapters,
            len(self.site.indicators),
            len(self.site.commitments),
            summary_counts(self.site, self._, "plan", "plan", "indicator"),
        )
        pages = [self.page("index.html", "home.html", context)]
        pages.append(
            self.page(
                section("indicators"),
                "indicators.html",
                IndicatorsContext(
                    self.chrome("indicators/", self._("Indicators"), "", (self.crumb_indicators(),)), groups
                ),
            )
        )
        pages += [self.chapter(n, chapters, groups) for n in range(len(self.site.chapters))]
        pages.append(self.commitments())
        pages.append(
            self.page(
                section("glossary"),
                "glossary.html",
                GlossaryContext(
                    self.chrome(
                        "glossary/", self._("Glossary"), "", (Link(self._("Glossary"), self.url.page("glossary/")),)
                    ),
                    self.site.glossary,
                ),
            )
        )
        pages.append(self.dashboard())
        pages.append(self.page(section("data"), "data.html", data_pages.data(self.chrome)))
        pages.append(self.page(section("changes"), "changes.html", data_pages.changes(self.chrome)))
        pages.append(self.page(section("api"), "api.html", data_pages.api(self.chrome)))
        pages.append(self.quality())
        search = self.chrome("search/", self._("Search"), "", (Link(self._("Search"), self.url.page("search/")),))
        kinds = (self._("Plan text"), self._("Indicator"), self._("Commitment"), self._("Page"))
        pages.append(self.page(section("search"), "search.html", SearchContext(search, kinds)))
        for document in self.site.documents:
            if document.lang == self.lang and document.key != HOME and not document.key.startswith(f"{CHAPTER_TEXT}/"):
                crumbs = (Link(document.title, self.url.page(f"{document.key}/")),)
                chrome = self.chrome(f"{document.key}/", document.title, document.description, crumbs)
                pages.append(
                    self.page(f"{document.key}/index.html", "document.html", DocumentContext(chrome, document))
                )
        return pages

    def dashboard(self) -> Page:
        """The progress overview: counts for the plan, per category and per chapter, and every indicator's status."""
        crumbs = (Link(self._("Progress"), self.url.page("progress/")),)
        rows = tuple(
            StatusRow(self.indicator_link(i), badge(i.progress, self._), SUMMARIES.index(i.progress.summary))
            for i in self.site.indicators
        )
        chrome = self.chrome("progress/", self._("Progress"), "", crumbs)
        context = dashboard_context(self.site, self.lang, self._, self.url, chrome, rows)
        return self.page(section("progress"), "progress.html", context)

    def quality(self) -> Page:
        """The data-quality page, under the data page."""
        title = self._("Data quality")
        crumbs = (
            Link(self._("Data and downloads"), self.url.page("data/")),
            Link(title, self.url.page("data/quality/")),
        )
        chrome = self.chrome("data/quality/", title, "", crumbs)
        locale = self.site.config.languages[self.lang].locale
        context = quality_context(self.site, self.lang, locale, self._, self.url, chrome)
        return self.page("data/quality/index.html", "data-quality.html", context)

    def page(self, path: str, template: str, context: Context) -> Page:
        return Page(f"{self.lang}/{path}", template, context, self.lang)

    def crumb_indicators(self) -> Link:
        return Link(self._("Indicators"), self.url.page("indicators/"))

    def groups(self) -> tuple[CategoryGroup, ...]:
        return tuple(
            CategoryGroup(c, tuple(self.indicator_link(i) for i in self.site.indicators if i.category == c))
            for c in self.site.categories
        )

    def indicator_link(self, indicator: Indicator) -> IndicatorLink:
        return IndicatorLink(indicator, self.url.indicator(indicator.id))

    def commitment_link(self, commitment: Commitment) -> CommitmentLink:
        """A commitment, and the indicator that measures it (its values and status come from that indicator)."""
        measured = next((i for i in self.site.indicators if i.id == commitment.indicator_id), None)
        return CommitmentLink(
            commitment,
            self.url.chapter(commitment.chapter.id, f"commitment-{commitment.id}"),
            self.url.page(f"commitments/#{commitment.id}"),
            badge(commitment.progress, self._, commitment=True),
            Link(
                self._("Indicator %(number)s: %(name)s")
                % {"number": measured.number, "name": measured.name.get(self.lang)},
                self.url.indicator(measured.id),
            )
            if measured
            else None,
        )

    def chapter(self, n: int, chapters: tuple[Link, ...], groups: tuple[CategoryGroup, ...]) -> Page:
        chapter = self.site.chapters[n]
        document = self.site.document(self.lang, f"chapters/{chapter.id}")
        title = chapter.title.get(self.lang)
        crumbs = (Link(self._("The plan"), chapters[0].url), Link(title, chapters[n].url))
        chrome = self.chrome(f"chapters/{chapter.id}/", title, document.description if document else "", crumbs)
        authoritative = self.site.config.site.default_language  # the plan was issued in the site's first language
        context = ChapterContext(
            chrome,
            chapter,
            document,
            self.toc(chapter, document),
            tuple(self.indicator_link(i) for i in self.site.indicators if i.chapter == chapter),
            tuple(self.commitment_link(c) for c in self.site.commitments if c.chapter == chapter),
            groups,
            chapters[n - 1] if n else None,
            chapters[n + 1] if n + 1 < len(chapters) else None,
            None if self.lang == authoritative else next(a for a in chrome.alternates if a.lang == authoritative),
        )
        return self.page(f"{CHAPTER_TEXT}/{chapter.id}/index.html", "chapter.html", context)

    def toc(self, chapter: Chapter, document: Document | None) -> tuple[TocEntry, ...]:
        """The chapter's sections, each with a link to the same section in the other languages."""
        if document is None:
            return ()
        config = self.site.config
        return tuple(
            TocEntry(
                heading,
                tuple(
                    Alternate(
                        code,
                        other.html_lang,
                        other.name,
                        Urls(config.base_path, code).chapter(chapter.id, heading.anchor),
                        "",
                    )
                    for code, other in config.languages.items()
                    if code != self.lang
                ),
            )
            for heading in document.headings
            if heading.level == 2
        )

    def indicator(
        self, indicator: Indicator, chart: Chart, listed: list[Listing], own: tuple[Citation, ...]
    ) -> list[Page]:
        """The indicator's page, and its embed page; `own`: how to cite the indicator."""
        name = indicator.name.get(self.lang)
        crumbs = (self.crumb_indicators(), Link(name, self.url.indicator(indicator.id)))
        sections = tuple(
            Link(
                section_label(self.site, self.lang, ref.chapter, ref.anchor),
                self.url.chapter(ref.chapter.id, ref.anchor),
            )
            for ref in indicator.sections
        )
        summary = sentence(indicator, self.lang, self.site.config.languages[self.lang].locale, self._)
        status = badge(indicator.progress, self._)
        description = self._("%(name)s: %(status)s. %(sentence)s") % {
            "name": name,
            "status": status.label,
            "sentence": summary,
        }
        chrome = self.chrome(f"indicators/{indicator.id}/", name, description, crumbs)
        shown = [d for d in listed if d.kind != "chart" or d.path in chart.downloads(self.lang)]
        links, cited, jsonld = self.words.indicator(indicator, shown, description, chrome.canonical, own)
        context = IndicatorContext(
            chrome,
            indicator,
            chart,
            self.url.base + chart.svg_path,
            self.url.chapter(indicator.chapter.id),
            sections,
            status,
            summary,
            indicator_about(indicator, self.lang, self.site.config.languages[self.lang].locale, self._),
            self.url.page("methodology/"),
            dict(chart.specs)[self.lang],
            links,
            cited,
            jsonld,
            embed_code(self.site.config, indicator, self.lang),
            contact_view(self.site.config.site.contact, indicator, self.lang, chrome.canonical, self._),
            self.url.file(indicator.archive) if indicator.archive else "",
        )
        return [
            self.page(f"indicators/{indicator.id}/index.html", "indicator.html", context),
            embed_page(self.chrome, indicator, chart, self.lang, self._, description, status),
        ]

    def commitments(self) -> Page:
        groups = tuple(
            CommitmentGroup(
                chapter,
                self.url.chapter(chapter.id),
                tuple(self.commitment_link(c) for c in self.site.commitments if c.chapter == chapter),
            )
            for chapter in self.site.chapters
            if any(c.chapter == chapter for c in self.site.commitments)
        )
        crumbs = (Link(self._("Commitments"), self.url.page("commitments/")),)
        chrome = self.chrome("commitments/", self._("Commitments"), "", crumbs)
        return self.page(
            section("commitments"), "commitments.html", CommitmentsContext(chrome, groups, len(self.site.commitments))
        )


def section_label(site: Site, lang: str, chapter: Chapter, anchor: str) -> str:
    """A link to a section of the plan's text: its chapter's title and the heading of the section in `lang`."""
    document = site.document(lang, f"chapters/{chapter.id}")
    heading = next((h.text for h in document.headings if h.anchor == anchor), "") if document else ""
    return f"{chapter.title.get(lang)} · {heading}" if heading else chapter.title.get(lang)


def indicator_pages(
    site: Site,
    indicator: Indicator,
    chart: Chart,
    gettexts: Mapping[str, Gettext],
    listed: list[Listing],
) -> list[Page]:
    """One indicator's page and its embed page in every language; made on every core, before the site-wide
    downloads are listed (an indicator page lists only its own downloads and its own citations, of the release in
    which it last changed: nothing of the whole package's)."""
    own = indicator_citations(site, indicator, gettexts)
    return [
        page
        for lang in site.config.language_codes
        for page in _Language(site, lang, gettexts[lang], ()).indicator(indicator, chart, listed, own)
    ]


def _root_context(site: Site, gettexts: Mapping[str, Gettext], not_found: bool) -> RootContext:
    config = site.config
    absolute = config.site.base_url.rstrip("/") + "/"
    entries = []
    for code, lang in config.languages.items():
        _ = gettexts[code]
        alternate = Alternate(code, lang.html_lang, lang.name, f"{config.base_path}{code}/", f"{absolute}{code}/")
        heading = _("Page not found") if not_found else lang.title
        message = (
            _("The address may be wrong, or the page has moved. Please continue from the home page.")
            if not_found
            else lang.description
        )
        entries.append(RootEntry(alternate, lang.title, heading, message))
    return RootContext(tuple(entries), config.base_path)
