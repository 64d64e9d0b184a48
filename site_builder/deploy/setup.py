"""Server set-up: `init-remote` makes the publishing repository and its served folder, refusing to touch anything
already there; `served` checks that a folder is one before an administrator command acts on it."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
from dataclasses import asdict
from pathlib import Path

from site_builder.deploy import tool
from site_builder.deploy.tool import Installed
from site_builder.output.atomic import replace_file
from site_builder.problems import Location, Problem, ProblemsFound
from site_builder.problems.catalogue import publishing as words
from site_builder.problems.message import Said

RELEASES, RECORDS, WORK = "releases", "data-releases", ".work"
HOOK = """#!/bin/sh
# Installed by `site-builder init-remote`: every push to main is validated and built before git accepts it
# (pre-receive), and published once git has moved main (post-receive). Charts, templates and the search index
# are cached between pushes in the served folder. The tool is site-builder {version} (commit {commit}), installed
# in its own environment (see site-builder.json beside this folder); -I: no PYTHONPATH, no working copy.
SITE_BUILDER_CACHE=${{SITE_BUILDER_CACHE:-{cache}}}
export SITE_BUILDER_CACHE
{ignore}exec {python} -I -m site_builder publish-hook --stage {stage} --repo {repo} --serve {serve} --keep {keep}
"""
# The post-receive hook runs once main has moved: the pusher's Ctrl-C, a closed terminal or a dropped connection must
# not stop it halfway (main published but its release not live, or a release among the rollback targets that never
# was). Ignored here, they stay ignored in Python, which leaves an ignored SIGINT alone.
IGNORE = "# main has moved: nothing the pusher does stops its release going live\ntrap '' INT HUP PIPE\n"
INSTALLED = "site-builder.json"  # in the repository: the tool its hooks run, and where they publish
SETTINGS = (
    ("receive.denyNonFastForwards", "true"),  # published history is never rewritten (the hook says why first)
    ("receive.denyDeletes", "true"),
)


def init_remote(repo: Path, serve: Path, keep: int, tools: Path | None = None, wheels: Path | None = None) -> Installed:
    """A bare repository at `repo` that publishes into `serve` (releases side by side, `current` the live one), its
    hooks run by site-builder installed from this clone's commit into `tools` (default: $SITE_BUILDER_TOOLS, else
    `site-builder/` beside the repository). Raises ProblemsFound, touching nothing, when either path already holds something, or the
    clone's code is not committed."""
    problems = _repository_taken(repo) + _folder_taken(serve)
    if problems:
        raise ProblemsFound(problems)
    default = os.environ.get("SITE_BUILDER_TOOLS") or repo.resolve().parent / "site-builder"
    installed = tool.install(tools or Path(default), wheels)
    (serve / RELEASES).mkdir(parents=True, exist_ok=True)  # first: a folder that cannot be made stops all here
    try:
        subprocess.run(
            ["git", "init", "--quiet", "--bare", "--initial-branch=main", str(repo)], check=True, capture_output=True
        )
    except subprocess.CalledProcessError as error:
        raise ProblemsFound([_cannot(repo, error.stderr.decode("utf-8", "replace").strip())]) from None
    for key, value in SETTINGS:
        subprocess.run(["git", f"--git-dir={repo}", "config", key, value], check=True)
    _hooks(repo, serve, keep, installed)
    return installed


def upgrade_remote(repo: Path, wheels: Path | None = None) -> Installed:
    """Install this clone's commit beside the one `repo`'s hooks run, and point the hooks at it: the next push
    runs it. Raises ProblemsFound, changing nothing, when `repo` has no record or the install fails."""
    try:
        record = json.loads((repo / INSTALLED).read_text(encoding="utf-8"))
        serve, keep, tools = Path(record["serve"]), int(record["keep"]), Path(record["tools"])
    except (OSError, ValueError, KeyError, TypeError):
        raise ProblemsFound([words.TOOL_NO_RECORD.at(Location(str(repo / INSTALLED)))]) from None
    installed = tool.install(tools, wheels)
    _hooks(repo, serve, keep, installed)
    return installed


def _hooks(repo: Path, serve: Path, keep: int, installed: Installed) -> None:
    """Write both hooks to run `installed`, and the record of it, each file replaced whole."""
    for stage in ("pre", "post"):
        hook = repo / "hooks" / f"{stage}-receive"
        text = HOOK.format(
            python=shlex.quote(installed.python),
            version=installed.version,
            commit=installed.commit,
            repo=shlex.quote(str(repo.resolve())),
            serve=shlex.quote(str(serve.resolve())),
            cache=shlex.quote(str(serve.resolve() / ".cache")),
            keep=keep,
            stage=stage,
            ignore=IGNORE if stage == "post" else "",
        )
        # Executable before it takes the hook's name: git skips a hook it cannot run, and would take a push unchecked.
        replace_file(hook, text.encode("utf-8"), mode=0o755)
    record = asdict(installed) | {"serve": str(serve.resolve()), "keep": keep}
    record["tools"] = str(Path(installed.environment).parent)
    replace_file(repo / INSTALLED, (json.dumps(record, indent=2) + "\n").encode("utf-8"), durable=True)


def served(serve: Path) -> None:
    """Raise ProblemsFound unless `serve` is a folder that init-remote set up and a push has published into."""
    where = Location(str(serve))
    if not (serve / RELEASES).is_dir():
        raise ProblemsFound([words.NOTHING_SERVED.at(where)])
    if not (serve / "current").is_symlink():
        raise ProblemsFound([words.NOTHING_PUBLISHED.at(where)])


def _repository_taken(repo: Path) -> list[Problem]:
    where = Location(str(repo))
    if repo.exists() and not repo.is_dir():
        return [words.REPOSITORY_IS_A_FILE.at(where)]
    if not repo.is_dir() or not any(repo.iterdir()):
        return []
    if (repo / "HEAD").is_file() and (repo / "objects").is_dir():
        return [words.REPOSITORY_EXISTS.at(where, described=_describe_repository(repo))]
    count = sum(1 for _ in repo.iterdir())
    return [words.NOT_EMPTY.at(where, count=count)]


def _describe_repository(repo: Path) -> Said:
    tip = subprocess.run(
        ["git", f"--git-dir={repo}", "rev-list", "--count", "refs/heads/main"], capture_output=True, text=True
    )
    commits = tip.stdout.strip() if tip.returncode == 0 else "0"
    hook = repo / "hooks" / "pre-receive"
    target = re.search(r"--serve (\S+)", hook.read_text(encoding="utf-8", errors="replace")) if hook.is_file() else None
    published = words.PUBLISHING_INTO.said(serve=shlex.split(target.group(1))[0]) if target else ""
    return words.REPOSITORY_DESCRIBED.said(commits=commits, published=published)


def _folder_taken(serve: Path) -> list[Problem]:
    where = Location(str(serve))
    if serve.exists() and not serve.is_dir():
        return [words.SERVE_IS_A_FILE.at(where)]
    current = serve / "current"
    if current.is_symlink() or ((serve / RELEASES).is_dir() and any((serve / RELEASES).iterdir())):
        live = current.resolve().name if current.is_symlink() else "–"
        return [words.ALREADY_SERVING.at(where, live=live)]
    return []


def _cannot(repo: Path, reason: str) -> Problem:
    return words.CANNOT_MAKE_REPOSITORY.at(Location(str(repo)), reason=reason)
