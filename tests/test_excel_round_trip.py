"""A safe Excel/WPS round trip: every data file starts with a UTF-8 byte-order mark, so a double-click in Excel on
Chinese Windows reads it as UTF-8; Frictionless, DuckDB and the published downloads read it with clean headings;
git stores the data files with LF, so a CRLF save from Excel shows in `git diff` only the rows that changed; the
merge driver and a commit keep the mark."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import duckdb
import frictionless

from site_builder.deploy.csvmerge import merge
from tests.conftest import ROOT, copy_project
from tests.test_publish import git

BOM = b"\xef\xbb\xbf"
OBSERVATIONS = "datasets/observations.csv"


def _resources(root: Path) -> dict[str, list[str]]:
    """Each table's file (relative to datasets/) and its column names, from the descriptor."""
    descriptor = json.loads((root / "datasets/datapackage.json").read_text(encoding="utf-8"))
    return {r["path"]: [f["name"] for f in r["schema"]["fields"]] for r in descriptor["resources"]}


def test_every_data_file_starts_with_a_byte_order_mark() -> None:
    tables = _resources(ROOT)
    assert len(tables) >= 10
    for path in tables:
        data = (ROOT / "datasets" / path).read_bytes()
        assert data.startswith(BOM) and not data.startswith(BOM * 2), path


def test_frictionless_and_duckdb_read_the_marked_files_with_clean_headings() -> None:
    report = frictionless.validate(str(ROOT / "datasets/datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type"])
    package = frictionless.Package(str(ROOT / "datasets/datapackage.json"))
    db = duckdb.connect(":memory:")
    for resource in package.resources:
        names = [f.name for f in resource.schema.fields]
        with resource:
            assert resource.labels == names, resource.name
        path = str(ROOT / "datasets" / str(resource.path))
        read = db.execute("SELECT * FROM read_csv($path, header = true, all_varchar = true) LIMIT 0", {"path": path})
        assert [d[0] for d in read.description or ()] == names, resource.name


def test_the_published_tables_keep_the_mark_and_the_package_still_validates(built_site: Path, tmp_path: Path) -> None:
    for path, names in _resources(ROOT).items():
        published = built_site / "downloads/data" / path
        assert published.read_bytes().startswith(BOM), path
        read = duckdb.sql(f"SELECT * FROM read_csv('{published}', header = true, all_varchar = true) LIMIT 0")
        assert read.columns == names, path
    archive = next((built_site / "downloads").glob("*.zip"))
    with zipfile.ZipFile(archive) as package:
        package.extractall(tmp_path)
    assert all((tmp_path / path).read_bytes().startswith(BOM) for path in _resources(ROOT))
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type"])


def _repository(tmp_path: Path, attributes: bool = True) -> Path:
    work = copy_project(tmp_path / "work")
    if attributes:
        shutil.copy(ROOT / ".gitattributes", work)
    git(work, "init", "-q", "-b", "main")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "the site")
    return work


def _saved_by_excel(path: Path, old: str, new: str) -> None:
    """What "CSV UTF-8" in Excel writes: the byte-order mark and CRLF at the end of every row."""
    text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    assert old in text
    path.write_bytes(BOM + text.replace(old, new, 1).replace("\n", "\r\n").encode("utf-8"))


def _numstat(work: Path) -> str:
    return git(work, "diff", "--numstat", "--", OBSERVATIONS).stdout.strip()


def test_an_excel_save_shows_in_git_diff_as_the_row_it_changed(tmp_path: Path) -> None:
    work = _repository(tmp_path)
    _saved_by_excel(work / OBSERVATIONS, "空氣優良率為77.8%", "空氣優良率為77.9%")
    assert _numstat(work) == f"1\t1\t{OBSERVATIONS}"
    git(work, "commit", "-q", "-am", "a value")
    stored = git(work, "cat-file", "blob", f"HEAD:{OBSERVATIONS}").stdout
    assert stored.startswith("\ufeff") and "\r" not in stored  # the mark kept, the line endings LF
    # The same file saved again unchanged is no change at all.
    _saved_by_excel(work / OBSERVATIONS, "77.9%", "77.9%")
    assert git(work, "status", "--porcelain", "--", OBSERVATIONS).stdout == ""


def test_without_the_text_attribute_an_excel_save_is_a_whole_new_file(tmp_path: Path) -> None:
    """The control: what .gitattributes' `text` saves staff from."""
    work = _repository(tmp_path, attributes=False)
    _saved_by_excel(work / OBSERVATIONS, "空氣優良率為77.8%", "空氣優良率為77.9%")
    rows = len((ROOT / OBSERVATIONS).read_text(encoding="utf-8").splitlines())
    assert _numstat(work) == f"{rows}\t{rows}\t{OBSERVATIONS}"


def test_a_windows_clone_has_crlf_and_the_mark(tmp_path: Path) -> None:
    """Git for Windows' default (core.autocrlf true): the files come out with CRLF, as Excel writes them."""
    work = _repository(tmp_path)
    clone = tmp_path / "windows"
    subprocess.run(["git", "-c", "core.autocrlf=true", "clone", "-q", str(work), str(clone)], check=True)
    data = (clone / OBSERVATIONS).read_bytes()
    assert data.startswith(BOM) and data.count(b"\r\n") == data.count(b"\n")
    git(clone, "config", "core.autocrlf", "true")
    _saved_by_excel(clone / OBSERVATIONS, "空氣優良率為77.8%", "空氣優良率為77.9%")
    assert _numstat(clone) == f"1\t1\t{OBSERVATIONS}"


def test_the_merge_driver_keeps_the_mark_either_side_has() -> None:
    base = "id,v\na,1\n"
    assert merge(base, base + "b,2\n", "\ufeff" + base, ["id"]).text == "\ufeffid,v\na,1\nb,2\n"
    assert merge(base, "\ufeff" + base, base + "c,3\n", ["id"]).text == "\ufeffid,v\na,1\nc,3\n"
    assert merge(base, base + "b,2\n", base + "c,3\n", ["id"]).text == "id,v\na,1\nb,2\nc,3\n"
