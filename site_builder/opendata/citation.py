"""Citation: how to cite the data package, in GB/T 7714-2015 (Chinese) and in an author–date style (English)."""

from __future__ import annotations

from dataclasses import dataclass

from site_builder.inputs.config import SiteConfig
from site_builder.inputs.datapackage import ValidatedPackage

ACCESS_DATE = "{access_date}"  # filled in by the reader's browser (the site carries no build time)


@dataclass(frozen=True, slots=True)
class Citation:
    style: str  # "GB/T 7714-2015" or "APA 7"
    lang: str
    text: str  # with ACCESS_DATE where the date of access goes


def citations(config: SiteConfig, package: ValidatedPackage, url: str) -> tuple[Citation, Citation]:
    """The two ways to cite this version of the data; `url` is the address cited, "{lang}" in it filled in."""
    zh, en = config.languages["zh"], config.languages["en"]
    zh_url, en_url = url.replace("{lang}", "zh"), url.replace("{lang}", "en")
    year = package.created[:4]
    day = package.created[:10]
    chinese = f"{zh.publisher}. {package.title_zh}[DS/OL]. 版本 {package.version}. ({day})[{ACCESS_DATE}]. {zh_url}."
    english = (
        f"{en.publisher}. ({year}). {package.title} (Version {package.version}) [Data set]. "
        f"{en_url}. Accessed {ACCESS_DATE}."
    )
    return Citation("GB/T 7714-2015", "zh", chinese), Citation("APA 7", "en", english)
