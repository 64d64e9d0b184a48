"""I18n: the gettext function pages are worded with, and locale-aware number and date formats (Babel)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_decimal

Gettext = Callable[[str], str]


@lru_cache(maxsize=65536)  # the same values recur on many pages; Babel's formatting is the costly part
def format_number(value: float | None, decimals: int, locale: str) -> str:
    """A value with the indicator's number of decimals, grouped as the locale writes numbers; "–" for none."""
    if value is None:
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=locale)


@lru_cache(maxsize=4096)
def format_day(value: date | None, locale: str) -> str:
    return format_date(value, format="long", locale=locale) if value else ""
