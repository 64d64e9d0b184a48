"""Server set-up: `init-remote` makes the publishing repository and its served folder, refusing to touch anything
already there; `served` checks that a folder is one before an administrator command acts on it."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

from site_builder.problems import Location, Problem, ProblemsFound

RELEASES, RECORDS, WORK = "releases", "data-releases", ".work"
HOOK = """#!/bin/sh
# Installed by `site-builder init-remote`: every push to main is validated and built before git accepts it
# (pre-receive), and published once git has moved main (post-receive). Charts, templates and the search index
# are cached between pushes in the served folder.
SITE_BUILDER_CACHE=${{SITE_BUILDER_CACHE:-{cache}}}
export SITE_BUILDER_CACHE
exec {python} -m site_builder publish-hook --stage {stage} --repo {repo} --serve {serve} --keep {keep}
"""
SETTINGS = (
    ("receive.denyNonFastForwards", "true"),  # published history is never rewritten (the hook says why first)
    ("receive.denyDeletes", "true"),
)


def init_remote(repo: Path, serve: Path, keep: int) -> None:
    """A bare repository at `repo` that publishes into `serve` (releases side by side, `current` the live one).
    Raises ProblemsFound, touching nothing, when either path already holds something."""
    problems = _repository_taken(repo) + _folder_taken(serve)
    if problems:
        raise ProblemsFound(problems)
    (serve / RELEASES).mkdir(parents=True, exist_ok=True)  # first: a folder that cannot be made stops all here
    try:
        subprocess.run(
            ["git", "init", "--quiet", "--bare", "--initial-branch=main", str(repo)], check=True, capture_output=True
        )
    except subprocess.CalledProcessError as error:
        raise ProblemsFound([_cannot(repo, error.stderr.decode("utf-8", "replace").strip())]) from None
    for key, value in SETTINGS:
        subprocess.run(["git", f"--git-dir={repo}", "config", key, value], check=True)
    for stage in ("pre", "post"):
        hook = repo / "hooks" / f"{stage}-receive"
        hook.write_text(
            HOOK.format(
                python=shlex.quote(sys.executable),
                repo=shlex.quote(str(repo.resolve())),
                serve=shlex.quote(str(serve.resolve())),
                cache=shlex.quote(str(serve.resolve() / ".cache")),
                keep=keep,
                stage=stage,
            ),
            encoding="utf-8",
        )
        hook.chmod(0o755)


def served(serve: Path) -> None:
    """Raise ProblemsFound unless `serve` is a folder that init-remote set up and a push has published into."""
    where = Location(str(serve))
    if not (serve / RELEASES).is_dir():
        raise ProblemsFound([Problem(
            where,
            "这里没有发布的网站（找不到 releases/ 文件夹）：请检查路径；发布文件夹由 site-builder init-remote 建立",
            "no published site here (no releases/ folder): check the path; site-builder init-remote sets up the "
            "served folder",
        )])  # fmt: skip
    if not (serve / "current").is_symlink():
        raise ProblemsFound([Problem(
            where,
            "还没有发布过任何版本（没有 current）：第一次 git push 到 main 之后才有可以回退的版本",
            "nothing has been published here yet (no current): there is a release to go back to only after pushes "
            "to main",
        )])  # fmt: skip


def _repository_taken(repo: Path) -> list[Problem]:
    where = Location(str(repo))
    if repo.exists() and not repo.is_dir():
        return [Problem(
            where,
            "这是一个文件，不是文件夹：init-remote 要在这里新建 git 仓库。请换一个还不存在的路径",
            "is a file, not a folder: init-remote makes a new git repository here. Choose a path that does not "
            "exist yet",
        )]  # fmt: skip
    if not repo.is_dir() or not any(repo.iterdir()):
        return []
    if (repo / "HEAD").is_file() and (repo / "objects").is_dir():
        return [Problem(
            where,
            f"这里已经有一个 git 仓库（{_describe_repository(repo, 'zh')}）。init-remote 只新建仓库，不会改动已有的"
            "仓库和它的钩子；要重新设置，请先把它移走，或换一个路径",
            f"already holds a git repository ({_describe_repository(repo, 'en')}). init-remote only makes a new one "
            "and leaves an existing repository and its hooks alone; to set it up again, move it away first or "
            "choose another path",
        )]  # fmt: skip
    count = sum(1 for _ in repo.iterdir())
    return [Problem(
        where,
        f"这个文件夹不是空的（里面有 {count} 个文件或文件夹）：init-remote 只在空文件夹或不存在的路径上新建仓库",
        f"this folder is not empty (it holds {count} files or folders): init-remote makes a repository only in an "
        "empty folder or a path that does not exist yet",
    )]  # fmt: skip


def _describe_repository(repo: Path, lang: str) -> str:
    tip = subprocess.run(
        ["git", f"--git-dir={repo}", "rev-list", "--count", "refs/heads/main"], capture_output=True, text=True
    )
    commits = tip.stdout.strip() if tip.returncode == 0 else "0"
    hook = repo / "hooks" / "pre-receive"
    target = re.search(r"--serve (\S+)", hook.read_text(encoding="utf-8", errors="replace")) if hook.is_file() else None
    if lang == "zh":
        published = f"，发布到 {shlex.split(target.group(1))[0]}" if target else ""
        return f"main 分支上有 {commits} 个提交{published}"
    published = f", publishing into {shlex.split(target.group(1))[0]}" if target else ""
    return f"{commits} commits on main{published}"


def _folder_taken(serve: Path) -> list[Problem]:
    where = Location(str(serve))
    if serve.exists() and not serve.is_dir():
        return [Problem(
            where,
            "这是一个文件，不是文件夹：发布的网站要放在一个文件夹里。请换一个路径",
            "is a file, not a folder: the published site goes into a folder. Choose another path",
        )]  # fmt: skip
    current = serve / "current"
    if current.is_symlink() or ((serve / RELEASES).is_dir() and any((serve / RELEASES).iterdir())):
        live = current.resolve().name if current.is_symlink() else "–"
        return [Problem(
            where,
            f"这里已经在发布一个网站（当前版本 {live}）。init-remote 不会改动它；请换一个文件夹，或先把它移走",
            f"already serves a site (live release {live}). init-remote leaves it alone; choose another folder or "
            "move it away first",
        )]  # fmt: skip
    return []


def _cannot(repo: Path, reason: str) -> Problem:
    return Problem(
        Location(str(repo)),
        f"无法在这里新建 git 仓库（{reason}）：请检查路径和权限",
        f"cannot make a git repository here ({reason}): check the path and the permissions",
    )
