"""The server runs an installed release of site-builder, not a working copy (issue 21, point 6): `init-remote` builds
the clone's commit into a wheel, installs it into an environment of its own, records the version and commit, and
refuses a clone whose code is not committed; a real push proves the hooks run the installed copy even when the
working copy is edited and named by PYTHONPATH. The installation is made once per test session (conftest.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import site_builder
from tests.conftest import ROOT, copy_project
from tests.test_publish import git

CATALOGUE = "site_builder/problems/catalogue/publishing.py"


def site_builder_from(clone: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`site-builder ARGS` run from `clone`'s code, as an administrator runs it from a clone of the project."""
    env = os.environ | {"PYTHONPATH": str(clone)}
    return subprocess.run(  # in the clone: `-m` puts the current folder first on the path
        [sys.executable, "-m", "site_builder", *args], capture_output=True, text=True, env=env, check=False, cwd=clone
    )


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A clone of the project at the commit the tests run from."""
    commit = git(ROOT, "rev-parse", "HEAD").stdout.strip()
    target = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(ROOT), str(target)], check=True)
    git(target, "checkout", "--quiet", commit)
    return target


@pytest.mark.e2e  # an installation and a real push
def test_the_hooks_run_the_installed_commit_whatever_the_working_copy_holds(clone: Path, tmp_path: Path) -> None:
    repo, serve, work = tmp_path / "site.git", tmp_path / "www", tmp_path / "work"
    commit = git(clone, "rev-parse", "HEAD").stdout.strip()
    made = site_builder_from(clone, "init-remote", str(repo), "--serve", str(serve), "--keep", "2")
    assert made.returncode == 0, made.stderr
    record = json.loads((repo / "site-builder.json").read_text(encoding="utf-8"))
    assert (record["version"], record["commit"]) == (site_builder.__version__, commit)
    assert Path(record["python"]).is_file() and Path(record["environment"]).parent == Path(
        os.environ["SITE_BUILDER_TOOLS"]
    )
    assert f"✓ 服务器的钩子运行 site-builder {site_builder.__version__}（提交 {commit[:12]}）" in made.stdout
    hook = (repo / "hooks/pre-receive").read_text(encoding="utf-8")
    assert f"exec {record['python']} -I -m site_builder publish-hook" in hook

    # Half-done edits in the working copy, which the push's environment names too (PYTHONPATH).
    catalogue = clone / CATALOGUE
    catalogue.write_text(
        catalogue.read_text(encoding="utf-8").replace('"已发布"', '"已发布（改了一半）"', 1), encoding="utf-8"
    )
    probe = subprocess.run(  # the edited copy is the one this environment imports
        [sys.executable, "-c", "from site_builder.problems.catalogue import publishing as p; print(p.PUBLISHED.zh)"],
        capture_output=True,
        text=True,
        env=os.environ | {"PYTHONPATH": str(clone)},
        check=True,
        cwd=clone,
    )
    assert probe.stdout.strip() == "已发布（改了一半）"

    copy_project(work)
    git(work, "init", "-q", "-b", "main")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "the site")
    git(work, "remote", "add", "site", str(repo))
    pushed = subprocess.run(
        ["git", "-C", str(work), "push", "site", "main"],
        capture_output=True,
        text=True,
        env=os.environ | {"PYTHONPATH": str(clone)},
        check=False,
    )
    assert pushed.returncode == 0, pushed.stderr
    assert f"site-builder {site_builder.__version__} on the server (commit {commit[:12]})" in pushed.stderr
    assert "✓ 已发布 / published" in pushed.stderr and "改了一半" not in pushed.stderr

    # The same clone, its code not committed, installs nothing.
    again = site_builder_from(clone, "init-remote", str(tmp_path / "b.git"), "--serve", str(tmp_path / "b"))
    assert again.returncode == 1 and not (tmp_path / "b.git").exists() and not (tmp_path / "b").exists()
    assert (
        f"✗ {clone}：这份副本的 site-builder 代码有还没有提交的改动（{CATALOGUE}）：服务器只安装已经提交的版本，"
        "改了一半的代码不能上线。请先提交（git commit）或暂时收起（git stash）这些改动，再运行一次"
    ) in again.stderr, again.stderr
    assert f"  {clone}: this copy's site-builder code has changes not committed ({CATALOGUE})" in again.stderr
    refused = site_builder_from(clone, "upgrade-remote", str(repo))
    assert refused.returncode == 1 and "changes not committed" in refused.stderr
    assert json.loads((repo / "site-builder.json").read_text(encoding="utf-8")) == record

    # Clean again: upgrade-remote (the administrator's one command) installs this commit, already there, and
    # rewrites the hooks and the record to it.
    git(clone, "checkout", "--", CATALOGUE)
    upgraded = site_builder_from(clone, "upgrade-remote", str(repo))
    assert upgraded.returncode == 0, upgraded.stderr
    assert f"（提交 {commit[:12]}）" in upgraded.stdout
    after = json.loads((repo / "site-builder.json").read_text(encoding="utf-8"))
    assert {k: after[k] for k in ("version", "commit", "python", "serve", "keep")} == {
        k: record[k] for k in ("version", "commit", "python", "serve", "keep")
    }


def test_upgrade_remote_refuses_a_repository_init_remote_did_not_make(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "--quiet", "--bare", str(tmp_path / "old.git")], check=True)
    done = site_builder_from(ROOT, "upgrade-remote", str(tmp_path / "old.git"))
    assert done.returncode == 1
    assert "has no site-builder.json: init-remote did not make this repository" in done.stderr
