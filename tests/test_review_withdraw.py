"""A copy to review before going live, and withdrawing the last release, with a real `init-remote` repository and
its real hooks: a push to the review branch is checked and built into a private copy (not indexed) and leaves the
live site byte for byte; `publish` then makes it live; `withdraw` takes the last publication back as a new release
with the earlier content; every refusal changes nothing and has its code in the catalogue."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from site_builder.cli import main
from site_builder.deploy.hooks import releases_of
from site_builder.deploy.nginx import review_config
from site_builder.problems.catalogue import BY_CODE
from site_builder.problems.catalogue import review as words
from tests.conftest import ROOT, copy_project
from tests.helpers import revise, set_cell, snapshot, without_report_pdfs
from tests.test_nginx import NGINX, free_port, get
from tests.test_publish import git
from tests.test_staff_publish import OBSERVATIONS, URL, clone, live_values

REVIEW_URL = "http://10.0.0.5:8081/"
CELL = {"indicator_id": "good-air-days", "year": "2022"}
API = "api/v1/indicators/good-air-days.json"
Remote = tuple[Path, Path, Path]


@pytest.fixture
def remote(tmp_path: Path) -> Remote:
    """A publishing repository told where its copy to review is served, its served folder, and staff member A's
    clone with the site (without the report's PDFs, see helpers.without_report_pdfs) published once."""
    repo, serve, work = tmp_path / "site.git", tmp_path / "www", tmp_path / "a"
    assert main(["init-remote", str(repo), "--serve", str(serve), "--review-url", REVIEW_URL]) == 0
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


def served(serve: Path) -> dict[str, bytes]:
    """What the server holds that is live or was: the live tree, the rollback targets, the data releases."""
    kept = {f"releases/{r.name}" for r in releases_of(serve)}
    records = {p.name: p.read_bytes() for p in (serve / "data-releases").glob("*")}
    return snapshot(serve / "current") | {name: b"" for name in kept} | records


def value(tree: Path) -> float:
    api = json.loads((tree / API).read_text(encoding="utf-8"))
    return float(next(o["value"] for o in api["observations"] if o["year"] == 2022))


@pytest.mark.e2e
def test_review_builds_a_private_copy_the_live_site_never_sees_then_publish_makes_it_live(
    remote: Remote, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo, serve, a = remote
    before = served(serve)
    revise(a / OBSERVATIONS, CELL, "80.1")
    capsys.readouterr()
    assert main(["送审", "--root", str(a), "-m", "2022 revised"]) == 0
    captured = capsys.readouterr()
    assert captured.out.endswith(words.REVIEW_READY.line() + "\n")
    assert words.REVIEW_BUILT.line(address=REVIEW_URL) in captured.err  # the server's line, as it came
    assert served(serve) == before  # live, rollback targets and data releases: byte for byte
    copy = (serve / "review").resolve()
    assert copy.parent == serve / "reviews" and value(copy) == 80.1 and value(serve / "current") == 77.8
    assert (copy / "robots.txt").read_bytes() == b"User-agent: *\nDisallow: /\n"
    pages = sorted(copy.rglob("*.html"))
    assert pages and all(b'<meta name="robots" content="noindex, nofollow">' in p.read_bytes() for p in pages)
    assert git(repo, "log", "-1", "--format=%s", "main").stdout == "the site\n"

    # A colleague's own copy to review, from a clone that never had A's: the server takes it too.
    b = clone(repo, tmp_path / "b")
    (b / "content/zh/notes.md").write_text("---\ntitle: 说明\n---\n\n正文。\n", encoding="utf-8")
    (b / "content/en/notes.md").write_text("---\ntitle: Notes\n---\n\nText.\n", encoding="utf-8")
    assert main(["review", "--root", str(b)]) == 0
    copy = (serve / "review").resolve()
    assert (copy / "en/notes/index.html").is_file() and value(copy) == 77.8
    assert sorted(p.name for p in (serve / "reviews").iterdir()) == [copy.name]  # only the last copy is kept
    assert served(serve) == before

    assert main(["publish", "--root", str(a)]) == 0  # A's reviewed change, in one command
    assert capsys.readouterr().out.endswith(f"✓ 已发布：{URL} / published: {URL}\n")
    assert live_values(serve)[2022] == 80.1
    assert b"Disallow: /\n" not in (serve / "current/robots.txt").read_bytes()
    assert b'content="noindex, nofollow"' not in (serve / "current/zh/index.html").read_bytes()


@pytest.mark.e2e
def test_a_bad_push_to_review_is_refused_and_main_and_review_at_once_too(remote: Remote) -> None:
    repo, serve, a = remote
    before = served(serve)
    set_cell(a / OBSERVATIONS, CELL, "value", "7O.8")
    git(a, "commit", "-q", "-am", "a typo")
    refused = git(a, "push", "site", "HEAD:review", check=False)
    assert refused.returncode != 0 and '"7O.8" is not a number' in refused.stderr
    assert not (serve / "review").exists() and served(serve) == before
    revise(a / OBSERVATIONS, CELL, "80.1")
    git(a, "commit", "-q", "-am", "fixed")
    both = git(a, "push", "site", "HEAD:main", "HEAD:review", check=False)
    assert both.returncode != 0
    assert words.ONE_BRANCH.line(refs="refs/heads/main, refs/heads/review") in both.stderr
    assert served(serve) == before
    assert git(repo, "show-ref", check=False).stdout.split()[1::2] == ["refs/heads/main"]


@pytest.mark.e2e
def test_withdraw_puts_back_the_content_before_the_last_publication_as_a_new_release(
    remote: Remote, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, serve, a = remote
    monkeypatch.setenv("GIT_EDITOR", "false")  # an editor or a pager that fails: withdraw must open neither
    monkeypatch.setenv("GIT_PAGER", "false")
    first = snapshot(serve / "current")
    revise(a / OBSERVATIONS, CELL, "80.1")
    assert main(["publish", "--root", str(a), "-m", "2022 revised"]) == 0
    assert live_values(serve)[2022] == 80.1
    releases, records = len(releases_of(serve)), len(list((serve / "data-releases").glob("*.json")))
    capsys.readouterr()
    assert main(["撤回", "--root", str(a)]) == 0
    out = capsys.readouterr().out
    commit = git(a, "rev-parse", "--short=12", "HEAD~1").stdout.strip()
    assert f"1/3 撤回最近一次发布：{commit}" in out and "“2022 revised”" in out
    assert out.endswith(words.WITHDRAWN.line(url=URL) + "\n")
    assert live_values(serve)[2022] == 77.8
    now = snapshot(serve / "current")
    same = [path for path in first if path.startswith(("downloads/data/", "api/v1/indicators/"))]
    assert same and [path for path in same if now[path] != first[path]] == []  # the earlier data, byte for byte
    # The pages show the earlier value; they cite the new data release (its number), so they are not byte-identical.
    page = now["en/indicators/good-air-days/index.html"].decode("utf-8")
    assert "77.8% in 2022" in page and "80.1" not in page
    assert len(releases_of(serve)) == releases + 1  # a new release, a rollback target like any other
    assert len(list((serve / "data-releases").glob("*.json"))) == records + 1  # and a data release
    assert git(repo, "log", "-1", "--format=%s", "main").stdout == 'Revert "2022 revised"\n'
    assert git(a, "status", "--porcelain").stdout == ""


@pytest.mark.e2e
def test_withdraw_refuses_with_nothing_to_withdraw_or_work_not_published(
    remote: Remote, capsys: pytest.CaptureFixture[str]
) -> None:
    repo, serve, a = remote
    before, tip = served(serve), git(repo, "rev-parse", "main").stdout
    capsys.readouterr()
    assert main(["withdraw", "--root", str(a)]) == 1  # only the first publication: the site would be empty
    assert capsys.readouterr().err == words.NOTHING_TO_WITHDRAW.line(remote="site") + "\n"
    revise(a / OBSERVATIONS, CELL, "80.1")
    assert main(["withdraw", "--root", str(a)]) == 1
    assert capsys.readouterr().err == words.UNPUBLISHED_EDITS.line(what=OBSERVATIONS) + "\n"
    git(a, "commit", "-q", "-am", "not published yet")
    assert main(["withdraw", "--root", str(a)]) == 1
    shown = git(a, "log", "-1", "--format=%h %s").stdout.strip()
    assert capsys.readouterr().err == words.UNPUBLISHED_EDITS.line(what=shown) + "\n"
    assert served(serve) == before and git(repo, "rev-parse", "main").stdout == tip
    assert git(a, "log", "-1", "--format=%s").stdout == "not published yet\n"  # the staff member's work is kept
    for message in (words.NOTHING_TO_WITHDRAW, words.UNPUBLISHED_EDITS, words.WITHDRAW_CLASH, words.ONE_BRANCH):
        assert BY_CODE[message.code] is message


def test_withdrawing_twice_takes_back_the_two_last_publications(tmp_path: Path) -> None:
    """Which publication is the last: a withdrawal and what it withdrew are passed over; the first never counts."""
    from site_builder.deploy.withdraw import last_publication

    work = tmp_path / "w"
    work.mkdir()
    git(work, "init", "-q", "-b", "main")
    git(work, "config", "user.name", "T")
    git(work, "config", "user.email", "t@example.org")
    made = []
    for text in ("first", "second", "third"):
        (work / "f.txt").write_text(text, encoding="utf-8")
        git(work, "add", "f.txt")
        git(work, "commit", "-q", "-m", text)
        made.append(git(work, "rev-parse", "HEAD").stdout.strip())
    assert last_publication(work, "HEAD") == made[2]
    git(work, "revert", "--no-edit", made[2])
    assert last_publication(work, "HEAD") == made[1]
    git(work, "revert", "--no-edit", made[1])
    assert last_publication(work, "HEAD") is None


def test_the_copy_to_review_is_served_to_private_networks_only_and_not_indexed(tmp_path: Path) -> None:
    text = review_config(tmp_path / "review", "10.0.0.5:8081")
    assert "listen 10.0.0.5:8081;" in text and f'root "{tmp_path / "review"}";' in text
    assert text.count("deny all;") == 1 and "allow 192.168.0.0/16;" in text
    assert "public" not in text and text.count('add_header X-Robots-Tag "noindex, nofollow" always;') == 4
    if Path(NGINX).exists():  # nginx itself serves it: a page, marked not to be indexed
        (tmp_path / "review").mkdir()
        (tmp_path / "review/index.html").write_text("<p>审阅</p>", encoding="utf-8")
        port = free_port()
        conf = tmp_path / "nginx.conf"
        temp = "".join(f"{k}_temp_path {tmp_path}/{k};\n" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        block = review_config(tmp_path / "review", f"127.0.0.1:{port}")
        conf.write_text(
            f"user root;\ndaemon off;\npid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
            f"http {{\naccess_log off;\n{temp}{block}}}\n",
            encoding="utf-8",
        )
        server = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(tmp_path)], stderr=subprocess.PIPE)
        try:
            for _ in range(50):
                try:
                    status, headers, body = get(f"http://127.0.0.1:{port}/")
                    break
                except OSError:
                    time.sleep(0.1)
            assert status == 200 and body.decode("utf-8") == "<p>审阅</p>"
            assert headers["X-Robots-Tag"] == "noindex, nofollow" and headers["Cache-Control"] == "no-store"
        finally:
            server.terminate()
            server.wait(timeout=10)
    assert main(["nginx-config", "--serve", str(tmp_path), "--review-listen", "80; evil"]) == 1
