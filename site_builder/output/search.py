"""Search: index the written site with Pagefind (extended, for Chinese segmentation) in shards, so that an edit
re-indexes only the shards that hold a changed page.

Each language's pages are split into shards: `pages` (every page that is not an indicator's) and a few blocks of
indicators (an indicator's block follows from the hash of its address, so adding one moves no other); a small site
has only `pages`. Each shard is a Pagefind bundle of its own in <lang>/pagefind/<shard>/, made by its own run; the
search page loads the `pages` bundle and merges the others into it (Pagefind's multisite `mergeIndex`).
<lang>/pagefind/shards.json names the shards and the key of each: the hash of the pages it was made from.

Pagefind writes its filter index in the order of a hash table seeded at random (upstream Pagefind#638), so two
runs over the same pages differ in bytes. After each run the filter values are put in order and the files that
name them (filter chunks, the metadata index, pagefind-entry.json) written again under hashes of their new
contents: the same pages always give the same index, byte for byte.

A shard whose key is the same as in the previous build is hard-linked from there; else from the cache, where
each shard's index is kept under its key; else Pagefind makes it.
"""

from __future__ import annotations

import errno
import functools
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import cbor2
from pagefind.service import get_executable

KEEP = 3  # indexes kept per shard in the cache
FORMAT = "settled 2"  # how the index is post-processed: part of the cache key
LOW_SPACE = 8 * 1024 * 1024  # free bytes under which empty files from Pagefind mean the disk filled up
SIGNATURE = b"pagefind_dcd"  # Pagefind's marker at the start of each decompressed index file
FOLDER = "pagefind"  # in each language's folder: <lang>/pagefind/
PRIMARY = "pages"  # the shard the search page loads first; the others are merged into it
MANIFEST = "shards.json"  # in <lang>/pagefind/: the shards to merge, and each one's key
# Indicators per block, about. Pagefind scores each shard with its own word statistics, so a search across shards
# ranks less well than one index: a site of fewer than BLOCK indicators (cheap to index whole) has one shard.
BLOCK = 250
MOST_BLOCKS = 8  # a first search fetches three small files per shard
RUNS = 2  # Pagefind runs at a time (the machine's two cores)
# A merged shard is searched with the primary's script and WebAssembly: it keeps only its index.
SCRIPTS = (
    *("pagefind.js", "pagefind-worker.js", "pagefind-highlight", "wasm."),
    *("pagefind-ui", "pagefind-component-ui", "pagefind-modular-ui"),
)


@dataclass(frozen=True, slots=True)
class Shard:
    """One Pagefind bundle of one language: the pages it indexes (paths under the site) and their hash."""

    lang: str
    name: str
    pages: tuple[str, ...]
    key: str


def index(site: Path, languages: Iterable[str], cache: Path | None = None, previous: Path | None = None) -> None:
    """Write site/<lang>/pagefind/ for each language: one bundle per shard and the manifest that names them, all
    served by the site itself. `previous`: an earlier output of the same site, whose unchanged shards are linked."""
    langs = list(languages)
    planned = {lang: shards(site, lang) for lang in langs}
    todo = [s for lang in langs for s in planned[lang] if not _reuse(site, s, cache, previous)]
    with ThreadPoolExecutor(max_workers=RUNS) as pool:
        for _ in pool.map(lambda shard: _make(site, shard, cache), todo):
            pass
    for lang in langs:
        manifest = {
            "primary": PRIMARY,
            "merge": [s.name for s in planned[lang] if s.name != PRIMARY],
            "keys": {s.name: s.key for s in planned[lang]},
        }
        (site / lang / FOLDER / MANIFEST).write_text(json.dumps(manifest, sort_keys=True), encoding="utf-8")


def shards(site: Path, lang: str) -> list[Shard]:
    """The shards of one language's pages: `pages`, then the blocks of indicators that hold any (none on a site
    of fewer than BLOCK indicators)."""
    folder = site / lang
    pages = sorted(
        p.relative_to(site).as_posix() for p in folder.rglob("*.html") if FOLDER not in p.relative_to(folder).parts[:1]
    )
    indicators = {p.split("/")[2] for p in pages if _indicator(p, lang)}
    blocks = min(MOST_BLOCKS, len(indicators) // BLOCK)
    groups: dict[str, list[str]] = {PRIMARY: []}
    for rel in pages:
        name = f"block{_block(rel.split('/')[2], blocks)}" if blocks and _indicator(rel, lang) else PRIMARY
        groups.setdefault(name, []).append(rel)
    return [Shard(lang, name, tuple(groups[name]), _key(site, groups[name])) for name in sorted(groups, key=_order)]


def _indicator(rel: str, lang: str) -> bool:
    """Whether `rel` is a page of one indicator (<lang>/indicators/<id>/…), not the list of them."""
    parts = rel.split("/")
    return len(parts) >= 4 and parts[0] == lang and parts[1] == "indicators"


def _block(indicator: str, blocks: int) -> int:
    return int(hashlib.sha256(indicator.encode()).hexdigest()[:8], 16) % blocks


def _order(name: str) -> tuple[bool, str]:
    return name != PRIMARY, name


def _key(site: Path, pages: Iterable[str]) -> str:
    """The hash of every page of a shard (path and bytes), and of Pagefind's version."""
    digest = hashlib.sha256(f"pagefind {version('pagefind')} {FORMAT}\0".encode())
    for rel in pages:
        data = (site / rel).read_bytes()
        digest.update(f"{rel}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()[:32]


def _reuse(site: Path, shard: Shard, cache: Path | None, previous: Path | None) -> bool:
    """Link the shard's index from the previous build, or from the cache, if either has it under its key."""
    target = site / shard.lang / FOLDER / shard.name
    if previous is not None and _key_in(previous / shard.lang / FOLDER / MANIFEST, shard.name) == shard.key:
        earlier = previous / shard.lang / FOLDER / shard.name
        if earlier.is_dir():
            _link_tree(earlier, target)
            return True
    kept = _kept(cache, shard)
    if kept is not None and kept.is_dir():
        _link_tree(kept, target)
        os.utime(kept)  # recently used: kept longest
        return True
    return False


def _key_in(manifest: Path, name: str) -> str | None:
    try:
        keys = json.loads(manifest.read_text(encoding="utf-8"))["keys"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return keys.get(name) if isinstance(keys, dict) else None


def _kept(cache: Path | None, shard: Shard) -> Path | None:
    return cache / shard.lang / shard.name / shard.key if cache is not None else None


def _make(site: Path, shard: Shard, cache: Path | None) -> None:
    """Index the shard's pages alone: Pagefind reads a folder of links to them, laid out as in the site."""
    target = site / shard.lang / FOLDER / shard.name
    pages = Path(tempfile.mkdtemp(prefix=f".{shard.name}-", dir=site / shard.lang))
    try:
        for rel in shard.pages:
            (pages / rel).parent.mkdir(parents=True, exist_ok=True)
            _link(site / rel, pages / rel)
        _run_pagefind(pages, shard, target)
    finally:
        shutil.rmtree(pages, ignore_errors=True)
    if shard.name != PRIMARY:
        for path in target.iterdir():
            if path.name.startswith(SCRIPTS):
                path.unlink()
    settle(target)
    kept = _kept(cache, shard)
    if kept is not None:
        _keep(target, kept)


def _run_pagefind(pages: Path, shard: Shard, target: Path) -> None:
    command = [str(_binary()), "--site", str(pages), "--glob", f"{shard.lang}/**/*.html"]
    command += ["--output-path", str(target), "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        problem = result.stderr.strip() or result.stdout.strip()
        raise RuntimeError(f"Pagefind failed to index the {shard.lang} pages ({shard.name}): {problem}")
    _check_written(target)


@functools.cache
def _binary() -> Path:
    """Pagefind's program, found as `python -m pagefind` finds it (without a Python started for each shard)."""
    found = get_executable()
    if found is None:
        raise FileNotFoundError("Pagefind's program is missing: run scripts/setup.sh")
    return found


def _check_written(index_folder: Path) -> None:
    """Pagefind says it succeeded even when it could not write (it leaves empty files): check that it wrote."""
    empty = sorted(p for p in index_folder.rglob("*") if p.is_file() and p.stat().st_size == 0)
    if not empty:
        return
    if shutil.disk_usage(index_folder).free < LOW_SPACE:
        raise OSError(errno.ENOSPC, "No space left on device while writing the search index", str(empty[0]))
    raise RuntimeError(f"Pagefind left {len(empty)} empty files in {index_folder}, such as {empty[0].name}")


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
    linked = Path(tempfile.mkdtemp(prefix=f".{kept.name}-", dir=kept.parent))  # a whole folder: not atomic.py's
    _link_tree(index_folder, linked)
    try:
        linked.rename(kept)
    except OSError:  # another build kept the same index first
        shutil.rmtree(linked, ignore_errors=True)
    older = sorted(
        (p for p in kept.parent.iterdir() if not p.name.startswith(".")), key=lambda p: p.stat().st_mtime, reverse=True
    )[KEEP:]
    for old in older:
        shutil.rmtree(old, ignore_errors=True)


def _link_tree(source: Path, target: Path) -> None:
    """`target` made of hard links to `source`'s files (copies where they cannot be linked): nothing ever writes
    into an index file once made, so the two stay the same."""
    for path in sorted(source.rglob("*")):
        copy = target / path.relative_to(source)
        if path.is_dir():
            copy.mkdir(parents=True, exist_ok=True)
        else:
            copy.parent.mkdir(parents=True, exist_ok=True)
            _link(path, copy)


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or a file system without hard links
        shutil.copy2(source, target)
