"""Staff publish on their own: `site-builder publish` (check, commit content/ and datasets/ only, take colleagues'
changes, push, the live address) with two real clones of a real `init-remote` repository; rows two people add to a
CSV merged by key by the merge driver; `check` naming work that is not committed; every staff command where
processes cannot fork."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.request import urlopen

import pytest

from site_builder.cli import main
from site_builder.deploy.csvmerge import merge
from site_builder.problems.catalogue import staff as words
from tests.conftest import ROOT, copy_project
from tests.helpers import read_rows, revise, set_cell, snapshot, without_report_pdfs
from tests.test_publish import git

URL = "https://czh.huzhou.gov.cn/"
OBSERVATIONS = "datasets/observations.csv"
ROW_2023 = "good-air-days,2023,80.1,provisional,eco-bulletin-2022,空气优良率为80.1%。,,,\n"
ROW_2024 = "good-air-days,2024,81.2,provisional,eco-bulletin-2022,空气优良率为81.2%。,,,\n"
Remote = tuple[Path, Path, Path]


def clone(repo: Path, where: Path) -> Path:
    subprocess.run(["git", "clone", "-q", str(repo), str(where)], check=True)
    git(where, "config", "user.name", "Staff B")
    git(where, "config", "user.email", "b@example.org")
    return where


def publish(work: Path, *args: str) -> int:
    return main(["publish", "--root", str(work), *args])


def live_values(serve: Path) -> dict[int, float]:
    """good-air-days' observations on the live site, by year (from its API file)."""
    api = json.loads((serve / "current/api/v1/indicators/good-air-days.json").read_text(encoding="utf-8"))
    return {o["year"]: o["value"] for o in api["observations"]}


@pytest.fixture
def remote(tmp_path: Path) -> Remote:
    """A publishing repository, its served folder, and staff member A's clone with the site (and the project's
    .gitattributes; without the report's PDFs, see helpers.without_report_pdfs) published once."""
    repo, serve, work = tmp_path / "site.git", tmp_path / "www", tmp_path / "a"
    assert main(["init-remote", str(repo), "--serve", str(serve)]) == 0
    without_report_pdfs(copy_project(work))
    shutil.copy(ROOT / ".gitattributes", work)
    git(work, "init", "-q", "-b", "main")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "the site")
    git(work, "remote", "add", "site", str(repo))
    git(work, "push", "-q", "site", "main")
    git(work, "config", "user.name", "Staff A")
    git(work, "config", "user.email", "a@example.org")
    return repo, serve, work


# Rows merged by key: literal files, no git.


def test_rows_both_sides_added_are_kept_ours_first_with_bytes_and_line_endings() -> None:
    base = "\ufeffid,v,w\r\na,1,x\r\nb,2,y\r\n"
    ours = base + 'c,3,"two\nlines"\r\n'
    theirs = "\ufeffid,v,w\r\na,9,x\r\nb,2,y\r\nd,4,z\r\n"
    merged = merge(base, ours, theirs, ["id"])
    assert merged.clean
    assert merged.text == '\ufeffid,v,w\r\na,9,x\r\nb,2,y\r\nc,3,"two\nlines"\r\nd,4,z\r\n'


def test_different_cells_of_one_row_merge_and_the_same_cell_twice_is_a_clash() -> None:
    base = "id,v,w\na,1,x\nb,2,y\n"
    merged = merge(base, "id,v,w\na,5,x\nb,2,Y\n", "id,v,w\na,1,X\nb,2,Q\n", ["id"])
    assert merged.text == "id,v,w\na,5,X\nb,2,Y\n"  # the clash keeps ours
    assert [(c.key, c.column, c.ours, c.theirs, c.row) for c in merged.clashes] == [(("b",), "w", "Y", "Q", 3)]
    deleted = merge(base, "id,v,w\na,1,x\n", "id,v,w\na,1,x\nb,7,y\n", ["id"])
    assert [(c.ours, c.theirs, c.row) for c in deleted.clashes] == [(None, "b,7,y", 3)]
    assert deleted.text == "id,v,w\na,1,x\nb,7,y\n"  # the changed row is not lost


def test_git_merges_two_branches_that_each_appended_a_row(tmp_path: Path) -> None:
    """A plain `git merge` in a repository where publish registered the driver: no conflict, both rows."""
    work = copy_project(tmp_path / "work")
    (work / ".gitattributes").write_bytes((ROOT / ".gitattributes").read_bytes())
    git(work, "init", "-q", "-b", "main")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "the site")
    assert publish(work) == 1  # no remote: refused, but the driver is registered first
    assert "merge-csv" in git(work, "config", "merge.site-builder-csv.driver").stdout
    git(work, "checkout", "-q", "-b", "other")
    with (work / OBSERVATIONS).open("a", encoding="utf-8") as csv:
        csv.write(ROW_2024)
    git(work, "commit", "-q", "-am", "2024")
    git(work, "checkout", "-q", "main")
    with (work / OBSERVATIONS).open("a", encoding="utf-8") as csv:
        csv.write(ROW_2023)
    git(work, "commit", "-q", "-am", "2023")
    merged = git(work, "merge", "--no-edit", "other", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert (work / OBSERVATIONS).read_text(encoding="utf-8").endswith(ROW_2023 + ROW_2024)


def test_publish_outside_a_repository_and_without_a_server(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["发布", "--root", str(tmp_path)]) == 1
    assert words.NOT_A_REPOSITORY.line(root=tmp_path.resolve()) in capsys.readouterr().err
    work = copy_project(tmp_path / "work")
    git(work, "init", "-q", "-b", "main")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "the site")
    set_cell(work / OBSERVATIONS, {"indicator_id": "good-air-days", "year": "2022"}, "value", "80.1")
    assert publish(work) == 1
    assert capsys.readouterr().err == (
        "✗ 这个仓库没有设置服务器（git remote），不知道推送到哪里，什么都没有提交。请向 IT 要服务器仓库的地址，然后运行："
        "git remote add site 地址 / this repository has no server (git remote) to push to; nothing was committed. "
        "Ask IT for the address of the server's repository, then run: git remote add site ADDRESS\n"
    )
    assert git(work, "rev-list", "--count", "HEAD").stdout.strip() == "1"


# Publishing through a real server: e2e.


@pytest.mark.e2e
def test_two_colleagues_append_rows_and_both_publish(
    remote: Remote, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo, serve, a = remote
    b = clone(repo, tmp_path / "b")
    with (a / OBSERVATIONS).open("a", encoding="utf-8") as csv:
        csv.write(ROW_2023)
    with (b / OBSERVATIONS).open("a", encoding="utf-8") as csv:
        csv.write(ROW_2024)
    (b / "notes.txt").write_text("my notes\n", encoding="utf-8")
    (b / "site.toml").write_text((b / "site.toml").read_text(encoding="utf-8") + "# trying something\n", "utf-8")
    assert publish(a, "--message", "2023 air quality") == 0
    assert capsys.readouterr().out.endswith(f"✓ 已发布：{URL} / published: {URL}\n")
    assert publish(b) == 0  # no terminal: the message is made from what changed
    out = capsys.readouterr().out
    assert "! 这些文件有改动，但不在 content/ 或 datasets/ 里，publish 不发布它们：notes.txt, site.toml" in out
    assert "3/4 把您的更改接在同事新发布的 1 个提交之后" in out
    assert git(b, "log", "-1", "--format=%s", "main").stdout == "更新 / update: datasets/observations.csv\n"
    assert git(b, "show", "--name-only", "--format=", "HEAD").stdout == f"{OBSERVATIONS}\n"
    assert git(b, "status", "--porcelain").stdout == " M site.toml\n?? notes.txt\n"  # left as they were
    published = git(repo, "show", f"main:{OBSERVATIONS}").stdout
    assert published.endswith(ROW_2023 + ROW_2024)
    assert published.startswith("\ufeff")  # the byte-order mark Excel reads UTF-8 by: kept through the merge
    assert (serve / f"current/downloads/data/{Path(OBSERVATIONS).name}").read_bytes().startswith(b"\xef\xbb\xbf")
    assert [c["year"] for c in read_rows(b / OBSERVATIONS) if c["indicator_id"] == "good-air-days"][-2:] == [
        "2023",
        "2024",
    ]
    assert live_values(serve) == {2020: 77.5, 2022: 77.8, 2023: 80.1, 2024: 81.2}
    assert publish(a) == 1
    assert capsys.readouterr().err == words.NOTHING_TO_PUBLISH.line(remote="site") + "\n"


@pytest.mark.e2e
def test_the_same_cell_changed_twice_is_one_message_and_publish_goes_on(
    remote: Remote, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, serve, a = remote
    b = clone(repo, tmp_path / "b")
    monkeypatch.setenv("GIT_EDITOR", "false")  # an editor that fails: publish must never open one
    monkeypatch.setenv("GIT_PAGER", "false")
    cell = {"indicator_id": "good-air-days", "year": "2022"}
    revise(a / OBSERVATIONS, cell, "80.1")
    assert publish(a, "-m", "revised") == 0
    row = revise(b / OBSERVATIONS, cell, "79.9")
    before = snapshot(serve / "current")
    capsys.readouterr()
    assert publish(b, "-m", "my figure") == 1
    assert capsys.readouterr().err == (
        "✗ 发布暂停：您和同事改了同一处，请决定保留哪一个（下面每处一行）。文件里现在是同事已经发布的内容 / publishing "
        "paused: you and a colleague changed the same place; decide which to keep (one line each below). The file now "
        "holds what your colleague published\n"
        f"✗ datasets/observations.csv，第 {row} 行，“value”列：（good-air-days, 2022）同事已经发布“80.1”，您改成了“79.9”；"
        "文件里现在是“80.1”\n"
        f'  datasets/observations.csv, row {row}, column "value": (good-air-days, 2022) your colleague published '
        "“80.1”, you changed it to “79.9”; the file now holds “80.1”\n"
        "改好后运行 site-builder publish，发布会从这里继续（要放弃这次发布、回到运行 publish 之前：git rebase --abort） / "
        "once it is right, run site-builder publish: publishing goes on from here (to give up and go back to before "
        "publish: git rebase --abort)\n"
    )
    assert read_rows(b / OBSERVATIONS)[row - 2]["value"] == "80.1"  # a valid CSV, no conflict marks
    assert snapshot(serve / "current") == before
    set_cell(b / OBSERVATIONS, cell, "value", "79.9")  # B decides: theirs was wrong
    assert publish(b) == 0
    steps = re.findall(r"^\d/4 ", capsys.readouterr().out, re.M)
    assert steps == ["3/4 ", "4/4 "]  # going on from step 3 (its check included), never back to 1/4
    assert live_values(serve)[2022] == 79.9
    assert git(repo, "log", "--format=%s", "main").stdout.splitlines()[:2] == ["my figure", "revised"]


@pytest.mark.e2e
def test_a_failed_check_commits_nothing_and_a_refused_push_keeps_the_site(
    remote: Remote, capsys: pytest.CaptureFixture[str]
) -> None:
    repo, serve, a = remote
    row = set_cell(a / OBSERVATIONS, {"indicator_id": "good-air-days", "year": "2022"}, "value", "7O.5")
    assert publish(a) == 1
    err = capsys.readouterr().err
    assert f'datasets/observations.csv, row {row}, column "value": "7O.5" is not a number' in err
    assert err.startswith(words.CHECK_FAILED.line(count=1) + "\n")
    assert git(a, "status", "--porcelain").stdout == f" M {OBSERVATIONS}\n"  # nothing committed
    # A site.toml committed by hand that the server refuses; the working copy's is fine, so the check passes.
    good = (a / "site.toml").read_text(encoding="utf-8")
    (a / "site.toml").write_text(good.replace(URL, "http://127.0.0.1:8000/"), encoding="utf-8")
    git(a, "commit", "-q", "-m", "local preview address", "site.toml")
    (a / "site.toml").write_text(good, encoding="utf-8")
    revise(a / OBSERVATIONS, {"indicator_id": "good-air-days", "year": "2022"}, "80.5")
    before, tip = snapshot(serve / "current"), git(repo, "rev-parse", "main").stdout
    assert publish(a, "-m", "80.5") == 1
    err = capsys.readouterr().err
    assert "remote: ✗ site.toml" in err  # the server's own words, as they came
    assert err.endswith(words.PUSH_REFUSED.line() + "\n")
    assert snapshot(serve / "current") == before and git(repo, "rev-parse", "main").stdout == tip


@pytest.mark.e2e
def test_check_names_files_the_server_would_not_see(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    work = copy_project(tmp_path / "work")
    page = "---\ntitle: 新页面\n---\n\n正文。\n"
    assert main(["check", "--root", str(work)]) == 0
    assert "!" not in capsys.readouterr().err  # outside a git repository: nothing about it
    git(work, "init", "-q", "-b", "main")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "the site")
    (work / "content/zh/notes.md").write_text(page, encoding="utf-8")
    (work / "content/en/notes.md").write_text(page.replace("新页面", "New page").replace("正文", "Text"), "utf-8")
    revise(work / OBSERVATIONS, {"indicator_id": "good-air-days", "year": "2022"}, "80.1")
    assert main(["check", "--root", str(work)]) == 0
    err = capsys.readouterr().err
    for path in ("content/en/notes.md", "content/zh/notes.md"):
        assert f"! {path}：{words.NOT_COMMITTED_NEW.zh}\n  {path}: {words.NOT_COMMITTED_NEW.en}\n" in err
    changed = f"! {OBSERVATIONS}：{words.NOT_COMMITTED_CHANGE.zh}\n  {OBSERVATIONS}: {words.NOT_COMMITTED_CHANGE.en}"
    assert changed in err


SPAWNED = """\
import fcntl, multiprocessing, os, sys, types
# As on Windows, here and in every worker spawned (each runs this much of the script first): no fork, and none of
# the modules Windows lacks, but for the file lock, which has a Windows way of its own (msvcrt) that cannot run here.
for name in ("resource", "pwd", "grp", "termios"):
    sys.modules[name] = None
class OnlyTheLock(types.ModuleType):
    def __getattr__(self, name):
        caller = sys._getframe(1).f_code.co_filename
        if not caller.endswith(os.path.join("site_builder", "output", "locking.py")):
            raise ImportError(f"fcntl.{name} used in {caller}: Windows has no fcntl")
        return getattr(fcntl, name)
sys.modules["fcntl"] = OnlyTheLock("fcntl")
del os.fork
if __name__ == "__main__":
    multiprocessing.set_start_method("spawn", force=True)
    multiprocessing.context._concrete_contexts.pop("fork", None)
    from site_builder.cli import main
    sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.e2e
def test_build_and_check_where_processes_cannot_fork(tmp_path: Path) -> None:
    """The staff commands with the spawn start method and no fork: the same site, byte for byte."""
    work = copy_project(tmp_path / "work")
    script = tmp_path / "spawned.py"
    script.write_text(SPAWNED, encoding="utf-8")

    def run(*args: str, spawned: bool) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, str(script)] if spawned else [sys.executable, "-m", "site_builder"]
        return subprocess.run([*command, *args, "--root", str(work)], capture_output=True, text=True, cwd=tmp_path)

    forked = run("build", "--out", str(tmp_path / "forked"), spawned=False)
    spawned = run("build", "--out", str(tmp_path / "spawned"), "--force", spawned=True)
    assert forked.returncode == 0 and spawned.returncode == 0, spawned.stderr
    assert snapshot(tmp_path / "spawned") == snapshot(tmp_path / "forked")
    checked = run("check", spawned=True)
    assert checked.returncode == 0 and "✓ 可以发布 / ready to publish" in checked.stdout, checked.stderr
    validated = run("validate", "--strict", spawned=True)
    assert validated.returncode == 0, validated.stderr


@pytest.mark.e2e
def test_serve_and_publish_where_processes_cannot_fork(remote: Remote, tmp_path: Path) -> None:
    """The preview rebuilds on an edit, and publish checks and pushes, with workers spawned and no fork."""
    _, serve, a = remote
    script = tmp_path / "spawned.py"
    script.write_text(SPAWNED, encoding="utf-8")
    errors = (tmp_path / "preview.err").open("w", encoding="utf-8")
    preview = subprocess.Popen(
        [sys.executable, str(script), "serve", "--root", str(a), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=errors,
        text=True,
    )
    assert preview.stdout is not None
    try:
        assert preview.stdout.readline() == "✓ 已更新 / rebuilt\n", (tmp_path / "preview.err").read_text("utf-8")
        serving = preview.stdout.readline()
        assert serving.startswith("✓ 预览 / preview: http://127.0.0.1:"), serving
        url = serving.split()[4] + "api/v1/indicators/good-air-days.json"
        assert json.loads(urlopen(url).read())["observations"][-1]["value"] == 77.8
        revise(a / OBSERVATIONS, {"indicator_id": "good-air-days", "year": "2022"}, "80.1")
        assert preview.stdout.readline() == "✓ 已更新 / rebuilt\n"
        assert json.loads(urlopen(url).read())["observations"][-1]["value"] == 80.1
    finally:
        preview.terminate()
        preview.wait(timeout=30)
        errors.close()
    git(a, "checkout", "-q", "--", OBSERVATIONS)  # the preview's edit undone; publish a new row instead
    with (a / OBSERVATIONS).open("a", encoding="utf-8") as csv:
        csv.write(ROW_2023)
    done = subprocess.run(
        [sys.executable, str(script), "publish", "--root", str(a), "-m", "2023"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith(f"✓ 已发布：{URL} / published: {URL}\n")
    assert live_values(serve)[2023] == 80.1
