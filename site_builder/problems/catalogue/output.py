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

# The report's PDFs (site_builder/opendata/report_pdf.py) need WeasyPrint and the system libraries it loads (Pango,
# HarfBuzz, Fontconfig). A preview, a build without --strict and the staff's own check go on without them (a warning:
# the server makes the PDFs); a strict build anywhere else (CI, the server's check of a push) refuses, so the live
# site never links to a PDF it does not have.
PDFS = Location("downloads/report-zh.pdf, downloads/report-en.pdf")
_INSTALL = (
    "请运行 README 中的安装命令 bash scripts/setup.sh（在 Debian 或 Ubuntu 上也可以运行 "
    "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0），然后重新构建",
    "run the README's setup command, bash scripts/setup.sh (on Debian or Ubuntu, sudo apt-get install "
    "libpango-1.0-0 libpangoft2-1.0-0 also does), then build again",
)
_CANNOT = (
    "排版评估报告 PDF 的 WeasyPrint 在这台电脑上无法运行：找不到 {library}（Pango 文字排版库或它需要的库）。",
    "WeasyPrint, which typesets the assessment report's PDFs, cannot run on this computer: {library} is missing "
    "(Pango, the text layout library, or a library it needs). ",
)
PDF_SKIPPED = Message(
    "output.report-pdf-skipped",
    _CANNOT[0] + "网站的其余部分都已生成，只是这次构建的报告页上两个 PDF 下载链接打不开。预览或自查时不必处理："
    "发布后服务器会生成 PDF。如果要在这台电脑上生成，" + _INSTALL[0],
    _CANNOT[1] + "The rest of the site was built; only the report page's two PDF links lead nowhere in this build. "
    "Nothing to do for a preview or a check: the server makes the PDFs once you publish. To make them on this "
    "computer, " + _INSTALL[1],
    {"library": "libpango-1.0-0"},
    PDFS,
    "warning",
)
PDF_REFUSED = Message(
    "output.report-pdf-refused",
    _CANNOT[0]
    + "严格构建（CI、服务器对推送的检查）不会发布没有 PDF 的网站："
    + _NOTHING_DONE[0]
    + "线上网站和上一次成功的"
    "构建都保持原样。请在这台机器上" + _INSTALL[0].removeprefix("请"),
    _CANNOT[1]
    + "A strict build (CI, the server's check of a push) does not publish a site without them. "
    + _NOTHING_DONE[1]
    + "The live site and the last good build stay as they were. On this machine, "
    + _INSTALL[1],
    {"library": "libpango-1.0-0"},
    PDFS,
)
