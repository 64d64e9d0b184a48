"""How a file is written, whatever it holds: a key written twice, a number or brackets beyond what can be read, half
a character, and characters no one can see in a page (datapackage.json, site.toml, a page's front matter and text)."""

from __future__ import annotations

from site_builder.problems import Location
from site_builder.problems.message import Message

KEY_TWICE = Message(
    "file.key-twice",
    "这个键写了两次（另一次在第 {first} 行）：只会用到其中一个，另一个会被悄悄忽略。请删除不要的那一个",
    "this key is written twice (the other one is on row {first}): only one of them would be used and the other "
    "silently dropped. Delete the one you do not mean",
    {"first": 2},
    Location("content/zh/about.md", row=3, key="title"),
)
NUMBER_TOO_LONG = Message(
    "file.number-too-long",
    "这个数字有 {digits} 位，位数太多，无法读取（最多 {limit} 位）：请改正这个数字",
    "this number has {digits} digits, more than can be read (at most {limit}): correct the number",
    {"digits": 5000, "limit": 4300},
    Location("site.toml", row=9, key="site.assessment_year"),
)
NESTED_TOO_DEEP = Message(
    "file.nested-too-deep",
    "方括号和花括号在这里嵌套超过 {limit} 层，无法读取：多半是多粘贴了括号，请删除多余的括号",
    "square and curly brackets nest more than {limit} deep here, deeper than can be read: most likely stray brackets "
    "were pasted; delete them",
    {"limit": 100},
    Location("datasets/datapackage.json", row=2),
)
HALF_A_CHARACTER = Message(
    "file.half-a-character",
    "文字里的转义 {escape} 只是半个字符（UTF-16 代理项），不能单独出现，也无法写入任何文件：请删除它，"
    "或直接写出完整的字符",
    "the text holds the escape {escape}, half of a character (a UTF-16 surrogate) that cannot stand alone or be "
    "written to any file: delete it, or write the whole character itself",
    {"escape": "\\ud800"},
    Location("datasets/datapackage.json", key="title"),
)
_PAGE = Location("content/zh/about.md", row=12)
INVISIBLE_IN_PAGE = Message(
    "text.invisible-in-page",
    "第 {position} 个字符是看不见的字符 {name}，写出来是“{shown}”：页面上看不出它，它却会改变文字的显示"
    "（方向控制符会让数字倒着显示）或使搜索找不到这段文字。请删除它",
    'character {position} is an invisible character, {name}: written out, "{shown}". It does not show on the page '
    "but changes how the text reads (a direction override shows digits reversed) or hides it from search. Delete it",
    {"position": 6, "name": "U+202E RIGHT-TO-LEFT OVERRIDE", "shown": "城镇化率 ⟨U+202E RIGHT-TO-LEFT OVERRIDE⟩5.77%"},
    _PAGE,
)
INVISIBLE_ENTITY_IN_PAGE = Message(
    "text.invisible-entity-in-page",
    "第 {position} 个字符起的“{entity}”写出的是看不见的字符 {name}：页面上看不出它，它却会改变文字的显示"
    "（方向控制符会让数字倒着显示）或使搜索找不到这段文字。请删除“{entity}”",
    'the "{entity}" at character {position} writes an invisible character, {name}. It does not show on the page '
    'but changes how the text reads (a direction override shows digits reversed) or hides it from search. Delete "'
    '{entity}"',
    {"position": 6, "entity": "&#8238;", "name": "U+202E RIGHT-TO-LEFT OVERRIDE"},
    _PAGE,
)
