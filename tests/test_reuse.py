"""output/reuse.py: the hash of a site-wide file's inputs, and linking a file from the previous build."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from site_builder.output.reuse import Reuse, link_files, load, save


@dataclass(frozen=True, slots=True)
class Big:
    """Stands for an object many files hold (an indicator)."""

    name: str
    values: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Settings:
    """Stands for the configuration: held by every key already, with where the project lies."""

    root: str


def reuse(folder: Path) -> Reuse:
    return Reuse(folder, None, {}, (Big,), (Settings,))


KEY_OF_A_SET = """
from dataclasses import dataclass
from pathlib import Path
from site_builder.output.reuse import Reuse

@dataclass(frozen=True, slots=True)
class Holder:
    pages: frozenset[str]
    name: str

print(Reuse(Path("."), None, {}).key([Holder(frozenset(f"page-{n}" for n in range(50)), "x")]))
"""


def test_a_key_is_the_same_in_every_process_whatever_the_order_of_a_dataclass_s_sets() -> None:
    keys = set()
    for seed in ("1", "2", "3"):
        env = os.environ | {"PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-c", KEY_OF_A_SET], env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        keys.add(result.stdout.strip())
    assert len(keys) == 1


def test_a_shared_object_counts_by_what_it_holds_and_a_covered_one_not_at_all(tmp_path: Path) -> None:
    kept = reuse(tmp_path)
    one, same, other = Big("a", (1.0, 2.0)), Big("a", (1.0, 2.0)), Big("a", (1.0, 2.5))
    assert kept.key("page", [one, one]) == kept.key("page", [same, same])
    assert kept.key("page", [one]) != kept.key("page", [other])
    assert kept.key("page", Settings("/srv/checkout-1")) == kept.key("page", Settings("/tmp/checkout-2"))
    assert kept.key("page", one) != kept.key("other page", one)
    plain = Reuse(tmp_path, None, {}, (Big,), (Settings,), (Big,))  # hashed as the standard pickle writes it
    assert plain.key("page", [one]) == plain.key("page", [same]) != plain.key("page", [other])


def test_a_record_links_its_files_only_while_its_inputs_and_the_previous_folder_are_unchanged(
    tmp_path: Path,
) -> None:
    root, old, new = tmp_path / "project", tmp_path / "old", tmp_path / "new"
    for folder in (root, old, new):
        folder.mkdir()
    (old / "a.json").write_bytes(b"{}")
    os.environ["SITE_BUILDER_CACHE"], before = str(tmp_path / "cache"), os.environ.get("SITE_BUILDER_CACHE")
    try:
        first = reuse(old)
        key = first.key("catalogue", Big("x", (1.0,)))
        first.keep("catalogue", key, ["a.json"], "listing")
        save(root, old, first)
        second = load(root, old, new, (Big,), (Settings,), ())
        assert second.linked("catalogue", second.key("catalogue", Big("x", (2.0,)))) is None  # inputs changed
        record = second.linked("catalogue", key)
        assert record is not None and record.made == "listing" and second.reused == ["catalogue"]
        assert (new / "a.json").stat().st_ino == (old / "a.json").stat().st_ino
        (old / "a.json").touch()
        os.utime(old, ns=(0, 0))  # the folder is no longer the one the record was saved for
        assert load(root, old, tmp_path, (Big,), (Settings,), ()).previous is None
    finally:
        if before is None:
            del os.environ["SITE_BUILDER_CACHE"]
        else:
            os.environ["SITE_BUILDER_CACHE"] = before


def test_a_file_missing_from_the_previous_build_links_nothing(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    (old / "here.csv").write_bytes(b"a\n")
    assert link_files(old, ["here.csv", "gone.csv"], new) is False
    assert not (new / "here.csv").exists()
    assert link_files(old, ["here.csv"], new) is True
    assert (new / "here.csv").read_bytes() == b"a\n"
