"""Attacks on the server's publishing, with a real `init-remote` repository and its real hooks (issue: attack the
server-side commands): what a pushed tree can make the server build, names that break the server or a colleague's
computer, the copy to review named by the live site or left indexable, deleting the review branch, and an upgrade of
the server's tool that fails. Each refusal leaves the live site, main and the server's folders as they were."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_builder.cli import main
from site_builder.deploy import hooks, pushed, review_copy
from site_builder.problems import Location
from tests.helpers import assert_line, assert_problem, snapshot
from tests.test_publish import git, publish_once
from tests.test_server_tool import clone, site_builder_from

REVIEW_URL = "http://10.0.0.5:8081/"
Remote = tuple[Path, Path, Path]
__all__ = ["clone"]  # a fixture, used by name


def make_remote(root: Path) -> Remote:
    return publish_once(root / "site.git", root / "www", root / "a", "--review-url", REVIEW_URL)


@pytest.fixture
def remote(tmp_path: Path) -> Remote:
    return make_remote(tmp_path)


@pytest.fixture(scope="module")
def refusing(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Remote]:
    """One server for the tests whose pushes are all refused (each test checks that nothing moved)."""
    yield make_remote(tmp_path_factory.mktemp("refusing"))


def said(pushed: subprocess.CompletedProcess[str]) -> str:
    """What the server said, as it printed it (without git's `remote: ` and its padding)."""
    return "\n".join(line.removeprefix("remote: ").rstrip() for line in pushed.stderr.splitlines())


def server_state(repo: Path, serve: Path) -> tuple[str, dict[str, bytes], list[str], list[str]]:
    """main's commit, the live site's files, the releases, and what .work holds."""
    tip = git(repo, "show-ref", check=False).stdout
    releases = sorted(p.name for p in (serve / "releases").iterdir())
    return tip, snapshot(serve / "current"), releases, sorted(p.name for p in (serve / ".work").glob("*"))


def commit_with(work: Path, paths: list[str], message: str) -> str:
    """A commit on top of HEAD holding the site's about page again under each of `paths`, names that the file system
    may not even allow (they are put in git's index directly); returns it, leaving the working copy as it was."""
    blob = git(work, "hash-object", "-w", "content/en/about.md").stdout.strip()
    index = work / ".git" / "attack-index"
    env = os.environ | {"GIT_INDEX_FILE": str(index)}
    subprocess.run(["git", "-C", str(work), "read-tree", "HEAD"], check=True, env=env)
    for path in paths:
        subprocess.run(
            ["git", "-C", str(work), "update-index", "--add", "--cacheinfo", f"100644,{blob},{path}"],
            check=True,
            env=env,
        )
    tree = subprocess.run(
        ["git", "-C", str(work), "write-tree"], check=True, env=env, capture_output=True, text=True
    ).stdout.strip()
    index.unlink()
    return git(work, "commit-tree", tree, "-p", "HEAD", "-m", message).stdout.strip()


# What the server builds is what the commit holds


@pytest.mark.e2e
def test_a_pushed_gitattributes_cannot_change_what_the_server_builds(remote: Remote) -> None:
    """Before: `ident` made the server publish `$Id: <hash> $` where the commit holds `$Id$`, and
    `working-tree-encoding` made it read a UTF-8 page as UTF-16 and refuse it as "not a text file"."""
    _repo, serve, work = remote
    about = work / "content/en/about.md"
    about.write_text(about.read_text(encoding="utf-8").replace("## Notice of issue", "$Id$\n\n## Notice of issue", 1))
    (work / ".gitattributes").write_text(
        "content/en/about.md ident\ncontent/zh/about.md working-tree-encoding=UTF-16LE\ndatasets/*.csv eol=crlf\n",
        encoding="utf-8",
    )
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "attributes that would change the files on checkout")
    done = git(work, "push", "site", "main", check=False)
    assert done.returncode == 0, said(done)
    page = (serve / "current/en/about/index.html").read_text(encoding="utf-8")
    assert "$Id$" in page and "$Id:" not in page
    zh = (serve / "current/zh/about/index.html").read_text(encoding="utf-8")
    assert "湖州" in zh


def test_the_server_takes_out_each_file_byte_for_byte_whatever_gitattributes_says(tmp_path: Path) -> None:
    repo = tmp_path / "site.git"
    work = tmp_path / "work"
    work.mkdir()
    git(work, "init", "-q", "-b", "main")
    (work / "data.csv").write_bytes(b"a,b\n1,$Id$\n")
    (work / ".gitattributes").write_text("* text eol=crlf ident\n", encoding="utf-8")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "data")
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(repo)], check=True)
    out = tmp_path / "out"
    out.mkdir()
    assert pushed.check_out(repo, "main", out, tmp_path / "index") == ""
    assert (out / "data.csv").read_bytes() == b"a,b\n1,$Id$\n"


def test_a_checkout_git_cannot_make_is_said_in_gits_words(tmp_path: Path) -> None:
    """Before: the hook ran the checkout with check=True and a file name too long printed a Python traceback."""
    work = tmp_path / "work"
    work.mkdir()
    git(work, "init", "-q", "-b", "main")
    (work / "content/en").mkdir(parents=True)
    (work / "content/en/about.md").write_text("about\n", encoding="utf-8")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "about")
    commit = commit_with(work, ["content/en/" + "a" * 300 + ".md"], "a name too long")
    out = tmp_path / "out"
    out.mkdir()
    assert "File name too long" in pushed.check_out(work / ".git", commit, out, tmp_path / "index")


# Names that break the server or a colleague's computer


NAMES = [
    ("content/en/" + "a" * 300 + ".md", "push.name-too-long", "content/en/" + "a" * 60 + "…(303)"),
    ("content/en/" + "长" * 90 + ".md", "push.name-too-long", "content/en/" + "长" * 60 + "…(93)"),
    ("content/en/about\n.md", "push.name-control-character", "content/en/about\\x0a.md"),
    ("datasets/notes:2024.csv", "push.name-not-for-windows", "datasets/notes:2024.csv"),
    ("content/en/NUL.md", "push.name-not-for-windows", "content/en/NUL.md"),
    ("content/en/about.md.", "push.name-not-for-windows", "content/en/about.md."),
    ("content/en/About.md", "push.name-case-clash", "content/en/about.md"),
    ("Content/en/about.md", "push.name-case-clash", "content"),
]


@pytest.mark.e2e
@pytest.mark.parametrize(("name", "code", "shown"), NAMES)
def test_a_name_no_computer_can_hold_is_refused_before_the_build(
    refusing: Remote, name: str, code: str, shown: str
) -> None:
    """Before: a name too long made the hook print a traceback; the others went live, and broke the copies of
    colleagues on Windows (or macOS: case)."""
    repo, serve, work = refusing
    before = server_state(repo, serve)
    commit = commit_with(work, [name], "a file with a strange name")
    done = git(work, "push", "site", f"{commit}:refs/heads/main", check=False)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert_problem(said(done), code, Location(shown))
    assert_line(said(done), "push.refused-problems")
    assert "checked and built" not in done.stderr  # refused before the build
    assert server_state(repo, serve) == before


@pytest.mark.e2e
def test_a_submodule_is_refused(refusing: Remote) -> None:
    repo, serve, work = refusing
    before = server_state(repo, serve)
    head = git(work, "rev-parse", "HEAD").stdout.strip()
    index = work / ".git" / "attack-index"
    env = os.environ | {"GIT_INDEX_FILE": str(index)}
    subprocess.run(["git", "-C", str(work), "read-tree", "HEAD"], check=True, env=env)
    gitlink = f"160000,{head},content/en/figures"
    subprocess.run(["git", "-C", str(work), "update-index", "--add", "--cacheinfo", gitlink], check=True, env=env)
    tree = subprocess.run(["git", "-C", str(work), "write-tree"], env=env, capture_output=True, text=True).stdout
    commit = git(work, "commit-tree", tree.strip(), "-p", "HEAD", "-m", "a submodule").stdout.strip()
    done = git(work, "push", "site", f"{commit}:refs/heads/main", check=False)
    assert done.returncode != 0
    assert_problem(said(done), "push.submodule", Location("content/en/figures"))
    assert server_state(repo, serve) == before


@pytest.mark.e2e
def test_deleting_the_review_branch_is_refused_in_its_own_name(refusing: Remote) -> None:
    """Before: the refusal said "main cannot be deleted" when review was."""
    repo, serve, work = refusing
    git(work, "push", "site", "main:review")
    before = server_state(repo, serve)
    done = git(work, "push", "site", ":review", check=False)
    assert done.returncode != 0
    assert "✗ 推送被拒绝：不能删除 review 分支 / push refused: review cannot be deleted" in said(done)
    assert server_state(repo, serve) == before


# The copy to review: never named by the live site, never indexed


@pytest.mark.e2e
def test_a_push_that_names_the_copy_to_review_is_refused_at_each_place(remote: Remote) -> None:
    """Before: base_url set to the copy to review's address went live (every canonical link, feed and citation
    sending readers and search engines to the private copy), and so did a page linking to it."""
    repo, serve, work = remote
    before = server_state(repo, serve)
    config = (work / "site.toml").read_text(encoding="utf-8")
    (work / "site.toml").write_text(config.replace("https://czh.huzhou.gov.cn/", REVIEW_URL, 1), encoding="utf-8")
    row = config.splitlines().index('base_url = "https://czh.huzhou.gov.cn/"') + 1
    about = work / "content/en/about.md"
    lines = about.read_text(encoding="utf-8").splitlines()
    lines.append("See the [draft](http://10.0.0.5:8081/en/about/).")
    about.write_text("\n".join(lines) + "\n", encoding="utf-8")
    git(work, "commit", "-q", "-am", "names the copy to review")
    for branch in ("main", "review"):
        done = git(work, "push", "site", f"main:{branch}", check=False)
        assert done.returncode != 0, said(done)
        assert_problem(said(done), "push.names-review-address", Location("site.toml", row=row))
        assert_problem(said(done), "push.names-review-address", Location("content/en/about.md", row=len(lines)))
        assert_line(said(done), "push.refused-problems")
    assert server_state(repo, serve) == before
    assert not (serve / "review").exists()


PAGES = {
    "as the theme writes it": b'<!doctype html><html><head>\n<meta charset="utf-8">\n<title>t</title>',
    "in capitals": b"<!DOCTYPE html><HTML><HEAD><META CHARSET=UTF-8><TITLE>t</TITLE>",
    "no charset": b'<!doctype html><html lang="en"><head data-x="1"><title>t</title></head>',
    "no head": b"<!doctype html><title>t</title><p>a page",
}


def test_every_page_of_the_copy_to_review_is_marked_not_indexed_whatever_its_theme_writes(tmp_path: Path) -> None:
    """Before: the mark went only after the exact text `<meta charset="utf-8">`; a theme (pushed with the site)
    that wrote it otherwise left its pages without it. The live release, whose files the copy links, keeps its bytes."""
    live, copy = tmp_path / "live", tmp_path / "copy"
    live.mkdir()
    copy.mkdir()
    for n, page in enumerate(PAGES.values()):
        (live / f"{n}.html").write_bytes(page)
        os.link(live / f"{n}.html", copy / f"{n}.html")  # as the build links an unchanged page from the live release
    review_copy.not_indexed(copy)
    for n, (how, page) in enumerate(PAGES.items()):
        marked = (copy / f"{n}.html").read_bytes()
        assert marked.count(review_copy.NOT_INDEXED) == 1, how
        assert marked.replace(b"\n" + review_copy.NOT_INDEXED, b"").replace(review_copy.NOT_INDEXED + b"\n", b"") == (
            page
        ), how
        assert marked.index(review_copy.NOT_INDEXED) < (marked.lower() + b"<title>").index(b"<title>"), how
        assert (live / f"{n}.html").read_bytes() == page
    assert (copy / "robots.txt").read_bytes() == b"User-agent: *\nDisallow: /\n"


# The server's tool


@pytest.mark.e2e
def test_an_upgrade_that_fails_to_install_leaves_the_old_tool_and_the_live_site(
    clone: Path, refusing: Remote, tmp_path: Path
) -> None:
    """No test held it: an upgrade whose install fails rewrites neither hook nor record (and the site stays)."""
    repo, serve, _work = refusing
    before = server_state(repo, serve)
    hooks = {name: (repo / "hooks" / name).read_bytes() for name in ("pre-receive", "post-receive")}
    record = (repo / "site-builder.json").read_bytes()
    pyproject = clone / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8").replace("[project]", "[project\n", 1), encoding="utf-8")
    git(clone, "commit", "-q", "-am", "a pyproject.toml pip cannot read")
    wheels = tmp_path / "wheels"  # offline, as on a server without network: nothing is fetched
    wheels.mkdir()
    done = site_builder_from(clone, "upgrade-remote", str(repo), "--wheels", str(wheels))
    assert done.returncode == 1, done.stderr
    assert_problem(done.stderr, "admin.tool-install-failed", Location("pip"))
    assert {name: (repo / "hooks" / name).read_bytes() for name in hooks} == hooks
    assert (repo / "site-builder.json").read_bytes() == record
    assert server_state(repo, serve) == before
    old = json.loads(record)["environment"]
    assert (Path(old) / "installed.json").is_file()  # the installation the hooks run is whole


# Links that lead nowhere


@pytest.mark.parametrize("target", ["loop.md", "nowhere.md"])
def test_a_link_to_nothing_is_named_with_its_fix(
    project: Path, capsys: pytest.CaptureFixture[str], target: str
) -> None:
    """Before: a pushed link to itself or to no file made the server say only "the build failed, pass this on to the
    administrator" (a RuntimeError or FileNotFoundError, no file named); `validate` printed a traceback."""
    (project / "content/en/loop.md").symlink_to(target)
    (project / "themes/default/static/a.css").symlink_to("b.css")
    (project / "themes/default/static/b.css").symlink_to("a.css")
    assert main(["validate", "--root", str(project)]) == 1
    printed = capsys.readouterr().err
    assert "Traceback" not in printed
    for path in ("content/en/loop.md", "themes/default/static/a.css", "themes/default/static/b.css"):
        assert_problem(printed, "file.link-broken", Location(path))


# A review push and a main push at the same time


@pytest.mark.e2e
def test_a_copy_to_review_being_made_holds_up_no_publication(remote: Remote) -> None:
    """Before: a main push that came while a review push waited to be shown was refused with "someone else published
    first: run git pull", which was untrue (main had not moved) and which git pull could not mend. A pending push to
    the same branch still refuses it."""
    repo, serve, work = remote
    waiting = serve / ".work" / hooks._process_name(os.getpid())  # a push in progress: this test's own process
    waiting.mkdir()
    pending = {"commit": "0" * 40, "release": "20261201-000000-000000000000", "ref": "refs/heads/review"}
    (waiting / "pending.json").write_text(json.dumps(pending), encoding="utf-8")
    about = work / "content/en/about.md"
    about.write_text(about.read_text(encoding="utf-8").replace("## Notice of issue", "## Notice of issue (new)", 1))
    git(work, "commit", "-q", "-am", "a page edit")
    done = git(work, "push", "site", "main", check=False)
    assert done.returncode == 0, said(done)
    assert "Notice of issue (new)" in (serve / "current/en/about/index.html").read_text(encoding="utf-8")
    pending["ref"] = "refs/heads/main"
    (waiting / "pending.json").write_text(json.dumps(pending), encoding="utf-8")
    about.write_text(about.read_text(encoding="utf-8").replace("(new)", "(newer)", 1))
    git(work, "commit", "-q", "-am", "another page edit")
    before = server_state(repo, serve)
    done = git(work, "push", "site", "main", check=False)
    assert done.returncode != 0
    assert_line(said(done), "push.someone-else-first")
    assert server_state(repo, serve) == before


# A hurried pusher's Ctrl-C once main has moved


def waiting_for_the_lock(pid: int) -> None:
    """Until process `pid` waits for a lock (a blocked request in /proc/locks: "-> FLOCK ... pid")."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        for line in Path("/proc/locks").read_text(encoding="ascii").splitlines():
            parts = line.split()
            if parts[1:2] == ["->"] and parts[5] == str(pid):
                return
        time.sleep(0.1)
    raise AssertionError(f"process {pid} never waited for the lock")


@pytest.mark.e2e
def test_ctrl_c_or_a_closed_terminal_once_main_has_moved_does_not_stop_it_going_live(remote: Remote) -> None:
    """Before: Ctrl-C (or a hang-up) reached the post-receive hook, which died waiting for the lock or midway: main
    named the new commit while the old release stayed live, unrecorded, or a release that never went live sat among
    the rollback targets. The hooks are run as git runs them (their parent is this process, as it is receive-pack)."""
    repo, serve, work = remote
    first = (serve / "current").resolve()
    about = work / "content/en/about.md"
    about.write_text(about.read_text(encoding="utf-8").replace("## Notice of issue", "## Notice of issue (new)", 1))
    git(work, "commit", "-q", "-am", "a page edit")
    old, new = git(repo, "rev-parse", "main").stdout.strip(), git(work, "rev-parse", "HEAD").stdout.strip()
    git(repo, "fetch", "-q", str(work), "main")  # the pushed objects, as receive-pack stores them
    line = f"{old} {new} refs/heads/main\n"
    built = subprocess.run([repo / "hooks/pre-receive"], input=line, capture_output=True, text=True, cwd=repo)
    assert built.returncode == 0, built.stderr
    git(repo, "update-ref", "refs/heads/main", new, old)  # what git does once the pre-receive hook accepts
    with hooks.publishing_lock(serve):  # the post-receive hook waits here, as behind another push's last step
        post = subprocess.Popen(
            [repo / "hooks/post-receive"], stdin=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=repo
        )
        assert post.stdin is not None
        post.stdin.write(line)
        post.stdin.close()
        waiting_for_the_lock(post.pid)
        for stop in (signal.SIGINT, signal.SIGHUP):
            post.send_signal(stop)
        time.sleep(0.5)
    assert post.wait(timeout=60) == 0
    live = (serve / "current").resolve()
    assert live != first and live.name.endswith(new[:12])
    assert "Notice of issue (new)" in (live / "en/about/index.html").read_text(encoding="utf-8")
    assert list((serve / ".work").iterdir()) == []
