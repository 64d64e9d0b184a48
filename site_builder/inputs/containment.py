"""Inputs: every file a build reads lies inside the repository and outside its .git; a link that leads out is refused."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from site_builder.problems import Location, Problem
from site_builder.problems.catalogue import files

GIT = ".git"  # git's own files (its config may hold a password): never part of what is published


def links_outside(root: Path, parts: list[str]) -> list[Problem]:
    """A problem for each path the build would read through under `parts` (files or folders of root) that leads
    outside root or into its .git: a symbolic link at or below a part, or on the way to it (`themes` itself).

    Followed, such a link would publish whatever it points at (on the server: any file the build can read)."""
    inside = root.resolve()
    problems: dict[Path, Problem] = {}
    for part in parts:
        for path in _on_the_way(root, part):
            if (problem := _refused(inside, root, path)) is not None:
                problems.setdefault(path, problem)
                break  # what lies beyond is read through this link: one message says it
        else:
            for path in _below(inside, root / part):
                if (problem := _refused(inside, root, path)) is not None:
                    problems.setdefault(path, problem)
    return [problems[path] for path in sorted(problems)]


def _on_the_way(root: Path, part: str) -> list[Path]:
    """Each folder from root down to the part, and the part: `themes`, `themes/default`."""
    names = Path(part).parts
    return [root.joinpath(*names[: n + 1]) for n in range(len(names))]


def _below(inside: Path, start: Path) -> Iterator[Path]:
    """Every path under `start`, through the links to folders that stay inside the repository (the build follows
    them when it copies), each real folder once."""
    folders, seen = [start] if start.is_dir() else [], set()
    while folders:
        folder = folders.pop()
        if (real := folder.resolve()) in seen:
            continue
        seen.add(real)
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            path = Path(entry.path)
            yield path
            if path.is_dir() and _where(inside, path) == "inside":  # False for a link to nothing, or a loop
                folders.append(path)


def _where(inside: Path, path: Path) -> str:
    real = path.resolve()
    if real.is_relative_to(inside / GIT):
        return "git"
    return "inside" if real.is_relative_to(inside) else "outside"


def _refused(inside: Path, root: Path, path: Path) -> Problem | None:
    shown = Location(path.relative_to(root).as_posix())
    if path.is_symlink() and not path.exists():  # to nothing, or round in a circle: it cannot be read
        return files.BROKEN_LINK.at(shown)
    where = _where(inside, path)
    if where == "git":  # a link into .git, or a part site.toml places there
        return files.INSIDE_GIT.at(shown)
    if where == "outside" and path.is_symlink():
        return files.OUTSIDE_LINK.at(shown)
    return None
