"""API: the data as JSON files at stable, language-neutral paths under /api/v1/ (a static API: no server code)."""

from __future__ import annotations

import json
from typing import Any

from site_builder import urls
from site_builder.model.entities import Commitment, Indicator, Progress
from site_builder.model.site import Site
from site_builder.opendata.downloads import indicator_record, status_record
from site_builder.opendata.jsonparts import JsonParts

VERSION = urls.API_VERSION
# Changes to what the files hold (the paths never move), newest first, shown on the API page and in index.json. A
# change that removed or renamed a field would need a new VERSION; these add fields or change the shape or code of a
# value, each said here.
CHANGES: tuple[tuple[str, str, dict[str, str]], ...] = (
    (
        "1.4",
        "2026-12-01",
        {
            "zh": "status 新增 outcome：终期评估的分组。已到目标年份时为 met（已达成目标）、not_met（未达成目标）、"
            "awaiting_final（等待最终数据：目前只有目标年份之前的数值）或 no_data（无数据）；目标年份未到时为 not_due。"
            "评估报告的汇总就是按它计数的。",
            "en": "status gains outcome, the group a final assessment counts: once the target year has come, met, "
            "not_met, awaiting_final (only values from before the target year so far) or no_data; before it, "
            "not_due. The assessment report's summary counts by it.",
        },
    ),
    (
        "1.3",
        "2026-12-01",
        {
            "zh": "target.comparator 和承诺的 target.comparator 中表示“等于”的代码由 = 改为 equal（其余代码 >=、>、<=、<、"
            "about 不变）：以 = 开头的单元格在 Excel 和 WPS 中会被当作公式执行，而同一代码也出现在可下载的表格中。",
            "en": 'The code for "equal" in target.comparator (of indicators and of commitments) is now equal instead of '
            "= (the other codes, >=, >, <=, < and about, are unchanged): a cell starting with = runs as a formula in "
            "Excel and WPS, and the same code is in the downloadable tables.",
        },
    ),
    (
        "1.2",
        "2026-12-01",
        {
            "zh": "status 在每个文件中都是同一个对象（status、interim、summary、expected_share、actual_share）："
            "indicators.json 和 commitments.json 中原来是字符串，原值现在是 status.status。",
            "en": "status is the same object in every file (status, interim, summary, expected_share, actual_share): "
            "in indicators.json and commitments.json it was a string, whose value is now status.status.",
        },
    ),
    (
        "1.1",
        "2026-12-01",
        {
            "zh": "每项指标新增：direction 和 better（higher、lower 或 at_target，即越高越好、越低越好或保持在目标值），"
            "以及 judgement（读者需要的判断：status，basis 为 final、interim 或 none，year 为所依据数值的年份）；"
            "indicators/{id}.json 另增 searched（最近一次查找的月份）、responsible、publication 和 excluded（已找到但"
            "未采用的数值及原因）。每项承诺新增：indicator（衡量它的表2-1指标，承诺采用其数值）、summary 和 judgement。",
            "en": "Added to every indicator: direction and better (higher, lower or at_target), and judgement (the "
            "status a reader needs, with basis final, interim or none, and the year of the value it rests on); in "
            "indicators/{id}.json also searched (the month of the last search), responsible, publication and "
            "excluded (values found but not used, with their reason). Added to every commitment: indicator (the "
            "table 2-1 indicator that measures it, whose values it takes), summary and judgement.",
        },
    ),
    ("1.0", "2026-11-29", {"zh": "首次发布。", "en": "First release."}),
)
BETTER = {"increase": "higher", "decrease": "lower", "maintain": "at_target"}


def api_files(site: Site, package_url: str, parts: JsonParts | None = None) -> dict[str, bytes]:
    """The API's lists; each indicator's entry in indicators.json is a part of `parts` (serialised again only
    when it changed)."""
    parts = parts or JsonParts()
    base = f"{site.config.base_path}{urls.API}/"
    files: dict[str, Any] = {
        "index.json": {
            "api": VERSION,
            "revision": CHANGES[0][0],
            "changes": [{"revision": r, "date": d, "change": text} for r, d, text in CHANGES],
            "data_version": site.package.version or None,  # None: not yet published (a local build)
            "data_created": site.package.created or None,
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
            parts.part(
                {
                    "id": i.id,
                    "number": i.number,
                    "name": dict(i.name.by_lang),
                    "unit": dict(i.unit.by_lang),
                    "status": status_record(i.progress),
                    "summary": i.progress.summary,
                    "judgement": judgement(i.progress, i.latest.year if i.latest else None),
                    "direction": i.direction,
                    "better": BETTER[i.direction],
                    "latest": None if i.latest is None else {"year": i.latest.year, "value": i.latest.value},
                    "target": {"year": i.target.year, "as_written": dict(i.target.text.by_lang)},
                    "url": f"{base}indicators/{i.id}.json",
                }
            )
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
    return {urls.api(name): parts.dumps(value) for name, value in files.items()}


def indicator_file(indicator: Indicator) -> tuple[str, bytes]:
    """One indicator's record at api/v1/indicators/<id>.json (made beside its pages, on every core)."""
    record = indicator_record(indicator) | {
        "direction": indicator.direction,
        "better": BETTER[indicator.direction],
        "judgement": judgement(indicator.progress, indicator.latest.year if indicator.latest else None),
        "searched": indicator.searched,
        "responsible": dict(indicator.responsible.by_lang),
        "publication": dict(indicator.publication.by_lang),
        "excluded": [
            {
                "period": e.period,
                "value": e.value,
                "reason": e.reason,
                "source": {"title": e.source_title, "url": e.source_url},
                "quote": e.quote,
                "note": dict(e.note.by_lang),
            }
            for e in indicator.excluded
        ],
    }
    return urls.api(f"indicators/{indicator.id}.json"), _json(record)


def judgement(progress: Progress, year: int | None) -> dict[str, Any]:
    """The status a reader needs: the final one, or where the latest (interim) value stands, and on what it rests."""
    basis = "final" if progress.final else "interim" if year is not None else "none"
    return {"status": progress.interim or progress.status, "basis": basis, "year": year}


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
        "status": status_record(c.progress),
        "summary": c.progress.summary,
        "judgement": judgement(c.progress, c.reported[-1].year if c.reported else None),
        "indicator": c.indicator_id,
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
