"""Charts: one numbers-only drawing per indicator, shared by every language, and around it one frame per language
(title, unit, key, source, licence, address) for the downloads; drawn by vl-convert on every core and cached.

The drawing holds numbers only, so one SVG serves the pages of every language (their words are HTML around it).
Altair builds each kind of chart once, with placeholder data; vl-convert compiles it to Vega once; each indicator's
drawing is that Vega spec with its data filled in (string replacement, no revalidation). A frame (`frame.py`) is
composed around the drawing as SVG text, and rasterised to PNG from that SVG by CairoSVG, the PNG written from
cairo's pixels (`raster.py`: measured against vl-convert, a subset font and resvg, and against cairo's PNG writer). Each is kept in the cache under the hash of what made it, so an
unchanged chart is never drawn twice. The interactive chart (tooltips with words) is the same spec in each language,
compiled by the browser.

Every vl-convert and cairo call runs in worker processes (`Drawing`), never in the builder's own process.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from site_builder import urls
from site_builder.charts import raster
from site_builder.charts.frame import LAYOUT, FrameLabels, compose_job, frame_job, frame_words
from site_builder.model.entities import Indicator
from site_builder.output import cache
from site_builder.output.atomic import replace_file
from site_builder.output.scriptsafe import script_json
from site_builder.output.workers import context

FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, Helvetica, Arial, sans-serif"
NUMBERS_FONT = "Helvetica, Arial, sans-serif"  # the shared image has digits only; a Latin font measures fast
COLOURS = {"observed": "#1f5f8b", "target": "#b5541c", "vision": "#6b4c9a", "grid": "#d9dde3", "text": "#2b2f36"}
VL_CONVERT = version("vl-convert-python")
SLOTS = ("path", "observed", "goals")
DOMAIN = [1001, 1002]  # the placeholder of the x scale's domain (years), replaced by each chart's
BATCH = 40  # charts a worker draws per task, at most


@dataclass(frozen=True, slots=True)
class ChartLabels:
    """The words of the interactive chart's tooltips in one language, from the theme's catalog."""

    observed: str
    target: str
    vision: str
    year: str


@dataclass(frozen=True, slots=True)
class Framed:
    """The chart framed in one language: the image a reader downloads and shares."""

    lang: str
    key: str  # hash of the drawing and the frame's words: the SVG and PNG are cached under it
    svg_path: str  # inside the output
    png_path: str | None  # None when the site makes no PNG (site.toml: chart_png = false)


@dataclass(frozen=True, slots=True)
class Chart:
    """One indicator's chart: the shared drawing (SVG) and its frame in each language by their cache keys, and the
    interactive spec per language."""

    indicator_id: str
    key: str  # hash of the filled Vega spec: the drawn SVG is cached under it
    svg_path: str  # inside the output: the numbers-only image the pages show
    framed: tuple[Framed, ...]  # one per language
    specs: tuple[tuple[str, str], ...]  # (language, Vega-Lite JSON safe inside <script>) for the interactive chart

    def downloads(self, lang: str) -> tuple[str, ...]:
        """The paths of the chart files a page in `lang` offers."""
        return tuple(p for f in self.framed if f.lang == lang for p in (f.svg_path, f.png_path) if p is not None)


def series(indicator: Indicator) -> dict[str, Any]:
    """What a chart shows: the observations, the straight path from the baseline to the target, the target and
    any 2035 vision, and the years the x axis spans."""
    observed = [{"year": o.year, "value": o.value} for o in indicator.observations]
    path = []
    if indicator.baseline_value is not None and indicator.baseline_year is not None:
        path = [
            {"year": indicator.baseline_year, "value": indicator.baseline_value},
            {"year": indicator.target.year, "value": indicator.target.absolute},
        ]
    goals = [{"year": indicator.target.year, "value": indicator.target.absolute, "series": "target"}]
    if indicator.vision is not None:
        goals.append({"year": indicator.vision.year, "value": indicator.vision.absolute, "series": "vision"})
    first = min([o.year for o in indicator.observations] + [indicator.baseline_year or indicator.target.year - 5])
    last = max(indicator.target.year, indicator.vision.year if indicator.vision else 0)
    return {"path": path, "observed": observed, "goals": goals, "domain": [first, last]}


def _altair_chart(labels: ChartLabels | None) -> dict[str, Any]:
    """The Vega-Lite spec of the indicator chart, with placeholder data: numbers only when `labels` is None, else
    with tooltips in one language (the unit and the description are placeholders too)."""
    import altair as alt  # only when a template is not cached yet

    x = alt.X(
        "year:Q",
        title=None,
        scale=alt.Scale(domain=DOMAIN, nice=False),
        # Labels centred on their years: flush, the first (at the axis's start) ran into the second wherever the
        # ticks are every other year (a chart to 2035 read "20202022"); with labelOverlap off, none is hidden.
        axis=alt.Axis(format="d", tickMinStep=1, labelFlush=False),
    )
    y = alt.Y("value:Q", title=None, scale=alt.Scale(zero=False, padding=12))
    colour = alt.Color(
        "series:N",
        legend=None,
        scale=alt.Scale(domain=["target", "vision"], range=[COLOURS["target"], COLOURS["vision"]]),
    )

    def slot(name: str) -> alt.Chart:
        return alt.Chart(alt.Data(values=[{"slot": name}]))  # type: ignore[no-untyped-call]

    observed_tips: list[alt.Tooltip] = []
    goal_tips: list[alt.Tooltip] = []
    if labels is not None:
        observed_tips = [
            alt.Tooltip("year:Q", title=labels.year, format="d"),
            alt.Tooltip("value:Q", title="__UNIT__"),
        ]
        goal_tips = [alt.Tooltip("label:N", title=labels.target), *observed_tips]
    layers = [
        slot("path").mark_line(strokeDash=[5, 4], color=COLOURS["target"], strokeWidth=1.5).encode(x=x, y=y),
        slot("observed")
        .mark_line(color=COLOURS["observed"], point=alt.OverlayMarkDef(size=70, filled=True, color=COLOURS["observed"]))
        .encode(x=x, y=y, tooltip=observed_tips),
        slot("goals")
        .mark_point(shape="diamond", size=110, filled=True, opacity=1)
        .encode(x=x, y=y, color=colour, tooltip=goal_tips),
    ]
    chart = (
        alt.layer(*layers)
        .properties(width=320, height=200)
        .configure(font=NUMBERS_FONT if labels is None else FONT, aria=False)
        .configure_axis(
            gridColor=COLOURS["grid"],
            labelColor=COLOURS["text"],
            labelFontSize=13,
            domainColor=COLOURS["text"],
            labelOverlap=False,  # the default ticks (one per 40 px) leave room; checking overlap measures every label
            # No cut-off for a label too long (180 px by default): a number never is, and checking measured every
            # label's text a second time, after its bounds (vl-convert: 18 ms a drawing with the check, 10.5 without)
            **({"labelLimit": 0} if labels is None else {}),
        )
    )
    if labels is not None:
        chart = chart.properties(description="__DESCRIPTION__")
    spec: dict[str, Any] = chart.to_dict()
    return spec


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _fill(template: str, data: dict[str, Any], words: dict[str, str] | None = None) -> str:
    """A template's JSON with each placeholder replaced by this chart's data (and words)."""
    text = template.replace(_dumps(DOMAIN), _dumps(data["domain"]))
    for name in SLOTS:
        text = text.replace(_dumps([{"slot": name}]), _dumps(data[name]))
    for placeholder, word in (words or {}).items():
        text = text.replace(f'"{placeholder}"', _dumps(word))
    return text


def _check_template(text: str) -> str:
    for name in SLOTS:
        if text.count(_dumps([{"slot": name}])) != 1:
            raise RuntimeError(f"the chart template lost its placeholder for {name!r}")
    if _dumps(DOMAIN) not in text:
        raise RuntimeError("the chart template lost its placeholder for the years")
    return text


class Drawing:
    """The worker processes that run vl-convert and cairo: charts are drawn on every core, the results kept in the
    cache.

    Use as a context manager; the workers start on the first job (drawing from the cache needs none)."""

    def __init__(self, cache_dir: Path, workers: int | None = None) -> None:
        self.cache_dir = cache_dir
        self.workers = workers or os.cpu_count() or 1
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Drawing:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=exc[0] is None, cancel_futures=True)

    @property
    def pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, mp_context=context())  # fork or spawn: top-level tasks
        return self._pool

    def cached(self, key: str, suffix: str) -> Path:
        return self.cache_dir / key[:2] / f"{key}.{suffix}"

    def template(self, labels: ChartLabels | None) -> str:
        """The indicator chart's template JSON: compiled Vega (neutral image) or Vega-Lite (interactive, words)."""
        vegalite = _dumps(_altair_chart(labels))
        if labels is not None:
            return _check_template(vegalite)
        key = _key("template", vegalite)
        cached = self.cached(key, "vg.json")
        if not cached.is_file():
            self.pool.submit(_compile, vegalite, str(cached)).result()
        return _check_template(cached.read_text(encoding="utf-8"))

    def draw(self, jobs: dict[str, tuple[str, str, bool]], progress: Callable[[int, int], None] | None = None) -> int:
        """Draw each (key: (kind, spec JSON, also PNG)) not in the cache yet; kind is "vega" or "vega-lite", or
        "frame" (a drawing's key and a frame's words, composed once the drawings are there). Returns how many were
        drawn."""
        missing = [
            (key, kind, spec, png)
            for key, (kind, spec, png) in sorted(jobs.items())
            if not self.cached(key, "svg").is_file() or (png and not self.cached(key, "png").is_file())
        ]
        drawings = [job for job in missing if job[1] != "frame"]
        frames = [job for job in missing if job[1] == "frame"]
        done = 0
        for some in (drawings, frames):  # a frame reads its drawing from the cache
            size = max(1, min(BATCH, -(-len(some) // self.workers)))  # every worker busy, also for a few charts
            batches = [some[i : i + size] for i in range(0, len(some), size)]
            futures: list[Future[int]] = [self.pool.submit(_draw_batch, b, str(self.cache_dir)) for b in batches]
            for future in futures:
                done += future.result()
                if progress is not None:
                    progress(done, len(missing))
        return len(missing)

    def svg(self, key: str) -> bytes:
        return self.cached(key, "svg").read_bytes()

    def png(self, key: str) -> bytes:
        return self.cached(key, "png").read_bytes()

    def javascript_bundle(self) -> Callable[[], bytes]:
        """Vega, Vega-Lite and vega-embed in one self-hosted script (about 0.9 MB), made once and cached: started
        now in a worker, its bytes returned when the returned function is called."""
        cached = self.cache_dir / f"vega-bundle-{VL_CONVERT}.js"
        if cached.is_file():
            return cached.read_bytes
        future = self.pool.submit(_bundle, str(cached))
        return lambda: future.result() or cached.read_bytes()


def _key(*parts: str) -> str:
    digest = hashlib.sha256(VL_CONVERT.encode())
    for part in parts:
        digest.update(part.encode("utf-8"))
    return digest.hexdigest()[:32]


def plan(
    indicators: Iterable[Indicator],
    labels: dict[str, ChartLabels],
    frames: Mapping[str, FrameLabels],
    drawing: Drawing,
    folder: str,
    png: bool = True,
) -> tuple[dict[str, Chart], dict[str, tuple[str, str, bool]]]:
    """Every indicator's chart, and the jobs (key: kind, spec, PNG too) that make its drawing and its frames."""
    neutral = drawing.template(None)
    interactive = {lang: drawing.template(words) for lang, words in labels.items()}
    result, jobs = {}, {}
    for indicator in indicators:
        data = series(indicator)
        spec = _fill(neutral, data)
        key = _key("indicator", spec)
        jobs[key] = ("vega", spec, False)
        specs = tuple(
            (lang, _interactive(template, indicator, data, lang, words))
            for (lang, template), words in zip(interactive.items(), labels.values(), strict=True)
        )
        names = {kind: f"{folder}/{name}" for kind, name in urls.indicator_files(indicator.id, frames).items()}
        framed = []
        for lang, frame in frames.items():
            words = frame_job(key, frame_words(indicator, frame))
            framed_key = _key("frame", LAYOUT, raster.RENDERER, words)
            jobs[framed_key] = ("frame", words, png)
            svg, image = names[f"chart-{lang}.svg"], names[f"chart-{lang}.png"] if png else None
            framed.append(Framed(lang, framed_key, svg, image))
        result[indicator.id] = Chart(indicator.id, key, names["chart"], tuple(framed), specs)
    return result, jobs


def _interactive(template: str, indicator: Indicator, data: dict[str, Any], lang: str, labels: ChartLabels) -> str:
    words = {"target": f"{labels.target} {indicator.target.text.get(lang)}"}
    if indicator.vision is not None:
        words["vision"] = f"{labels.vision} {indicator.vision.text.get(lang)}"
    data = data | {"goals": [goal | {"label": words[goal["series"]]} for goal in data["goals"]]}
    unit = indicator.unit.get(lang)
    name = indicator.name.get(lang)
    spec = _fill(
        template, data, {"__UNIT__": unit or labels.observed, "__DESCRIPTION__": f"{name} ({unit})" if unit else name}
    )
    return script_json(spec)  # embedded in the page in a <script type="application/json">


SUMMARY_COLOURS = {"achieved": "#2e7d4f", "on_track": "#1f5f8b", "behind": "#c2571a", "no_data": "#9aa0a6"}


def dashboard_spec(groups: list[tuple[str, list[tuple[str, str, int]]]], title: str, axis: str) -> dict[str, Any]:
    """A stacked bar per group (label, [(summary, its label, count)]): how many stand in each summary."""
    import altair as alt

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


def dashboard_job(spec: dict[str, Any]) -> tuple[str, tuple[str, str, bool]]:
    text = _dumps(spec)
    return _key("dashboard", text), ("vega-lite", text, False)


def cache_folder(root: Path) -> Path:
    """Where drawn charts are kept between builds."""
    return cache.folder(root, "charts")


# In the worker processes -------------------------------------------------------------------------------------


def _draw_batch(batch: list[tuple[str, str, str, bool]], cache_dir: str) -> int:
    import vl_convert as vlc

    folder = Path(cache_dir)
    for key, kind, spec, with_png in batch:
        if kind == "frame":
            svg = compose_job(spec, lambda key: (folder / key[:2] / f"{key}.svg").read_text(encoding="utf-8"))
        elif kind == "vega":
            svg = vlc.vega_to_svg(spec, allowed_base_urls=[])
        else:
            svg = vlc.vegalite_to_svg(spec, allowed_base_urls=[])
        if with_png:  # the PNG first: a chart counts as drawn once its SVG is there
            replace_file(folder / key[:2] / f"{key}.png", raster.png(svg))
        replace_file(folder / key[:2] / f"{key}.svg", svg.encode("utf-8"))
    return len(batch)


def _compile(vegalite: str, target: str) -> None:
    import vl_convert as vlc

    replace_file(Path(target), _dumps(vlc.vegalite_to_vega(vegalite)).encode("utf-8"))


def _bundle(target: str) -> None:
    import vl_convert as vlc

    replace_file(Path(target), vlc.javascript_bundle("window.vegaEmbed = vegaEmbed;").encode("utf-8"))
