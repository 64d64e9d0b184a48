"""Publish: a bare git repository whose pre-receive hook validates and builds every push to main in strict mode
and refuses a bad push with every problem; its post-receive hook, which git runs only once main has really moved,
publishes the new release by switching a `current` link atomically."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from site_builder.build import build
from site_builder.problems import ProblemsFound

BRANCH = "refs/heads/main"
ZERO = "0" * 40
HOOK = """#!/bin/sh
# Installed by `site-builder init-remote`: every push to main is validated and built before git accepts it
# (pre-receive), and published once git has moved main (post-receive).
exec {python} -m site_builder publish-hook --stage {stage} --repo {repo} --serve {serve} --keep {keep}
"""


def init_remote(repo: Path, serve: Path, keep: int) -> None:
    """A bare repository at `repo` that publishes into `serve` (releases side by side, `current` the live one)."""
    subprocess.run(["git", "init", "--quiet", "--bare", "--initial-branch=main", str(repo)], check=True)
    serve.mkdir(parents=True, exist_ok=True)
    (serve / "releases").mkdir(exist_ok=True)
    for stage in ("pre", "post"):
        hook = repo / "hooks" / f"{stage}-receive"
        hook.write_text(
            HOOK.format(
                python=shlex.quote(sys.executable),
                repo=shlex.quote(str(repo.resolve())),
                serve=shlex.quote(str(serve.resolve())),
                keep=keep,
                stage=stage,
            ),
            encoding="utf-8",
        )
        hook.chmod(0o755)


@contextlib.contextmanager
def publishing_lock(serve: Path) -> Iterator[None]:
    """One publication at a time: a second push waits here until the first is done."""
    with (serve / ".publish.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def pre_receive(repo: Path, serve: Path, lines: list[str]) -> int:
    """Run by git with its "old new ref" lines before it accepts a push: 0 accepts, 1 refuses."""
    for line in lines:
        old, new, ref = line.split()
        if ref != BRANCH:
            continue
        if new == ZERO:
            print("✗ 不能删除 main 分支 / main cannot be deleted", file=sys.stderr)
            return 1
        with publishing_lock(serve):  # one build at a time
            if _tip(repo) != old:
                print(
                    "✗ 推送被拒绝：别人刚刚发布了新版本，请先 git pull 再推送 / push refused: someone else "
                    "published first; run git pull, then push again",
                    file=sys.stderr,
                )
                return 1
            return _build_release(repo, serve, new)
    return 0


def post_receive(serve: Path, keep: int, lines: list[str]) -> int:
    """Run by git after main has moved: make the release built for the new main live."""
    for line in lines:
        _old, new, ref = line.split()
        if ref == BRANCH and new != ZERO:
            built = [r for r in releases_of(serve) if r.name.endswith(f"-{new[:12]}")]
            with publishing_lock(serve):
                switch(serve, built[-1])
                prune(serve, keep)
            print(f"✓ 已发布 / published {built[-1].name}", file=sys.stderr)
    return 0


def _tip(repo: Path) -> str:
    result = subprocess.run(
        ["git", f"--git-dir={repo}", "rev-parse", "--verify", "--quiet", BRANCH],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() or ZERO


def _build_release(repo: Path, serve: Path, revision: str) -> int:
    started = time.perf_counter()
    # The pushed objects sit in git's quarantine, which the hook's environment points to; an absolute GIT_DIR lets
    # the release history be read from the checkout too. Charts are cached between pushes.
    os.environ["GIT_DIR"] = str(repo.resolve())
    os.environ.setdefault("SITE_BUILDER_CACHE", str(serve / ".cache"))
    release = serve / "releases" / f"{time.strftime('%Y%m%d-%H%M%S')}-{revision[:12]}"
    with tempfile.TemporaryDirectory(prefix="site-builder-push-") as folder:
        checkout = Path(folder) / "checkout"
        checkout.mkdir()
        subprocess.run(
            ["git", f"--git-dir={repo}", f"--work-tree={checkout}", "checkout", "-f", revision, "--", "."],
            check=True,
            capture_output=True,
        )
        try:
            build(checkout, release, strict=True, progress=_progress, revision=revision)
        except ProblemsFound as found:
            for problem in found.problems:
                print(f"✗ {problem.format('zh')}\n  {problem.format('en')}", file=sys.stderr)
            count = len(found.problems)
            print(
                f"✗ 推送被拒绝：{count} 个问题，网站保持不变 / push refused: {count} problem(s); "
                "the live site is unchanged",
                file=sys.stderr,
            )
            return 1
        except OSError as error:
            if error.errno != errno.ENOSPC:
                return _server_failed(error)
            print(
                "✗ 推送被拒绝：服务器磁盘已满，网站保持不变；请告诉网站管理员 / push refused: the server's disk is "
                "full; the live site is unchanged. Tell the site's administrator.",
                file=sys.stderr,
            )
            return 1
        except Exception as error:  # refused with a message the pusher can pass on, never a traceback
            return _server_failed(error)
    print(
        f"✓ 检查通过，已生成 / checked and built {release.name} ({time.perf_counter() - started:.1f} s)",
        file=sys.stderr,
    )
    return 0


def _server_failed(error: BaseException) -> int:
    print(
        f"✗ 推送被拒绝：服务器上的构建出错，网站保持不变；请把这条信息转给网站管理员 / push refused: the build failed "
        f"on the server; the live site is unchanged. Pass this message on to the site's administrator: {error!r}",
        file=sys.stderr,
    )
    return 1


def switch(serve: Path, release: Path) -> None:
    """Point `current` at `release` in one rename: readers see the old release or the new one, never a mix."""
    link = serve / "current"
    staging = serve / f".current-{os.getpid()}"
    staging.unlink(missing_ok=True)
    staging.symlink_to(Path("releases") / release.name)
    staging.replace(link)


def releases_of(serve: Path) -> list[Path]:
    return sorted(p for p in (serve / "releases").iterdir() if p.is_dir() and not p.name.startswith("."))


def prune(serve: Path, keep: int) -> None:
    """Keep the newest `keep` releases (and always the live one)."""
    live = (serve / "current").resolve()
    for old in releases_of(serve)[:-keep]:
        if old.resolve() != live:
            shutil.rmtree(old, ignore_errors=True)


def rollback(serve: Path) -> Path | None:
    """Switch `current` back to the release before it; returns the release now live (None: there is none)."""
    live = (serve / "current").resolve()
    earlier = [r for r in releases_of(serve) if r.name < live.name]
    if not earlier:
        return None
    with publishing_lock(serve):
        switch(serve, earlier[-1])
    return earlier[-1]


def _progress(stage: str, seconds: float) -> None:
    print(f"  {stage:<28} {seconds:6.2f} s", file=sys.stderr, flush=True)
