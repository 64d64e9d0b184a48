"""A copy to review before going live (`site-builder review`, the server's review branch) and withdrawing the last
release (`site-builder withdraw`): their steps, the server's words, and their refusals."""

from __future__ import annotations

from site_builder.problems.message import Message

_ADDRESS = {"address": "http://10.0.0.5:8081/"}

# `site-builder review` (送审): publish's steps, then a push to the review branch.
STEP_PUSH_REVIEW = Message(
    "review.step-push",
    "推送到 {remote} 的审阅分支 review：服务器会检查并生成一份不公开的审阅副本，线上网站不变",
    "pushing to the review branch of {remote}: the server checks and builds a private copy to review; the live site "
    "is unchanged",
    {"remote": "site"},
    mark="4/4",
)
REVIEW_READY = Message(
    "review.ready",
    "审阅副本已生成（地址见上面服务器的提示；不公开，搜索引擎不收录，线上网站不变）。请同事看过后，运行 site-builder "
    "publish 发布这些更改",
    "the copy to review is ready (its address is in the server's lines above; private, not indexed, the live site "
    "unchanged). Once a colleague has checked it, run site-builder publish to publish these changes",
    mark="✓",
)
REVIEW_REFUSED = Message(
    "review.push-refused",
    "服务器拒绝了审阅副本，线上网站和上一份审阅副本都保持不变。您的更改已经提交在本机：请按上面服务器的提示"
    "（remote: 开头的行）改正，然后再运行 site-builder review",
    "the server refused the copy to review; the live site and the last copy to review are unchanged. Your change "
    "is committed on this computer: fix what the server says above (the lines starting with remote:), then run "
    "site-builder review again",
    mark="✗",
)

# The server, on a push to the review branch.
REVIEW_BUILT = Message(
    "push.review-built",
    "审阅副本已生成（不公开，不是线上网站）：{address}",
    "the copy to review is built (private, not the live site): {address}",
    _ADDRESS,
    mark="✓",
)
REVIEW_NO_ADDRESS = Message(
    "push.review-no-address",
    "请向 IT 询问审阅副本的地址",
    "ask IT for the address of the copy to review",
)
ONE_BRANCH = Message(
    "push.one-branch",
    "推送被拒绝：一次只推送一个分支（main 或 review）：{refs}",
    "push refused: push one branch at a time (main or review): {refs}",
    {"refs": "refs/heads/main, refs/heads/review"},
    mark="✗",
)

# `site-builder withdraw` (撤回): revert the last publication, then publish that.
STEP_WITHDRAW = Message(
    "withdraw.step-revert",
    "撤回最近一次发布：{commit}（{date}，{author}）“{subject}”",
    "withdrawing the last publication: {commit} ({date}, {author}) “{subject}”",
    {"commit": "3eb74541da5e", "date": "2026-12-01", "author": "Staff A", "subject": "2023 air quality"},
    mark="1/3",
)
STEP_WITHDRAW_CHECK = Message(
    "withdraw.step-check",
    "检查撤回以后的数据和正文",
    "checking the data and pages as they are once withdrawn",
    mark="2/3",
)
STEP_WITHDRAW_PUSH = Message(
    "withdraw.step-push",
    "推送到 {remote}：服务器会再检查一遍，把撤回以后的网站作为新的版本发布",
    "pushing to {remote}: the server checks again and publishes the site as it is once withdrawn, as a new release",
    {"remote": "site"},
    mark="3/3",
)
WITHDRAWN = Message(
    "withdraw.done",
    "已撤回，线上网站回到这次发布之前的内容：{url}",
    "withdrawn: the live site is back to what it was before that publication: {url}",
    {"url": "https://czh.huzhou.gov.cn/"},
    mark="✓",
)
NOTHING_TO_WITHDRAW = Message(
    "withdraw.nothing",
    "没有可以撤回的发布：服务器 {remote} 上只有第一次发布（或者之后的发布都已撤回），什么都没有改",
    "nothing to withdraw: the server {remote} holds only the first publication (or every later one is withdrawn "
    "already); nothing was changed",
    {"remote": "site"},
    mark="✗",
)
UNPUBLISHED_EDITS = Message(
    "withdraw.unpublished-edits",
    "这个副本里有还没有发布的更改（{what}），撤回会把它们和撤回混在一起，所以什么都没有改。请先发布它们"
    "（site-builder publish），或者放弃它们，再运行 site-builder withdraw",
    "this copy holds changes not published yet ({what}); a withdrawal would mix them in, so nothing was changed. "
    "Publish them first (site-builder publish), or give them up, then run site-builder withdraw again",
    {"what": "datasets/observations.csv"},
    mark="✗",
)
WITHDRAW_CLASH = Message(
    "withdraw.clash",
    "最近一次发布 {commit} 改过的地方后来又被改过，不能自动撤回，什么都没有改。请把要改回的值直接改好，"
    "用 site-builder publish 发布",
    "the last publication {commit} changed places that were changed again later, so it cannot be withdrawn by "
    "itself; nothing was changed. Put the values you want back by hand and publish with site-builder publish",
    {"commit": "3eb74541da5e"},
    mark="✗",
)
WITHDRAW_CHECK_FAILED = Message(
    "withdraw.check-failed",
    "撤回以后的网站通不过检查（下面 {count} 个问题），什么都没有改，线上网站不变。请把这些信息转给 IT",
    "the site as it would be once withdrawn fails the check ({count} problem(s) below); nothing was changed and the "
    "live site is unchanged. Pass these messages on to IT",
    {"count": 1},
    mark="✗",
)
