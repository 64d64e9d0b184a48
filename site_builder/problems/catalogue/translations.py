"""Section 3 of the staff guide: translations (pages and interface strings in every language)."""

from __future__ import annotations

from site_builder.problems import Location
from site_builder.problems.message import Message

NO_CATALOG = Message(
    "translation.no-catalog",
    "缺少 {locale} 的界面翻译目录 messages.po",
    "no messages.po catalog for {locale}",
    {"locale": "en"},
    Location("themes/default/locale"),
    "warning",
)
UNTRANSLATED = Message(
    "translation.untranslated",
    "界面文字“{text}”未翻译或标记为 fuzzy",
    'the interface text "{text}" is untranslated or marked fuzzy',
    {"text": "Published value"},
    Location("themes/default/locale/en/LC_MESSAGES/messages.po", row=120),
    "warning",
)
