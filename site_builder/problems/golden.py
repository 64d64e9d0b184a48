"""The golden file: every message of the catalogue rendered with its example, both languages, as staff read it.

Regenerate after a deliberate change of wording (tests/test_catalogue.py compares):
    .venv/bin/python -m site_builder.problems.golden > tests/golden/messages.txt
"""

from __future__ import annotations

import re
import string
import sys

from site_builder.problems import Location, printed
from site_builder.problems.catalogue import MESSAGES
from site_builder.problems.message import Message

HEADER = """\
# Every message of the error catalogue (site_builder/problems/catalogue/), rendered with its example.
# Generated; do not edit. After a deliberate change of wording, regenerate and review the diff:
#     .venv/bin/python -m site_builder.problems.golden > tests/golden/messages.txt
"""


def rendered(message: Message) -> str:
    """The message as printed where its example happened, or as the line it is printed on (a phrase used inside
    others: its two texts)."""
    said = message.said(**message.example)
    if message.mark:
        return said.line()
    if message.where is None:
        return f"  zh: {said.text('zh')}\n  en: {said.text('en')}"
    return printed(said.at(message.where))


def golden() -> str:
    return HEADER + "".join(f"\n[{m.code}] {'line' if m.mark else m.severity}\n{rendered(m)}\n" for m in MESSAGES)


def pattern(message: Message, lang: str, location: Location | None = None) -> re.Pattern[str]:
    """A regular expression that the message's text matches whatever its fields hold (after its location)."""
    parts = [re.escape(location.describe(lang) + ("：" if lang == "zh" else ": "))] if location else []
    for literal, field, _spec, _conversion in string.Formatter().parse(message.zh if lang == "zh" else message.en):
        parts.append(re.escape(literal))
        if field is not None:
            parts.append("(.*?)")
    return re.compile("".join(parts), re.DOTALL)


if __name__ == "__main__":
    sys.stdout.write(golden())
