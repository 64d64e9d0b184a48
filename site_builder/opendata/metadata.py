"""Metadata: schema.org Dataset JSON-LD for pages, a DCAT catalogue, and an Atom feed of data releases."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote
from xml.etree import ElementTree

from site_builder import urls
from site_builder.i18n import Gettext
from site_builder.model.site import Site
from site_builder.opendata.downloads import Listing
from site_builder.opendata.jsonparts import JsonParts
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


def dataset_jsonld(
    site: Site,
    lang: str,
    name: str,
    description: str,
    url: str,
    downloads: Sequence[Listing],
    released: tuple[str, str] | None = None,
) -> str:
    """A schema.org Dataset, safe to put inside <script type="application/ld+json">; `released`: the data release
    (number, day) it is of, when not the package's (an indicator: the release in which it last changed)."""
    base = site.config.site.base_url
    version, created = released or (site.package.version, site.package.created)
    record = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": name,
        "description": description,
        "url": url,
        "inLanguage": site.config.languages[lang].html_lang,
        "license": site.config.site.licence_url,
        "isAccessibleForFree": True,
        **({"version": version, "dateModified": created[:10]} if version else {}),
        "creator": {"@type": "Organization", "name": site.config.languages[lang].publisher},
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": MEDIA_TYPES[d.format], "contentUrl": base + d.path}
            for d in downloads
        ],
    }
    return script_json(json.dumps(record, ensure_ascii=False, indent=2))


# The EU vocabularies DCAT-AP names for file types, languages and data themes (publications.europa.eu authority
# tables); a language the table does not hold is left out of dct:language rather than guessed.
FILE_TYPES = {"ZIP": "ZIP", "CSV": "CSV", "XLSX": "XLSX", "JSON": "JSON", "SVG": "SVG", "PNG": "PNG", "SQL": "SQL"}
EU_LANGUAGES = {"zh": "ZHO", "en": "ENG"}
EU = "http://publications.europa.eu/resource/authority/"
THEME = EU + "data-theme/REGI"  # regions and cities


def _released(version: str, created: str, version_key: str = "") -> dict[str, Any]:
    """The release's dates, typed (and number, under `version_key`) once the server gave them; none before."""
    if not version:
        return {}
    day = _typed(created[:10], "date")
    return {"dct:issued": day, "dct:modified": day} | ({version_key: version} if version_key else {})


def dcat_catalogue(
    site: Site, downloads: Sequence[Listing], gettexts: Mapping[str, Gettext], parts: JsonParts | None = None
) -> bytes:
    """The site's data as a DCAT-AP catalogue (JSON-LD): the whole package and one dataset per indicator series,
    with the mandatory and recommended properties of DCAT-AP 3 for catalogue, dataset and distribution.
    Each indicator's dataset is a part of `parts` (serialised again only when it changed)."""
    parts = parts or JsonParts()
    config, package = site.config, site.package
    base = config.site.base_url
    languages = config.languages

    def texts(values: Mapping[str, str]) -> list[dict[str, str]]:
        return [{"@value": value, "@language": code} for code, value in values.items() if value]

    publisher = {"@type": "foaf:Agent", "foaf:name": texts({c: lang.publisher for c, lang in languages.items()})}
    place = {
        "@type": "dct:Location",
        "skos:prefLabel": texts({lang: _("the city of Huzhou") for lang, _ in gettexts.items()}),
    }
    contact = {
        "@type": "vcard:Organization",
        "vcard:fn": languages[config.site.default_language].publisher,
    } | _reach(
        config.site.contact, languages[config.site.default_language].title, f"{base}{config.site.default_language}/"
    )
    shared = {
        "dct:publisher": publisher,
        "dcat:contactPoint": contact,
        "dct:spatial": place,
        "dcat:theme": {"@id": THEME},
        "dct:license": {"@id": config.site.licence_url},
        **_released(package.version, package.created, "owl:versionInfo"),
        "dct:language": [{"@id": f"{EU}language/{EU_LANGUAGES[c]}"} for c in languages if c in EU_LANGUAGES],
    }

    def distribution(d: Listing, page: str, about: Mapping[str, str]) -> dict[str, Any]:
        return {
            "@type": "dcat:Distribution",
            "dct:title": d.path.rsplit("/", 1)[-1],
            "dct:description": texts(about),
            "dcat:accessURL": {"@id": page},
            "dcat:downloadURL": {"@id": base + d.path},
            "dcat:mediaType": {"@id": f"https://www.iana.org/assignments/media-types/{MEDIA_TYPES[d.format]}"},
            "dct:format": {"@id": f"{EU}file-type/{FILE_TYPES[d.format]}"},
            "dcat:byteSize": _typed(str(d.size), "nonNegativeInteger"),
            "dct:license": {"@id": config.site.licence_url},
            "dcatap:availability": {"@id": f"{EU}planned-availability/STABLE"},  # versioned: its address stays
        }

    def period(start: int | None, end: int) -> dict[str, Any]:
        return {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": _typed(f"{start or end}-01-01", "date"),
            "dcat:endDate": _typed(f"{end}-12-31", "date"),
        }

    words = {lang: _file_words(_) for lang, _ in gettexts.items()}

    def described(d: Listing) -> dict[str, str]:
        return {lang: said[d.format] for lang, said in words.items()}

    landing = f"{base}{config.site.default_language}/data/"
    years = [i.baseline_year for i in site.indicators if i.baseline_year] + [i.target.year for i in site.indicators]
    datasets: list[Any] = [
        shared
        | {
            "@type": "dcat:Dataset",
            "@id": f"{base}downloads/{package.name}.zip",
            "dct:title": texts({lang: package.title_in(lang) for lang in languages}),
            "dct:description": texts({c: lang.description for c, lang in languages.items()}),
            "dcat:keyword": texts({c: lang.short_title for c, lang in languages.items()})
            + [k for c in site.categories for k in texts({lang: c.name.get(lang) for lang in languages})],
            "dct:temporal": period(min(years), max(years)),
            "dcat:landingPage": [{"@id": f"{base}{lang}/data/"} for lang in languages],
            "dcat:distribution": [
                distribution(d, landing, described(d)) for d in downloads if d.kind in ("package", "workbook", "table")
            ],
        }
    ]
    series: dict[str, list[Listing]] = {}
    for d in downloads:
        if d.kind in ("series", "series-workbook"):
            series.setdefault(d.name, []).append(d)
    for i in site.indicators:
        page = f"{base}{config.site.default_language}/indicators/{i.id}/"
        about = {
            lang: _("%(name)s: the baseline, the target and every published value with its source.")
            % {"name": i.name.get(lang)}
            for lang, _ in gettexts.items()
        }
        datasets.append(
            parts.part(
                shared
                | {
                    "@type": "dcat:Dataset",
                    "@id": base + urls.api(f"indicators/{i.id}.json"),
                    "dct:title": texts({lang: i.name.get(lang) for lang in languages}),
                    "dct:description": texts(about),
                    "dcat:keyword": texts({lang: i.category.name.get(lang) for lang in languages})
                    + texts({lang: i.chapter.title.get(lang) for lang in languages}),
                    "dct:temporal": period(i.baseline_year, i.target.year),
                    "dcat:landingPage": [{"@id": f"{base}{lang}/indicators/{i.id}/"} for lang in languages],
                    "dcat:distribution": [distribution(d, page, described(d)) for d in series.get(i.id, ())],
                }
            )
        )
    catalogue = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dcatap": "http://data.europa.eu/r5r/",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "owl": "http://www.w3.org/2002/07/owl#",
            "skos": "http://www.w3.org/2004/02/skos/core#",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@type": "dcat:Catalog",
        "@id": base + urls.CATALOGUE,
        "dct:title": texts({code: lang.title for code, lang in languages.items()}),
        "dct:description": texts({code: lang.description for code, lang in languages.items()}),
        "dct:publisher": publisher,
        "foaf:homepage": {"@id": base},
        "dct:language": shared["dct:language"],
        "dct:license": {"@id": config.site.licence_url},
        "dct:spatial": place,
        **_released(package.version, package.created),
        "dcat:themeTaxonomy": {"@id": EU + "data-theme"},
        "dcat:dataset": datasets,
    }
    return parts.dumps(catalogue)


def _file_words(_: Gettext) -> dict[str, str]:
    """Each distribution's description, by its format."""
    return {
        "ZIP": _("The whole data package: every table, its schema, the progress SQL and a README."),
        "CSV": _("A table as CSV (UTF-8)."),
        "XLSX": _("An Excel workbook: text as text cells, numbers as numbers."),
        "JSON": _("The same data as JSON."),
        "SQL": _("The progress method, in SQL"),
        "SVG": _("The chart"),
        "PNG": _("The chart"),
    }


def _typed(value: str, datatype: str) -> dict[str, str]:
    """A literal with its XML Schema type, as DCAT-AP types dates and sizes."""
    return {"@value": value, "@type": f"xsd:{datatype}"}


def _reach(contact: str, subject: str, home: str) -> dict[str, Any]:
    """How to reach the publisher, from site.toml's `contact`: its e-mail address, or its page or form (a form's
    {subject} filled with the site's title, its {body} left empty); the site's home page when it lists none."""
    if contact.startswith("mailto:"):
        return {"vcard:hasEmail": {"@id": contact}}
    if contact:
        filled = contact.replace("{subject}", quote(subject, safe="")).replace("{body}", "")
        return {"vcard:hasURL": {"@id": filled}}
    return {"vcard:hasURL": {"@id": home}}


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
    ElementTree.SubElement(feed, f"{{{ATOM}}}id").text = base + urls.feed(lang)
    ElementTree.SubElement(feed, f"{{{ATOM}}}title").text = title
    ElementTree.SubElement(feed, f"{{{ATOM}}}updated").text = f"{releases[0].date}T00:00:00Z" if releases else ""
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", href=f"{base}{lang}/changes/")
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=base + urls.feed(lang))
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
