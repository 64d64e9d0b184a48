"""Metadata: schema.org Dataset JSON-LD for pages, a DCAT catalogue, and an Atom feed of data releases."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree

from site_builder.model.site import Site
from site_builder.opendata.downloads import Listing
from site_builder.output.scriptsafe import script_json

MEDIA_TYPES = {
    "ZIP": "application/zip",
    "CSV": "text/csv",
    "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "JSON": "application/json",
    "SVG": "image/svg+xml",
    "PNG": "image/png",
    "SQL": "application/sql",
}
ATOM = "http://www.w3.org/2005/Atom"


def dataset_jsonld(site: Site, lang: str, name: str, description: str, url: str, downloads: Sequence[Listing]) -> str:
    """A schema.org Dataset, safe to put inside <script type="application/ld+json">."""
    base = site.config.site.base_url
    record = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": name,
        "description": description,
        "url": url,
        "version": site.package.version,
        "dateModified": site.package.created[:10],
        "inLanguage": site.config.languages[lang].html_lang,
        "license": site.config.site.licence_url,
        "isAccessibleForFree": True,
        "creator": {"@type": "Organization", "name": site.config.languages[lang].publisher},
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": MEDIA_TYPES[d.format], "contentUrl": base + d.path}
            for d in downloads
        ],
    }
    return script_json(json.dumps(record, ensure_ascii=False, indent=2))


def dcat_catalogue(site: Site, downloads: Sequence[Listing]) -> bytes:
    """The site's data as a DCAT catalogue (JSON-LD): one dataset per table and per indicator series."""
    base = site.config.site.base_url
    package = site.package

    def distribution(d: Listing) -> dict[str, Any]:
        return {
            "@type": "dcat:Distribution",
            "dcat:downloadURL": {"@id": base + d.path},
            "dcat:mediaType": MEDIA_TYPES[d.format],
            "dcat:byteSize": d.size,
            "dct:license": {"@id": site.config.site.licence_url},
        }

    datasets = [
        {
            "@type": "dcat:Dataset",
            "@id": f"{base}downloads/{package.name}.zip",
            "dct:title": [
                {"@value": package.title, "@language": "en"},
                {"@value": package.title_zh, "@language": "zh"},
            ],
            "dct:issued": package.created[:10],
            "owl:versionInfo": package.version,
            "dcat:landingPage": [{"@id": f"{base}{lang}/data/"} for lang in site.config.languages],
            "dcat:distribution": [distribution(d) for d in downloads if d.kind in ("package", "workbook", "table")],
        }
    ]
    series: dict[str, list[Listing]] = {}
    for d in downloads:
        if d.kind == "series":
            series.setdefault(d.name, []).append(d)
    datasets += [
        {
            "@type": "dcat:Dataset",
            "@id": f"{base}api/v1/indicators/{i.id}.json",
            "dct:title": [{"@value": i.name.get(lang), "@language": lang} for lang in site.config.languages],
            "dcat:landingPage": [{"@id": f"{base}{lang}/indicators/{i.id}/"} for lang in site.config.languages],
            "dcat:distribution": [distribution(d) for d in series.get(i.id, ())],
        }
        for i in site.indicators
    ]
    catalogue = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "owl": "http://www.w3.org/2002/07/owl#",
        },
        "@type": "dcat:Catalog",
        "@id": f"{base}catalog.jsonld",
        "dct:title": [{"@value": lang.title, "@language": code} for code, lang in site.config.languages.items()],
        "dcat:dataset": datasets,
    }
    return (json.dumps(catalogue, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    anchor: str  # the release's heading on the changelog page
    date: str  # YYYY-MM-DD
    title: str
    summary: str
    archive: str  # the release's zip, relative to the site's base: the entry's permanent id


def atom_feed(site: Site, lang: str, title: str, releases: Sequence[FeedEntry]) -> bytes:
    """An Atom feed of data releases, newest first. Every address in it is a file or heading the site has."""
    base = site.config.site.base_url
    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed", {"xml:lang": site.config.languages[lang].html_lang})
    ElementTree.SubElement(feed, f"{{{ATOM}}}id").text = f"{base}{lang}/releases.xml"
    ElementTree.SubElement(feed, f"{{{ATOM}}}title").text = title
    ElementTree.SubElement(feed, f"{{{ATOM}}}updated").text = f"{releases[0].date}T00:00:00Z" if releases else ""
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", href=f"{base}{lang}/changes/")
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=f"{base}{lang}/releases.xml")
    author = ElementTree.SubElement(feed, f"{{{ATOM}}}author")
    ElementTree.SubElement(author, f"{{{ATOM}}}name").text = site.config.languages[lang].publisher
    for release in releases:
        entry = ElementTree.SubElement(feed, f"{{{ATOM}}}entry")
        ElementTree.SubElement(entry, f"{{{ATOM}}}id").text = base + release.archive
        ElementTree.SubElement(entry, f"{{{ATOM}}}title").text = release.title
        ElementTree.SubElement(entry, f"{{{ATOM}}}updated").text = f"{release.date}T00:00:00Z"
        ElementTree.SubElement(entry, f"{{{ATOM}}}link", href=f"{base}{lang}/changes/#{release.anchor}")
        ElementTree.SubElement(
            entry, f"{{{ATOM}}}link", rel="enclosure", type=MEDIA_TYPES["ZIP"], href=base + release.archive
        )
        ElementTree.SubElement(entry, f"{{{ATOM}}}summary").text = release.summary
    ElementTree.indent(feed)
    document: bytes = ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document + b"\n"
