"""Reuse: the site-wide files (listing pages, the workbook, the package zip, the catalogue, the API lists) kept
under the hash of what each is made from, and hard-linked from the previous build when that hash is unchanged.

A record names the files one piece of work wrote, the hash of its inputs, and what making them returned besides
the files (a page's links, a download's listing), so that a linked piece is not made at all. Records are kept per
output folder and trusted only while that folder is the one the build that saved them wrote (its stamp).
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from site_builder.output import fingerprint
from site_builder.output.atomic import replace_file
from site_builder.output.staging import inside


@dataclass(frozen=True, slots=True)
class Kept:
    """What one piece of work wrote, under the hash of its inputs, and what it returned (picklable)."""

    key: str
    paths: tuple[str, ...]
    made: object


@dataclass(slots=True)
class Reuse:
    """The previous build's folder and records (None: nothing to link), and this build's records as they come.

    `shared` names the types of the large objects many pieces hold (an indicator, a Markdown page): each is hashed
    once per build, and a piece's hash holds that hash instead of the object. `covered` names the types whose one
    object every key already holds (the configuration, in `common`): left out of each piece's hash, with what
    they hold that differs between two checkouts of the same project (where it lies). `plain` names the shared
    types hashed as the standard pickle writes them (several times faster): types that hold no set and no
    configuration, built the same way in every build (their pickle's references then fall the same way)."""

    folder: Path  # the new output
    previous: Path | None
    old: Mapping[str, Kept]
    shared: tuple[type, ...] = ()
    covered: tuple[type, ...] = ()
    plain: tuple[type, ...] = ()  # shared types that hold no set, made the same way in every build
    records: dict[str, Kept] = field(default_factory=dict)
    reused: list[str] = field(default_factory=list)
    _digests: dict[int, tuple[object, str]] = field(default_factory=dict)

    def key(self, *parts: object) -> str:
        """The hash of `parts`: the same in every process (the sets dataclasses hold are hashed in a fixed order; any
        other set would only make the hash differ between processes, and the file be made again)."""
        return self._hash(parts, None)

    def linked(self, name: str, key: str) -> Kept | None:
        """The previous build's record of `name`, its files linked into the new output, if made from the same
        inputs; None when it must be made again."""
        old = self.old.get(name)
        if (
            self.previous is None
            or old is None
            or old.key != key
            or not link_files(self.previous, old.paths, self.folder)
        ):
            return None
        self.records[name] = old
        self.reused.append(name)
        return old

    def keep(self, name: str, key: str, paths: Iterable[str], made: object) -> None:
        self.records[name] = Kept(key, tuple(paths), made)

    def digest_of(self, value: object) -> str:
        """The hash of one shared object, made once per build (objects are frozen: the same object, the same
        hash)."""
        known = self._digests.get(id(value))
        if known is None or known[0] is not value:
            if isinstance(value, self.plain):  # pickled in C alone, as per_indicator's keys are
                known = (value, hashlib.sha256(pickle.dumps(value, protocol=5)).hexdigest())
            else:
                known = (value, self._hash(value, value))
            self._digests[id(value)] = known
        return known[1]

    def _hash(self, value: object, whole: object) -> str:
        buffer = io.BytesIO()
        _Pickler(buffer, self, whole).dump(value)
        return hashlib.sha256(buffer.getvalue()).hexdigest()


class _Pickler(pickle.Pickler):
    """Pickles shared objects (but `whole`, the one being hashed for itself) as their hash, covered ones as a mark,
    and the sets a dataclass holds in a fixed order (theirs changes with the hash seed).

    Without a memo ("fast" mode): a memo writes an object met twice as a reference to the first, so the bytes would
    depend on which equal values happen to be one object (a string shared or copied), which differs between builds.
    The inputs are frozen dataclasses and tuples, never a cycle. `reducer_override` is not called for str, int,
    tuple and the other built-in types, so the bulk of the pickling stays in C."""

    def __init__(self, buffer: io.BytesIO, reuse: Reuse, whole: object) -> None:
        super().__init__(buffer, protocol=5)
        self.fast = True
        self.reuse, self.whole = reuse, whole

    def reducer_override(self, obj: object) -> Any:  # a reduction, or NotImplemented: pickled as usual
        if isinstance(obj, self.reuse.covered):
            return (str, ("covered",))
        if obj is not self.whole and isinstance(obj, self.reuse.shared):
            return (str, (self.reuse.digest_of(obj),))
        fields = getattr(type(obj), "__dataclass_fields__", None)
        if fields is not None and not isinstance(obj, type):
            values = [getattr(obj, name) for name in fields]
            if any(isinstance(value, set | frozenset) for value in values):
                return (type(obj), tuple(_ordered(value) for value in values))
        return NotImplemented


def _ordered(value: object) -> object:
    return tuple(sorted(value, key=repr)) if isinstance(value, set | frozenset) else value


def link_files(previous: Path, paths: Iterable[str], folder: Path) -> bool:
    """Hard-link (or copy, across file systems) files from the previous build into `folder`; False if any is
    missing there (those linked are removed again: a file still held by the previous build is never written
    into)."""
    done: list[str] = []
    for path in paths:
        source, target = inside(previous, path), inside(folder, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        try:
            os.link(source, target)
        except FileNotFoundError:
            for linked in done:
                inside(folder, linked).unlink(missing_ok=True)
            return False
        except OSError:
            shutil.copyfile(source, target)
        done.append(path)
    return True


def state_of(root: Path, out: Path) -> Path:
    """Where the site-wide records of the build that wrote `out` are kept."""
    return fingerprint.state_file(root, out, ".sitewide.pickle")


def load(
    root: Path, source: Path, folder: Path, shared: tuple[type, ...], covered: tuple[type, ...], plain: tuple[type, ...]
) -> Reuse:
    """What the last build into `source` left, to link into `folder`; nothing if `source` is no longer the folder
    that build wrote."""
    try:
        with state_of(root, source).open("rb") as handle:
            stamp, records = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
        return Reuse(folder, None, {}, shared, covered, plain)
    if stamp != fingerprint.stamp(source):
        return Reuse(folder, None, {}, shared, covered, plain)
    return Reuse(folder, source, records, shared, covered, plain)


def save(root: Path, out: Path, reuse: Reuse) -> None:
    """Keep this build's records for the folder it is about to become `out` (its stamp goes with it)."""
    replace_file(state_of(root, out), pickle.dumps((fingerprint.stamp(reuse.folder), reuse.records), protocol=5))
