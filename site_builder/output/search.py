"""Search: index the written site with Pagefind (extended, for Chinese segmentation): one index per language,
each in <lang>/pagefind/ and built by its own run, so the indexer holds one language's pages in memory at a time.

Pagefind writes its filter index in the order of a hash table seeded at random (upstream Pagefind#638), so two
runs over the same pages differ in bytes. After each run the filter values are put in order and the files that
name them (filter chunks, the metadata index, pagefind-entry.json) written again under hashes of their new
contents: the same pages always give the same index, byte for byte.

An index is kept in the cache under the hash of the pages it was made from: when a language's pages are exactly
the same as in an earlier build, its index is copied from there instead of made again.
"""

from __future__ import annotations

import errno
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path
from typing import Any

import cbor2

KEEP = 3  # indexes kept per language in the cache
FORMAT = "settled 1"  # how the index is post-processed: part of the cache key
LOW_SPACE = 8 * 1024 * 1024  # free bytes under which empty files from Pagefind mean the disk filled up
SIGNATURE = b"pagefind_dcd"  # Pagefind's marker at the start of each decompressed index file
FOLDER = "pagefind"  # in each language's folder: <lang>/pagefind/


def index(site: Path, languages: Iterable[str], cache: Path | None = None) -> None:
    """Write site/<lang>/pagefind/ for each language: its index and the script that searches it, all served by
    the site itself."""
    for lang in languages:
        target = site / lang / FOLDER
        kept = cache / lang / _pages_hash(site, lang) if cache is not None else None
        if kept is not None and kept.is_dir():
            shutil.copytree(kept, target)
            os.utime(kept)  # recently used: kept longest
            continue
        _run_pagefind(site, lang)
        settle(target)
        if kept is not None:
            _keep(target, kept)


def _run_pagefind(site: Path, lang: str) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--glob", f"{lang}/**/*.html"]
    command += ["--output-subdir", f"{lang}/{FOLDER}", "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        problem = result.stderr.strip() or result.stdout.strip()
        raise RuntimeError(f"Pagefind failed to index the {lang} pages: {problem}")
    _check_written(site / lang / FOLDER)


def _check_written(index_folder: Path) -> None:
    """Pagefind says it succeeded even when it could not write (it leaves empty files): check that it wrote."""
    empty = sorted(p for p in index_folder.rglob("*") if p.is_file() and p.stat().st_size == 0)
    if not empty:
        return
    if shutil.disk_usage(index_folder).free < LOW_SPACE:
        raise OSError(errno.ENOSPC, "No space left on device while writing the search index", str(empty[0]))
    raise RuntimeError(f"Pagefind left {len(empty)} empty files in {index_folder}, such as {empty[0].name}")


def _pages_hash(site: Path, lang: str) -> str:
    """The hash of every page Pagefind reads for `lang` (path and bytes), and of Pagefind's version."""
    digest = hashlib.sha256(f"pagefind {version('pagefind')} {FORMAT}\0".encode())
    folder = site / lang
    for path in sorted(folder.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(f"{lang}/pagefind/"):
            continue
        data = path.read_bytes()
        digest.update(f"{rel}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()[:32]


def settle(index_folder: Path) -> None:
    """Put Pagefind's filters and their values in order, and name the rewritten files by their new contents."""
    entry_path = index_folder / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta_path = index_folder / f"pagefind.{language['hash']}.pf_meta"
        meta = _load(meta_path)
        if not (isinstance(meta, list) and len(meta) >= 4 and isinstance(meta[3], list)):
            raise RuntimeError(f"Pagefind {version('pagefind')} wrote a metadata index this build does not know")
        for named in meta[3]:  # [filter name, hash of its chunk]
            chunk_path = index_folder / "filter" / f"{named[1]}.pf_filter"
            name, values = _load(chunk_path)
            chunk_path.unlink()
            named[1] = _store(index_folder / "filter", "{}.pf_filter", named[1], [name, sorted(values)])
        meta[3].sort()
        meta_path.unlink()
        language["hash"] = _store(index_folder, "pagefind.{}.pf_meta", language["hash"], meta)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _load(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise RuntimeError(f"{path.name} is not a Pagefind index file")
    return cbor2.loads(data[len(SIGNATURE) :])


def _store(folder: Path, pattern: str, old_hash: str, value: Any) -> str:
    """Write `value` as Pagefind does (signature, CBOR, gzip) under the hash of its bytes; return the hash."""
    data = SIGNATURE + cbor2.dumps(value)
    prefix = old_hash.rpartition("_")[0]  # the language, as Pagefind names its files
    new_hash = f"{prefix}_{hashlib.sha256(data).hexdigest()[:12]}"
    (folder / pattern.format(new_hash)).write_bytes(gzip.compress(data, mtime=0))
    return new_hash


def _keep(index_folder: Path, kept: Path) -> None:
    kept.parent.mkdir(parents=True, exist_ok=True)
    copied = Path(tempfile.mkdtemp(prefix=f".{kept.name}-", dir=kept.parent))  # a whole folder: not atomic.py's
    shutil.copytree(index_folder, copied, dirs_exist_ok=True)
    try:
        copied.rename(kept)
    except OSError:  # another build kept the same index first
        shutil.rmtree(copied, ignore_errors=True)
    older = sorted(
        (p for p in kept.parent.iterdir() if not p.name.startswith(".")), key=lambda p: p.stat().st_mtime, reverse=True
    )[KEEP:]
    for old in older:
        shutil.rmtree(old, ignore_errors=True)
