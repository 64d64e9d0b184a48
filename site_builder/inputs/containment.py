"""Inputs: every file a build reads lies inside the repository; a link that leads out of it is refused."""

from __future__ import annotations

import os
from pathlib import Path

from site_builder.problems import Location, Problem
from site_builder.problems.catalogue import files


def links_outside(root: Path, parts: list[str]) -> list[Problem]:
    """A problem for each symbolic link under `parts` (files or folders of root) that leads outside root.

    Followed, such a link would publish whatever it points at (on the server: any file the build can read)."""
    inside = root.resolve()
    paths = []
    for part in parts:
        start = root / part
        paths.append(start)
        if start.is_dir() and not start.is_symlink():  # os.walk does not follow links to folders: they are listed
            paths += [Path(folder, name) for folder, dirs, files in os.walk(start) for name in dirs + files]
    outside = {p for p in paths if p.is_symlink() and not p.resolve().is_relative_to(inside)}
    return [_refused(path.relative_to(root).as_posix()) for path in sorted(outside)]


def _refused(shown: str) -> Problem:
    return files.OUTSIDE_LINK.at(Location(shown))
