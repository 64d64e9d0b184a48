"""Citation: how to cite this version of the data, or one indicator of it, in each language of the site — GB/T
7714-2015 in a Chinese locale, APA 7 in the others (its words from the catalogs), and BibTeX — with the date of
access filled in at build time."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from babel import Locale
from babel.dates import format_date

from site_builder.i18n import Gettext
from site_builder.inputs.config import SiteConfig
from site_builder.inputs.datapackage import ValidatedPackage
from site_builder.model.entities import Text

ACCESS_DATE = "{access_date}"  # where the reader's browser may put today's date (themes/default/static/cite.js)

GBT_7714 = "GB/T 7714-2015"  # the national standard: cited so in a language whose locale is Chinese
APA_7 = "APA 7"  # in every other language, its words from that language's catalog


@dataclass(frozen=True, slots=True)
class Citation:
    style: str  # GBT_7714, APA_7 or "BibTeX"
    lang: str  # the language of its words
    template: str  # with ACCESS_DATE where the date of access goes
    accessed: str  # the date of access as this style writes it: the day this version of the data was made

    @property
    def text(self) -> str:
        """The citation as it reads without a script, dated when this version of the data was made: a build of the
        same data gives the same bytes, whatever the day it runs."""
        return self.template.replace(ACCESS_DATE, self.accessed)


@dataclass(frozen=True, slots=True)
class Work:
    """What is cited: its title in each language, and whether it is part of the data package (or the package)."""

    title: Text
    key: str  # the BibTeX key
    part_of: bool
    # The data release cited (number and day, RFC 3339): a part of the data cites the release in which it last
    # changed; "" before it is published.
    version: str = ""
    created: str = ""


@dataclass(frozen=True, slots=True)
class _Cited:
    """One language's parts of a citation."""

    lang: str
    locale: str
    publisher: str
    title: str  # of the work
    package: str  # the data package's title
    url: str
    # GB/T 7714-2015 asks for the place of publication (出版地). The site's config names a publisher but no place;
    # the publisher is a project about the Huzhou plan and publishes from Huzhou: its name is in the catalogs.
    place: str


def citations(
    config: SiteConfig, package: ValidatedPackage, url: str, gettexts: Mapping[str, Gettext], work: Work | None = None
) -> tuple[Citation, ...]:
    """The ways to cite this version of the data (or `work`, one part of it, in the release `work` names); `url` is the address cited, "{lang}" in
    it filled in per language. In each language of the site, in the order site.toml lists them: GB/T 7714 (a
    Chinese locale) or APA 7, then BibTeX in each language."""
    whole = Text(tuple((lang, package.title_in(lang)) for lang in gettexts))
    cited = work or Work(whole, f"{package.name}-{key_version(package)}", False, package.version, package.created)
    parts = [
        _Cited(
            lang,
            config.languages[lang].locale,
            config.languages[lang].publisher,
            cited.title.get(lang),
            whole.get(lang),
            url.replace("{lang}", lang),
            _("Huzhou"),
        )
        for lang, _ in gettexts.items()
    ]
    stamps = {part.lang: _stamp(cited.version, cited.created, gettexts[part.lang]) for part in parts}
    styled = [_styled(part, stamps[part.lang], cited.part_of, gettexts[part.lang]) for part in parts]
    return (
        *styled,
        *(
            Citation("BibTeX", part.lang, _bibtex(cited, stamps[part.lang], part), stamps[part.lang].day)
            for part in parts
        ),
    )


def key_version(package: ValidatedPackage) -> str:
    """The data version as it goes into a BibTeX key: "next" before the data is published."""
    return package.version or "next"


@dataclass(frozen=True, slots=True)
class _Stamp:
    """The data version, the year and the day as a citation writes them."""

    version: str
    year: str
    day: str
    published: bool


def _stamp(version: str, created: str, _: Gettext) -> _Stamp:
    """The version, year and day of the data release cited; before the server publishes it (a local build, the
    preview), the next release, not yet published, in the language's words."""
    if not version:
        return _Stamp(_("next release"), _("not yet published"), _("not yet published"), published=False)
    return _Stamp(version, created[:4], created[:10], published=True)


def _styled(part: _Cited, stamp: _Stamp, part_of: bool, _: Gettext) -> Citation:
    """The citation of one language in the style its readers use."""
    year, day, version = stamp.year, stamp.day, stamp.version
    who = part.publisher
    if Locale.parse(part.locale).language == "zh":
        title = f"{part.title}[DS/OL]//{who}. {part.package}" if part_of else f"{part.package}[DS/OL]"
        text = f"{who}. {title}. 版本 {version}. {part.place}: {who}, {year}({day})[{ACCESS_DATE}]. {part.url}."
        return Citation(GBT_7714, part.lang, text, day)
    values = {"title": part.title, "package": part.package, "version": version}
    if part_of:
        title = _("%(title)s [Data set]. In %(package)s (Version %(version)s)") % values
    else:
        title = _("%(package)s (Version %(version)s) [Data set]") % values
    retrieved = _("Retrieved %(date)s, from %(url)s") % {"date": ACCESS_DATE, "url": part.url}
    accessed = format_date(date.fromisoformat(day), format="MMMM d, y", locale=part.locale) if stamp.published else day
    return Citation(APA_7, part.lang, f"{who}. ({year}). {title}. {retrieved}", accessed)


def _bibtex(work: Work, stamp: _Stamp, part: _Cited) -> str:
    fields = {
        "author": "{" + _escape(part.publisher) + "}",  # a body, not a person: braced so BibTeX does not split it
        "title": "{" + _escape(part.title) + "}",
        "howpublished": _escape(part.package if work.part_of else "Data set"),
        "version": _escape(stamp.version),
        "publisher": _escape(part.publisher),
        "address": part.place,
        "year": stamp.year,
        "url": part.url,
        "urldate": ACCESS_DATE,
    }
    lines = [f"  {name} = {{{value}}}," for name, value in fields.items()]
    return "\n".join([f"@misc{{{work.key},", *lines, "}"])


def _escape(text: str) -> str:
    """Text as BibTeX reads it literally: its special characters escaped."""
    for char in "\\{}":
        text = text.replace(char, "")
    for char in "&%$#_":
        text = text.replace(char, "\\" + char)
    return text
