"""Sections 5 and 9 of the staff guide: the folders site.toml names, and where a build may write (build --out)."""

from __future__ import annotations

from site_builder.problems import Location
from site_builder.problems.message import Message

_NOTHING_DONE = ("已拒绝，什么都没有改动。", "Refused; nothing was changed. ")
_OUT = Location("build")

NO_CONTENT_FOLDER = Message(
    "config.content-folder-missing",
    "项目里没有“{value}”这个文件夹：网站的页面（Markdown）要从这里读取。请检查拼写，写项目文件夹里的相对路径，"
    "用 / 分隔，例如 content",
    'there is no folder "{value}" in the project: the site\'s pages (Markdown) are read from it. Check the spelling '
    "and give a path relative to the project folder, with / between folders, such as content",
    {"value": "contents"},
    Location("site.toml", key="site.content"),
)
AMONG_CONFIGURED = Message(
    "output.among-configured-sources",
    "这在 site.toml 的 {key} 设定的文件夹 {source}/ 里面：生成的网站不能放在网站的源文件中间。"
    + _NOTHING_DONE[0]
    + "请让 --out 指向这个文件夹以外的地方，例如 build",
    "this is inside {source}/, the folder {key} in site.toml names: the site must not be written among its own "
    "sources. " + _NOTHING_DONE[1] + "Point --out at a folder outside it, such as build",
    {"key": "site.content", "source": "pages"},
    Location("pages/images/site"),
)
FILE_NOT_MADE_HERE = Message(
    "output.file-not-made-by-site-builder",
    "这个文件夹里的 {file} 不是 site-builder 生成的（不在 {stamp} 标记文件列出的文件中）：构建只替换完全由自己生成的"
    "文件夹，不会删除它。" + _NOTHING_DONE[0] + "请先把自己的文件移到别处，或让 --out 指向一个不存在的或空的文件夹",
    "{file} in this folder was not made by site-builder (it is not among the files its {stamp} stamp lists): the "
    "build replaces only a folder that holds nothing but what it made, and will not delete it. "
    + _NOTHING_DONE[1]
    + "Move your own files elsewhere first, or point --out at a folder that does not exist or is empty",
    {"file": "论文.docx", "stamp": ".site-builder"},
    Location("/home/staff/网站备份"),
)
UNDER_A_FILE = Message(
    "output.under-a-file",
    "这里不能建立文件夹：{file} 是一个文件，不是文件夹。" + _NOTHING_DONE[0] + "请让 --out 指向一个文件夹，例如 build",
    "no folder can be made here: {file} is a file, not a folder. " + _NOTHING_DONE[1] + "Point --out at a folder, "
    "such as build",
    {"file": "site.toml"},
    Location("site.toml/site"),
)
CANNOT_MAKE_FOLDER = Message(
    "output.cannot-make-folder",
    "这里不能建立文件夹（{detail}）。" + _NOTHING_DONE[0] + "请检查路径和权限，或让 --out 指向别的文件夹，例如 build",
    "no folder can be made here ({detail}). " + _NOTHING_DONE[1] + "Check the path and the permissions, or point "
    "--out at another folder, such as build",
    {"detail": "No such file or directory"},
    Location("/proc/site"),
)
