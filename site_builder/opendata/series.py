"""Series: one indicator's values as a table that stands alone — each row carries the indicator's name, unit,
baseline and target, and the value's source and the quote it rests on — as plain UTF-8 CSV, as a CSV for Excel and
as an Excel workbook (.xlsx).

All three are made for people opening them in a spreadsheet, so in the CSVs a text cell that a spreadsheet would run
(one starting with =, +, -, @, a tab or a carriage return) starts with an apostrophe, and in the workbook it is a
text cell marked as Excel marks a typed '= (see `excel`); the indicator's JSON keeps every text as published. An indicator without published values has one row, with its name, baseline and target and no
year or value, so that the file still says what was promised.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from site_builder.model.entities import Indicator, Observation
from site_builder.opendata import excel


def header(languages: Sequence[str]) -> tuple[str, ...]:
    """The columns: as the data package names them, a text column once per language of the site ("name_zh")."""

    def each(stem: str) -> list[str]:
        return [f"{stem}_{lang}" for lang in languages]

    return (
        "indicator_id",
        "indicator_number",
        *each("name"),
        *each("unit"),
        "year",
        "value",
        "status",
        "source_title",  # as the source itself titles it
        "source_title_en",  # the data package's one translation of it (sources.csv has title and title_en)
        *each("source_publisher"),
        "source_url",
        "source_published",
        "source_quote",
        *each("note"),
        "baseline_year",
        "baseline_value",
        "target_year",
        "target_comparator",
        "target_value",  # the value compared with: for "50% lower than in 2020", half the baseline
        *each("target_text"),
    )


NUMERIC = frozenset(
    {"indicator_number", "year", "value", "baseline_year", "baseline_value", "target_year", "target_value"}
)

Cell = str | int | float


def rows(indicator: Indicator, languages: Sequence[str]) -> list[list[Cell]]:
    """One row per published value (or one row without a value), text cells guarded for a CSV."""
    columns = header(languages)
    return [
        [_guarded(name, cell) for name, cell in zip(columns, row, strict=True)] for row in cells(indicator, languages)
    ]


def cells(indicator: Indicator, languages: Sequence[str]) -> list[list[Cell]]:
    """One row per published value (or one row without a value), each cell as published."""
    t = indicator.target
    about: list[Cell] = [
        indicator.id,
        indicator.number,
        *(indicator.name.get(lang) for lang in languages),
        *(indicator.unit.get(lang) for lang in languages),
    ]
    plan: list[Cell] = [
        indicator.baseline_year or "",
        _figure(indicator.baseline_value),
        t.year,
        t.comparator,
        _figure(t.absolute),
        *(t.text.get(lang) for lang in languages),
    ]
    values = [_value(o, languages) for o in indicator.observations] or [[""] * (8 + 2 * len(languages))]
    return [about + v + plan for v in values]


def _value(o: Observation, languages: Sequence[str]) -> list[Cell]:
    return [
        o.year,
        _figure(o.value),
        o.status,
        o.source.title,
        o.source.title_en,
        *(o.source.publisher.get(lang) for lang in languages),
        o.source.url,
        o.source.published.isoformat() if o.source.published else "",
        o.quote,
        *(o.note.get(lang) for lang in languages),
    ]


def _figure(value: float | None) -> Cell:
    """A number as the data writes it: 23, not 23.0."""
    if value is None:
        return ""
    return int(value) if float(value).is_integer() else value


def _guarded(name: str, cell: Cell) -> Cell:
    return cell if name in NUMERIC or not isinstance(cell, str) else excel.guard(cell)


def plain_csv(table: Sequence[Sequence[Cell]], languages: Sequence[str]) -> bytes:
    """UTF-8 without a byte-order mark, LF: for programs (and spreadsheets told the encoding)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header(languages))
    writer.writerows(table)
    return buffer.getvalue().encode("utf-8")


def excel_csv(table: Sequence[Sequence[Cell]], languages: Sequence[str]) -> bytes:
    """UTF-8 with a byte-order mark and CRLF, which Excel on Chinese Windows opens without garbling the Chinese."""
    return excel.excel_csv(header(languages), table, set(NUMERIC))


def workbook(indicator: Indicator, languages: Sequence[str]) -> bytes:
    """The series as an .xlsx of one sheet, named by the indicator: text as text cells, numbers as numbers."""
    return excel.workbook([(indicator.id, header(languages), cells(indicator, languages), set(NUMERIC))])
