"""Downloads: the whole data package as a zip, each table as CSV (plain and Excel-safe), a workbook, and per
indicator its series (CSV, XLSX, JSON), its chart (SVG and PNG framed in each language, and the numbers-only
drawing the pages show) and a story kit; all at language-neutral paths."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from site_builder import urls
from site_builder.inputs.datapackage import Table, ValidatedPackage
from site_builder.model.entities import Indicator, Progress
from site_builder.opendata import excel, series, zips

NUMERIC = {"integer", "number", "year"}


@dataclass(frozen=True, slots=True)
class Download:
    path: str  # inside the output folder
    data: bytes
    format: str  # ZIP, CSV, XLSX, JSON, SVG, PNG, SQL
    kind: str  # what it holds, for the data page: package, table, table-excel, workbook, sql, …
    name: str = ""  # the table or indicator it belongs to

    def listing(self) -> Listing:
        return Listing(self.path, self.format, self.kind, self.name, len(self.data))


@dataclass(frozen=True, slots=True)
class Listing:
    """A published file as the pages and the catalogue list it: where it is, what it holds, how big it is."""

    path: str
    format: str
    kind: str
    name: str
    size: int


def _rows(table: Table) -> tuple[list[str], list[list[Any]]]:
    with table.path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        numbers = numeric(table)
        rows = [[_number(v) if name in numbers else v for name, v in zip(header, row, strict=True)] for row in reader]
    return header, rows


def _number(text: str) -> float | int | str:
    if not text:
        return ""
    number = float(text)
    return int(number) if number.is_integer() and "." not in text else number


def table_files(table: Table, folder: str) -> list[Download]:
    """One table as it is (UTF-8, byte for byte) and as an Excel-safe CSV."""
    header, rows = _rows(table)
    names = urls.table_files(table.path.name)
    return [
        Download(f"{folder}/{names['table']}", table.path.read_bytes(), "CSV", "table", table.name),
        Download(
            f"{folder}/{names['excel']}",
            excel.excel_csv(header, rows, numeric(table)),
            "CSV",
            "table-excel",
            table.name,
        ),
    ]


def workbook_file(package: ValidatedPackage, folder: str, kept: Path | None = None) -> Download:
    """All tables in one workbook (its unchanged sheets from `kept`, see `excel.workbook`)."""
    sheets = [(table.name, *_rows(table), numeric(table)) for table in package.tables]
    return Download(f"{folder}/{package.name}.xlsx", excel.workbook(sheets, kept), "XLSX", "workbook")


def numeric(table: Table) -> set[str]:
    """The names of the table's number columns (written as numbers, not text, in the Excel variants)."""
    return {f.name for f in table.fields if f.type in NUMERIC}


def package_zip(package: ValidatedPackage, readme: str, folder: str) -> Download:
    """The data package as published: descriptor, every CSV, the progress SQL, a README and the validation report."""
    members = data_members(package)
    members["README.md"] = readme.encode("utf-8")
    members["validation-report.json"] = package.report.encode("utf-8")
    return Download(f"{folder}/{package.name}.zip", zips.make(members), "ZIP", "package")


def data_members(package: ValidatedPackage) -> dict[str, bytes]:
    """The package's data as its zip holds it: the descriptor, stamped with the data version and day the release
    was given (none before it is published), every CSV and the SQL."""
    base = package.descriptor.parent
    members = {"datapackage.json": _stamped(package)}
    members |= {t.path.relative_to(base).as_posix(): t.path.read_bytes() for t in package.tables}
    members |= {p.relative_to(base).as_posix(): p.read_bytes() for p in sorted((base / "sql").glob("*.sql"))}
    return members


def _stamped(package: ValidatedPackage) -> bytes:
    descriptor = json.loads(package.descriptor.read_text(encoding="utf-8-sig"))
    stamp = {"version": package.version, "created": package.created}
    head = {k: v for k, v in descriptor.items() if k not in stamp and k != "resources"}
    stamped = head | {k: v for k, v in stamp.items() if v} | {"resources": descriptor["resources"]}
    return (json.dumps(stamped, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def status_record(progress: Progress) -> dict[str, Any]:
    """A status as every file of the API and the downloads gives it: the same object everywhere."""
    return {
        "status": progress.status,
        "interim": progress.interim,
        "summary": progress.summary,
        "expected_share": progress.expected_share,
        "actual_share": progress.actual_share,
        "outcome": progress.outcome,
    }


def indicator_record(indicator: Indicator) -> dict[str, Any]:
    """One indicator with its baseline, target, status and series: the JSON download and the API's record."""
    target = indicator.target
    return {
        "id": indicator.id,
        "number": indicator.number,
        "name": dict(indicator.name.by_lang),
        "unit": dict(indicator.unit.by_lang),
        "category": indicator.category.id,
        "chapter": indicator.chapter.id,
        "attribute": indicator.attribute,
        "baseline": {"year": indicator.baseline_year, "value": indicator.baseline_value},
        "target": {
            "year": target.year,
            "as_written": dict(target.text.by_lang),
            "comparator": target.comparator,
            "value": target.value,
            "basis": target.basis,
            "absolute": target.absolute,
        },
        "vision": None
        if indicator.vision is None
        else {
            "year": indicator.vision.year,
            "as_written": dict(indicator.vision.text.by_lang),
            "value": indicator.vision.value,
        },
        "status": status_record(indicator.progress),
        "latest": None
        if indicator.latest is None
        else {"year": indicator.latest.year, "value": indicator.latest.value},
        "observations": [
            {
                "year": o.year,
                "value": o.value,
                "status": o.status,
                "quote": o.quote,
                "note": dict(o.note.by_lang),
                "source": {
                    "id": o.source.id,
                    "title": o.source.title,
                    "title_en": o.source.title_en,
                    "publisher": dict(o.source.publisher.by_lang),
                    "url": o.source.url,
                    "published": o.source.published.isoformat() if o.source.published else None,
                },
            }
            for o in indicator.observations
        ],
    }


@dataclass(frozen=True, slots=True)
class ChartImages:
    """An indicator's chart: the numbers-only drawing its pages show (every language), and the framed images a
    reader downloads (SVG and PNG in each language, with title, unit, key, source, licence and address)."""

    drawing: tuple[str, bytes]  # path and bytes
    framed: tuple[tuple[str, str, bytes], ...]  # path, format (SVG, PNG) and bytes


def indicator_files(
    indicator: Indicator, folder: str, chart: ChartImages, note: str, languages: Sequence[str]
) -> list[Download]:
    """Series as CSV (plain, and for Excel), as an Excel workbook and as JSON (see `series`), the chart as SVG and
    PNG, and a story kit zip holding them all with `note` (the title, the citation and the method, in each of the
    site's `languages`)."""
    names = {kind: f"{folder}/{name}" for kind, name in urls.indicator_files(indicator.id, ()).items()}
    data_json = json.dumps(indicator_record(indicator), ensure_ascii=False, indent=2).encode("utf-8")
    table = series.rows(indicator, languages)
    found = [
        Download(names["csv"], series.plain_csv(table, languages), "CSV", "series", indicator.id),
        Download(names["excel"], series.excel_csv(table, languages), "CSV", "series-excel", indicator.id),
        Download(names["xlsx"], series.workbook(indicator, languages), "XLSX", "series-workbook", indicator.id),
        Download(names["json"], data_json, "JSON", "series", indicator.id),
    ]
    found += [Download(path, data, form, "chart", indicator.id) for path, form, data in chart.framed]
    # The kit holds the framed charts as SVG: their PNGs (about 300 KB each, hardly compressible) are downloads
    # beside it, so as not to publish every PNG twice.
    kit = {Path(d.path).name: d.data for d in found if d.format != "PNG"} | {"README.md": note.encode("utf-8")}
    found.append(Download(chart.drawing[0], chart.drawing[1], "SVG", "chart", indicator.id))  # not in the kit
    found.append(Download(names["story-kit"], zips.make(kit), "ZIP", "story-kit", indicator.id))
    return found
