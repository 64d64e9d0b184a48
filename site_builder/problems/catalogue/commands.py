"""Section 6 of the staff guide and the command line's own lines: how a run ends (checked, refused, interrupted,
the disk full), the check report, and the preview."""

from __future__ import annotations

from site_builder.problems import Location
from site_builder.problems.message import Message

ALL_CHECKS_PASSED = Message(
    "run.all-checks-passed", "检查通过", "all checks passed  ({seconds:.1f} s)", {"seconds": 2.4}, mark="✓"
)
PROBLEMS_FOUND = Message(
    "run.problems-found",
    "发现 {count} 个问题，未生成网站",
    "{count} problem(s) found; nothing was written.",
    {"count": 3},
    mark="✗",
)
NOTHING_CHANGED = Message(
    "run.nothing-changed",
    "自上次生成以来没有变化",
    "nothing changed since the last build: {pages} pages, {files} files → {out}  ({seconds:.1f} s)",
    {"pages": 160, "files": 402, "out": "D:\\huzhou-site\\build", "seconds": 0.3},
    mark="✓",
)
DISK_FULL = Message(
    "run.disk-full",
    "磁盘已满，原有的网站保持不变；请腾出磁盘空间后重新构建",
    "the disk is full; the previous build is untouched. Free some disk space and build again.",
    mark="✗",
)
INTERRUPTED = Message(
    "run.interrupted", "已中断，原有的网站保持不变", "interrupted; the previous build is untouched.", mark="✗"
)
INTERNAL_ERROR = Message(
    "run.internal-error",
    "内部错误",
    "internal error: {error} (run again with --debug for details)",
    {"error": "RuntimeError('unexpected')"},
    mark="✗",
)
REPORT_TITLE = Message("check.report-title", "检查报告", "Check report")
REPORT_SCOPE = Message(
    "check.report-scope",
    "配置、数据、正文、译文、链接和锚点",
    "config, data, text, translations, links and anchors",
)
REPORT_PROBLEMS = Message("check.problems", "{count} 个问题", "{count} problem(s)", {"count": 1}, mark="✗")
FIX_BEFORE_PUBLISHING = Message("check.fix-before-publishing", "修正后再发布", "fix them before publishing")
READY_TO_PUBLISH = Message("check.ready-to-publish", "可以发布", "ready to publish", mark="✓")

# The preview (`site-builder serve`).
PORT_IN_USE = Message(
    "preview.port-in-use",
    "端口 {port} 已被占用，请换一个，例如 --port {next}",
    "port {port} is in use; choose another, for example --port {next}",
    {"port": 8000, "next": 8001},
    Location("127.0.0.1:8000"),
)
PREVIEW_FAILED = Message(
    "preview.internal-error",
    "内部错误：{error}",
    "internal error: {error}",
    {"error": "OSError(28, 'No space left on device')"},
    Location("site-builder"),
)
PREVIEWING = Message("preview.serving", "预览", "preview: {url}", {"url": "http://127.0.0.1:8000/"}, mark="✓")
TO_STOP = Message("preview.to-stop", "Ctrl+C 停止", "to stop")
REBUILT = Message("preview.rebuilt", "已更新", "rebuilt", mark="✓")
PREVIEW_STOPPED = Message("preview.stopped", "预览已停止", "preview stopped")
LAST_GOOD_PAGES = Message(
    "preview.last-good-pages", "仍显示上一次正确的页面", "the last good pages stay served", mark="✗"
)
