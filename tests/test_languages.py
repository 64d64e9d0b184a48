"""Languages: a site's languages are the ones site.toml lists, in its order — a site of one language, or with
English first, builds, and its pages, series files, citations, README and catalogue carry only its languages.

The data package has a Chinese and an English column for each reader-facing text (DESIGN.md), so these are the
variations the data supports: a third language would need its own columns (`name_fr`…) and its catalog."""

from __future__ import annotations

import csv
import io
import json
import re
import tomllib
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from site_builder.build import build
from tests.conftest import quiet

TEXT_COLUMNS = ("name", "unit", "source_publisher", "note", "target_text")  # a column per language, in the series


def _only(project: Path, keep: list[str]) -> tuple[str, ...]:
    """Keep the languages `keep` of site.toml, in that order (the first is the default); return them."""
    config = project / "site.toml"
    text = config.read_text(encoding="utf-8")
    head, _, tables = text.partition("\n[languages.")
    sections = {s.split("]", 1)[0]: "[languages." + s for s in ("\n[languages." + tables).split("\n[languages.")[1:]}
    head = re.sub(r'default_language = "[a-z]+"', f'default_language = "{keep[0]}"', head)
    config.write_text(head + "\n" + "\n".join(sections[code].rstrip() + "\n" for code in keep), encoding="utf-8")
    found = tuple(tomllib.loads(config.read_text(encoding="utf-8"))["languages"])
    assert found == tuple(keep)
    dropped = set(re.findall(r"\n\[languages\.([a-z]+)\]", text)) - set(keep)
    for page in (project / "content").rglob("*.md"):  # a link to a dropped language's report PDF: its words only
        body = page.read_text(encoding="utf-8")
        for lang in dropped:
            body = re.sub(rf"\[([^\]]*)\]\(/downloads/report-{lang}\.pdf\)", r"\1", body)
        page.write_text(body, encoding="utf-8")
    return found


def _citations(page: Path) -> list[str]:
    """The style of each citation a page shows, in its order."""
    html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [figure.figcaption.get_text(strip=True) for figure in html.select("figure.citation")]


@pytest.mark.e2e  # a whole build per case
@pytest.mark.parametrize("keep", [["zh"], ["en", "zh"]], ids=["chinese-only", "english-first"])
def test_a_site_carries_the_languages_of_site_toml_in_its_order(project: Path, keep: list[str]) -> None:
    languages = _only(project, keep)
    out = project / "build"
    build(project, out, strict=True, progress=quiet)

    assert sorted(p.name for p in out.iterdir() if p.is_dir() and len(p.name) == 2) == sorted(languages)

    indicator = json.loads((out / "api/v1/indicators.json").read_text(encoding="utf-8"))[0]["id"]
    header = next(csv.reader(io.StringIO((out / f"downloads/indicators/{indicator}.csv").read_text("utf-8"))))
    for stem in TEXT_COLUMNS:
        assert [c for c in header if c.startswith(f"{stem}_")] == [f"{stem}_{lang}" for lang in languages]
    # The source's own title and the package's one translation of it are columns of sources.csv, not per language.
    suffixes = {c.rpartition("_")[2] for c in header if c.endswith(("_zh", "_en")) and c != "source_title_en"}
    assert suffixes == set(languages)

    styles = ["GB/T 7714-2015" if lang == "zh" else "APA 7" for lang in languages]  # then BibTeX in the page's
    for lang in languages:
        assert _citations(out / lang / "data/index.html") == [*styles, "BibTeX"]
        assert _citations(out / lang / f"indicators/{indicator}/index.html") == [*styles, "BibTeX"]

    catalogue = (out / "catalog.jsonld").read_text(encoding="utf-8")
    assert set(re.findall(r'"@language": "([^"]+)"', catalogue)) == set(languages)

    descriptor = json.loads((project / "datasets/datapackage.json").read_text(encoding="utf-8"))
    titles = [descriptor.get(f"title_{lang}", descriptor["title"]) for lang in languages]
    with zipfile.ZipFile(out / f"downloads/{descriptor['name']}.zip") as package:
        readme = package.read("README.md").decode("utf-8")
    assert readme.startswith("".join(f"# {title}\n" for title in titles) + "\n")
    for other in {"zh", "en"} - set(languages):
        assert not (out / other).exists()
