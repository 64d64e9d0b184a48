"""The plan's text: every paragraph of the official text is on the site, table 2-1 matches the data, and the
English pages pair with the Chinese ones section by section and box by box."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from site_builder.inputs.markdown import parser
from tests.conftest import ROOT

SEED = ROOT / "sources" / "plan-2021.txt"  # the official text; its origin is in sources/README.md
CONTENT = ROOT / "content"
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
CHAPTER_HEADING = re.compile(r"^[一二三四五六七八九]、")
TABLE_LINES = range(44, 68)  # 表2-1, rendered from datasets/indicators.csv (checked against the seed below)


def seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").split("\n")


def squash(text: str) -> str:
    """Text with Markdown marks, all whitespace and the difference between full- and half-width brackets removed."""
    text = re.sub(r"^\{#[^}]+\}$", "", text, flags=re.M)
    text = re.sub(r"^::: box \S+ ", "", text, flags=re.M)
    text = re.sub(r"^:::.*$", "", text, flags=re.M)
    text = re.sub(r"^#+ ", "", text, flags=re.M)
    text = text.replace("**", "").replace("（", "(").replace("）", ")")
    return re.sub(r"\s+", "", text).rstrip("|")


def zh_text() -> str:
    return "".join(squash(p.read_text(encoding="utf-8")) for p in sorted((CONTENT / "zh").rglob("*.md")))


def test_every_paragraph_of_the_plan_is_in_content_zh() -> None:
    text = zh_text()
    lines = seed_lines()
    checked = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip() or number in TABLE_LINES or CHAPTER_HEADING.match(line) or number <= 4:
            continue
        assert squash(line) in text, f"seed line {number} is missing from content/zh: {line[:40]}…"
        checked += 1
    assert checked > 140


def test_chapter_titles_are_the_plans() -> None:
    with (ROOT / "datasets/chapters.csv").open(encoding="utf-8-sig") as handle:
        titles = [row["title_zh"] for row in csv.DictReader(handle)]
    headings = [CHAPTER_HEADING.sub("", line) for line in seed_lines() if CHAPTER_HEADING.match(line)]
    assert titles == headings


def test_the_notice_metadata_is_on_the_about_page() -> None:
    about = squash((CONTENT / "zh/about.md").read_text(encoding="utf-8"))
    for line in seed_lines()[:4]:
        for cell in line.split("|"):
            assert squash(cell).rstrip(":") in about, cell


def test_table_2_1_in_the_plan_equals_the_indicators_dataset() -> None:
    with (ROOT / "datasets/indicators.csv").open(encoding="utf-8-sig") as handle:
        rows = {int(r["number"]): r for r in csv.DictReader(handle)}
    attributes = {"预期性": "expected", "约束性": "binding"}
    for line in seed_lines()[45:67]:  # lines 46–67: the 22 rows under the header
        cells = [c.strip() for c in line.split("|") if c.strip()]
        if not cells[0].isdigit():
            cells = cells[1:]  # the first row of a category starts with the category name
        number, name, baseline, target, attribute = cells[:5]
        row = rows[int(number)]
        assert squash(name).startswith(squash(row["name_zh"])), number
        assert (row["baseline_value"] or "-") == baseline, number
        assert row["target_text_zh"] == target, number
        assert row["attribute"] == attributes[attribute], number
    assert len(rows) == 22


def structure(path: Path) -> list[str]:
    """The sequence of anchors, headings, boxes, paragraphs and list items of a page, without its words."""
    kinds = {"heading_open", "paragraph_open", "list_item_open", "container_box_open", "table_open"}
    shape = []
    for token in parser().parse(path.read_text(encoding="utf-8")):
        if token.type in kinds and not token.hidden:
            shape.append(token.type + (f"#{token.attrs['id']}" if "id" in token.attrs else ""))
            if token.type == "container_box_open":
                shape[-1] += "#" + token.info.split()[1]
    return shape


ZH_PAGES = sorted(p.relative_to(CONTENT / "zh") for p in (CONTENT / "zh").rglob("*.md"))


@pytest.mark.parametrize("page", ZH_PAGES, ids=str)
def test_english_page_has_the_same_sections_boxes_and_paragraphs(page: Path) -> None:
    english = CONTENT / "en" / page
    assert english.is_file(), f"content/en/{page} is missing"
    assert structure(english) == structure(CONTENT / "zh" / page)


@pytest.mark.parametrize("page", ZH_PAGES, ids=str)
def test_english_page_has_no_untranslated_chinese(page: Path) -> None:
    text = (CONTENT / "en" / page).read_text(encoding="utf-8")
    assert CJK.findall(text) == [], f"content/en/{page} carries Chinese characters"


def test_policy_terms_are_translated_the_same_way_everywhere() -> None:
    """Where a page's Chinese uses a glossary term, its English uses the glossary's rendering."""
    with (ROOT / "datasets/glossary.csv").open(encoding="utf-8-sig") as handle:
        terms = list(csv.DictReader(handle))
    assert len(terms) > 100
    mismatches = []
    for page in ZH_PAGES:
        zh = (CONTENT / "zh" / page).read_text(encoding="utf-8").replace("**", "")
        en = (CONTENT / "en" / page).read_text(encoding="utf-8").replace("**", "").lower()
        mismatches += [
            (str(page), t["term_zh"], t["term_en"])
            for t in terms
            if t["term_zh"] in zh and t["term_en"].lower() not in en
        ]
    assert mismatches == []
