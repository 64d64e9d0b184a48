"""Addresses: each address on the site has one source; a Markdown page that would take a generated page's is refused.

The names below are the one list of what the build makes in each language's folder and at the site's top: the
planner (`pages.plan`) makes its pages under `section(...)`, and a test checks that a real build makes nothing
else beside the Markdown pages.
"""

from __future__ import annotations

from site_builder import urls
from site_builder.model.site import Site
from site_builder.problems import Location, Problem
from site_builder.problems.catalogue import address as place
from site_builder.problems.catalogue import content as words
from site_builder.urls import DOWNLOADS

# What the build makes in each language's folder (/zh/…), and who owns it, in Chinese and English.
IN_EACH_LANGUAGE = {
    "indicators": ("指标页面（由数据包中的指标生成）", "the indicator pages (made from the data package's indicators)"),
    "chapters": (
        "规划各章的页面（由数据包中的章节生成）",
        "the pages of the plan's chapters (made from the data package)",
    ),
    "commitments": ("承诺一览页（由数据包中的承诺生成）", "the commitments page (made from the data package)"),
    "glossary": ("术语表页面（由数据生成）", "the glossary page (made from the data)"),
    "progress": ("进展总览页（由数据生成）", "the progress dashboard (made from the data)"),
    "data": ("数据与下载页（由数据包生成）", "the data and downloads page (made from the data package)"),
    "changes": ("更新记录页（由数据的发布记录生成）", "the change log (made from the data releases)"),
    "api": ("API 说明页", "the API page"),
    "report": ("评估报告页（由数据生成）", "the assessment report (made from the data)"),
    "search": ("搜索页", "the search page"),
    "pagefind": ("搜索索引", "the search index"),
    urls.FEED: ("数据发布的 Atom 订阅", "the Atom feed of data releases"),
}
# What the build makes at the site's top, beside the language folders: a language's folder may not use these names,
# and neither may a Markdown page (so that /zh/downloads/… is never mistaken for /downloads/…).
AT_THE_TOP = {
    DOWNLOADS: ("下载文件（/downloads/）", "the downloads (/downloads/)"),
    urls.API.split("/")[0]: ("JSON API（/api/）", "the JSON API (/api/)"),
    "assets": ("主题的样式和脚本（/assets/）", "the theme's styles and scripts (/assets/)"),
    "images": ("content/images/ 中的图片（/images/）", "the images of content/images/ (/images/)"),
    "pagefind": ("搜索索引", "the search index"),
    "index.html": ("选择语言的首页", "the page that chooses a language"),
    "404.html": ("“找不到页面”页", 'the "page not found" page'),
    "sitemap.xml": ("网站地图", "the sitemap"),
    "robots.txt": ("给搜索引擎的 robots.txt", "robots.txt for search engines"),
    urls.CATALOGUE: ("数据目录（DCAT）", "the data catalogue (DCAT)"),
}
HOME = "index"  # content/<lang>/index.md is the home page's text
CHAPTER_TEXT = "chapters"  # content/<lang>/chapters/<chapter id>.md is that chapter page's text


def section(name: str) -> str:
    """A page the build makes in each language, by its name in IN_EACH_LANGUAGE (a name not listed there is a
    mistake: its address would not be kept from Markdown pages)."""
    if name not in IN_EACH_LANGUAGE:
        raise KeyError(f"{name!r} is not listed in pages.addresses.IN_EACH_LANGUAGE")
    return f"{name}/index.html"


def taken_addresses(site: Site) -> list[Problem]:
    """A problem for each Markdown page whose address the build already gives to a generated page, and for each
    language whose folder would take a name at the site's top."""
    problems = [_language_problem(code) for code in site.config.language_codes if code in AT_THE_TOP]
    for document in site.documents:
        first = document.key.partition("/")[0]
        if document.key == HOME or first == CHAPTER_TEXT:
            continue  # the text of a page the build makes (model.site refuses a page under chapters/ that is none)
        owner = IN_EACH_LANGUAGE.get(first) or AT_THE_TOP.get(first)
        if owner is not None:
            address = f"{site.config.base_path}{document.lang}/{document.key}/"
            problems.append(_page_problem(document.file, address, owner))
    return problems + _taken_downloads(site)


def _taken_downloads(site: Site) -> list[Problem]:
    """A problem for each indicator (or data table) one of whose downloads has the name of another's: an indicator
    "<id>-excel" would take the Excel CSV of indicator "<id>"."""
    problems, owners = [], dict[str, str]()
    indicators = Location(site.package.table("indicators").shown_as, column="id")
    for indicator in site.indicators:
        for name in urls.indicator_files(indicator.id, site.config.language_codes).values():
            if (first := owners.setdefault(name, indicator.id)) != indicator.id:
                file = f"/{DOWNLOADS}/indicators/{name}"
                problems.append(place.DOWNLOAD_TAKEN.at(indicators, id=indicator.id, first=first, file=file))
                break
    owners.clear()
    for table in site.package.tables:
        for name in urls.table_files(table.path.name).values():
            if (first := owners.setdefault(name, table.name)) != table.name:
                file = f"/{DOWNLOADS}/data/{name}"
                problems.append(
                    place.TABLE_DOWNLOAD_TAKEN.at(Location(table.shown_as), name=table.name, first=first, file=file)
                )
                break
    return problems


def reserved_names() -> str:
    """The names a new Markdown page may not have (a page's name has no dot; chapters/ holds the chapters' text)."""
    names = {*IN_EACH_LANGUAGE, *AT_THE_TOP} - {CHAPTER_TEXT}
    return ", ".join(sorted(name for name in names if "." not in name))


def _page_problem(file: str, address: str, owner: tuple[str, str]) -> Problem:
    names = reserved_names()
    return words.ADDRESS_TAKEN.at(Location(file), address=address, owner_zh=owner[0], owner_en=owner[1], names=names)


def _language_problem(code: str) -> Problem:
    zh, en = AT_THE_TOP[code]
    return words.LANGUAGE_ADDRESS_TAKEN.at(
        Location("site.toml", key=f"languages.{code}"), code=code, owner_zh=zh, owner_en=en
    )
