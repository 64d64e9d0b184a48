"""Embed: the small page of one indicator that other sites show in a frame (chart, table, sources, licence, a link
to the full page; no script, nothing from another host), and the <iframe> code its full page offers to copy.

The embed page is left out of search (no `data-pagefind-body`, and `noindex` for search engines) and out of the
sitemap; the server lets any site frame it (`deploy/nginx.py`), and no other page."""

from __future__ import annotations

from html import escape

from site_builder.charts.drawing import Chart
from site_builder.i18n import Gettext
from site_builder.inputs.config import SiteConfig
from site_builder.model.entities import Indicator
from site_builder.pages.chrome import ChromeMaker, Link
from site_builder.pages.contexts import EmbedCode, EmbedContext, Page
from site_builder.pages.wording import Badge
from site_builder.urls import Urls

FOLDER = "embed"  # under each indicator's page: /<lang>/indicators/<id>/embed/
WIDTH = 560  # px: the frame's width in the code to paste (it narrows with the host's column)


def embed_path(indicator: Indicator) -> str:
    """The embed page's path inside a language: indicators/<id>/embed/."""
    return f"indicators/{indicator.id}/{FOLDER}/"


def is_embed_page(path: str) -> bool:
    """Whether `path` (inside the output) is an embed page: <lang>/indicators/<id>/embed/index.html."""
    parts = path.split("/")
    return len(parts) == 5 and parts[1] == "indicators" and parts[3:] == [FOLDER, "index.html"]


def frame_height(indicator: Indicator) -> int:
    """About how tall the embed page is at its width, so the host's frame shows it without scrolling: the chart and
    its key, one row per value, one line per source."""
    return 860 + 70 * len(indicator.observations) + (0 if indicator.observations else 40)  # measured at 560 px


def embed_code(config: SiteConfig, indicator: Indicator, lang: str) -> EmbedCode:
    """The embed page's address, and the <iframe> a journalist pastes (the site's absolute address: base_url)."""
    path = embed_path(indicator)
    absolute = f"{config.site.base_url.rstrip('/')}/{lang}/{path}"
    snippet = (
        f'<iframe src="{escape(absolute)}" title="{escape(indicator.name.get(lang))}" width="{WIDTH}" '
        f'height="{frame_height(indicator)}" loading="lazy" style="border: 0; max-width: 100%;"></iframe>'
    )
    return EmbedCode(Urls(config.base_path, lang).page(path), snippet)


def embed_page(
    chrome: ChromeMaker, indicator: Indicator, chart: Chart, lang: str, _: Gettext, description: str, status: Badge
) -> Page:
    """The embed page of `indicator` in `lang`, with the status badge and description of its full page."""
    config = chrome.config
    base = config.base_path
    name = indicator.name.get(lang)
    images = tuple(
        Link(label, base + path)
        for f in chart.framed
        if f.lang == lang
        for label, path in (("SVG", f.svg_path), ("PNG", f.png_path))
        if path is not None
    )
    context = EmbedContext(
        chrome(embed_path(indicator), _("%(name)s: chart to embed") % {"name": name}, description, ()),
        indicator,
        status,
        base + chart.svg_path,
        Urls(base, lang).indicator(indicator.id),
        images,
    )
    return Page(f"{lang}/{embed_path(indicator)}index.html", "embed.html", context, lang)
