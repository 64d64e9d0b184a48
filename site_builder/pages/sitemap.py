"""Sitemap: sitemap.xml with each page's language alternates, and robots.txt pointing at it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from xml.etree import ElementTree

from site_builder.inputs.config import SiteConfig
from site_builder.pages.embed import is_embed_page

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
LEFT_OUT = ("search/index.html",)  # pages with nothing of their own to find


def sitemap(config: SiteConfig, pages: Iterable[tuple[str, str]]) -> bytes:
    """Every page (path, language) of every language, each listing all its language versions (hreflang)."""
    ElementTree.register_namespace("", SITEMAP)
    ElementTree.register_namespace("xhtml", XHTML)
    versions: dict[str, dict[str, str]] = defaultdict(dict)
    for path, lang in pages:
        if lang and not path.endswith(LEFT_OUT) and not is_embed_page(path):  # an embed page is not for search
            key = path.removeprefix(f"{lang}/").removesuffix("index.html")
            versions[key][lang] = config.site.base_url + path.removesuffix("index.html")
    urlset = ElementTree.Element(f"{{{SITEMAP}}}urlset")
    for key in sorted(versions):
        for address in versions[key].values():
            url = ElementTree.SubElement(urlset, f"{{{SITEMAP}}}url")
            ElementTree.SubElement(url, f"{{{SITEMAP}}}loc").text = address
            for lang, other in versions[key].items():
                ElementTree.SubElement(
                    url, f"{{{XHTML}}}link", rel="alternate", hreflang=config.languages[lang].html_lang, href=other
                )
    ElementTree.indent(urlset)
    document: bytes = ElementTree.tostring(urlset, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def robots(config: SiteConfig) -> bytes:
    return f"User-agent: *\nAllow: /\n\nSitemap: {config.site.base_url}sitemap.xml\n".encode()
