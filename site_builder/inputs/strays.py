"""Files that office programs and Macs leave beside the ones staff edit: litter (never read, never published) and a
table saved under another type than the CSV the site reads (refused, naming the CSV)."""

from __future__ import annotations

import re
from pathlib import Path

# Excel's and WPS's owner file while a workbook is open (~$observations.csv), LibreOffice's (.~lock.x#), a Mac's
# Finder and AppleDouble files (.DS_Store, ._about.md), Windows Explorer's (Thumbs.db, desktop.ini). None is ever
# content: the project's .gitignore keeps them out of every commit, and the build does not read them.
_LITTER_STARTS = ("~$", "._", ".~lock.")
_LITTER_NAMES = frozenset({".ds_store", "thumbs.db", "desktop.ini"})

# What a spreadsheet saves a table as when "CSV UTF-8" was not chosen, or when Windows hides the extension (.csv.txt).
WORKBOOK_SUFFIXES = (".xlsx", ".xls", ".et", ".ods", ".numbers", ".txt")


def is_litter(path: Path | str) -> bool:
    """Whether the file is one an office program or a Mac left beside the real ones."""
    name = Path(path).name
    return name.startswith(_LITTER_STARTS) or name.lower() in _LITTER_NAMES


def saved_as(path: Path, listed: set[str]) -> str | None:
    """The listed CSV (its name) that `path` is a copy of, saved as a workbook or a text file (observations.xlsx,
    observations.csv.txt, observations.txt beside observations.csv); None when it is not one."""
    name = path.name.lower()
    for suffix in WORKBOOK_SUFFIXES:
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            for candidate in (stem, stem + ".csv"):
                if candidate.endswith(".csv") and candidate in listed:
                    return candidate
    return None


# What Windows Explorer, Excel and WPS add to a file's name for a copy: "observations - 副本.csv", "observations (2).csv".
_COPY_MARK = re.compile(r"(\s*-\s*(副本|复制|copy)(\s*\(\d+\))?|\s*\(\d+\)|\s*副本)+", re.IGNORECASE)


def copy_of(path: Path, listed: set[str]) -> str | None:
    """The listed CSV (its name) that `path` is a copy of by its name ("observations - 副本.csv"); None otherwise."""
    name = path.name.lower()
    if not name.endswith(".csv"):
        return None
    stem = name[: -len(".csv")]
    for table in listed:
        table_stem = table[: -len(".csv")] if table.endswith(".csv") else table
        if stem.startswith(table_stem) and _COPY_MARK.fullmatch(stem[len(table_stem) :]):
            return table
    return None
