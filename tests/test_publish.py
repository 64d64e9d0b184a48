"""Publishing by git push, end to end with real git, the real pre-receive hook and an HTTP server on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_builder.cli import main
from tests.conftest import copy_project
from tests.helpers import assert_line, read_rows, revise, snapshot, without_report_pdfs

pytestmark = pytest.mark.e2e

GIT = ["git", "-c", "user.name=Staff", "-c", "user.email=staff@example.org"]


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*GIT, "-C", str(repo), *args], capture_output=True, text=True, check=check)


def publish_once(repo: Path, serve: Path, work: Path, *setup: str) -> tuple[Path, Path, Path]:
    """A publishing repository (`init-remote` with `--keep 3` and `setup`'s options), its served folder, and a staff
    member's clone with the site (without the report's PDFs, see helpers.without_report_pdfs) pushed once."""
    assert main(["init-remote", str(repo), "--serve", str(serve), "--keep", "3", *setup]) == 0
    without_report_pdfs(copy_project(work))
    git(work, "init", "-q", "-b", "main")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "the site")
    git(work, "remote", "add", "site", str(repo))
    pushed = git(work, "push", "site", "main")
    assert "published" in pushed.stderr, pushed.stderr
    return repo, serve, work


@pytest.fixture
def remote(tmp_path: Path) -> tuple[Path, Path, Path]:
    return publish_once(tmp_path / "site.git", tmp_path / "www", tmp_path / "work")


@pytest.fixture
def served(remote: tuple[Path, Path, Path]) -> Iterator[str]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(remote[1] / "current"))
    handler.log_message = lambda *args: None  # type: ignore[method-assign, assignment]
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode("utf-8"))


def row_of(work: Path, indicator: str, year: str) -> int:
    """The physical row (header = 1) of an indicator's value for a year in the staff member's observations.csv."""
    rows = read_rows(work / "datasets/observations.csv")
    return next(n for n, r in enumerate(rows, start=2) if (r["indicator_id"], r["year"]) == (indicator, year))


def commit_value(work: Path, value: str, message: str) -> None:
    revise(work / "datasets/observations.csv", {"indicator_id": "good-air-days", "year": "2022"}, value)
    git(work, "commit", "-q", "-am", message)


def test_a_new_value_goes_live(remote: tuple[Path, Path, Path], served: str) -> None:
    _, _serve, work = remote
    assert "77.8% in 2022" in fetch(served + "en/indicators/good-air-days/")
    commit_value(work, "81.2", "2022 air quality revised")
    pushed = git(work, "push", "site", "main")
    assert pushed.returncode == 0 and "✓ 已发布 / published" in pushed.stderr
    assert "81.2% in 2022" in fetch(served + "en/indicators/good-air-days/")
    assert "remote:   charts" in pushed.stderr  # the pusher sees each stage


def test_a_bad_csv_is_refused_with_its_problem_and_the_site_stays(remote: tuple[Path, Path, Path], served: str) -> None:
    repo, serve, work = remote
    before = snapshot(serve / "current")
    tip = git(repo, "rev-parse", "main").stdout
    commit_value(work, "7O.5", "a typo")
    row = row_of(work, "good-air-days", "2022")
    pushed = git(work, "push", "site", "main", check=False)
    assert pushed.returncode != 0 and "pre-receive hook declined" in pushed.stderr
    assert f'remote:   datasets/observations.csv, row {row}, column "value": "7O.5" is not a number' in pushed.stderr
    assert f"remote: ✗ datasets/observations.csv，第 {row} 行，“value”列：“7O.5”不是数字" in pushed.stderr
    assert_line(pushed.stderr, "push.refused-problems")
    assert git(repo, "rev-parse", "main").stdout == tip
    assert snapshot(serve / "current") == before
    assert "77.8% in 2022" in fetch(served + "en/indicators/good-air-days/")


def test_two_pushes_at_once_are_handled_in_order(remote: tuple[Path, Path, Path], tmp_path: Path) -> None:
    repo, serve, work = remote
    other = tmp_path / "other"
    git(tmp_path, "clone", "-q", str(repo), str(other))
    commit_value(work, "80.1", "first staff member")
    commit_value(other, "79.9", "second staff member")
    pushes = [
        subprocess.Popen(
            [*GIT, "-C", str(w), "push", "site" if w == work else "origin", "main"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in (work, other)
    ]
    results = [(p.wait(timeout=300), p.stderr.read() if p.stderr else "") for p in pushes]
    accepted = [err for code, err in results if code == 0]
    refused = [err for code, err in results if code != 0]
    assert len(accepted) == 1 and len(refused) == 1
    assert "someone else published first" in refused[0] or "fetch first" in refused[0] or "rejected" in refused[0]
    live = (serve / "current").resolve()
    winner = "80.1" if "first staff member" in git(repo, "log", "-1", "--format=%s", "main").stdout else "79.9"
    assert f"{winner}% in 2022" in (live / "en/indicators/good-air-days/index.html").read_text(encoding="utf-8")


def test_rollback_restores_the_previous_release(
    remote: tuple[Path, Path, Path], served: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _, serve, work = remote
    first = (serve / "current").resolve()
    commit_value(work, "82.1", "a new value")
    git(work, "push", "site", "main")
    assert "82.1% in 2022" in fetch(served + "en/indicators/good-air-days/")
    assert main(["rollback", "--serve", str(serve)]) == 0
    assert (serve / "current").resolve() == first
    assert "77.8% in 2022" in fetch(served + "en/indicators/good-air-days/")


def test_a_push_when_the_servers_disk_is_full_is_refused_and_the_site_stays(tmpfs: Path, tmp_path: Path) -> None:
    repo, serve, work = publish_once(tmp_path / "site.git", tmpfs / "www", tmp_path / "work")
    before, tip = snapshot(serve / "current"), git(repo, "rev-parse", "main").stdout
    used = shutil.disk_usage(tmpfs).used
    subprocess.run(["mount", "-o", f"remount,size={used + used // 4}", str(tmpfs)], check=True)
    base = work / "themes/default/templates/base.html"
    base.write_text(base.read_text(encoding="utf-8") + "<!-- every page changes -->\n", encoding="utf-8")
    git(work, "commit", "-q", "-am", "a template change")
    pushed = git(work, "push", "site", "main", check=False)
    assert pushed.returncode != 0 and "pre-receive hook declined" in pushed.stderr
    assert (
        "remote: ✗ 推送被拒绝：服务器磁盘已满，网站保持不变；请告诉网站管理员 / push refused: the server's disk is full; "
        "the live site is unchanged. Tell the site's administrator."
    ) in pushed.stderr
    assert_line(pushed.stderr, "push.server-disk-full")
    assert "Traceback" not in pushed.stderr
    assert git(repo, "rev-parse", "main").stdout == tip
    assert snapshot(serve / "current") == before
    assert len(list((serve / "releases").iterdir())) == 1
