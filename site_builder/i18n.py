"""I18n: the gettext function pages are worded with, and locale-aware number, quantity and date formats (Babel)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from functools import lru_cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal

Gettext = Callable[[str], str]


@lru_cache(maxsize=65536)  # the same values recur on many pages; Babel's formatting is the costly part
def format_number(value: float | None, decimals: int, locale: str) -> str:
    """A value rounded to at most the indicator's number of decimals and never padded (67.5 stays 67.5, not 67.50;
    23 stays 23), grouped as the locale writes numbers; "–" for none."""
    if value is None:
        return "–"
    return format_decimal(value, format="#,##0" + ("." + "#" * decimals if decimals else ""), locale=locale)


# English units that start with a scale, as the Chinese units they translate (万人 → "10,000 people", 亿元 → "100 million
# yuan"). Only a scale at the very start of the unit is one: "deaths per 100 million yuan" is a rate and stays as it is.
_SCALES = (("100 million ", 10**8), ("10,000 ", 10**4), ("million ", 10**6), ("billion ", 10**9), ("thousand ", 10**3))
_COMPACT_FROM = Decimal(10**6)  # from a million on, "50 billion yuan" reads better than "50,000,000,000 yuan"

# How each language writes a comparator around a quantity: the plan's own order in Chinese ("30万人以上", "10个左右",
# "1.6倍以内", "突破500亿元"), symbols and "about" in English.
_COMPARATORS = {
    "zh": {">=": "{}以上", ">": "超过{}", "<=": "{}以内", "<": "低于{}", "about": "{}左右"},
    "en": {">=": "≥ {}", ">": "> {}", "<=": "≤ {}", "<": "< {}", "about": "about {}"},
}
_UNSPACED = ("%", "‰", "°")  # English writes "80%", not "80 %"
_WRITTEN = (("≥", ">="), ("≤", "<="), (">", ">"), ("<", "<"))


def written_comparator(text: str) -> str:
    """The comparator a target is written with in table 2-1: ">=" for "≥90", ">" for ">50", "" for "72" (which is
    compared as ≥ but written plainly; a page shows it as the plan writes it)."""
    return next((comparator for symbol, comparator in _WRITTEN if text.strip().startswith(symbol)), "")


@lru_cache(maxsize=65536)
def format_quantity(
    value: float | None, unit: str, locale: str, decimals: int | None = None, comparator: str = ""
) -> str:
    """A value with its unit (and comparator: >=, >, <=, <, about; "equal" or "" for none) as a reader of `locale` writes
    it: "30万人以上" and "≥ 300,000 people", "80%左右" and "about 80%". `decimals` is the indicator's number of
    decimals, the most a value shows (a computed gap of 4.499999 is 4.5); no value is padded to it, so each keeps its
    own precision as the plan and the sources write it (23 stays 23, 67.5 stays 67.5).
    English converts a scaled unit ("6" "10,000 people" → "60,000 people"); Chinese keeps the plan's unit."""
    if value is None:
        return "–"
    lang = "zh" if Locale.parse(locale).language == "zh" else "en"
    number = Decimal(repr(float(value)))
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN)
    places = _places(number)
    if lang == "en":
        scale = next(((len(prefix), size) for prefix, size in _SCALES if unit.startswith(prefix)), None)
        if scale is not None:
            unit = unit[scale[0] :]
            number, places = number * scale[1], max(0, places - len(str(scale[1])) + 1)
    text = _compact(number, locale) if lang == "en" and abs(number) >= _COMPACT_FROM else None
    if text is None:
        text = format_decimal(number, format="#,##0" + ("." + "0" * places if places else ""), locale=locale)
    if unit:
        text += unit if lang == "zh" or unit.startswith(_UNSPACED) else " " + unit
    written = _COMPARATORS[lang].get(comparator)
    return written.format(text) if written else text


def _places(number: Decimal) -> int:
    """How many decimals a number has as written: 23.0 has none, 0.027 has three."""
    exponent = number.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _compact(number: Decimal, locale: str) -> str | None:
    """ "50 billion" for 5e10 when the short form is exact (at most two decimals of millions, billions…); else None."""
    magnitude = Decimal(10) ** (3 * ((len(str(int(abs(number)))) - 1) // 3))
    places = _places(number / magnitude)
    if places > 2:
        return None
    return format_compact_decimal(number, format_type="long", fraction_digits=places, locale=locale)


@lru_cache(maxsize=4096)
def format_day(value: date | None, locale: str) -> str:
    return format_date(value, format="long", locale=locale) if value else ""


def data_version(version: str, created: str, locale: str, _: Gettext) -> tuple[str, str]:
    """The data version and the day it went live, as a reader sees them: the release number the server gave and
    its date, or, before the data is published (a local build, the preview), words that say it is the next release."""
    if not version:
        return _("next release"), _("not yet published")
    return version, format_day(date.fromisoformat(created[:10]), locale) if created else ""
