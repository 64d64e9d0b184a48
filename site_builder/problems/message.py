"""Messages: a problem's stable code and its Chinese and English words, with named fields filled in where found."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from site_builder.problems import Location, Problem, Severity

Lang = Literal["zh", "en"]


@dataclass(frozen=True, slots=True)
class Message:
    """One thing the build can say, under a code that never changes once published (`csv.not-a-number`).

    `zh` and `en` are `str.format` templates with named fields; a field may itself hold a `Said` (a phrase of the
    catalogue, such as a type's name), which is put in the same language. `example` fills every field, and `where`
    is where the example happened: the guide and the golden test show the message as staff will read it. A message
    with a `mark` ("✗", "✓") is a line the command line or the git hook prints on its own, not a located problem."""

    code: str
    zh: str
    en: str
    example: Mapping[str, object] = field(default_factory=dict)
    where: Location | None = None
    severity: Severity = "error"
    mark: str = ""
    between: str = " / "  # between the Chinese and the English of a line

    def text(self, lang: Lang, fields: Mapping[str, object]) -> str:
        template = self.zh if lang == "zh" else self.en
        return template.format(**{k: v.text(lang) if isinstance(v, Said) else v for k, v in fields.items()})

    def said(self, **fields: object) -> Said:
        """These words with these fields, before anyone knows where they apply (or to go into another message)."""
        return Said(self, fields)

    def at(self, location: Location, **fields: object) -> Problem:
        return self.said(**fields).at(location)

    def line(self, **fields: object) -> str:
        """The message on one line, its mark, Chinese then English, as the command line and the git hook print it."""
        return self.said(**fields).line()


@dataclass(frozen=True, slots=True)
class Said:
    """A message with its fields filled in."""

    message: Message
    fields: Mapping[str, object]

    def text(self, lang: Lang) -> str:
        return self.message.text(lang, self.fields)

    def at(self, location: Location) -> Problem:
        m = self.message
        return Problem(location, self.text("zh"), self.text("en"), m.severity, m.code)

    def line(self) -> str:
        mark = f"{self.message.mark} " if self.message.mark else ""
        return f"{mark}{self.text('zh')}{self.message.between}{self.text('en')}"


def joined(location: Location, said: Sequence[Said], zh: str, en: str) -> Problem:
    """Several of one message's sentences as one problem (one heading each), joined by `zh` and `en`."""
    first = said[0].message
    return Problem(
        location,
        zh.join(s.text("zh") for s in said),
        en.join(s.text("en") for s in said),
        first.severity,
        first.code,
    )
