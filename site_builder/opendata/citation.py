"""Citation: how to cite this version of the data, or one indicator of it, in GB/T 7714-2015 (Chinese), APA 7 and
BibTeX, with the date of access filled in at build time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from babel.dates import format_date

from site_builder.inputs.config import SiteConfig
from site_builder.inputs.datapackage import ValidatedPackage

ACCESS_DATE = "{access_date}"  # where the reader's browser may put today's date (themes/default/static/cite.js)

# GB/T 7714-2015 asks for the place of publication (出版地). The site's config names a publisher but no place; the
# publisher is a project about the Huzhou plan and publishes from Huzhou, so its place is Huzhou, in both languages.
PLACE = {"zh": "湖州", "en": "Huzhou"}
# Data not yet published (a local build, the preview): the version, year and day as each language cites it.
UNPUBLISHED_ZH = ("下一次发布", "尚未发布", "尚未发布")
UNPUBLISHED_EN = ("next release", "not yet published", "not yet published")


@dataclass(frozen=True, slots=True)
class Citation:
    style: str  # "GB/T 7714-2015", "APA 7" or "BibTeX"
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
    """What is cited: its title in each language, and the data package it is part of (None: the package itself)."""

    title_zh: str
    title_en: str
    key: str  # the BibTeX key
    part_of: bool


def citations(
    config: SiteConfig, package: ValidatedPackage, url: str, work: Work | None = None
) -> tuple[Citation, ...]:
    """The ways to cite this version of the data (or `work`, one part of it); `url` is the address cited, "{lang}" in
    it filled in per language. GB/T 7714 in Chinese, APA 7 in English, BibTeX in each language. Data not yet
    published (a local build, the preview) is cited as the next release, with no date."""
    zh, en = config.languages["zh"].publisher, config.languages["en"].publisher
    zh_url, en_url = url.replace("{lang}", "zh"), url.replace("{lang}", "en")
    stamp = _stamp(package)
    whole = Work(package.title_zh, package.title, f"{package.name}-{key_version(package)}", part_of=False)
    cited = work or whole
    version_en = stamp["en"][0]
    if cited.part_of:
        chinese_title = f"{cited.title_zh}[DS/OL]//{zh}. {package.title_zh}"
        english_title = f"{cited.title_en} [Data set]. In {package.title} (Version {version_en})"
    else:
        chinese_title = f"{package.title_zh}[DS/OL]"
        english_title = f"{package.title} (Version {version_en}) [Data set]"
    version_zh, year_zh, day = stamp["zh"]
    chinese = (
        f"{zh}. {chinese_title}. 版本 {version_zh}. {PLACE['zh']}: {zh}, {year_zh}({day})[{ACCESS_DATE}]. {zh_url}."
    )
    _, year_en, english_day = stamp["en"]
    english = f"{en}. ({year_en}). {english_title}. Retrieved {ACCESS_DATE}, from {en_url}"
    return (
        Citation("GB/T 7714-2015", "zh", chinese, day),
        Citation("APA 7", "en", english, english_day),
        Citation("BibTeX", "zh", _bibtex(cited, stamp["zh"], zh, cited.title_zh, PLACE["zh"], zh_url, package), day),
        Citation("BibTeX", "en", _bibtex(cited, stamp["en"], en, cited.title_en, PLACE["en"], en_url, package), day),
    )


def key_version(package: ValidatedPackage) -> str:
    """The data version as it goes into a BibTeX key: "next" before the data is published."""
    return package.version or "next"


def _stamp(package: ValidatedPackage) -> dict[str, tuple[str, str, str]]:
    """Per language: the version, the year and the day as the citation writes them."""
    if not package.version:
        return {"zh": UNPUBLISHED_ZH, "en": UNPUBLISHED_EN}
    year, day = package.created[:4], package.created[:10]
    english_day = format_date(date.fromisoformat(day), format="MMMM d, y", locale="en")
    return {"zh": (package.version, year, day), "en": (package.version, year, english_day)}


def _bibtex(
    work: Work,
    stamp: tuple[str, str, str],
    publisher: str,
    title: str,
    place: str,
    url: str,
    package: ValidatedPackage,
) -> str:
    container = package.title_zh if place == PLACE["zh"] else package.title
    fields = {
        "author": "{" + _escape(publisher) + "}",  # a body, not a person: braced so BibTeX does not split the name
        "title": "{" + _escape(title) + "}",
        "howpublished": _escape(container if work.part_of else "Data set"),
        "version": _escape(stamp[0]),
        "publisher": _escape(publisher),
        "address": place,
        "year": stamp[1],
        "url": url,
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
