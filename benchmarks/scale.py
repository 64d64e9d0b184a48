"""Scale benchmark: the real site and synthetic sites of 1,000 and 10,000 indicators, against MkDocs and a naive
pipeline, on this machine. Prints figures; asserts nothing (speed goals are figures, not tests).

    bash scripts/benchmark.sh                 # everything (about 20 minutes on 2 cores)
    bash scripts/benchmark.sh --sizes 1000    # the real site and 1,000 indicators only

For each site: cold build (empty cache, no earlier build), no-op rebuild, one-value edit rebuild, pages/s,
charts/s, peak memory (the sum over the build's process tree of each process's proportional set size, sampled
every 0.5 s); push to live against a real `init-remote` repository (its own hooks, its cache beside the releases):
the first push, then one-value edit pushes, each timed from `git push` until it returns, when the post-receive hook
has switched the site to the new release; MkDocs building the same number of plain
Markdown pages (one-entry nav); and the naive pipeline on a 1,000-indicator sample, scaled to the site's size.
Synthetic sites come from tests/synthetic.py and are written under a temporary folder only.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.synthetic import generate  # noqa: E402

SITE_BUILDER = Path(sys.executable).parent / "site-builder"
MKDOCS = Path(sys.executable).parent / "mkdocs"


@dataclass
class Run:
    seconds: float
    peak_mb: float
    stages: dict[str, float]
    pages: int
    output: str


def _pss(process: psutil.Process) -> int:
    """Proportional set size: forked workers share the parent's pages, and PSS counts each shared page once in
    the sum over the tree (RSS would count it in every process)."""
    try:
        with open(f"/proc/{process.pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return int(process.memory_info().rss)


def measure(command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Run:
    """Run a command; its wall time and the peak of its process tree's total memory (PSS)."""
    started = time.perf_counter()
    process = psutil.Popen(command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            try:
                tree = [process, *process.children(recursive=True)]
                peak = max(peak, sum(_pss(p) for p in tree if p.is_running()))
            except psutil.Error:
                pass
            done.wait(0.5)  # reading PSS costs time in the kernel: sample twice a second

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{output[-3000:]}")
    stages = {}
    pages = 0
    for line in output.splitlines():
        parts = line.strip().rsplit(None, 2)
        if len(parts) == 3 and parts[2] == "s" and line.startswith("  "):
            stages[parts[0]] = float(parts[1])
        if line.startswith("✓") and " pages," in line:
            pages = int(line.split(" pages,")[0].split()[-1].replace(",", ""))
    return Run(seconds, peak / 2**20, stages, pages, output)


def build(site: Path, cache: Path, *extra: str) -> Run:
    env = os.environ | {"SITE_BUILDER_CACHE": str(cache)}
    return measure([str(SITE_BUILDER), "build", "--root", str(site), "--out", str(site / "build"), *extra], env)


def edit_one_value(site: Path, step: int) -> list[str]:
    """Change one published value (the last observation row) by a small amount, as staff would; the row."""
    path = site / "datasets/observations.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    column = header.index("value")
    value = rows[-1][column]
    decimals = len(value.split(".")[1]) if "." in value else 0
    rows[-1][column] = f"{float(value) + (step + 1) * 10**-decimals:.{decimals}f}"
    quote = header.index("quote")  # the quote states the value (the build checks it): revised with it
    rows[-1][quote] = rows[-1][quote].replace(value, rows[-1][column])
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return rows[-1]


def charts_of(run: Run) -> tuple[int, float]:
    for stage, seconds in run.stages.items():
        if stage.startswith("charts ("):
            return int(stage[len("charts (") : -1]), seconds
    return 0, 0.0


GIT = ["git", "-c", "user.name=Benchmark", "-c", "user.email=benchmark@example.org"]
PROJECT_PARTS = ("site.toml", "datasets", "content", "themes")


@dataclass
class Pushes:
    first: float  # the first push: every page and file made (the charts in the server's cache, if given)
    edit: float  # median of the one-value edit pushes: push to live
    peak: float
    stages: dict[str, float]  # the pre-receive build's stages in the last edit push


def git(folder: Path, *args: str) -> None:
    subprocess.run([*GIT, "-C", str(folder), *args], check=True, capture_output=True)


def push_to_live(name: str, site: Path, work: Path, runs: int, charts: Path | None = None) -> Pushes:
    """Publish `site` through a real `init-remote` repository, as staff would: one push of the whole site, then
    `runs` pushes that each change one value. Each is timed from `git push` until it returns: by then the
    pre-receive hook has validated and built the release and the post-receive hook has made it live. The edited
    value is checked in the live release's data package. `charts`: drawn charts put in the server's cache first
    (as after earlier pushes), so that the first push does not draw every chart again (the cold build did)."""
    folder = work / f"push-{name.replace(' ', '-')}"
    repo, serve, clone = folder / "site.git", folder / "www", folder / "clone"
    env = {k: v for k, v in os.environ.items() if k != "SITE_BUILDER_CACHE"}  # the hook's own cache: www/.cache
    init = [str(SITE_BUILDER), "init-remote", str(repo), "--serve", str(serve), "--keep", "3"]
    subprocess.run(init, check=True, capture_output=True, env=env)
    if charts is not None and charts.is_dir():
        shutil.copytree(charts, serve / ".cache/charts")
    clone.mkdir(parents=True)
    for part in PROJECT_PARTS:
        if (site / part).is_dir():
            shutil.copytree(site / part, clone / part)
        elif (site / part).is_file():
            shutil.copy2(site / part, clone / part)
    git(clone, "init", "-q", "-b", "main")
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "-m", "the site")
    git(clone, "remote", "add", "site", str(repo))
    pushed = [_push(clone, env)]
    print(
        f"  first push (charts {'in the server cache' if charts else 'drawn'}): {pushed[0].seconds:.1f} s", flush=True
    )
    for n in range(runs):
        row = edit_one_value(clone, n)
        git(clone, "commit", "-q", "-am", f"one value, edit {n + 1}")
        pushed.append(_push(clone, env))
        live = serve / "current"
        (package,) = (live / "downloads").glob("*.zip")
        with zipfile.ZipFile(package) as archive:
            published = list(csv.reader(io.StringIO(archive.read("observations.csv").decode("utf-8"))))
        if row not in published:
            raise SystemExit(f"the pushed value {row} is not live in {live.resolve().name}")
    edits = pushed[1:]
    print(f"  one-value edit, git push to live: {', '.join(f'{r.seconds:.1f}' for r in edits)} s", flush=True)
    stages = ", ".join(f"{k} {v:.1f}" for k, v in edits[-1].stages.items())
    print(f"  stages of the last edit push's build (s): {stages}", flush=True)
    return Pushes(
        pushed[0].seconds,
        statistics.median(r.seconds for r in edits),
        max(r.peak_mb for r in pushed),
        edits[-1].stages,
    )


def _push(clone: Path, env: dict[str, str]) -> Run:
    run = measure([*GIT, "-C", str(clone), "push", "site", "main"], env)
    if "published" not in run.output:
        raise SystemExit(f"the push was not published:\n{run.output[-3000:]}")
    lines = [line.removeprefix("remote:").rstrip() for line in run.output.splitlines()]
    return measure_stages(run, lines)


def measure_stages(run: Run, lines: list[str]) -> Run:
    """`run` with the stage times read from `lines` (the hook's lines, as git shows them after "remote:")."""
    for line in lines:
        parts = line.strip().rsplit(None, 2)
        if len(parts) == 3 and parts[2] == "s" and line.startswith("  "):
            run.stages[parts[0]] = float(parts[1])
    return run


@dataclass
class Figures:
    name: str
    indicators: int
    pages: int
    cold: float
    cold_peak: float
    charts: int
    chart_seconds: float
    warm_pages: float  # a full build into an empty folder with every chart in the cache: all but the drawing
    noop: float
    edit: float
    peak: float
    push: Pushes | None = None


def bench_site(name: str, site: Path, work: Path, runs: int) -> Figures:
    print(f"\n## {name}", flush=True)
    cache = work / f"cache-{name}"
    colds = []
    for n in range(runs if name == "real site" else 1):
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(site / "build", ignore_errors=True)
        colds.append(build(site, cache))
        print(f"  cold build {n + 1}: {colds[-1].seconds:.1f} s, peak {colds[-1].peak_mb:.0f} MB", flush=True)
    cold = (
        min(colds, key=lambda r: r.seconds)
        if len(colds) == 1
        else sorted(colds, key=lambda r: r.seconds)[len(colds) // 2]
    )
    stages = ", ".join(f"{k} {v:.1f}" for k, v in cold.stages.items())
    print(f"  stages of the cold build (s): {stages}")
    warm = []
    for _ in range(runs):  # every page made again (no earlier build to link from), every chart from the cache
        shutil.rmtree(site / "build", ignore_errors=True)
        warm.append(build(site, cache, "--force"))
    print(f"  full build, charts cached: {', '.join(f'{r.seconds:.1f}' for r in warm)} s", flush=True)
    noop = [build(site, cache) for _ in range(runs)]
    assert all("nothing changed" in r.output for r in noop), noop[0].output
    print(f"  no-op rebuild: {', '.join(f'{r.seconds:.2f}' for r in noop)} s", flush=True)
    edits = []
    for n in range(runs):
        edit_one_value(site, n)
        edits.append(build(site, cache))
    print(f"  one-value edit rebuild: {', '.join(f'{r.seconds:.1f}' for r in edits)} s", flush=True)
    charts, chart_seconds = charts_of(cold)
    every = colds + warm + noop + edits
    pushes = push_to_live(name, site, work, runs, cache / "charts")
    return Figures(
        name,
        charts,
        cold.pages,
        cold.seconds,
        cold.peak_mb,
        charts,
        chart_seconds,
        statistics.median(r.seconds for r in warm),
        statistics.median(r.seconds for r in noop),
        statistics.median(r.seconds for r in edits),
        max(r.peak_mb for r in every),
        pushes,
    )


def mkdocs_pages(count: int, work: Path) -> tuple[float, float]:
    """MkDocs building `count` plain Markdown pages of about 2 KB (nav: one entry): seconds and peak MB."""
    project = work / f"mkdocs-{count}"
    shutil.rmtree(project, ignore_errors=True)
    docs = project / "docs"
    docs.mkdir(parents=True)
    rng = random.Random(count)
    words = [
        "plan",
        "indicator",
        "target",
        "baseline",
        "value",
        "source",
        "urban",
        "rural",
        "housing",
        "transport",
        "water",
        "green",
    ]
    (docs / "index.md").write_text("# Home\n\nSynthetic pages for a benchmark.\n", encoding="utf-8")
    for n in range(count - 1):
        paragraphs = [" ".join(rng.choice(words) for _ in range(60)) for _ in range(5)]
        text = f"# Page {n}\n\n## Section\n\n" + "\n\n".join(paragraphs) + "\n"
        (docs / f"page-{n:05d}.md").write_text(text, encoding="utf-8")
    (project / "mkdocs.yml").write_text("site_name: Benchmark\nnav:\n  - Home: index.md\n", encoding="utf-8")
    run = measure([str(MKDOCS), "build", "--quiet", "--clean"], cwd=project)
    return run.seconds, run.peak_mb


NAIVE_SAMPLE = 1000


def naive_pipeline(site: Path, work: Path) -> float:
    """The naive pipeline on the first NAIVE_SAMPLE indicators of `site`, both languages: per indicator and
    language a DuckDB query, a new Altair chart built and validated, vl-convert to SVG, a Jinja page written.
    Returns seconds per indicator (both languages)."""
    script = work / "naive.py"
    script.write_text(NAIVE_SCRIPT, encoding="utf-8")
    run = measure([sys.executable, str(script), str(site), str(work / "naive-out"), str(NAIVE_SAMPLE)])
    return float(run.output.strip().splitlines()[-1]) / NAIVE_SAMPLE


NAIVE_SCRIPT = """
import sys, time
from pathlib import Path
import altair as alt, duckdb, jinja2, vl_convert as vlc
site, out, sample = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
started = time.perf_counter()
db = duckdb.connect()
for table in ("indicators", "observations"):
    db.execute(f"CREATE TABLE {table} AS SELECT * FROM read_csv('{site}/datasets/{table}.csv', header=true)")
ids = [r[0] for r in db.execute("SELECT id FROM indicators ORDER BY number LIMIT ?", [sample]).fetchall()]
page = jinja2.Environment(autoescape=True).from_string(
    "<!doctype html><html lang={{ lang }}><title>{{ name }}</title><h1>{{ name }}</h1>{{ svg|safe }}"
    "<table>{% for y, v in rows %}<tr><td>{{ y }}<td>{{ v }}{% endfor %}</table>"
)
for lang in ("zh", "en"):
    for indicator_id in ids:
        name = db.execute(f"SELECT name_{lang} FROM indicators WHERE id = ?", [indicator_id]).fetchone()[0]
        rows = db.execute(
            "SELECT year, value FROM observations WHERE indicator_id = ? ORDER BY year", [indicator_id]
        ).fetchall()
        chart = alt.Chart(alt.Data(values=[{"year": y, "value": v} for y, v in rows])).mark_line(point=True).encode(
            x=alt.X("year:Q", title="年份" if lang == "zh" else "Year"), y=alt.Y("value:Q")
        ).properties(title=name, width=320, height=200)
        svg = vlc.vegalite_to_svg(chart.to_dict())
        target = out / lang / indicator_id / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.render(lang=lang, name=name, svg=svg, rows=rows), encoding="utf-8")
print(time.perf_counter() - started)
"""


CHART_COST_SCRIPT = """
import resource, sys, tempfile, time
from pathlib import Path
root = Path(sys.argv[1])
sys.path.insert(0, str(root))
from site_builder.charts import drawing as charts
from site_builder.charts.frame import frame_labels
from site_builder.inputs.catalogs import load_translations
from site_builder.inputs.config import load_config
from site_builder.inputs.datapackage import validate_package
from site_builder.model import warehouse
from site_builder.model.site import build_site
config = load_config(root)
package = validate_package(root, config.site.datapackage)
site, _ = build_site(config, package, warehouse.load(package), [])
theme = root / "themes" / config.site.theme
gettexts = {c: load_translations(root, theme, l.locale)[0].gettext for c, l in config.languages.items()}
labels = {lang: charts.ChartLabels(_("Published value"), _("Target"), _("2035 vision"), _("Year")) for lang, _ in gettexts.items()}
for mode in ("drawing", "svg", "png"):
    with tempfile.TemporaryDirectory() as cache:
        with charts.Drawing(Path(cache)) as drawing:
            drawing.template(None)  # compiled once per cache: not a cost per indicator
            before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
            frames = {} if mode == "drawing" else frame_labels(site, gettexts)
            _, jobs = charts.plan(site.indicators, labels, frames, drawing, "downloads/indicators", mode == "png")
            drawing.draw(jobs)
            wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers have ended: their time is counted
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        print(mode, cpu / len(site.indicators) * 1000, wall / len(site.indicators) * 1000)
"""


def chart_costs(site: Path, work: Path) -> dict[str, tuple[float, float]]:
    """What one indicator's chart costs on `site`, cold: the numbers-only drawing the pages show; with its framed
    SVG in each language (words composed around it); and with their PNGs (CairoSVG at 2x, charts/raster.py: still
    the costly part: CairoSVG's Python drawing the marks and, letter by letter, the words, about half each).
    Milliseconds per indicator: CPU of the workers, and wall time."""
    script = work / "chart_costs.py"
    script.write_text(CHART_COST_SCRIPT, encoding="utf-8")
    run = measure([sys.executable, str(script), str(site)], cwd=site)
    costs = {}
    for line in run.output.strip().splitlines()[-3:]:
        mode, cpu, wall = line.split()
        costs[mode] = (float(cpu), float(wall))
    drawing, svg, png = costs["drawing"], costs["svg"], costs["png"]
    print(
        f"  chart per indicator (CPU ms, wall ms): drawing {drawing[0]:.0f}, {drawing[1]:.0f}; + framed SVG (2 "
        f"languages) {svg[0] - drawing[0]:+.0f}, {svg[1] - drawing[1]:+.0f}; + their PNGs {png[0] - svg[0]:+.0f}, "
        f"{png[1] - svg[1]:+.0f}",
        flush=True,
    )
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000", help="synthetic sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs of each warm measurement (medians)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    print(f"# site_builder scale benchmark — {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GB")
    with tempfile.TemporaryDirectory(prefix="site-builder-bench-") as folder:
        work = Path(folder)
        real = work / "real"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(real)], check=True)
        results = [bench_site("real site", real, work, args.runs)]
        costs = chart_costs(real, work)
        naive_per_indicator = None
        svg_only: dict[int, Run] = {}
        for size in sizes:
            site = generate(work / f"synthetic-{size}", indicators=size, chapters=20 if size >= 1000 else 9, years=5)
            if naive_per_indicator is None and size >= NAIVE_SAMPLE:
                print(f"\n## naive pipeline, first {NAIVE_SAMPLE} indicators × 2 languages", flush=True)
                naive_per_indicator = naive_pipeline(site, work)
                print(f"  {naive_per_indicator * 1000:.1f} ms per indicator (both languages)", flush=True)
            results.append(bench_site(f"{size} indicators", site, work, args.runs))
            if size == max(sizes):
                svg_only[size] = cold_svg_only(site, work)
            shutil.rmtree(site / "build", ignore_errors=True)
        print("\n## MkDocs, plain Markdown pages, one-entry nav", flush=True)
        mkdocs = {}
        for figures in results:
            seconds, peak = mkdocs_pages(figures.pages, work)
            mkdocs[figures.name] = (seconds, peak)
            print(
                f"  {figures.pages} pages: {seconds:.1f} s, {figures.pages / seconds:.0f} pages/s, peak {peak:.0f} MB"
            )
    report(results, mkdocs, naive_per_indicator, svg_only, costs)


def cold_svg_only(site: Path, work: Path) -> Run:
    """The same site, cold, with `chart_png = false`: charts as SVG only."""
    config = site / "site.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("chart_png = true", "chart_png = false"), encoding="utf-8")
    cache = work / "cache-svg-only"
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(site / "build", ignore_errors=True)
    run = build(site, cache)
    config.write_text(text, encoding="utf-8")
    print(f"  cold build with chart_png = false: {run.seconds:.1f} s, peak {run.peak_mb:.0f} MB", flush=True)
    return run


def report(
    results: list[Figures],
    mkdocs: dict[str, tuple[float, float]],
    naive: float | None,
    svg_only: dict[int, Run],
    costs: dict[str, tuple[float, float]],
) -> None:
    print("\n## Figures\n")
    print(
        "| site | pages | cold | no-op | one-value edit | pages/s (cold) | pages/s (charts cached) | charts/s | peak memory |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for f in results:
        rate = f"{f.charts / f.chart_seconds:.0f}" if f.chart_seconds else "–"
        print(
            f"| {f.name} | {f.pages:,} | {f.cold:.1f} s | {f.noop:.2f} s | {f.edit:.1f} s | {f.pages / f.cold:.0f} "
            f"| {f.pages / f.warm_pages:.0f} | {rate} | {f.peak:.0f} MB |"
        )
    drawing, svg, png = costs["drawing"], costs["svg"], costs["png"]
    print(
        f"\nChart per indicator on the real site, cold (CPU of the workers): {png[0]:.0f} ms — the drawing "
        f"{drawing[0]:.0f} ms, its frames as SVG in both languages {svg[0] - drawing[0]:.0f} ms, their PNGs "
        f"{png[0] - svg[0]:.0f} ms (chart_png = false leaves those out)."
    )
    print("\n| site | first push (charts cached) | one-value edit, git push to live | peak memory (push) |")
    print("|---|---|---|---|")
    for f in results:
        if f.push is not None:
            print(f"| {f.name} | {f.push.first:.1f} s | {f.push.edit:.1f} s | {f.push.peak:.0f} MB |")
    print("\n## Goals\n")
    by = {f.name: f for f in results}

    def goal(text: str, held: bool, figure: str) -> None:
        print(f"- {'✓' if held else '✗'} {text}: {figure}")

    real = by["real site"]
    goal("real site cold build < 5 s", real.cold < 5, f"{real.cold:.1f} s")
    goal("real site no-op rebuild < 1 s", real.noop < 1, f"{real.noop:.2f} s")
    if real.push is not None:
        goal("real site: push to live ≤ 5 s", real.push.edit <= 5, f"{real.push.edit:.1f} s (one-value edit)")
    synthetic = [f for f in results if f.name != "real site"]
    if not synthetic:
        return
    big = max(synthetic, key=lambda f: f.indicators)
    scale = "" if big.indicators >= 10000 else f" (measured at {big.indicators:,}: the goal is set for 10,000)"
    print(f"\nIssue 18's goals for 10,000 indicators × 2 languages{scale}:\n")
    goal("one-value edit, local rebuild ≤ 5 s", big.edit <= 5, f"{big.edit:.1f} s")
    if big.push is not None:
        goal("one-value edit, git push to live ≤ 15 s", big.push.edit <= 15, f"{big.push.edit:.1f} s")
    goal(
        "cold build, SVG and PNG of every chart ≤ 180 s (stretch ≤ 120 s)",
        big.cold <= 180,
        f"{big.cold:.1f} s{' (stretch held)' if big.cold <= 120 else ''}",
    )
    if naive is not None:
        naive_big = naive * big.indicators
        goal(
            "against the naive pipeline, same run ≥ 5×",
            naive_big / big.cold >= 5,
            f"naive {naive_big:.0f} s (scaled from {NAIVE_SAMPLE}) ÷ {big.cold:.1f} s = {naive_big / big.cold:.1f}×",
        )
    seconds, _ = mkdocs[big.name]
    ours, theirs = big.pages / big.warm_pages, big.pages / seconds
    goal(
        "full build with charts cached, pages/s against MkDocs on the same page count ≥ 1×",
        ours >= theirs,
        f"{ours:.0f} vs {theirs:.0f} pages/s ({ours / theirs:.2f}×)",
    )
    peak = max(big.peak, big.push.peak if big.push else 0)
    goal("peak memory (PSS over the process tree) ≤ 1.5 GB", peak <= 1536, f"{peak:.0f} MB")
    if big.indicators in svg_only:
        lean = svg_only[big.indicators].seconds
        goal("cold build, chart_png = false ≤ 180 s", lean <= 180, f"{lean:.1f} s (SVG only)")
    goal("no-op rebuild < 5 s", big.noop < 5, f"{big.noop:.2f} s")
    small = by.get("1000 indicators")
    if small is not None and big is not small:
        goal(
            f"linear: {big.indicators:,} within 11× of 1,000 (cold)",
            big.cold / small.cold <= 11 * big.indicators / 10000,
            f"{big.cold / small.cold:.1f}×",
        )


if __name__ == "__main__":
    main()
