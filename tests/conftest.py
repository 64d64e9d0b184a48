"""Shared fixtures: a copy of the real project in a temporary folder, and the real site built once per session (and
copied by hard links into a project that needs a good build already in place)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from site_builder.build import BuildResult, build

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("site.toml", "datasets", "content", "themes")
WHOLE_SITE = ("built_site", "built_project")  # fixtures that hold the real site's build: their tests are e2e


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


# The files that take longest, longest first: run first, so that two workers (`-n 2 --dist loadfile`, which hands out
# files in the order collected) finish together rather than one waiting while the other runs a long file last.
# Measured per file with the CPU and wall time of each test; an unlisted file keeps its place after these.
LONGEST_FIRST = (
    "test_staff_guide.py",  # one long session of real commands, one after another
    "test_staff_publish.py",
    "test_cache.py",
    "test_deploy_integrity.py",
    "test_review_withdraw.py",
    "test_push_reuse.py",
    "test_publish.py",
    "test_report.py",
    "test_attacks.py",
    "test_data_versions.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that reads the real site's build is end to end, wherever it is written (`-m "not e2e"` skips it); the
    longest files are collected first."""
    for item in items:
        if any(name in getattr(item, "fixturenames", ()) for name in WHOLE_SITE):
            item.add_marker(pytest.mark.e2e)
    rank = {name: place for place, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: each file's tests keep their order


@pytest.fixture(scope="session", autouse=True)
def shared_chart_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """One chart cache for the whole session, so each small build does not redraw the same SVGs."""
    os.environ["SITE_BUILDER_CACHE"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session", autouse=True)
def shared_tools(tmp_path_factory: pytest.TempPathFactory) -> None:
    """One installation of site-builder for the hooks of every `init-remote` in the session (building and installing
    it takes minutes); it is of the commit the tests run from, so commit site_builder/ before running push tests."""
    os.environ["SITE_BUILDER_TOOLS"] = str(tmp_path_factory.mktemp("tools"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


Files = dict[str, tuple[int, int, int]]  # path under the tree: (inode, size, modification time in ns)


def files_of(tree: Path) -> Files:
    found: Files = {}
    for folder, _, names in os.walk(tree):
        for name in names:
            stat = os.stat(os.path.join(folder, name))
            found[os.path.relpath(os.path.join(folder, name), tree)] = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
    return found


@pytest.fixture(scope="session")
def _session_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Files]:
    out = tmp_path_factory.mktemp("site") / "build"
    build(ROOT, out, strict=True, progress=quiet)
    return out, files_of(out)


@pytest.fixture(scope="session")
def built_site(_session_build: tuple[Path, Files]) -> Path:
    """The real site, built once for the whole session in strict mode. Read it; never write into it."""
    return _session_build[0]


@pytest.fixture
def built_project(project: Path, _session_build: tuple[Path, Files]) -> Iterator[Path]:
    """`project` with a good build already in place in its `build/`: the session's build, copied by hard links
    (a build never writes into a file of its output: it writes a new tree and swaps it in, see output/staging.py).

    The build keeps what it knows of its last build per output folder (site_builder/output/fingerprint.py, the
    indicator records): none of it is for this folder, so the next build here does all its work, as after a build
    made by someone else. After the test, the session's build must be as it was: a test that wrote into a file of
    `build/` in place would have changed it for every later test."""
    site, files = _session_build
    shutil.copytree(site, project / "build", copy_function=os.link)
    yield project
    changed = sorted(path for path, was in files_of(site).items() ^ files.items())
    assert not changed, f"a file of the session's build was changed through its hard link: {changed[:5]}"


@pytest.fixture
def build_project() -> Callable[..., BuildResult]:
    def run(root: Path, strict: bool = False) -> BuildResult:
        return build(root, root / "build", strict=strict, progress=quiet)

    return run


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the session (for each xdist worker): each test opens its own pages or context in it,
    rather than starting a browser of its own."""
    from playwright.sync_api import sync_playwright

    from tests.test_browser import CHROMIUM, CHROMIUM_ARGS

    assert Path(CHROMIUM).exists(), (
        "Chromium is missing: run scripts/setup.sh --with-browser (the README's test command)"
    )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


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
