"""Data pages: the downloads page, the changelog and the API page of one language, and the download list and
citation of an indicator page — made from the publication, with words from the catalogs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from babel.dates import format_date
from babel.numbers import format_decimal

from site_builder import urls
from site_builder.i18n import Gettext, data_version
from site_builder.model.entities import Indicator
from site_builder.model.site import Site
from site_builder.opendata.api import CHANGES
from site_builder.opendata.citation import Citation
from site_builder.opendata.downloads import Listing
from site_builder.opendata.metadata import dataset_jsonld
from site_builder.opendata.publication import FOLDER, Publication
from site_builder.pages.chrome import ChromeMaker, Link
from site_builder.pages.contexts import (
    ApiChange,
    ApiContext,
    ChangesContext,
    ChangeView,
    CitationView,
    DataContext,
    DownloadLink,
    Endpoint,
    IndicatorDownloads,
    ReleaseView,
)
from site_builder.urls import Urls


@dataclass(frozen=True, slots=True)
class DownloadWords:
    """The downloads and citations of one language, in words: all an indicator page needs of the open data."""

    site: Site
    lang: str
    _: Gettext
    cited: tuple[Citation, ...]

    @property
    def locale(self) -> str:
        return self.site.config.languages[self.lang].locale

    @property
    def url(self) -> Urls:
        return Urls(self.site.config.base_path, self.lang)

    def link(self, download: Listing) -> DownloadLink:
        size = format_decimal(download.size / 1024, format="#,##0.0", locale=self.locale) + " KB"
        return DownloadLink(
            self.label(download), self.site.config.base_path + download.path, download.format, size, self.note(download)
        )

    def label(self, d: Listing) -> str:
        _ = self._
        table = next((t for t in self.site.package.tables if t.name == d.name), None)
        title = table.title_in(self.lang) if table else ""
        labels = {
            "package": _("The whole data package"),
            "workbook": _("All tables in one Excel workbook"),
            "sql": _("The progress method, in SQL"),
            "table": title,
            "table-excel": title,
            "series": _("The series with baseline, target and sources"),
            "series-excel": _("The series with baseline, target and sources, for Excel"),
            "series-workbook": _("The series with baseline, target and sources, as an Excel workbook"),
            "chart": _("The chart"),
            "story-kit": _("Story kit: data, charts, citation and method note"),
        }
        return labels[d.kind]

    def note(self, d: Listing) -> str:
        _ = self._
        notes = {
            "package": _("Every table (UTF-8), the schema, the progress SQL, a README and the validation report."),
            "table": _("UTF-8, byte for byte as published."),
            "table-excel": _("For Excel: UTF-8 with BOM; cells that could run as formulas are kept as text."),
            "workbook": _("Codes are kept as text; no cell can run as a formula."),
            "series": _(
                "Each row with the indicator's name, unit, baseline and target, and the value's source and quote. "
                "The CSV is UTF-8; the JSON keeps every text exactly as published."
            ),
            "series-excel": _(
                "UTF-8 with BOM, so that Excel and WPS on Chinese Windows show the Chinese correctly. In both CSV "
                "files a text that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a "
                "carriage return) begins with an apostrophe."
            ),
            "series-workbook": _(
                "Opens in Excel and WPS with the Chinese intact: every text is a text cell, which no spreadsheet runs "
                "as a formula, and every number a number."
            ),
        }
        return "" if d.format == "JSON" else notes.get(d.kind, "")  # the series' note is said once, by its CSV

    def citations(self, cited: tuple[Citation, ...] | None = None) -> tuple[CitationView, ...]:
        """The citations of the data package (or `cited`), each style once: BibTeX in this page's language."""
        shown = [c for c in cited or self.cited if c.style != "BibTeX" or c.lang == self.lang]
        languages = self.site.config.languages
        return tuple(
            CitationView(
                c.style,
                "" if c.style == "BibTeX" else languages[c.lang].html_lang,
                c.text,
                c.template,
                c.style == "BibTeX",
            )
            for c in shown
        )

    def indicator(
        self, indicator: Indicator, listed: list[Listing], description: str, canonical: str, own: tuple[Citation, ...]
    ) -> tuple[tuple[DownloadLink, ...], tuple[CitationView, ...], str]:
        """An indicator page's downloads, its own citation (`own`: its page, the release in which it last changed), and its
        JSON-LD."""
        released = (indicator.version, indicator.created)
        jsonld = dataset_jsonld(
            self.site, self.lang, indicator.name.get(self.lang), description, canonical, listed, released
        )
        cited = self.citations(own)
        return tuple(self.link(d) for d in listed), cited, jsonld


@dataclass(frozen=True, slots=True)
class DataPages(DownloadWords):
    """The site-wide data pages of one language: downloads, what changed, the API."""

    publication: Publication

    def data(self, chrome_for: ChromeMaker) -> DataContext:
        _ = self._
        listed = self.publication.downloads
        package = tuple(self.link(d) for d in listed if d.kind in ("package", "workbook", "sql"))
        tables = tuple(self.link(d) for d in listed if d.kind in ("table", "table-excel"))
        chrome = chrome_for(
            "data/", _("Data and downloads"), "", (Link(_("Data and downloads"), self.url.page("data/")),)
        )
        jsonld = dataset_jsonld(
            self.site,
            self.lang,
            self.site.package.title_in(self.lang),
            chrome.description,
            chrome.canonical,
            [d for d in listed if d.kind in ("package", "workbook", "table")],
        )
        links = (
            Link(_("JSON API"), self.url.page("api/")),
            Link(_("What changed"), self.url.page("changes/")),
            Link(_("DCAT catalogue"), self.url.file(urls.CATALOGUE)),
            Link(_("Atom feed of releases"), self.url.feed()),
        )
        version, updated = data_version(self.site.package.version, self.site.package.created, self.locale, _)
        indicators = tuple(
            IndicatorDownloads(
                f"{i.number}. {i.name.get(self.lang)}",
                self.url.indicator(i.id),
                tuple(
                    self.link(d)
                    for d in self.publication.by_name.get(i.id, ())
                    if d.kind in ("series", "series-workbook", "story-kit")
                ),
            )
            for i in self.site.indicators
        )
        return DataContext(
            chrome,
            package,
            tables,
            self.site.package.version and version,
            updated,
            self.citations(),
            jsonld,
            links,
            indicators,
        )

    def changes(self, chrome_for: ChromeMaker) -> ChangesContext:
        _ = self._
        names = {("observations", i.id): i.name.get(self.lang) for i in self.site.indicators}
        names |= {("commitment_progress", c.id): c.clause.get(self.lang) for c in self.site.commitments}
        sources = {o.source.id: o.source.publisher.get(self.lang) for i in self.site.indicators for o in i.observations}
        sources |= {o.source.id: o.source.publisher.get(self.lang) for c in self.site.commitments for o in c.reported}
        base = self.site.config.base_path
        views = []
        for release in reversed(self.publication.releases):
            changes = tuple(
                ChangeView(
                    names.get((c.table, c.subject), c.subject),
                    self.url.indicator(c.subject) if c.table == "observations" else self.url.page("commitments/"),
                    c.year,
                    c.old or "–",
                    c.new or "–",
                    sources.get(c.source, c.source),
                )
                for c in release.changes
            )
            if release.number is None:  # this build's data, before the server numbers it
                anchor, title, day = "release-next", _("Next release"), _("not yet published")
            else:
                anchor, title = f"release-{release.number}", _("Release %(number)s") % {"number": release.number}
                day = format_date(_day(release.date), format="long", locale=self.locale)
            archive = base + release.archive_path(FOLDER, self.site.package.name)
            views.append(ReleaseView(anchor, title, day, archive, changes))
        crumbs = (Link(_("What changed"), self.url.page("changes/")),)
        return ChangesContext(chrome_for("changes/", _("What changed"), "", crumbs), tuple(views), self.url.feed())

    def api(self, chrome_for: ChromeMaker) -> ApiContext:
        _ = self._
        base = self.url.file(urls.API + "/")
        endpoints = (
            Endpoint(f"{base}index.json", _("What the API holds: data version, licence and every endpoint.")),
            Endpoint(f"{base}indicators.json", _("All indicators with their status, latest value and target.")),
            Endpoint(
                f"{base}indicators/{{id}}.json",
                _("One indicator: baseline, target, status and every value with its source."),
            ),
            Endpoint(
                f"{base}commitments.json",
                _("Every quantitative commitment with its clause, target, deadline and status."),
            ),
            Endpoint(f"{base}chapters.json", _("The chapters, their sections and their pages in each language.")),
        )
        example = self.publication.api_example
        crumbs = (Link(_("JSON API"), self.url.page("api/")),)
        changes = tuple(ApiChange(revision, day, text.get(self.lang, text["en"])) for revision, day, text in CHANGES)
        return ApiContext(chrome_for("api/", _("JSON API"), "", crumbs), endpoints, example, changes)


def _day(text: str) -> date:
    return date.fromisoformat(text[:10])
