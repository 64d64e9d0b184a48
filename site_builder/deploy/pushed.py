"""What a pushed commit holds, checked by the server before it builds it: file names that the server and every
staff member's computer (Windows and macOS too) can hold as they are, no submodule, no mention of the private copy
to review; and its files taken out byte for byte as committed, whatever a pushed `.gitattributes` says."""

from __future__ import annotations

import os
import subprocess
import unicodedata
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from site_builder.output.atomic import replace_file
from site_builder.problems import Location, Problem
from site_builder.problems.catalogue import publishing as words

NAME_MAX = 255  # bytes in one file or folder name: the limit of ext4, NTFS (in UTF-16 units) and APFS alike
WINDOWS_CHARACTERS = frozenset('<>:"\\|?*')
WINDOWS_NAMES = frozenset({"CON", "PRN", "AUX", "NUL"} | {f"{d}{n}" for d in ("COM", "LPT") for n in range(1, 10)})
GITLINK = "160000"
# Read by git before any .gitattributes of the pushed tree (the repository's own info/attributes comes first): no
# line-ending conversion, no `ident`, no filter, no re-encoding. The server builds the bytes the commit holds, which
# are the bytes its data release cites; a pushed `.gitattributes` cannot make the server build something else.
AS_COMMITTED = b"* -text -eol -crlf -ident -filter -working-tree-encoding\n"


def name_problems(repo: Path, commit: str) -> list[Problem]:
    """A problem for each name in `commit` that a computer cannot hold as it is, and each submodule."""
    listed = subprocess.run(
        ["git", f"--git-dir={repo}", "ls-tree", "-r", "-t", "-z", "--full-tree", commit],
        capture_output=True,
        check=True,
    ).stdout
    problems: list[Problem] = []
    folded: dict[str, str] = {}  # each name so far, in the case and form Windows and macOS compare names in
    clashed: list[str] = []
    for entry in listed.split(b"\0"):
        if not entry:
            continue
        mode, _, raw = entry.partition(b"\t")
        path = raw.decode("utf-8", "surrogateescape")
        where = Location(shown(path))
        if mode.split()[0].decode() == GITLINK:
            problems.append(words.SUBMODULE.at(where))
        if problem := _name_problem(PurePosixPath(path).name, where):
            problems.append(problem)
        key = unicodedata.normalize("NFC", path).casefold()
        if any(path.startswith(f"{folder}/") for folder in clashed):
            continue  # ls-tree lists a folder before what it holds: a clash is named once, at the folder
        if key in folded:
            problems.append(words.NAME_CASE_CLASH.at(where, other=shown(folded[key])))
            clashed.append(path)
        else:
            folded[key] = path
    return problems


def _name_problem(name: str, where: Location) -> Problem | None:
    length = len(name.encode("utf-8", "surrogateescape"))
    if length > NAME_MAX:
        return words.NAME_TOO_LONG.at(where, length=length)
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in name):
        return words.NAME_CONTROL_CHARACTER.at(where)
    if found := sorted({c for c in name if c in WINDOWS_CHARACTERS}):
        return words.NAME_NOT_FOR_WINDOWS.at(where, what=" ".join(f'"{c}"' for c in found))
    if name.endswith((".", " ")):
        return words.NAME_NOT_FOR_WINDOWS.at(where, what=f'"{name[-1]}"')
    if name.split(".")[0].rstrip(" ").upper() in WINDOWS_NAMES:
        return words.NAME_NOT_FOR_WINDOWS.at(where, what=name.split(".")[0])
    return None


def shown(path: str) -> str:
    """A path as a message names it: an invisible character written as \\x0a, a very long name cut short."""
    parts = []
    for part in path.split("/"):
        part = "".join(_visible(c) for c in part)
        parts.append(part if len(part) <= 80 else f"{part[:60]}…({len(part)})")
    return "/".join(parts)


def _visible(c: str) -> str:
    if 0xDC80 <= ord(c) <= 0xDCFF:  # a byte that is not UTF-8
        return f"\\x{ord(c) - 0xDC00:02x}"
    return f"\\x{ord(c):02x}" if ord(c) < 0x20 or ord(c) == 0x7F else c


def check_out(repo: Path, commit: str, checkout: Path, index: Path) -> str:
    """Take the files of `commit` out into `checkout`, byte for byte as committed; "" or, when git fails, the last
    line git said."""
    attributes = repo / "info" / "attributes"
    if not attributes.is_file() or attributes.read_bytes() != AS_COMMITTED:
        attributes.parent.mkdir(exist_ok=True)
        replace_file(attributes, AS_COMMITTED)
    done = subprocess.run(
        ["git", f"--git-dir={repo}", f"--work-tree={checkout}", "checkout", "-f", commit, "--", "."],
        capture_output=True,
        env={**os.environ, "GIT_INDEX_FILE": str(index)},  # not the repository's own index
    )
    if done.returncode == 0:
        return ""
    lines = [line.strip() for line in done.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[-1] if lines else f"exit code {done.returncode}"


def review_address_problems(root: Path, parts: list[str], address: str) -> list[Problem]:
    """A problem at each line of the files the build reads (under `parts` of `root`) that names the address of the
    copy to review: the live site, and the copy that becomes it, never link to the private copy nor show it."""
    needle = _needle(address)
    if not needle:
        return []
    problems = []
    for part in parts:
        start = root / part
        files = [start] if start.is_file() else sorted(p for p in start.rglob("*") if p.is_file())
        for path in files:
            if path.is_symlink():
                continue  # the build refuses a link that leads out; one inside is read at its own place
            for number, line in enumerate(path.read_bytes().splitlines(), start=1):
                if needle in line.lower():
                    where = Location(path.relative_to(root).as_posix(), row=number)
                    problems.append(words.NAMES_REVIEW_ADDRESS.at(where, address=needle.decode()))
    return problems


def _needle(address: str) -> bytes:
    """What names the copy to review in a file: its host (and port), and its path when it has one."""
    split = urlsplit(address.strip())
    if not split.netloc:
        return b""
    return (split.netloc + split.path).rstrip("/").lower().encode("utf-8")
