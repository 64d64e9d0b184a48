"""Fingerprint: one hash of everything a build reads, so that a build whose inputs have not changed is not redone.

It covers site.toml, the data package's folder, the content folder, the themes, site_builder's own code, the
versions of the libraries that shape the output, the git commit (the data releases come from git history) and the
build's options. Only standard-library modules are imported here: `site-builder build` answers "nothing changed"
before loading the heavy libraries.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import site_builder
from site_builder.output.atomic import replace_file

LIBRARIES = (
    "altair",
    "babel",
    "duckdb",
    "frictionless",
    "jinja2",
    "markdown-it-py",
    "mdit-py-plugins",
    "openpyxl",
    "pagefind",
    "vl-convert-python",
)


def inputs(root: Path, options: str) -> str | None:
    """The fingerprint of a build of `root` with `options`; None when it cannot be told (no readable site.toml)."""
    try:
        config = tomllib.loads((root / "site.toml").read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # not UTF-8, not TOML, or too long or deep to read
        return None
    site = config.get("site", {}) if isinstance(config.get("site"), dict) else {}
    folders = [
        root / Path(str(site.get("datapackage", "datasets/datapackage.json"))).parent,
        root / str(site.get("content", "content")),
        root / "themes",
        Path(site_builder.__file__).parent,
    ]
    digest = _code_digest(options)
    digest.update(_git_head(root).encode())
    _add_file(digest, root, root / "site.toml")
    for folder in folders:
        _add_folder(digest, root, folder)
    return digest.hexdigest()


def code_and_theme(theme: Path) -> str:
    """The hash of site_builder's code, the libraries' versions, and one theme's templates and catalogs: what
    every page is made from besides its data and content. (The theme's static files are copied as they are; no
    page holds anything of them.)"""
    digest = _code_digest("")
    for folder in (theme / "templates", theme / "locale", Path(site_builder.__file__).parent):
        _add_folder(digest, folder, folder)
    return digest.hexdigest()


def code_and_words(theme: Path) -> str:
    """The hash of site_builder's code, the libraries' versions and one theme's templates and catalogs: what every
    site-wide file is made from besides its data and the pages' texts (which its own inputs hold)."""
    digest = _code_digest("")
    for folder in (theme / "templates", theme / "locale", Path(site_builder.__file__).parent):
        _add_folder(digest, folder, folder)
    return digest.hexdigest()


def _code_digest(options: str) -> hashlib._Hash:
    """A hash started with `options`, site_builder's version and the versions of the libraries it uses."""
    digest = hashlib.sha256(options.encode("utf-8"))
    digest.update(site_builder.__version__.encode())
    for library in LIBRARIES:
        try:
            digest.update(f"{library}={version(library)};".encode())
        except PackageNotFoundError:
            digest.update(f"{library}=none;".encode())
    return digest


def _add_folder(digest: hashlib._Hash, root: Path, folder: Path) -> None:
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        _add_file(digest, root, path)


def _add_file(digest: hashlib._Hash, root: Path, path: Path) -> None:
    name = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    if path.is_symlink():  # a link is not its target: the build refuses one that leaves the repository
        digest.update(f"\0{name}\0symlink\0{os.readlink(path)}\0".encode("utf-8", "surrogateescape"))
    with path.open("rb") as handle:  # in pieces: a file of hundreds of MB is refused later, not held here
        digest.update(f"\0{name}\0{os.fstat(handle.fileno()).st_size}\0".encode("utf-8", "surrogateescape"))
        while piece := handle.read(1 << 20):
            digest.update(piece)


def _git_head(root: Path) -> str:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, check=False, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return "no git"
    return result.stdout.strip() if result.returncode == 0 else "no commit"


def state_file(root: Path, out: Path, suffix: str = ".json") -> Path:
    """Where what the last build into `out` left is kept (`suffix` tells one record from another)."""
    from site_builder.output.cache import folder

    return folder(root, "builds") / f"{hashlib.sha256(str(out).encode()).hexdigest()[:24]}{suffix}"


def stamp(out: Path) -> list[int] | None:
    """The output folder as the last build left it: a build swaps in a new folder, so its inode tells."""
    try:
        stat = out.stat()
    except OSError:
        return None
    return [stat.st_ino, stat.st_mtime_ns]


def last_build(root: Path, out: Path, fingerprint: str | None) -> dict[str, int] | None:
    """What the last build into `out` made (pages, files), if it had the same fingerprint and `out` is still the
    folder it wrote; otherwise None."""
    if fingerprint is None:
        return None
    try:
        state = json.loads(state_file(root, out).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if state.get("fingerprint") != fingerprint or state.get("stamp") != stamp(out):
        return None
    return {"pages": int(state["pages"]), "files": int(state["files"])}


def record(root: Path, out: Path, fingerprint: str | None, pages: int, files: int) -> None:
    """Remember a successful build without warnings (a build with warnings is always redone, to show them)."""
    if fingerprint is None:
        return
    text = json.dumps({"fingerprint": fingerprint, "stamp": stamp(out), "pages": pages, "files": files})
    replace_file(state_file(root, out), text.encode("utf-8"))


def forget(root: Path, out: Path) -> None:
    state_file(root, out).unlink(missing_ok=True)
