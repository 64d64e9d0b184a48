"""Pages: decide which pages exist, at which paths, each with the one context type its template reads."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from site_builder.charts import Chart
from site_builder.content import Block, Document, Heading
from site_builder.model import Category, Chapter, Indicator
from site_builder.site import Site


@dataclass(frozen=True, slots=True)
class Link:
    label: str
    url: str
    current: bool = False


@dataclass(frozen=True, slots=True)
class Alternate:
    lang: str
    html_lang: str
    name: str
    url: str  # site-relative
    absolute: str


@dataclass(frozen=True, slots=True)
class Chrome:
    """What every page shares: language, titles, navigation, the other languages of this page."""

    lang: str
    html_lang: str
    locale: str
    site_title: str
    page_title: str
    description: str
    canonical: str
    alternates: tuple[Alternate, ...]
    others: tuple[Alternate, ...]  # the same page in the other languages, for the language switch
    nav: tuple[Link, ...]
    breadcrumbs: tuple[Link, ...]
    base: str
    home: str
    licence: str
    licence_url: str


@dataclass(frozen=True, slots=True)
class CategoryGroup:
    category: Category
    indicators: tuple[IndicatorLink, ...]


@dataclass(frozen=True, slots=True)
class IndicatorLink:
    indicator: Indicator
    url: str


@dataclass(frozen=True, slots=True)
class HomeContext:
    chrome: Chrome
    intro: tuple[Block, ...]
    groups: tuple[CategoryGroup, ...]
    chapters: tuple[Link, ...]
    indicator_count: int


@dataclass(frozen=True, slots=True)
class IndicatorsContext:
    chrome: Chrome
    groups: tuple[CategoryGroup, ...]


@dataclass(frozen=True, slots=True)
class ChapterContext:
    chrome: Chrome
    chapter: Chapter
    document: Document | None
    toc: tuple[Heading, ...]
    indicators: tuple[IndicatorLink, ...]
    groups: tuple[CategoryGroup, ...]  # for a table 2-1 placeholder in the text
    previous: Link | None
    next: Link | None


@dataclass(frozen=True, slots=True)
class IndicatorContext:
    chrome: Chrome
    indicator: Indicator
    chart: Chart
    chart_url: str
    chapter_url: str


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


Context = HomeContext | IndicatorsContext | ChapterContext | IndicatorContext | DocumentContext | RootContext


@dataclass(frozen=True, slots=True)
class Page:
    path: str  # inside the output folder
    template: str
    context: Context
    lang: str = field(default="")


Gettext = Callable[[str], str]


def plan_pages(site: Site, charts: dict[tuple[str, str], Chart], gettexts: Mapping[str, Gettext]) -> list[Page]:
    """Every page of the site in every language, plus the language chooser and the 404 page."""
    pages: list[Page] = []
    for lang in site.config.language_codes:
        pages += _language_pages(site, lang, charts, gettexts[lang])
    pages.append(Page("index.html", "root.html", _root_context(site, gettexts, not_found=False)))
    pages.append(Page("404.html", "root.html", _root_context(site, gettexts, not_found=True)))
    return pages


def _language_pages(site: Site, lang: str, charts: dict[tuple[str, str], Chart], _: Gettext) -> list[Page]:
    url = _Urls(site.config.base_path, lang)
    groups = tuple(
        CategoryGroup(c, tuple(IndicatorLink(i, url.indicator(i.id)) for i in site.indicators if i.category == c))
        for c in site.categories
    )
    chapter_links = tuple(Link(c.title.get(lang), url.chapter(c.id)) for c in site.chapters)
    chrome = _ChromeMaker(site, lang, _)
    home = site.document(lang, "index")
    pages = [
        Page(
            f"{lang}/index.html",
            "home.html",
            HomeContext(
                chrome("", "", "", ()), home.blocks if home else (), groups, chapter_links, len(site.indicators)
            ),
            lang,
        )
    ]
    pages.append(
        Page(
            f"{lang}/indicators/index.html",
            "indicators.html",
            IndicatorsContext(
                chrome("indicators/", _("Indicators"), "", (Link(_("Indicators"), url.page("indicators/")),)), groups
            ),
            lang,
        )
    )
    for n, chapter in enumerate(site.chapters):
        document = site.document(lang, f"chapters/{chapter.id}")
        title = chapter.title.get(lang)
        pages.append(
            Page(
                f"{lang}/chapters/{chapter.id}/index.html",
                "chapter.html",
                ChapterContext(
                    chrome(
                        f"chapters/{chapter.id}/",
                        title,
                        document.description if document else "",
                        (Link(_("The plan"), url.chapter(site.chapters[0].id)), Link(title, url.chapter(chapter.id))),
                    ),
                    chapter,
                    document,
                    tuple(h for h in document.headings if h.level == 2) if document else (),
                    tuple(IndicatorLink(i, url.indicator(i.id)) for i in site.indicators if i.chapter == chapter),
                    groups,
                    chapter_links[n - 1] if n else None,
                    chapter_links[n + 1] if n + 1 < len(chapter_links) else None,
                ),
                lang,
            )
        )
    for indicator in site.indicators:
        name = indicator.name.get(lang)
        chart = charts[(indicator.id, lang)]
        pages.append(
            Page(
                f"{lang}/indicators/{indicator.id}/index.html",
                "indicator.html",
                IndicatorContext(
                    chrome(
                        f"indicators/{indicator.id}/",
                        name,
                        "",
                        (Link(_("Indicators"), url.page("indicators/")), Link(name, url.indicator(indicator.id))),
                    ),
                    indicator,
                    chart,
                    url.base + chart.file,
                    url.chapter(indicator.chapter.id),
                ),
                lang,
            )
        )
    about = site.document(lang, "about")
    if about is not None:
        pages.append(
            Page(
                f"{lang}/about/index.html",
                "document.html",
                DocumentContext(
                    chrome("about/", about.title, about.description, (Link(about.title, url.page("about/")),)), about
                ),
                lang,
            )
        )
    return pages


@dataclass(frozen=True, slots=True)
class _Urls:
    base: str
    lang: str

    def page(self, path: str) -> str:
        return f"{self.base}{self.lang}/{path}"

    def chapter(self, chapter_id: str) -> str:
        return self.page(f"chapters/{chapter_id}/")

    def indicator(self, indicator_id: str) -> str:
        return self.page(f"indicators/{indicator_id}/")


@dataclass(frozen=True, slots=True)
class _ChromeMaker:
    site: Site
    lang: str
    gettext: Gettext

    def __call__(self, path: str, title: str, description: str, crumbs: tuple[Link, ...]) -> Chrome:
        config, _ = self.site.config, self.gettext
        language = config.languages[self.lang]
        url = _Urls(config.base_path, self.lang)
        absolute = config.site.base_url.rstrip("/") + "/"
        alternates = tuple(
            Alternate(
                code, other.html_lang, other.name, _Urls(config.base_path, code).page(path), absolute + f"{code}/{path}"
            )
            for code, other in config.languages.items()
        )
        nav = tuple(
            Link(label, url.page(p), current=(p != "" and path.startswith(p)) or p == path)
            for label, p in (
                (_("Home"), ""),
                (_("Indicators"), "indicators/"),
                (_("The plan"), f"chapters/{self.site.chapters[0].id}/"),
                (_("About"), "about/"),
            )
        )
        return Chrome(
            lang=self.lang,
            html_lang=language.html_lang,
            locale=language.locale,
            site_title=language.title,
            page_title=f"{title} · {language.title}" if title else language.title,
            description=description or language.description,
            canonical=absolute + f"{self.lang}/{path}",
            alternates=alternates,
            others=tuple(a for a in alternates if a.lang != self.lang),
            nav=nav,
            breadcrumbs=((Link(_("Home"), url.page("")), *crumbs) if crumbs else ()),
            base=config.base_path,
            home=url.page(""),
            licence=config.site.licence,
            licence_url=config.site.licence_url,
        )


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
