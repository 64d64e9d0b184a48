"""Reference charts: a sample of the real site's charts as the chart code drew them before the drawing and raster
path was made faster (commit ed67cd7, CairoSVG's own PNG writer), kept under tests/golden/charts/ so that
tests/test_chart_reference.py can show that every later change draws the same charts.

For each sampled indicator: what its numbers-only drawing shows (`<id>.data.json`, `drawing.series`) and the SVG
that vl-convert drew of it (`<id>.svg`); per language, the frame's words (`<id>-<lang>.frame.json`, a `frame_job` with
the drawing's key replaced by the sample's id), the framed SVG composed from them (`<id>-<lang>.svg`) and its PNG
(`<id>-<lang>.png`, the pixels the raster step made, stored losslessly recompressed by Pillow to keep the folder
small: the pixels are the same).

Made with `python -m tests.chart_samples` (writes the folder anew); run it only on purpose, when a change is meant
to change what the charts show, and say so in the commit.
"""

from __future__ import annotations

import io
import json
import shutil
import sys
import tempfile
from pathlib import Path

from PIL import Image

from site_builder.charts import drawing as charts
from site_builder.charts import raster
from site_builder.charts.frame import compose_job, frame_labels
from site_builder.inputs.catalogs import load_translations
from site_builder.inputs.config import load_config
from site_builder.inputs.datapackage import validate_package
from site_builder.model import warehouse
from site_builder.model.site import build_site

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "tests/golden/charts"
# A 2035 vision and several sources; no value published; a ratio with decimals and three values.
SAMPLE = ("urbanization-rate", "healthy-huzhou-index", "urban-rural-income-ratio")


def write(folder: Path = FOLDER) -> None:
    config = load_config(ROOT)
    package = validate_package(ROOT, config.site.datapackage)
    site, _ = build_site(config, package, warehouse.load(package), [])
    theme = ROOT / "themes" / config.site.theme
    gettexts = {c: load_translations(ROOT, theme, lang.locale)[0].gettext for c, lang in config.languages.items()}
    labels = {
        lang: charts.ChartLabels(_("Published value"), _("Target"), _("2035 vision"), _("Year"))
        for lang, _ in gettexts.items()
    }
    indicators = [i for i in site.indicators if i.id in SAMPLE]
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as cache, charts.Drawing(Path(cache), 1) as drawing:
        planned, jobs = charts.plan(indicators, labels, frame_labels(site, gettexts), drawing, "x", True)
        drawing.draw(jobs)
        for indicator in indicators:
            chart = planned[indicator.id]
            data = json.dumps(charts.series(indicator), ensure_ascii=False, sort_keys=True, indent=1)
            (folder / f"{chart.indicator_id}.data.json").write_text(data + "\n", encoding="utf-8")
            (folder / f"{chart.indicator_id}.svg").write_bytes(drawing.svg(chart.key))
            for framed in chart.framed:
                name = f"{chart.indicator_id}-{framed.lang}"
                job = json.loads(jobs[framed.key][1]) | {"drawing": chart.indicator_id}
                (folder / f"{name}.frame.json").write_text(
                    json.dumps(job, ensure_ascii=False, sort_keys=True, indent=1) + "\n", encoding="utf-8"
                )
                svg = drawing.svg(framed.key)
                assert svg.decode("utf-8") == compose_job(jobs[framed.key][1], lambda key: drawing.svg(key).decode())
                (folder / f"{name}.svg").write_bytes(svg)
                assert drawing.png(framed.key) == raster.png(svg.decode("utf-8"))
                image = Image.open(io.BytesIO(drawing.png(framed.key)))
                image.save(folder / f"{name}.png", optimize=True)


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else FOLDER)
