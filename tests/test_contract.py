"""The contract between the validator and the warehouse: whatever text a cell holds (any Unicode, any line ending,
any control character), the site is made from exactly the value the validator accepted, or the cell is refused
with its place — never an internal error. Bounded in time: validation only, a few dozen examples."""

from __future__ import annotations

import csv
import io
import math
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.build import validate
from site_builder.problems import ProblemsFound
from tests.conftest import copy_project, quiet

OBS = "datasets/observations.csv"
COLUMNS = ("value", "quote", "note_en")

# What spreadsheets and editors put in a cell, mixed with anything Hypothesis makes of Unicode.
PIECES = st.sampled_from(
    ["77.8", "７", "٧", "_", "e400", "e-400", ".", "-", "+", " ", "\u00a0", "\u3000", "\t", "\r", "\n", "\r\n",
     "\x0b", "\x0c", "\x00", "\x1b", "\x08", "\u200b", "\u202e", "\ufeff", "\u2028", "\ue000", '"', ",", "NaN",
     "inf", "湖州", "=1+1", "1,000"]
)  # fmt: skip
CELLS = st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=6).map("".join)


@pytest.fixture(scope="module")
def site_copy() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="contract-"))
    yield copy_project(folder / "project")
    shutil.rmtree(folder, ignore_errors=True)


def _write(path: Path, rows: list[list[str]], endings: list[str]) -> None:
    """The table as a spreadsheet would save it, each row ending as `endings` says (mixed on purpose)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="")
    for index, row in enumerate(rows):
        writer.writerow(row)
        buffer.write(endings[index % len(endings)])
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    column=st.sampled_from(COLUMNS),
    text=CELLS,
    endings=st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=1, max_size=3),
)
def test_a_cell_is_published_as_accepted_or_refused_with_its_place(
    site_copy: Path, column: str, text: str, endings: list[str]
) -> None:
    path = site_copy / OBS
    original = path.read_bytes()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    index = next(i for i, r in enumerate(rows) if r[:2] == ["good-air-days", "2022"])
    rows[index][header.index(column)] = text
    try:
        _write(path, rows, endings)
        try:
            checked = validate(site_copy, strict=False, progress=quiet)
        except ProblemsFound as found:
            assert found.problems and all(p.location.file and p.zh and p.en for p in found.problems)
            return
        indicator = next(i for i in checked.site.indicators if i.id == "good-air-days")
        shown = next(o for o in indicator.observations if o.year == 2022)
        if column == "value":
            assert math.isfinite(shown.value) and shown.value == float(text), (text, shown.value)
            assert text.strip() == text and text.isascii()  # what the downloads ship is what the pages show
        elif column == "quote":
            assert shown.quote == text
        else:
            assert shown.note.get("en") == (text or rows[index][header.index("note_zh")])  # the other language
    finally:
        path.write_bytes(original)
