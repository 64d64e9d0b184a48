"""API: the data as JSON files at stable, language-neutral paths under /api/v1/ (a static API: no server code)."""

from __future__ import annotations

import json
from typing import Any

from site_builder.model.entities import Commitment, Indicator
from site_builder.model.site import Site
from site_builder.opendata.downloads import indicator_record

VERSION = "v1"


def api_files(site: Site, package_url: str) -> dict[str, bytes]:
    base = f"{site.config.base_path}api/{VERSION}/"
    files: dict[str, Any] = {
        "index.json": {
            "api": VERSION,
            "data_version": site.package.version,
            "data_created": site.package.created,
            "licence": {"name": site.config.site.licence, "url": site.config.site.licence_url},
            "package": package_url,
            "endpoints": {
                "indicators": f"{base}indicators.json",
                "indicator": f"{base}indicators/{{id}}.json",
                "commitments": f"{base}commitments.json",
                "chapters": f"{base}chapters.json",
            },
        },
        "indicators.json": [
            {
                "id": i.id,
                "number": i.number,
                "name": dict(i.name.by_lang),
                "unit": dict(i.unit.by_lang),
                "status": i.progress.status,
                "summary": i.progress.summary,
                "latest": None if i.latest is None else {"year": i.latest.year, "value": i.latest.value},
                "target": {"year": i.target.year, "as_written": dict(i.target.text.by_lang)},
                "url": f"{base}indicators/{i.id}.json",
            }
            for i in site.indicators
        ],
        "commitments.json": [_commitment(c) for c in site.commitments],
        "chapters.json": [
            {
                "id": c.id,
                "number": c.number,
                "title": dict(c.title.by_lang),
                "sections": _sections(site, c.id),
                "pages": {lang: f"{site.config.base_path}{lang}/chapters/{c.id}/" for lang in site.config.languages},
            }
            for c in site.chapters
        ],
    }
    return {f"api/{VERSION}/{name}": _json(value) for name, value in files.items()}


def indicator_file(indicator: Indicator) -> tuple[str, bytes]:
    """One indicator's record at api/v1/indicators/<id>.json (made beside its pages, on every core)."""
    return f"api/{VERSION}/indicators/{indicator.id}.json", _json(indicator_record(indicator))


def _commitment(c: Commitment) -> dict[str, Any]:
    return {
        "id": c.id,
        "number": c.number,
        "chapter": c.chapter.id,
        "section": c.section,
        "box": c.box,
        "clause": dict(c.clause.by_lang),
        "target": {"value": c.target_value, "comparator": c.comparator, "unit": dict(c.unit.by_lang)},
        "deadline_year": c.deadline_year,
        "status": c.progress.status,
        "reported": [{"year": o.year, "value": o.value, "source": o.source.url} for o in c.reported],
    }


def _sections(site: Site, chapter_id: str) -> list[dict[str, Any]]:
    headings: dict[str, dict[str, str]] = {}
    for lang in site.config.languages:
        document = site.document(lang, f"chapters/{chapter_id}")
        for heading in document.headings if document else ():
            if heading.level == 2:
                headings.setdefault(heading.anchor, {})[lang] = heading.text
    return [{"anchor": anchor, "heading": text} for anchor, text in headings.items()]


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
