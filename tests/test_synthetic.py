"""The synthetic benchmark site (tests/synthetic.py): valid for the real schemas and theme, and deterministic."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.build import validate
from tests.conftest import quiet
from tests.synthetic import generate


def _csvs(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "datasets").glob("*.csv"))}


def test_a_generated_site_validates_strictly(tmp_path: Path) -> None:
    root = generate(tmp_path / "site", indicators=30, chapters=3, years=6)
    checked = validate(root, strict=True, progress=quiet)
    site = checked.site
    assert checked.warnings == ()
    assert len(site.indicators) == 30
    assert sum(len(i.observations) for i in site.indicators) == 180
    assert len(site.chapters) == 3
    assert len(site.commitments) == 3
    for indicator in site.indicators:
        assert indicator.observations[0].value == indicator.baseline_value
        assert all(o.value >= 0 for o in indicator.observations)
        assert {s.chapter.id for s in indicator.sections} == {indicator.chapter.id}
    for commitment in site.commitments:  # every clause was found and linked in its chapter's text
        for lang in ("zh", "en"):
            document = site.document(lang, f"chapters/{commitment.chapter.id}")
            assert document is not None
            assert f"commitment-{commitment.id}" in document.anchors


def test_more_chapters_than_the_plan_still_validate(tmp_path: Path) -> None:
    root = generate(tmp_path / "site", indicators=12, chapters=11, years=2)
    checked = validate(root, strict=True, progress=quiet)
    site = checked.site
    assert checked.warnings == ()
    assert len(site.chapters) == 11


def test_generation_is_deterministic(tmp_path: Path) -> None:
    first = _csvs(generate(tmp_path / "a", indicators=30, chapters=3, seed=7))
    again = _csvs(generate(tmp_path / "b", indicators=30, chapters=3, seed=7))
    other = _csvs(generate(tmp_path / "c", indicators=30, chapters=3, seed=8))
    assert first == again
    assert first["indicators.csv"] != other["indicators.csv"]
    assert first["observations.csv"] != other["observations.csv"]
    assert first["chapters.csv"] == other["chapters.csv"]  # no randomness there
    chapter = "content/zh/chapters/chapter-001.md"
    assert (tmp_path / "a" / chapter).read_bytes() == (tmp_path / "b" / chapter).read_bytes()


def test_years_after_the_assessment_year_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="years"):
        generate(tmp_path / "site", indicators=5, chapters=1, years=8)
    assert not (tmp_path / "site").exists()


def test_a_folder_with_files_is_refused(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        generate(tmp_path / "site", indicators=5, chapters=1)
