"""The staff error guide, docs/staff-guide-errors.md, written from the catalogue: each case's prose (what happened,
how to fix it) from site_builder/problems/cases/, each message it shows rendered from its code in the catalogue, so
the guide quotes exactly what the build prints. Regenerate after any change to either (tests/test_catalogue.py
compares):
    .venv/bin/python -m site_builder.problems.guide > docs/staff-guide-errors.md

In the prose, `{{2.zh}}` stands for the case's second shown message as its Chinese line (file, row, column and
words), `{{2.en}}` its English line, `{{2.zh-words}}` / `{{2.en-words}}` its words alone, and `{{2.line}}` the
line a command prints (mark, Chinese / English). A shown message is its code, and where and with which fields it
happened when these differ from the message's own example.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from site_builder.problems import Location
from site_builder.problems.catalogue import BY_CODE, MESSAGES
from site_builder.problems.message import Lang, Message, Said

CASES = Path(__file__).parent / "cases"
COMMAND = ".venv/bin/python -m site_builder.problems.guide > docs/staff-guide-errors.md"
TITLE = "# 错误提示手册 / Staff guide: what the build refuses"
NOTICE = (
    "<!-- Generated from the error catalogue (site_builder/problems/catalogue/ and site_builder/problems/cases/); "
    f"do not edit by hand. After a change there: {COMMAND} -->"
)
_TOKEN = re.compile(r"\{\{(\d+)\.(zh|en|zh-words|en-words|line)\}\}")
_CODES = {"zh": ("- 代码：", "、"), "en": ("- Code: ", ", ")}
_OTHERS = {
    "zh": ("其他提示", "下面这些提示还没有自己的一条说明；它们的意思和改法写在提示本身里。"),
    "en": ("Other messages", "These messages have no case of their own yet; each says what is wrong and what to do."),
}


_OTHER_LINE = {"zh": "- `{code}`：`{line}`", "en": "- `{code}`: `{line}`"}
_OTHER_PROBLEM = {
    "zh": "- `{code}`：`{zh}`；\n  英文行：`{en}`",
    "en": "- `{code}`: `{en}`\n  (Chinese line: `{zh}`)",
}


@dataclass(frozen=True, slots=True)
class Shown:
    """A message as one case shows it: where it happened and with which fields."""

    message: Message
    where: Location | None
    fields: Mapping[str, object]

    def said(self) -> Said:
        return self.message.said(**{**self.message.example, **self.fields})

    def render(self, kind: str) -> str:
        said = self.said()
        if kind == "line":
            return said.line()
        lang: Lang = "zh" if kind.startswith("zh") else "en"
        if kind.endswith("-words"):
            return said.text(lang)
        where = self.where or self.message.where
        if where is None:
            raise ValueError(f"{self.message.code} has no place to show it at")
        return said.at(where).format(lang)


@dataclass(frozen=True, slots=True)
class Case:
    number: int
    title: Mapping[str, str]
    text: Mapping[str, str]
    shows: tuple[Shown, ...]


@dataclass(frozen=True, slots=True)
class Section:
    heading: Mapping[str, str]
    intro: Mapping[str, str]
    shows: tuple[Shown, ...]
    cases: tuple[Case, ...]


def _value(raw: Any) -> object:
    if isinstance(raw, dict):  # a phrase of the catalogue inside the message
        return BY_CODE[raw["code"]].said(**{k: _value(v) for k, v in raw.get("fields", {}).items()})
    return raw


def _shown(raw: Mapping[str, Any]) -> Shown:
    where = Location(**raw["where"]) if "where" in raw else None
    return Shown(BY_CODE[raw["code"]], where, {k: _value(v) for k, v in raw.get("fields", {}).items()})


def _case(raw: Mapping[str, Any]) -> Case:
    return Case(
        raw["number"],
        {"zh": raw["zh"], "en": raw["en"]},
        {"zh": raw["zh_text"], "en": raw["en_text"]},
        tuple(_shown(s) for s in raw.get("shows", ())),
    )


def sections() -> tuple[Section, ...]:
    found = []
    for path in sorted(CASES.glob("[0-9][0-9].toml")):
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        found.append(
            Section(
                {"zh": raw["zh"], "en": raw["en"]},
                {"zh": raw["zh_intro"], "en": raw["en_intro"]},
                tuple(_shown(s) for s in raw.get("shows", ())),
                tuple(_case(c) for c in raw.get("case", ())),
            )
        )
    return tuple(found)


def filled(text: str, shows: Sequence[Shown]) -> str:
    return _TOKEN.sub(lambda m: shows[int(m.group(1)) - 1].render(m.group(2)), text)


def codes(shows: Sequence[Shown]) -> list[str]:
    return list(dict.fromkeys(s.message.code for s in shows if s.message.where is not None or s.message.mark))


def _case_text(case: Case, lang: str) -> str:
    lines = [f"**{case.number}. {case.title[lang]}**"]
    if shown := codes(case.shows):
        label, between = _CODES[lang]
        lines.append(label + between.join(f"`{c}`" for c in shown))
    lines.append(filled(case.text[lang], case.shows).strip("\n"))
    return "\n".join(lines) + "\n"


def _others(all_sections: Sequence[Section], lang: str) -> str:
    """Messages no case shows yet (phrases used inside other messages are not messages of their own)."""
    shown = {c for s in all_sections for case in s.cases for c in codes(case.shows)}
    shown |= {c for s in all_sections for c in codes(s.shows)}
    missing = [m for m in MESSAGES if m.code not in shown and (m.where is not None or m.mark)]
    if not missing:
        return ""
    heading, intro = _OTHERS[lang]
    lines = [f"### {heading}", "", intro, ""]
    for message in missing:
        example = Shown(message, None, {})
        if message.mark:
            lines.append(_OTHER_LINE[lang].format(code=message.code, line=example.render("line")))
        else:
            lines.append(
                _OTHER_PROBLEM[lang].format(code=message.code, zh=example.render("zh"), en=example.render("en"))
            )
    return "\n".join(lines) + "\n\n"


def _half(lang: str, intro: str, all_sections: Sequence[Section]) -> str:
    parts = [intro.strip("\n") + "\n\n"]
    for section in all_sections:
        parts.append(f"### {section.heading[lang]}\n\n")
        if section.intro[lang]:
            parts.append(filled(section.intro[lang], section.shows).strip("\n") + "\n\n")
        parts.extend(_case_text(case, lang) + "\n" for case in section.cases)
    parts.append(_others(all_sections, lang))
    return "".join(parts)


def guide() -> str:
    raw = tomllib.loads((CASES / "00-introduction.toml").read_text(encoding="utf-8"))
    shows = tuple(_shown(s) for s in raw.get("shows", ()))
    all_sections = sections()
    return (
        f"{TITLE}\n\n{NOTICE}\n\n[中文](#中文) · [English](#english)\n\n---\n\n## 中文\n\n"
        + _half("zh", filled(raw["zh"], shows), all_sections)
        + "---\n\n## English\n\n"
        + _half("en", filled(raw["en"], shows), all_sections).rstrip("\n")
        + "\n"
    )


if __name__ == "__main__":
    sys.stdout.write(guide())
