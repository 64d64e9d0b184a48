"""Sections 6 and 9 of the staff guide: the output folder (build --out), and a build that is stopped."""

from __future__ import annotations

from site_builder.problems import Location
from site_builder.problems.message import Message

_NOTHING_DONE = ("已拒绝，什么都没有改动。", "Refused; nothing was changed. ")
_OUT = Location("build")

PROJECT_FOLDER = Message(
    "output.project-folder",
    "这是项目文件夹本身，或是装着项目的文件夹：构建会用生成的网站替换整个文件夹，项目（连同 .git）就没了。"
    + _NOTHING_DONE[0]
    + "请让 --out 指向一个新的文件夹，例如 build",
    "this is the project folder itself, or a folder that holds it: the build would replace the whole folder with the "
    "site, and the project (.git included) would be gone. " + _NOTHING_DONE[1] + "Point --out at a new folder, such "
    "as build",
    where=_OUT,
)
AMONG_SOURCES = Message(
    "output.among-sources",
    "这在项目的 {source}/ 文件夹里面：生成的网站不能放在网站的源文件中间。"
    + _NOTHING_DONE[0]
    + "请让 --out 指向 content、datasets、themes 以外的文件夹，例如 build",
    "this is inside the project's {source}/ folder: the site must not be written among its own sources. "
    + _NOTHING_DONE[1]
    + "Point --out at a folder outside content, datasets and themes, such as build",
    {"source": "content"},
    _OUT,
)
NOT_A_FOLDER = Message(
    "output.not-a-folder",
    "这是一个文件，不是文件夹：构建不会替换它。" + _NOTHING_DONE[0] + "请让 --out 指向一个文件夹，例如 build",
    "this is a file, not a folder: the build will not replace it. "
    + _NOTHING_DONE[1]
    + "Point --out at a folder, such as build",
    where=_OUT,
)
NOT_MADE_HERE = Message(
    "output.not-made-by-site-builder",
    "这个文件夹里有不是 site-builder 生成的文件（最上层没有 {stamp} 标记文件）：构建只替换自己生成的文件夹，不会删除它。"
    + _NOTHING_DONE[0]
    + "请让 --out 指向一个不存在的或空的文件夹；如果这是旧版本 site-builder 生成的网站（例如以前的 build 文件夹），"
    "请先自己删除它，再重新构建",
    "this folder holds files that site-builder did not make (there is no {stamp} stamp file at its top): the build "
    "replaces only folders it made itself, and will not delete this one. "
    + _NOTHING_DONE[1]
    + "Point --out at a folder that does not exist or is empty; if this is a site made by an older version of "
    "site-builder (such as an old build folder), delete it yourself, then build again",
    {"stamp": ".site-builder"},
    _OUT,
)
BUSY = Message(
    "output.another-build-running",
    "另一个构建正在向这个文件夹生成网站：请等它完成后再试",
    "another build is running into this folder; wait for it to finish, then try again",
    where=_OUT,
)
