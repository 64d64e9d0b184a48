"""Charts: one Altair chart per indicator and language, rendered once to static SVG with vl-convert and cached."""

from __future__ import annotations

import hashlib
import json
import os
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import altair as alt
import vl_convert as vlc

from site_builder.model import Indicator

FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, Helvetica, Arial, sans-serif"
COLOURS = {"observed": "#1f5f8b", "target": "#b5541c", "vision": "#6b4c9a", "grid": "#d9dde3", "text": "#2b2f36"}


@dataclass(frozen=True, slots=True)
class ChartLabels:
    """The words of a chart in one language, from the theme's catalog."""

    observed: str
    target: str
    vision: str
    year: str
    no_data: str


@dataclass(frozen=True, slots=True)
class Chart:
    indicator_id: str
    lang: str
    file: str  # path of the SVG inside the output
    svg: str
    spec_file: str  # path of the Vega-Lite spec inside the output, for the interactive chart
    spec: str
    png: bytes  # for downloads


def spec(indicator: Indicator, lang: str, labels: ChartLabels) -> dict[str, Any]:
    """The Vega-Lite spec of one indicator's chart: observations, the straight path from the baseline to the
    target (dashed), the target and any 2035 vision; the words in `lang`."""
    unit = indicator.unit.get(lang)
    rows: list[dict[str, Any]] = [
        {"year": o.year, "value": o.value, "series": labels.observed} for o in indicator.observations
    ]
    goals: list[dict[str, Any]] = [
        {
            "year": indicator.target.year,
            "value": indicator.target.absolute,
            "series": labels.target,
            "label": f"{labels.target} {indicator.target.text.get(lang)}",
        }
    ]
    if indicator.vision is not None:
        goals.append(
            {
                "year": indicator.vision.year,
                "value": indicator.vision.absolute,
                "series": labels.vision,
                "label": f"{labels.vision} {indicator.vision.text.get(lang)}",
            }
        )
    first: int = min([o.year for o in indicator.observations] + [indicator.baseline_year or indicator.target.year - 5])
    last: int = max(indicator.target.year, indicator.vision.year if indicator.vision else 0)
    x = alt.X(
        "year:Q",
        title=labels.year,
        scale=alt.Scale(domain=[first, last], nice=False),
        axis=alt.Axis(format="d", tickMinStep=1, labelFlush=True),
    )
    y = alt.Y("value:Q", title=unit or None, scale=alt.Scale(zero=False, padding=12))
    series = [(labels.observed, COLOURS["observed"]), (labels.target, COLOURS["target"])]
    if indicator.vision is not None:
        series.append((labels.vision, COLOURS["vision"]))
    colour = alt.Color(
        "series:N",
        title=None,
        legend=alt.Legend(orient="bottom", labelFontSize=13, symbolSize=90),
        scale=alt.Scale(domain=[name for name, _ in series], range=[hex for _, hex in series]),
    )
    observed = alt.Chart(alt.Data(values=rows or [{"year": first, "value": None, "series": labels.observed}]))  # type: ignore[no-untyped-call]
    goal = alt.Chart(alt.Data(values=goals))  # type: ignore[no-untyped-call]
    tooltip = [
        alt.Tooltip("year:Q", title=labels.year, format="d"),
        alt.Tooltip("value:Q", title=unit or labels.observed),
    ]
    layers = []
    if indicator.baseline_value is not None and indicator.baseline_year is not None:
        path = [
            {"year": indicator.baseline_year, "value": indicator.baseline_value},
            {"year": indicator.target.year, "value": indicator.target.absolute},
        ]
        layers.append(
            alt.Chart(alt.Data(values=path))  # type: ignore[no-untyped-call]
            .mark_line(strokeDash=[5, 4], color=COLOURS["target"], strokeWidth=1.5)
            .encode(x=x, y=y)
        )
    layers += [
        observed.mark_line(point=alt.OverlayMarkDef(size=70, filled=True)).encode(
            x=x, y=y, color=colour, tooltip=tooltip
        ),
        goal.mark_point(shape="diamond", size=110, filled=True, opacity=1).encode(
            x=x, y=y, color=colour, tooltip=[alt.Tooltip("label:N", title=labels.target), *tooltip]
        ),
    ]
    if not rows:
        layers.append(goal.mark_text(dy=-18, fontSize=13).encode(x=x, y=y, text=alt.value(labels.no_data)))
    chart = (
        alt.layer(*layers)
        .properties(
            width=320,
            height=200,
            title=alt.Title(_lines(indicator.name.get(lang))),
            description=f"{indicator.name.get(lang)} ({unit})" if unit else indicator.name.get(lang),
        )
        .configure(font=FONT, aria=False)
        .configure_axis(
            gridColor=COLOURS["grid"],
            labelColor=COLOURS["text"],
            titleColor=COLOURS["text"],
            labelFontSize=13,
            titleFontSize=13,
        )
    )
    the_spec: dict[str, Any] = chart.configure_title(fontSize=15, anchor="start", color=COLOURS["text"]).to_dict()
    return the_spec


def _lines(title: str, width: int = 34) -> list[str]:
    """A chart title in lines that fit the chart: words kept whole; a line of Chinese counts double width."""
    wide = sum(2 if ord(c) > 0x2E80 else 1 for c in title)
    if wide <= width:
        return [title]
    if " " in title:
        return textwrap.wrap(title, width)
    step = width // 2
    return [title[i : i + step] for i in range(0, len(title), step)]


def cache_folder(root: Path) -> Path:
    """Where rendered SVGs are kept between builds: $SITE_BUILDER_CACHE, or .cache/charts in the project."""
    configured = os.environ.get("SITE_BUILDER_CACHE")
    return Path(configured) / "charts" if configured else root / ".cache" / "charts"


SUMMARY_COLOURS = {"achieved": "#2e7d4f", "on_track": "#1f5f8b", "behind": "#c2571a", "no_data": "#9aa0a6"}


def dashboard_spec(groups: list[tuple[str, list[tuple[str, str, int]]]], title: str, axis: str) -> dict[str, Any]:
    """A stacked bar per group (label, [(summary, its label, count)]): how many stand in each summary."""
    rows = [
        {"group": label, "position": n, "summary": words, "rank": rank, "count": count}
        for n, (label, counts) in enumerate(groups)
        for rank, (_, words, count) in enumerate(counts)
    ]
    summaries = [(summary, words) for summary, words, _ in groups[0][1]] if groups else []
    chart = (
        alt.Chart(alt.Data(values=rows))  # type: ignore[no-untyped-call]
        .mark_bar()
        .encode(
            y=alt.Y("group:N", title=None, sort=alt.EncodingSortField("position"), axis=alt.Axis(labelLimit=220)),
            x=alt.X("count:Q", title=axis, stack="zero", axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color(
                "summary:N",
                title=None,
                legend=alt.Legend(orient="bottom", labelFontSize=13),
                scale=alt.Scale(domain=[w for _, w in summaries], range=[SUMMARY_COLOURS[s] for s, _ in summaries]),
            ),
            order=alt.Order("rank:Q"),
            tooltip=["group:N", "summary:N", "count:Q"],
        )
        .properties(width=300, title=title, description=title)
        .configure(font=FONT, aria=False)
        .configure_axis(labelColor=COLOURS["text"], titleColor=COLOURS["text"], labelFontSize=13)
        .configure_title(fontSize=15, anchor="start", color=COLOURS["text"])
    )
    the_spec: dict[str, Any] = chart.to_dict()
    return the_spec


def svg(the_spec: dict[str, Any], cache_dir: Path) -> str:
    """A spec rendered to SVG, from the cache when the same spec was rendered before."""
    return _cached(the_spec, cache_dir, "svg", lambda: vlc.vegalite_to_svg(the_spec).encode("utf-8")).decode("utf-8")


def png(the_spec: dict[str, Any], cache_dir: Path) -> bytes:
    """A spec rendered to PNG at twice its size; the system's CJK font draws the Chinese (fonts-noto-cjk)."""
    return _cached(the_spec, cache_dir, "png", lambda: bytes(vlc.vegalite_to_png(the_spec, scale=2)))


def _cached(the_spec: dict[str, Any], cache_dir: Path, suffix: str, draw: Callable[[], bytes]) -> bytes:
    key = hashlib.sha256(json.dumps(the_spec, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:24]
    cached = cache_dir / f"{key}.{suffix}"
    if cached.is_file():
        return cached.read_bytes()
    drawn = draw()
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(drawn)
    tmp.replace(cached)
    return drawn


def render(indicator: Indicator, lang: str, labels: ChartLabels, cache_dir: Path) -> Chart:
    """One indicator's chart in one language, as SVG and as its spec."""
    the_spec = spec(indicator, lang, labels)
    folder = f"{lang}/indicators/{indicator.id}"
    spec_json = json.dumps(the_spec, ensure_ascii=False, sort_keys=True)
    return Chart(
        indicator.id,
        lang,
        f"{folder}/chart.svg",
        svg(the_spec, cache_dir),
        f"{folder}/chart.vl.json",
        spec_json,
        png(the_spec, cache_dir),
    )


def javascript_bundle(cache_dir: Path) -> str:
    """Vega, Vega-Lite and vega-embed in one self-hosted script (about 0.9 MB), made once and cached."""
    cached = cache_dir / f"vega-bundle-{version('vl-convert-python')}.js"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    bundle: str = vlc.javascript_bundle("window.vegaEmbed = vegaEmbed;")
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(bundle, encoding="utf-8")
    tmp.replace(cached)
    return bundle
