"""Problems: what is wrong with the input, where it is, and what to do, in Chinese and English.

Every message's words live in one place, the catalogue (`site_builder/problems/catalogue/`), under a stable code;
`docs/staff-guide-errors.md` is generated from it (`site_builder/problems/guide.py`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Location:
    """Where a problem is: a file, and optionally a row and column, or a key path in a config file."""

    file: str
    row: int | None = None
    column: str | None = None
    key: str | None = None

    def describe(self, lang: str) -> str:
        if lang == "zh":
            parts = [self.file]
            if self.row is not None:
                parts.append(f"第 {self.row} 行")
            if self.column is not None:
                parts.append(f"“{self.column}”列")
            if self.key is not None:
                parts.append(f"键 “{self.key}”")
            return "，".join(parts)
        parts = [self.file]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f'column "{self.column}"')
        if self.key is not None:
            parts.append(f'key "{self.key}"')
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input; errors stop the build, warnings stop it only in strict mode."""

    location: Location
    zh: str
    en: str
    severity: Severity = "error"
    code: str = ""  # the message's stable code in the catalogue (site_builder/problems/catalogue/)

    def format(self, lang: str) -> str:
        separator = "：" if lang == "zh" else ": "
        return self.location.describe(lang) + separator + (self.zh if lang == "zh" else self.en)

    def as_error(self) -> Problem:
        return Problem(self.location, self.zh, self.en, "error", self.code)


class ProblemsFound(Exception):
    """Raised by a stage when the input has problems; carries every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(f"{len(self.problems)} problem(s)")


def errors_in(problems: Iterable[Problem], strict: bool) -> tuple[Problem, ...]:
    """The problems that stop the build: errors, and in strict mode warnings too."""
    return tuple(p.as_error() for p in problems if strict or p.severity == "error")


def raise_if_errors(problems: Iterable[Problem], strict: bool) -> None:
    stopping = errors_in(problems, strict)
    if stopping:
        raise ProblemsFound(stopping)


@dataclass(slots=True)
class Collector:
    """Every problem of one run, from every stage, in the order found: build, validate, check, the preview and the
    server's hook each make one and print it with `printed`. `stop_if_errors` ends the run when something found so
    far stops it (errors, and in strict mode warnings too), carrying every stopping problem."""

    strict: bool
    found: list[Problem] = field(default_factory=list)

    def add(self, problems: Iterable[Problem]) -> None:
        self.found.extend(problems)

    def stop_if_errors(self) -> None:
        raise_if_errors(self.found, self.strict)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.found if p.severity == "warning")


def printed(problem: Problem) -> str:
    """A problem as every command prints it: "✗" (error) or "!" (warning) and the Chinese line, then the English."""
    mark = "✗" if problem.severity == "error" else "!"
    return f"{mark} {problem.format('zh')}\n  {problem.format('en')}"
