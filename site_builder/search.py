"""Search: index the written site with Pagefind (extended, for Chinese segmentation): one index per language,
each in <lang>/pagefind/ and built by its own run, so the indexer holds one language's pages in memory at a time.

An index is kept in the cache under the hash of the pages it was made from: when a language's pages are exactly
the same as in an earlier build, its index is copied from there instead of made again. (Pagefind writes some of
its files in a varying order, so two indexes of the same pages differ in bytes; the copy makes a rebuild of the
same pages byte-identical, and saves the indexing.)
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path

KEEP = 3  # indexes kept per language in the cache


def index(site: Path, languages: Iterable[str], cache: Path | None = None) -> None:
    """Write site/<lang>/pagefind/ for each language: its index and the script that searches it, all served by
    the site itself."""
    for lang in languages:
        target = site / lang / "pagefind"
        kept = cache / lang / _pages_hash(site, lang) if cache is not None else None
        if kept is not None and kept.is_dir():
            shutil.copytree(kept, target)
            os.utime(kept)  # recently used: kept longest
            continue
        _run_pagefind(site, lang)
        if kept is not None:
            _keep(target, kept)


def _run_pagefind(site: Path, lang: str) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--glob", f"{lang}/**/*.html"]
    command += ["--output-subdir", f"{lang}/pagefind", "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        problem = result.stderr.strip() or result.stdout.strip()
        raise RuntimeError(f"Pagefind failed to index the {lang} pages: {problem}")


def _pages_hash(site: Path, lang: str) -> str:
    """The hash of every page Pagefind reads for `lang` (path and bytes), and of Pagefind's version."""
    digest = hashlib.sha256(f"pagefind {version('pagefind')}\0".encode())
    folder = site / lang
    for path in sorted(folder.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(f"{lang}/pagefind/"):
            continue
        data = path.read_bytes()
        digest.update(f"{rel}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()[:32]


def _keep(index_folder: Path, kept: Path) -> None:
    kept.parent.mkdir(parents=True, exist_ok=True)
    tmp = kept.with_name(f".{kept.name}.{os.getpid()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(index_folder, tmp)
    try:
        tmp.rename(kept)
    except OSError:  # another build kept the same index first
        shutil.rmtree(tmp, ignore_errors=True)
    older = sorted(
        (p for p in kept.parent.iterdir() if not p.name.startswith(".")), key=lambda p: p.stat().st_mtime, reverse=True
    )[KEEP:]
    for old in older:
        shutil.rmtree(old, ignore_errors=True)
