"""Shared fixtures: a copy of the real project in a temporary folder, and the real site built once per session."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from site_builder.build import BuildResult, build

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("site.toml", "datasets", "content", "themes")


def copy_project(target: Path) -> Path:
    """A full copy of this repository's site (config, data, content, theme) under `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    return target


def quiet(stage: str, seconds: float) -> None:
    """A progress callback that prints nothing."""


@pytest.fixture(scope="session", autouse=True)
def shared_chart_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """One chart cache for the whole session, so each small build does not redraw the same SVGs."""
    os.environ["SITE_BUILDER_CACHE"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once for the whole session in strict mode."""
    out = tmp_path_factory.mktemp("site") / "build"
    build(ROOT, out, strict=True, progress=quiet)
    return out


@pytest.fixture
def build_project() -> Callable[..., BuildResult]:
    def run(root: Path, strict: bool = False) -> BuildResult:
        return build(root, root / "build", strict=strict, progress=quiet)

    return run


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A real, small file system of its own (root may mount one; CI runs as root)."""
    folder = tmp_path / "tmpfs"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=True)
