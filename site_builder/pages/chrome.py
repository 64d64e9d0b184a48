"""Chrome: what every page of one language shares — titles, navigation, breadcrumbs, its other languages."""

from __future__ import annotations

from dataclasses import dataclass

from site_builder.i18n import Gettext
from site_builder.inputs.config import SiteConfig
from site_builder.urls import Urls

FOOTER_PAGES = ("about", "methodology")  # the Markdown pages every page's footer links to, where a language has them


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
    lang: str
    html_lang: str
    locale: str
    site_title: str
    short_title: str  # for the header on a phone
    page_title: str
    description: str
    canonical: str
    alternates: tuple[Alternate, ...]
    others: tuple[Alternate, ...]  # the same page in the other languages, for the language switch
    nav: tuple[Link, ...]
    footer: tuple[Link, ...]
    breadcrumbs: tuple[Link, ...]
    base: str
    home: str
    licence: str
    licence_url: str
    search_kind: str  # the kind search results show and filter by, in this language; "" keeps the page out
    search_url: str
    og_locale: str
    feed: Link  # this language's Atom feed of data releases, announced in every page's head


@dataclass(frozen=True, slots=True)
class ChromeMaker:
    """Makes the Chrome of each page of one language from its path, title and breadcrumbs."""

    config: SiteConfig
    lang: str
    gettext: Gettext
    plan_path: str  # the first chapter's path: "The plan" in the navigation leads there
    pages: frozenset[str] = frozenset()  # the Markdown pages this language has ("about", "methodology"…)

    def __call__(self, path: str, title: str, description: str, crumbs: tuple[Link, ...]) -> Chrome:
        config, _ = self.config, self.gettext
        language = config.languages[self.lang]
        url = Urls(config.base_path, self.lang)
        absolute = config.site.base_url.rstrip("/") + "/"
        alternates = tuple(
            Alternate(
                code, other.html_lang, other.name, Urls(config.base_path, code).page(path), f"{absolute}{code}/{path}"
            )
            for code, other in config.languages.items()
        )
        sections = (
            (_("Home"), ""),
            (_("Progress"), "progress/"),
            (_("Indicators"), "indicators/"),
            (_("The plan"), self.plan_path),
            (_("Commitments"), "commitments/"),
            (_("Data"), "data/"),
            (_("Search"), "search/"),
        )
        section = "chapters/" if path.startswith("chapters/") else path
        nav = tuple(Link(label, url.page(p), current=p.split("/")[0] == section.split("/")[0]) for label, p in sections)
        return Chrome(
            lang=self.lang,
            html_lang=language.html_lang,
            locale=language.locale,
            site_title=language.title,
            short_title=language.short_title,
            page_title=f"{title} · {language.title}" if title else language.title,
            description=description or language.description,
            canonical=f"{absolute}{self.lang}/{path}",
            alternates=alternates,
            others=tuple(a for a in alternates if a.lang != self.lang),
            nav=nav,
            footer=self.footer(url),
            breadcrumbs=((Link(_("Home"), url.page("")), *crumbs) if crumbs else ()),
            base=config.base_path,
            home=url.page(""),
            licence=config.site.licence,
            licence_url=config.site.licence_url,
            search_kind=self.search_kind(path),
            search_url=url.page("search/"),
            og_locale=language.locale,
            feed=Link(_("Data releases"), url.feed()),
        )

    def footer(self, url: Urls) -> tuple[Link, ...]:
        _ = self.gettext
        labels = (_("About the plan and this site"), _("How progress is assessed"))
        return (
            *(
                Link(label, url.page(f"{key}/"))
                for key, label in zip(FOOTER_PAGES, labels, strict=True)
                if key in self.pages
            ),
            Link(_("Glossary"), url.page("glossary/")),
            Link(_("What changed"), url.page("changes/")),
            Link(_("JSON API"), url.page("api/")),
        )

    def search_kind(self, path: str) -> str:
        _ = self.gettext
        if path == "search/":
            return ""
        if path.startswith("chapters/"):
            return _("Plan text")
        if path.startswith("indicators/") and path != "indicators/":
            return _("Indicator")
        if path == "commitments/":
            return _("Commitment")
        return _("Page")
