"""Publishing integrity, with real git pushes to an `init-remote` repository: a release is a validated push that went
live (never a commit found in history), only a release that was live can be rolled back to, a race is refused
plainly, history is never rewritten, only main is taken, a killed push leaves nothing behind, and the
administrator's commands refuse bad input with a message instead of a traceback."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import tomllib
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from site_builder.cli import main
from tests.conftest import ROOT
from tests.helpers import assert_line, read_rows, revise, set_cell, snapshot, write_rows
from tests.test_publish import GIT, commit_value, git, publish_once

PACKAGE = "huzhou-urbanization-14th-fyp"
BASE = tomllib.loads((ROOT / "site.toml").read_text(encoding="utf-8"))["site"]["base_url"]
ATOM = "{http://www.w3.org/2005/Atom}"
Remote = tuple[Path, Path, Path]
RACE = (
    "✗ 推送被拒绝：别人先发布了新版本：请先 git pull，再推送 / push refused: someone else published first: "
    "run git pull, then push again"
)
REWRITE = (
    "✗ 推送被拒绝：这次推送会改写已经发布的历史（强制推送，或 rebase 之后的推送）。服务器保留发布过的全部历史，"
    "好让人随时查到网站发布过什么。请先 git pull，再推送 / push refused: this push rewrites history that is already "
    "published (a force push, or a push after a rebase). The server keeps all published history, so that what the "
    "site published can always be traced. Run git pull, then push again"
)


@pytest.fixture
def remote(tmp_path: Path) -> Remote:
    return publish_once(tmp_path / "site.git", tmp_path / "www", tmp_path / "work")


def push(work: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return git(work, "push", "site", *args, check=False)


def live(serve: Path) -> Path:
    return (serve / "current").resolve()


def changelog(site: Path) -> list[tuple[str, list[list[str]]]]:
    """Each release on the English changelog: its heading and its table's rows."""
    page = BeautifulSoup((site / "en/changes/index.html").read_text(encoding="utf-8"), "html.parser")
    return [
        (
            section.h2.get_text().rsplit(" · ", 1)[0],  # type: ignore[union-attr]  # without the date
            [[cell.get_text() for cell in row.select("th, td")] for row in section.select("tbody tr")],
        )
        for section in page.select("main section")
    ]


def observation(archive: Path, indicator: str, year: str) -> str:
    with zipfile.ZipFile(archive) as package:
        rows = package.read("observations.csv").decode("utf-8").splitlines()
    return next(r.split(",")[2] for r in rows if r.startswith(f"{indicator},{year},"))


# Points 2 and 3: a release is a validated, published push, recorded when it goes live


def test_an_invalid_commit_fixed_by_the_next_is_never_published(remote: Remote) -> None:
    """Issue 14, point 2: the first commit of a new version had -3 and an invented 2031 value; only the fixed tip,
    which passed the strict build, appears anywhere: page, changelog, feed and release archives."""
    _, serve, work = remote
    observations = work / "datasets/observations.csv"
    set_cell(observations, {"indicator_id": "good-air-days", "year": "2022"}, "value", "-3")
    rows = read_rows(observations)
    invented = {**next(r for r in rows if r["indicator_id"] == "good-air-days"), "year": "2031", "value": "99.1"}
    write_rows(observations, [*rows, invented])
    git(work, "commit", "-q", "-am", "new version, not checked yet")
    write_rows(observations, rows)
    revise(observations, {"indicator_id": "good-air-days", "year": "2022"}, "81.5")
    git(work, "commit", "-q", "-am", "fixed")
    pushed = push(work, "main")
    assert pushed.returncode == 0, pushed.stderr
    site = live(serve)
    assert changelog(site)[0] == (
        "Release 2",
        [
            [
                "Share of days with good or excellent air quality",
                "2022",
                "77.8",
                "81.5",
                "People's Daily Online, Zhejiang channel (from Huzhou Online)",
            ]
        ],
    )
    archives = sorted((site / "downloads/releases").glob("*/*.zip"))
    assert [a.relative_to(site).as_posix() for a in archives] == [
        f"downloads/releases/1/{PACKAGE}-1.zip",
        f"downloads/releases/2/{PACKAGE}-2.zip",
    ]
    assert [observation(a, "good-air-days", "2022") for a in archives] == ["77.8", "81.5"]
    for path in site.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".csv"):
            text = path.read_text(encoding="utf-8")
            assert "2031,99.1" not in text and ">-3<" not in text and '"value": -3' not in text, path
    assert (
        "✓ 已发布 / published" in pushed.stderr
        and "(数据有变化：第 2 次数据发布 / data changed: data release 2)" in pushed.stderr
    )
    records = sorted(p.name for p in (serve / "data-releases").iterdir())
    assert [r.split("-")[0] for r in records] == ["000001", "000001", "000002", "000002"]


def test_a_commit_whose_descriptor_cannot_be_read_blocks_nothing(remote: Remote) -> None:
    """Issue 14, point 3: invalid JSON in one commit of history, fixed by the next, used to end every later build,
    check and push in "internal error: JSONDecodeError"; history is not read at all now."""
    _, serve, work = remote
    descriptor = work / "datasets/datapackage.json"
    good = descriptor.read_bytes()
    descriptor.write_bytes(good.replace(b'"name"', b'"name",,', 1))
    git(work, "commit", "-q", "-am", "a broken descriptor")
    descriptor.write_bytes(good)
    commit_value(work, "80.4", "fixed, and a new value")
    assert main(["build", "--root", str(work)]) == 0
    assert main(["check", "--root", str(work)]) == 0
    pushed = push(work, "main")
    assert pushed.returncode == 0 and "✓ 已发布 / published" in pushed.stderr
    assert "80.4% in 2022" in (live(serve) / "en/indicators/good-air-days/index.html").read_text(encoding="utf-8")


def test_a_text_change_is_not_a_data_release_and_every_feed_address_exists(remote: Remote) -> None:
    _, serve, work = remote
    about = work / "content/en/about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    git(work, "commit", "-q", "-am", "text only")
    pushed = push(work, "main")
    assert (
        pushed.returncode == 0
        and "(数据没有变化，仍是第 1 次数据发布 / data unchanged: still data release 1)" in pushed.stderr
    )
    commit_value(work, "79.0", "a value")
    assert push(work, "main").returncode == 0
    site = live(serve)
    assert [title for title, _ in changelog(site)] == ["Release 2", "Release 1"]
    for lang in ("zh", "en"):
        feed = ElementTree.parse(site / lang / "releases.xml").getroot()
        addresses = [e.text or "" for e in feed.iter(f"{ATOM}id")] + [
            e.get("href", "") for e in feed.iter(f"{ATOM}link")
        ]
        assert len(feed.findall(f"{ATOM}entry")) == 2
        for address in addresses:
            assert address.startswith(BASE), address
            path, _, anchor = address.removeprefix(BASE).partition("#")
            target = site / path / "index.html" if path.endswith("/") else site / path
            assert target.is_file(), address
            if anchor:
                assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), address


def test_a_local_build_lists_only_its_own_data_as_not_yet_published(project: Path) -> None:
    """No record, no number: a local build (and the preview) labels its data the next release, not yet published,
    and publishes no numbered archive."""
    assert main(["build", "--root", str(project)]) == 0
    build = project / "build"
    assert [title for title, _ in changelog(build)] == ["Next release"]
    page = BeautifulSoup((build / "en/changes/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one("#release-next").get_text() == "Next release · not yet published"  # type: ignore[union-attr]
    assert not (build / "downloads/releases").exists()
    lead = BeautifulSoup((build / "zh/data/index.html").read_text(encoding="utf-8"), "html.parser").select_one(".lead")
    assert "尚未发布：这是数据的下一次发布，上线时由服务器编号并注明日期。" in lead.get_text()  # type: ignore[union-attr]
    with zipfile.ZipFile(build / f"downloads/{PACKAGE}.zip") as package:
        descriptor = json.loads(package.read("datapackage.json"))
    assert "version" not in descriptor and "created" not in descriptor


def test_the_changes_page_says_what_a_release_is(remote: Remote) -> None:
    site = live(remote[1])
    zh = (site / "zh/changes/index.html").read_text(encoding="utf-8")
    en = (site / "en/changes/index.html").read_text(encoding="utf-8")
    assert "A release is a validated, published push, recorded when it goes live" in en
    assert "每个版本都是一次通过检查并已上线的推送，在上线的那一刻记录下来" in zh


# Point 4: only a release that was live is a rollback target; a race is refused plainly


def test_a_push_that_git_refuses_after_its_hook_built_it_never_becomes_a_rollback_target(remote: Remote) -> None:
    repo, serve, work = remote
    first = live(serve)
    commit_value(work, "83.3", "a value")
    lock = repo / "refs/heads/main.lock"  # git cannot move main: it refuses the push after the hook built it
    lock.write_text("", encoding="utf-8")
    refused = push(work, "main")
    assert refused.returncode != 0 and "main.lock" in refused.stderr
    assert [r.name for r in (serve / "releases").iterdir()] == [first.name]
    lock.unlink()
    pushed = push(work, "main")
    assert pushed.returncode == 0 and "✓ 已发布 / published" in pushed.stderr
    assert list((serve / ".work").iterdir()) == []  # what the refused push built is gone
    assert sorted(r.name for r in (serve / "releases").iterdir()) == [first.name, live(serve).name]
    assert main(["rollback", "--serve", str(serve)]) == 0
    assert live(serve) == first


def test_racing_pushes_leave_only_releases_that_were_live(remote: Remote, tmp_path: Path) -> None:
    repo, serve, work = remote
    published = {live(serve).name}
    for round_ in range(3):
        other = tmp_path / f"other-{round_}"
        git(tmp_path, "clone", "-q", str(repo), str(other))
        git(work, "fetch", "-q", "site")
        git(work, "reset", "-q", "--hard", "site/main")  # the loser of the last round starts again from main
        commit_value(work, f"80.{round_}", "first staff member")
        commit_value(other, f"79.{round_}", "second staff member")
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
        assert len(accepted) == 1 and len(refused) == 1, results
        assert RACE in refused[0] or "(fetch first)" in refused[0], refused[0]
        assert "✓ 检查通过" not in refused[0] and "cannot lock ref" not in refused[0]
        published |= set(re.findall(r"published (\S+)", accepted[0]))
        assert {r.name for r in (serve / "releases").iterdir()} <= published
        assert live(serve).name in published and list((serve / ".work").iterdir()) == []
    records = json.loads(sorted((serve / "data-releases").glob("*.json"))[-1].read_text(encoding="utf-8"))
    assert records["number"] == 4 and records["commit"] == git(repo, "rev-parse", "main").stdout.strip()


# Point 8: push hygiene


def test_a_force_push_is_refused_and_says_why(remote: Remote) -> None:
    repo, serve, work = remote
    before, tip = snapshot(live(serve)), git(repo, "rev-parse", "main").stdout
    revise(work / "datasets/observations.csv", {"indicator_id": "good-air-days", "year": "2022"}, "70.0")
    git(work, "commit", "-q", "--amend", "-am", "the site, rewritten")  # the published commit, replaced
    refused = push(work, "--force", "main")
    assert refused.returncode != 0
    assert f"remote: {REWRITE}" in refused.stderr
    assert_line(refused.stderr, "push.rewrites-history")
    assert git(repo, "rev-parse", "main").stdout == tip
    assert snapshot(live(serve)) == before
    assert git(repo, "config", "receive.denyNonFastForwards").stdout.strip() == "true"


@pytest.mark.parametrize(
    ("refspec", "ref"),
    [
        ("main:staging", "refs/heads/staging"),
        ("main:refs/tags/v1", "refs/tags/v1"),
        ("main:refs/tags/main", "refs/tags/main"),
    ],
)
def test_only_main_is_taken(remote: Remote, refspec: str, ref: str) -> None:
    repo, serve, work = remote
    before = snapshot(live(serve))
    refused = push(work, refspec)
    assert refused.returncode != 0
    assert (
        "remote: ✗ 推送被拒绝：只有 main 分支会被检查和发布（review 分支只生成不公开的审阅副本）；服务器不接收其他分支"
        f"和标签（名为 main 的标签也不接收）：{ref}。请只推送 main：git push site main / push refused: only the main "
        "branch is checked and published (the review branch only builds a private copy to review); the server takes "
        f"no other branch or tag (not even a tag named main): {ref}. Push main only: git push site main"
    ) in refused.stderr
    assert git(repo, "show-ref", check=False).stdout.split()[1::2] == ["refs/heads/main"]
    assert snapshot(live(serve)) == before


def hook_processes(serve: Path) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        try:
            command = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"publish-hook" in command and str(serve).encode() in command:
            found.append(int(proc.name))
    return found


def test_a_push_killed_midway_leaves_nothing_once_the_next_push_is_done(remote: Remote, tmp_path: Path) -> None:
    """Issue 14, point 8: kill -9 left a half-built releases/.…-new-* folder and a checkout in the temporary folder
    forever; the work is done in the served folder now, and the next push removes what a dead push left."""
    repo, serve, work = remote
    first, temporary = live(serve), tmp_path / "tmp"
    temporary.mkdir()
    commit_value(work, "83.3", "a value")
    pushing = subprocess.Popen(
        [*GIT, "-C", str(work), "push", "site", "main"],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(temporary)},
    )
    assert pushing.stderr is not None
    for line in pushing.stderr:
        if line.startswith("remote:   charts"):
            for pid in hook_processes(serve):
                os.kill(pid, signal.SIGKILL)
            break
    assert pushing.wait(timeout=120) != 0
    assert (
        live(serve) == first
        and git(repo, "rev-parse", "main").stdout.strip() != git(work, "rev-parse", "HEAD").stdout.strip()
    )
    left = list((serve / ".work").glob("*"))  # the dead push's checkout and half-built release
    pushed = subprocess.run(
        [*GIT, "-C", str(work), "push", "site", "main"],
        capture_output=True,
        text=True,
        env={**os.environ, "TMPDIR": str(temporary)},
    )
    assert pushed.returncode == 0 and "✓ 已发布 / published" in pushed.stderr
    assert [p.name for p in (serve / "releases").iterdir() if p.name.startswith(".")] == []
    assert list(temporary.iterdir()) == []
    assert len(left) == 1 and list((serve / ".work").iterdir()) == []


# Point 9: administrator commands refuse with a message, never a traceback


def test_rollback_of_a_folder_that_is_not_a_published_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere"
    assert main(["rollback", "--serve", str(missing)]) == 1
    err = capsys.readouterr().err
    assert (
        f"✗ {missing}：这里没有发布的网站（找不到 releases/ 文件夹）：请检查路径；发布文件夹由 site-builder init-remote 建立\n"
        f"  {missing}: no published site here (no releases/ folder): check the path; site-builder init-remote sets up "
        "the served folder"
    ) in err
    assert main(["init-remote", str(tmp_path / "site.git"), "--serve", str(tmp_path / "www")]) == 0
    capsys.readouterr()
    assert main(["rollback", "--serve", str(tmp_path / "www")]) == 1
    assert (
        "还没有发布过任何版本（没有 current）：第一次 git push 到 main 之后才有可以回退的版本\n"
        f"  {tmp_path / 'www'}: nothing has been published here yet (no current): there is a release to go back to only "
        "after pushes to main"
    ) in capsys.readouterr().err


def test_init_remote_refuses_a_file_a_live_repository_and_keep_zero(
    remote: Remote, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo, serve, _ = remote
    capsys.readouterr()
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a repository\n", encoding="utf-8")
    assert main(["init-remote", str(a_file), "--serve", str(tmp_path / "elsewhere")]) == 1
    err = capsys.readouterr().err
    assert f"✗ {a_file}：这是一个文件，不是文件夹：init-remote 要在这里新建 git 仓库。请换一个还不存在的路径" in err
    assert f"  {a_file}: is a file, not a folder: init-remote makes a new git repository here." in err
    assert a_file.read_text(encoding="utf-8") == "not a repository\n" and not (tmp_path / "elsewhere").exists()
    assert main(["init-remote", str(tmp_path / "x.git"), "--serve", str(a_file / "www")]) == 1
    assert (
        f"✗ 无法完成：{a_file}/www/releases：Not a directory；请检查路径和权限 / could not finish: {a_file}/www/releases: "
        "Not a directory. Check the path and the permissions."
    ) in capsys.readouterr().err
    assert not (tmp_path / "x.git").exists()  # nothing half made

    hooks = snapshot(repo / "hooks")
    assert main(["init-remote", str(repo), "--serve", str(tmp_path / "other-www")]) == 1
    err = capsys.readouterr().err
    assert (
        f"✗ {repo}：这里已经有一个 git 仓库（main 分支上有 1 个提交，发布到 {serve.resolve()}）。init-remote 只新建仓库，"
        "不会改动已有的仓库和它的钩子；要重新设置，请先把它移走，或换一个路径"
    ) in err
    assert f"  {repo}: already holds a git repository (1 commits on main, publishing into {serve.resolve()})." in err
    assert snapshot(repo / "hooks") == hooks
    assert main(["init-remote", str(tmp_path / "new.git"), "--serve", str(serve)]) == 1
    assert f"✗ {serve}：这里已经在发布一个网站（当前版本 {live(serve).name}）。" in capsys.readouterr().err
    assert not (tmp_path / "new.git").exists()

    with pytest.raises(SystemExit) as usage:
        main(["init-remote", str(tmp_path / "keep.git"), "--serve", str(tmp_path / "keep"), "--keep", "0"])
    assert usage.value.code == 2
    assert "“0”：至少要保留 1 个版本（正在线上的那个）/ must be at least 1 (the live release is always kept)" in (
        capsys.readouterr().err
    )
    assert not (tmp_path / "keep.git").exists()


NGINX = Path("/usr/sbin/nginx")


def test_nginx_config_quotes_a_path_with_a_space_or_semicolon(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    serve = tmp_path / "my www;x"
    (serve / "releases/r1").mkdir(parents=True)
    (serve / "releases/r1/index.html").write_text("hello\n", encoding="utf-8")
    (serve / "current").symlink_to("releases/r1")
    assert main(["nginx-config", "--serve", str(serve), "--listen", "127.0.0.1:8089"]) == 0
    generated = capsys.readouterr().out
    assert f'    root "{serve}/current";\n' in generated
    if not NGINX.exists():
        pytest.skip("nginx is not installed here")
    (tmp_path / "site.conf").write_text(generated, encoding="utf-8")
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\naccess_log off;\ninclude {tmp_path}/site.conf;\n}}\n",
        encoding="utf-8",
    )
    tested = subprocess.run(
        [str(NGINX), "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)], capture_output=True, text=True
    )
    assert tested.returncode == 0, tested.stderr


def test_nginx_config_refuses_what_it_cannot_quote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    serve = tmp_path / "www$host"
    assert main(["nginx-config", "--serve", str(serve), "--server-name", "a; include /etc/passwd"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert (
        f'✗ --serve：“{serve}/current”含有 nginx 配置中无法照原样写出的字符（$ " \\ 或控制字符），写进去会让配置失效或变成'
        "别的意思。请换一个不含这些字符的值（例如把文件夹改名）\n"
        f'  --serve: "{serve}/current" holds characters that cannot be written into an nginx configuration as they '
        'are ($, ", \\ or a control character): the configuration would be invalid or mean something else. Use a '
        "value without them (rename the folder, for example)"
    ) in captured.err
    assert "✗ --server-name：“a; include /etc/passwd”含有 nginx 配置中无法照原样写出的字符" in captured.err


pytestmark = pytest.mark.e2e  # whole builds or git pushes: left out of the fast tier (pyproject.toml, markers)
