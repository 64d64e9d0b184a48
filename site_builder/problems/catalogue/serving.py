"""Serving the site: the preview's port (site-builder serve) and what the server's hook takes as main."""

from __future__ import annotations

from site_builder.problems.message import Message

PORT_OUT_OF_RANGE = Message(
    "serve.port-out-of-range",
    "“{value}”不是可用的端口：请写 1 到 65535 之间的整数，例如 --port 8000（写 0 由系统挑一个空闲的端口）",
    "is not a port: write a whole number from 1 to 65535, such as --port 8000 (0 lets the system choose a free one)",
    {"value": "70000"},
    between="/ ",
)
NOT_A_COMMIT = Message(
    "push.not-a-commit",
    "推送被拒绝：main 指向的不是一次提交，而是 git 的“{kind}”对象，无法检查和发布，网站保持不变。请推送一次提交："
    "git push site main",
    'push refused: main points to a git "{kind}" object, not a commit, so it cannot be checked or published; the '
    "live site is unchanged. Push a commit: git push site main",
    {"kind": "blob"},
    mark="✗",
)
