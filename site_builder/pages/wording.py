"""Wording: the words a reader sees for a progress status, and the one-sentence summary of an indicator."""

from __future__ import annotations

from dataclasses import dataclass

from site_builder.i18n import Gettext, format_number
from site_builder.model.entities import Indicator, Progress

SUMMARIES = ("achieved", "on_track", "behind", "no_data")
ICONS = {"achieved": "✓", "on_track": "↗", "behind": "!", "no_data": "○"}


@dataclass(frozen=True, slots=True)
class Badge:
    """A status as icon and words, never colour alone; `summary` picks the colour."""

    summary: str
    icon: str
    label: str
    detail: str  # for an interim status: where the latest value stood; else ""


def status_label(status: str, _: Gettext) -> str:
    labels = {
        "met": _("Target met"),
        "not_met": _("Target not met"),
        "awaiting_final": _("Awaiting final data"),
        "achieved": _("Target already reached"),
        "on_track": _("On track"),
        "needs_acceleration": _("Needs acceleration"),
        "off_track": _("Off track"),
        "no_data": _("No data since baseline"),
        "not_assessable": _("Not assessable"),
    }
    return labels[status]


def summary_label(summary: str, _: Gettext) -> str:
    labels = {"achieved": _("Achieved"), "on_track": _("On track"), "behind": _("Behind"), "no_data": _("No data")}
    return labels[summary]


def badge(progress: Progress, _: Gettext, commitment: bool = False) -> Badge:
    detail = _("latest value: %(status)s") % {"status": status_label(progress.interim, _)} if progress.interim else ""
    # A commitment has no baseline: "no data since baseline" would not make sense to a reader.
    label = (
        _("No progress reported") if commitment and progress.status == "no_data" else status_label(progress.status, _)
    )
    return Badge(progress.summary, ICONS[progress.summary], label, detail)


def sentence(indicator: Indicator, lang: str, locale: str, _: Gettext) -> str:
    """One sentence: the latest value and how far it is from the target, with numbers as the locale writes them."""
    number = _Numbers(indicator.decimals, locale)
    target: dict[str, object] = {"target_year": indicator.target.year, "target": indicator.target.text.get(lang)}
    latest = indicator.latest
    if latest is None:
        if indicator.baseline_value is None:
            return _("The plan gives no baseline, and no value has been published.")
        return _("%(value)s in %(year)s (the baseline); no value has been published since.") % {
            "value": number(indicator.baseline_value),
            "year": indicator.baseline_year,
        }
    value: dict[str, object] = {"value": number(latest.value), "year": latest.year}
    if indicator.progress.summary == "achieved":
        return _("%(value)s in %(year)s, meeting the %(target_year)s target of %(target)s.") % (value | target)
    words = value | target | {"gap": number(abs(indicator.target.absolute - latest.value))}
    if indicator.progress.actual_share is not None and indicator.progress.actual_share < 0:
        return (
            _(
                "%(value)s in %(year)s, %(gap)s short of the %(target_year)s target of %(target)s, "
                "and further from it than at the baseline."
            )
            % words
        )
    return _("%(value)s in %(year)s, %(gap)s short of the %(target_year)s target of %(target)s.") % words


@dataclass(frozen=True, slots=True)
class _Numbers:
    decimals: int
    locale: str

    def __call__(self, value: float) -> str:
        return format_number(value, self.decimals, self.locale)
