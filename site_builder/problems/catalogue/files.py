"""Section 1 of the staff guide: files and their encoding."""

from __future__ import annotations

from site_builder.problems import Location
from site_builder.problems.catalogue.phrases import SAVE_AS_CSV_UTF8 as CSV
from site_builder.problems.catalogue.phrases import SAVE_AS_UTF8 as TEXT
from site_builder.problems.catalogue.phrases import SAVE_COMMA_SEPARATED as COMMA
from site_builder.problems.message import Message

_UTF16 = (
    "文件是 UTF-16 编码（Excel 的“Unicode 文本”或记事本的“Unicode”），本网站只接受 UTF-8。",
    'is encoded as UTF-16 (Excel\'s "Unicode Text", or "Unicode" in Notepad); only UTF-8 is accepted. ',
)
_GBK = (
    "文件是 GBK/GB18030 编码（中文 Windows 上的软件常用的默认格式），本网站只接受 UTF-8。",
    "is encoded as GBK/GB18030 (what Excel and many editors on Chinese Windows save by default); "
    "only UTF-8 is accepted. ",
)

UTF16_TABLE = Message(
    "file.utf-16-table", _UTF16[0] + CSV[0], _UTF16[1] + CSV[1], where=Location("datasets/observations.csv")
)
UTF16_TEXT = Message("file.utf-16-text", _UTF16[0] + TEXT[0], _UTF16[1] + TEXT[1], where=Location("content/zh/a.md"))
NOT_TEXT = Message(
    "file.not-text",
    "不是文本文件（可能是 Excel 的 .xlsx 或其他二进制文件被改了扩展名）。请另存为 CSV UTF-8。",
    "is not a text file (perhaps an Excel .xlsx or another binary file renamed). Save it as CSV UTF-8.",
    where=Location("datasets/sources.csv"),
)
GBK_TABLE = Message(
    "file.gbk-table", _GBK[0] + CSV[0], _GBK[1] + CSV[1], where=Location("datasets/chapters.csv", row=2)
)
GBK_TEXT = Message("file.gbk-text", _GBK[0] + TEXT[0], _GBK[1] + TEXT[1], where=Location("content/zh/a.md", row=2))
NOT_UTF8_TABLE = Message(
    "file.not-utf-8-table",
    "不是 UTF-8 编码的文本。" + CSV[0],
    "is not UTF-8 text. " + CSV[1],
    where=Location("datasets/sources.csv", row=2),
)
NOT_UTF8_TEXT = Message(
    "file.not-utf-8-text",
    "不是 UTF-8 编码的文本。" + TEXT[0],
    "is not UTF-8 text. " + TEXT[1],
    where=Location("content/zh/a.md", row=2),
)
OUTSIDE_LINK = Message(
    "file.links-outside",
    "文件是指向仓库以外的链接，已拒绝：请把链接换成文件本身",
    "the file links outside the repository; refused: put the file itself in its place",
    where=Location("datasets/glossary.csv"),
)
BROKEN_LINK = Message(
    "file.link-broken",
    "文件是一个链接，但它指向的文件不存在（或几个链接绕成了一个圈），无法读取，已拒绝：请删除这个链接，把文件本身放在这里",
    "the file is a link to nothing: what it points at does not exist (or links lead round in a circle), so it cannot "
    "be read; refused: delete the link and put the file itself in its place",
    where=Location("content/en/chapters/notes.md"),
)
INSIDE_GIT = Message(
    "file.links-into-git",
    "这是指向 .git 文件夹的链接（或在 .git 里面）：.git 是 git 自己的文件，可能存有密码，不能发布，已拒绝："
    "请把链接换成要发布的文件本身",
    "this links into the .git folder (or lies inside it): .git holds git's own files, perhaps a password, and is "
    "never published; refused: put the file you mean to publish in its place",
    where=Location("content/images/config.png"),
)
UNLISTED_TABLE = Message(
    "file.table-not-in-package",
    "这个表格没有列在 datapackage.json 的 resources 中，不会被检查，也不会被发布：若要发布，请让开发人员把它"
    "加入 resources；否则请把它移出这个文件夹",
    'this table is not listed in the "resources" of datapackage.json, so it is neither checked nor '
    "published: to publish it, ask a developer to add it there; otherwise move it out of this folder",
    where=Location("datasets/glossary-new.csv"),
    severity="warning",
)
TABLE_TOO_LARGE = Message(
    "file.table-too-large",
    "文件太大（{mb} MB，上限 {limit} MB）。请检查是否保存了多余的内容，或把数据拆分成多个文件。",
    "the file is too large ({mb} MB; the limit is {limit} MB). Check for stray content, or split the data into "
    "several files.",
    {"mb": 300, "limit": 50},
    Location("datasets/observations.csv"),
)
PAGE_TOO_LARGE = Message(
    "file.page-too-large",
    "页面太大（{mb:.0f} MB，上限 {limit} MB）。请检查是否粘贴了多余的内容，或把它拆分成几个页面。",
    "the page is too large ({mb:.0f} MB; the limit is {limit} MB). Check for pasted stray content, or split it into "
    "several pages.",
    {"mb": 200.0, "limit": 4},
    Location("content/en/about.md"),
)
EMPTY = Message(
    "file.empty",
    "文件是空的：至少需要一行列名（表头）",
    "the file is empty: it needs at least the header row",
    where=Location("datasets/categories.csv", row=1),
)
NO_FILE = Message("file.missing", "找不到这个文件", "the file does not exist", where=Location("datasets/sources.csv"))
PATH_OUTSIDE_PACKAGE = Message(
    "file.path-outside-package",
    "路径必须是数据包文件夹内的相对路径",
    "the path must stay inside the data package folder",
    where=Location("datasets/../sources.csv"),
)
SEMICOLON_SEPARATED = Message(
    "file.semicolon-separated",
    "各列是用分号分隔的，本网站只接受逗号分隔。" + COMMA[0],
    "the columns are separated by semicolons; only commas are accepted. " + COMMA[1],
    where=Location("datasets/sources.csv", row=1),
)
TAB_SEPARATED = Message(
    "file.tab-separated",
    "各列是用制表符分隔的，本网站只接受逗号分隔。" + COMMA[0],
    "the columns are separated by tabs; only commas are accepted. " + COMMA[1],
    where=Location("datasets/sources.csv", row=1),
)
TABLE_SAVED_AS_OTHER_TYPE = Message(
    "file.table-saved-as-other-type",
    "这是 {table} 另存成的另一种文件（Excel 或 WPS 的工作簿、文本文件，或 Windows 隐藏了扩展名时存成的 .csv.txt）。"
    "网站只读 {table}，这个文件里的修改不会发布。请用 Excel 或 WPS 打开这个文件，“另存为”时“保存类型”选"
    "“CSV UTF-8(逗号分隔)(*.csv)”，文件名写 {table}，替换原来的文件；然后删除这个文件",
    "this is {table} saved as another type of file (an Excel or WPS workbook, a text file, or .csv.txt when Windows "
    "hides the extension). The site reads only {table}, so what you changed here is not published. Open this file "
    'in Excel or WPS, "Save As" with the type "CSV UTF-8 (Comma delimited) (*.csv)" and the name {table}, replacing '
    "the old file; then delete this file",
    {"table": "observations.csv"},
    Location("datasets/observations.xlsx"),
)
TABLE_COPY = Message(
    "file.table-copy",
    "这是 {table} 的一个副本（文件资源管理器复制文件时会起这样的名字；文件正被另一个程序打开时，保存也可能只能存成另一个名字）。"
    "网站只读 {table}，这个副本里的修改不会发布。如果修改在这个副本里：关掉打开着 {table} 的程序，把这个副本另存为 {table}，"
    "替换原来的文件。然后删除这个副本",
    "this is a copy of {table} (File Explorer names a copy so; and while the file is open in another program, saving "
    "may only be possible under another name). The site reads only {table}, so what you changed here is not published. If "
    "your change is in this copy: close the program that has {table} open, save this copy as {table}, replacing the "
    "old file. Then delete this copy",
    {"table": "observations.csv"},
    Location("datasets/observations - 副本.csv"),
)
