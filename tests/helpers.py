"""Small helpers for tests: edit a CSV cell by column name, snapshot a folder tree, count what the data holds."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import signal
import tomllib
from pathlib import Path


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:  # the data files start with a byte-order mark
        return list(csv.DictReader(handle))


def write_rows(path: Path, rows: list[dict[str, str]], encoding: str = "utf-8", delimiter: str = ",") -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n", delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def set_cell(path: Path, match: dict[str, str], column: str, value: str) -> int:
    """Set `column` in the first row matching `match`; return that row's physical row number (header = 1)."""
    rows = read_rows(path)
    for index, row in enumerate(rows):
        if all(row[k] == v for k, v in match.items()):
            row[column] = value
            write_rows(path, rows)
            return index + 2
    raise LookupError(f"no row matches {match} in {path}")


def revise(path: Path, match: dict[str, str], value: str) -> int:
    """Give the row matching `match` another value, with the note (both languages) a row needs when its quote still
    states the old one (the build checks quotes against values); return its row number."""
    set_cell(path, match, "note_zh", "测试用的修订值：引文仍是原来的数值")
    set_cell(path, match, "note_en", "A value revised for a test: the quote still states the old one")
    return set_cell(path, match, "value", value)


def without_report_pdfs(root: Path) -> Path:
    """The site at `root` set not to typeset the report's PDFs (`report_pdf = false` in its site.toml): for tests of
    publishing and caching, where each value edit would otherwise typeset both PDFs again (about 5 CPU-seconds a
    build). The PDFs themselves are tested in test_report.py, test_push_reuse.py, test_reproducible.py, the staff
    guide's session and the session's build of the real site."""
    toml = root / "site.toml"
    text = toml.read_text(encoding="utf-8")
    assert text.count("\nreport_pdf = true") == 1
    toml.write_text(text.replace("\nreport_pdf = true", "\nreport_pdf = false"), encoding="utf-8")
    for page in root.glob("content/*/*.md"):  # a link to a PDF the site no longer makes would be a broken link
        text = page.read_text(encoding="utf-8")
        if unlinked_pdfs(text) != text:  # only those pages: a file rewritten keeps no copy's time (git rereads it)
            page.write_text(unlinked_pdfs(text), encoding="utf-8")
    return root


def unlinked_pdfs(markdown: str) -> str:
    """Markdown with each link to one of the report's PDFs made plain text."""
    return re.sub(r"\[([^\]]*)\]\(/downloads/report-\w+\.pdf\)", r"\1", markdown)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes, to compare a tree before and after."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def dataset(root: Path, name: str) -> list[dict[str, str]]:
    """The rows of the data package's resource `name` under `root`: what the tests count instead of literals, so
    that they hold when staff add an indicator, a chapter or a commitment."""
    descriptor = root / "datasets/datapackage.json"
    resources = json.loads(descriptor.read_text(encoding="utf-8"))["resources"]
    return read_rows(descriptor.parent / next(r["path"] for r in resources if r["name"] == name))


def languages(root: Path) -> tuple[str, ...]:
    """The site's languages, in the order site.toml gives them."""
    return tuple(tomllib.loads((root / "site.toml").read_text(encoding="utf-8"))["languages"])


def assert_problem(output: object, code: str, location: object) -> None:
    """The output holds a problem printed from the catalogue's message `code`, at `location` (a problems.Location):
    its Chinese line, and the English line under it, each the message's template whatever its fields hold. `output`
    may also be the problems themselves (a ProblemsFound's), when a test calls a stage rather than the command."""
    from site_builder.problems import Location, Problem
    from site_builder.problems.catalogue import BY_CODE
    from site_builder.problems.golden import pattern

    assert isinstance(location, Location)
    if not isinstance(output, str):
        found = [(p.code, p.location) for p in output if isinstance(p, Problem)]
        assert (code, location) in found, f"no problem {code} at {location.describe('en')} in {found}"
        return
    message = BY_CODE[code]
    zh, en = pattern(message, "zh", location), pattern(message, "en", location)
    lines = output.splitlines()
    for first, second in itertools.pairwise(lines):
        if zh.fullmatch(first[2:]) and first[:2] in ("✗ ", "! ") and en.fullmatch(second[2:]):
            return
    raise AssertionError(f"no problem {code} at {location.describe('en')} in:\n{output}")


def assert_line(output: str, code: str) -> None:
    """The output holds a line printed on its own from the catalogue's message `code` ("✗ 中文 / English"), whatever
    its fields hold (the command line's closing lines, the git hook's refusals)."""
    import re
    import string

    from site_builder.problems.catalogue import BY_CODE

    message = BY_CODE[code]
    parts = []
    for words in (f"{message.mark} " if message.mark else "") + message.zh, message.between, message.en:
        for literal, field, _spec, _conversion in string.Formatter().parse(words):
            parts.append(re.escape(literal) + ("(.*?)" if field is not None else ""))
    pattern = re.compile("".join(parts))
    assert any(pattern.fullmatch(line.removeprefix("remote: ").rstrip()) for line in output.splitlines()), (
        f"no line {code} in:\n{output}"
    )


def interruptible() -> None:
    """For Popen's preexec_fn: Ctrl+C (SIGINT) as a terminal sends it, even when this test process was started with
    SIGINT ignored (a shell's background job ignores it, and its children inherit that)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
