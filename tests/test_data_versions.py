"""Data versions that staff never write (issue 21, point 2): the version is the number of the data release, given by
the server when a validated push goes live; a push that changes only pages keeps it; a version or date typed into
datapackage.json is refused with the fix. Real git pushes to an `init-remote` repository, real hooks."""

from __future__ import annotations

import io
import json
import time
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from site_builder.cli import main
from site_builder.opendata import versions
from tests.helpers import dataset, revise, set_cell
from tests.test_deploy_integrity import PACKAGE, Remote, changelog, live, push
from tests.test_publish import git, publish_once

DESCRIPTOR = "datasets/datapackage.json"


@pytest.fixture
def remote(tmp_path: Path) -> Remote:
    return publish_once(tmp_path / "site.git", tmp_path / "www", tmp_path / "work")


def live_descriptor(serve: Path) -> dict[str, object]:
    with zipfile.ZipFile(live(serve) / f"downloads/{PACKAGE}.zip") as package:
        found = json.loads(package.read("datapackage.json"))
    assert isinstance(found, dict)
    return found


def lead(serve: Path, lang: str) -> str:
    page = BeautifulSoup((live(serve) / f"{lang}/data/index.html").read_text(encoding="utf-8"), "html.parser")
    return page.select_one(".lead").get_text(" ", strip=True)  # type: ignore[union-attr]


def set_value(work: Path, indicator: str, year: str, value: str) -> None:
    revise(work / "datasets/observations.csv", {"indicator_id": indicator, "year": year}, value)


@pytest.mark.e2e
def test_two_data_pushes_give_two_numbered_releases_each_listing_exactly_its_changes(remote: Remote) -> None:
    _, serve, work = remote
    today = time.strftime("%Y-%m-%d")
    assert live_descriptor(serve)["version"] == "1"  # the first push: release 1, numbered by the server
    set_value(work, "good-air-days", "2022", "81.5")
    set_value(work, "urban-rural-income-ratio", "2022", "1.62")
    git(work, "commit", "-q", "-am", "two revised values")
    pushed = push(work, "main")
    assert "(数据有变化：第 2 次数据发布 / data changed: data release 2)" in pushed.stderr, pushed.stderr
    set_value(work, "good-air-days", "2022", "81.6")
    git(work, "commit", "-q", "-am", "one more revision")
    pushed = push(work, "main")
    assert "(数据有变化：第 3 次数据发布 / data changed: data release 3)" in pushed.stderr, pushed.stderr
    records = versions.recorded(serve / "data-releases")
    assert [(r.number, r.version, r.date) for r in records] == [(1, "1", today), (2, "2", today), (3, "3", today)]
    assert live_descriptor(serve)["version"] == "3" and live_descriptor(serve)["created"] == f"{today}T00:00:00Z"
    entries = changelog(live(serve))
    assert [title for title, _ in entries] == ["Release 3", "Release 2", "Release 1"]
    air = "Share of days with good or excellent air quality"
    assert entries[0][1] == [
        [air, "2022", "81.5", "81.6", "People's Daily Online, Zhejiang channel (from Huzhou Online)"]
    ]
    assert [row[:4] for row in entries[1][1]] == [
        [air, "2022", "77.8", "81.5"],
        ["Urban–rural income ratio", "2022", "1.61", "1.62"],
    ]
    catalogue = json.loads((live(serve) / "catalog.jsonld").read_text(encoding="utf-8"))
    day = {"@value": today, "@type": "xsd:date"}  # typed, as DCAT-AP asks
    assert (catalogue["dct:issued"], catalogue["dct:modified"]) == (day, day)
    assert catalogue["dcat:dataset"][0]["owl:versionInfo"] == "3"
    api = json.loads((live(serve) / "api/v1/index.json").read_text(encoding="utf-8"))
    assert (api["data_version"], api["data_created"]) == ("3", f"{today}T00:00:00Z")
    assert lead(serve, "en").endswith(f"Data version 3, last updated {time.strftime('%B %-d, %Y')}. CC-BY-4.0")


@pytest.mark.e2e
def test_a_push_of_a_page_alone_keeps_the_data_version_and_invents_no_change(remote: Remote) -> None:
    """The data version names the data: a push that changes only a page goes live as a new site release, while
    the data stays release 1 (same number, same day, same archive) and the changelog gains nothing."""
    _, serve, work = remote
    before = live_descriptor(serve)
    about = work / "content/zh/about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n补充一句说明。\n", encoding="utf-8")
    git(work, "commit", "-q", "-am", "a page only")
    pushed = push(work, "main")
    assert pushed.returncode == 0
    assert "(数据没有变化，仍是第 1 次数据发布 / data unchanged: still data release 1)" in pushed.stderr
    assert "补充一句说明" in (live(serve) / "zh/about/index.html").read_text(encoding="utf-8")
    assert live_descriptor(serve) == before and before["version"] == "1"
    assert [r.number for r in versions.recorded(serve / "data-releases")] == [1]
    assert [title for title, _ in changelog(live(serve))] == ["Release 1"]
    assert lead(serve, "zh").startswith("本网站的全部数据，都可以下载、核对和引用。数据版本 1，")


@pytest.mark.e2e
@pytest.mark.parametrize(("key", "value"), [("version", '"1.0.1"'), ("created", '"2020-01-01T00:00:00Z"')])
def test_a_hand_written_version_or_date_is_refused_with_the_fix(remote: Remote, key: str, value: str) -> None:
    repo, serve, work = remote
    tip, before = git(repo, "rev-parse", "main").stdout, live(serve)
    descriptor = work / DESCRIPTOR
    text = descriptor.read_text(encoding="utf-8")
    descriptor.write_text(text.replace('  "name":', f'  "{key}": {value},\n  "name":', 1), encoding="utf-8")
    set_value(work, "good-air-days", "2022", "81.5")
    git(work, "commit", "-q", "-am", "a value, and a version by hand as the old guide said")
    pushed = push(work, "main")
    assert pushed.returncode != 0 and git(repo, "rev-parse", "main").stdout == tip and live(serve) == before
    assert (
        f"✗ {DESCRIPTOR}，第 2 行，键 “{key}”：写有“{key}”: {value}：数据的版本号和日期由服务器在推送上线时自动编号"
    ) in pushed.stderr, pushed.stderr
    assert f'has "{key}": {value}: the server numbers and dates each data release' in pushed.stderr
    assert "Delete this whole line (with its comma) in Notepad, save, and check again" in pushed.stderr
    assert [r.number for r in versions.recorded(serve / "data-releases")] == [1]


def test_check_refuses_a_hand_written_version_locally(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    descriptor = project / DESCRIPTOR
    meta = json.loads(descriptor.read_text(encoding="utf-8"))
    descriptor.write_text(json.dumps({"version": "2.0.0", **meta}, ensure_ascii=False, indent=2), encoding="utf-8")
    assert main(["check", "--root", str(project)]) == 1
    printed = capsys.readouterr()
    assert (
        f'{DESCRIPTOR}, row 2, key "version": has "version": "2.0.0": the server numbers' in printed.out + printed.err
    )


def test_the_data_version_follows_the_data_not_the_descriptors_layout(project: Path, tmp_path: Path) -> None:
    """`stamp`: the same data is the same release (a re-indented descriptor, or an older record's hand-written
    version, counts for nothing); changed data is the next number, dated the day it goes live."""
    records = tmp_path / "data-releases"
    assert versions.stamp(None, {"a.csv": b"1"}, "2026-12-01") == versions.Stamp(None, "")
    assert versions.stamp(records, {"a.csv": b"1"}, "2026-12-01") == versions.Stamp(1, "2026-12-01")
    first = {"datapackage.json": b'{"name": "p", "version": "1.0.0", "resources": []}', "a.csv": b"x\n1\n"}
    versions.record(records, "2026-12-01", "a" * 40, _zip(first))
    same = {"datapackage.json": b'{\n  "resources": [],\n  "name": "p"\n}\n', "a.csv": b"x\n1\n"}
    assert versions.stamp(records, same, "2026-12-02") == versions.Stamp(1, "2026-12-01")
    changed = same | {"a.csv": b"x\n2\n"}
    assert versions.stamp(records, changed, "2026-12-02") == versions.Stamp(2, "2026-12-02")


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _members(project: Path) -> dict[str, bytes]:
    """The data package's data as a release's zip holds it (see downloads.data_members), unstamped."""
    folder = project / "datasets"
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _rows_reversed(data: bytes) -> bytes:
    header, *rows = data.decode("utf-8-sig").splitlines(keepends=True)
    return (header + "".join(reversed(rows))).encode()


def test_each_indicator_cites_the_release_in_which_it_last_changed(project: Path, tmp_path: Path) -> None:
    """`indicator_releases`: an indicator keeps the number and day of the release that last changed its rows or a
    row they refer to (a source); a release that changes another indicator, or no indicator (the glossary), or only
    the order of rows, leaves it where it was; this build's changed data is the next release, as `stamp` numbers it."""
    records, ids = tmp_path / "data-releases", [row["id"] for row in dataset(project, "indicators")]
    assert "good-air-days" in ids and "urban-rural-income-ratio" in ids
    versions.record(records, "2026-11-01", "a" * 40, _zip(_members(project)))
    set_value(project, "good-air-days", "2022", "81.5")
    versions.record(records, "2026-11-02", "b" * 40, _zip(_members(project)))
    glossary = project / "datasets/glossary.csv"
    set_cell(glossary, {"id": dataset(project, "glossary")[0]["id"]}, "note_en", "A glossary note, edited.")
    versions.record(records, "2026-11-03", "c" * 40, _zip(_members(project)))
    assert [r.number for r in versions.recorded(records)] == [1, 2, 3]

    history, unchanged = versions.recorded(records), _members(project)
    since = versions.indicator_releases(history, unchanged, versions.Stamp(3, "2026-11-03"), tmp_path / "kept")
    assert len(list((tmp_path / "kept").glob("*.json"))) == 3  # each record read once, then from what was kept
    assert versions.indicator_releases(history, unchanged, versions.Stamp(3, "2026-11-03"), tmp_path / "kept") == since
    assert since["good-air-days"] == versions.Stamp(2, "2026-11-02")
    assert all(since[i] == versions.Stamp(1, "2026-11-01") for i in ids if i != "good-air-days")

    observations = project / "datasets/observations.csv"
    set_value(project, "urban-rural-income-ratio", "2022", "1.62")
    observations.write_bytes(_rows_reversed(observations.read_bytes()))  # the order of rows is not data
    rows = dataset(project, "observations")
    users = {r["source_id"]: {u["indicator_id"] for u in rows if u["source_id"] == r["source_id"]} for r in rows}
    source, using = next((s, found) for s, found in users.items() if "good-air-days" not in found)
    set_cell(project / "datasets/sources.csv", {"id": source}, "publisher_en", "A publisher, renamed")
    since = versions.indicator_releases(history, _members(project), versions.Stamp(4, "2026-12-01"))
    changed = {i for i in ids if since[i] == versions.Stamp(4, "2026-12-01")}
    assert changed == {"urban-rural-income-ratio"} | using and len(changed) < len(ids) - 1
    assert since["good-air-days"] == versions.Stamp(2, "2026-11-02")
    assert all(since[i] == versions.Stamp(1, "2026-11-01") for i in ids if i not in changed | {"good-air-days"})

    local = versions.indicator_releases([], _members(project), versions.Stamp(None, ""))  # no record: a local build
    assert set(local) == set(ids) and set(local.values()) == {versions.Stamp(None, "")}


def test_a_spreadsheet_saving_the_same_values_again_is_not_a_new_release(tmp_path: Path) -> None:
    """Found by the walkthrough: Excel opened by a double-click and saved as "CSV UTF-8" writes `66.0` as `66` and
    `true` as `TRUE` (and quotes, a byte-order mark); publishing that used to record "Release 2 · No value changed".
    The same values are the same release; a changed value, or changed text, is still the next one."""
    records = tmp_path / "data-releases"
    descriptor = json.dumps(
        {
            "name": "p",
            "resources": [
                {
                    "name": "t",
                    "path": "t.csv",
                    "schema": {
                        "fields": [
                            {"name": "id", "type": "string"},
                            {"name": "v", "type": "number"},
                            {"name": "d", "type": "boolean"},
                        ]
                    },
                }
            ],
        }
    ).encode()
    versions.record(
        records, "2026-12-01", "a" * 40, _zip({"datapackage.json": descriptor, "t.csv": b"id,v,d\nx,66.0,true\n"})
    )
    excel = '\ufeffid,v,d\r\n"x",66,TRUE\r\n'.encode()
    assert versions.stamp(records, {"datapackage.json": descriptor, "t.csv": excel}, "2026-12-02").number == 1
    for changed in (b"id,v,d\nx,66.1,true\n", b"id,v,d\nx,66,false\n", b"id,v,d\ny,66,true\n"):
        assert versions.stamp(records, {"datapackage.json": descriptor, "t.csv": changed}, "2026-12-02").number == 2
