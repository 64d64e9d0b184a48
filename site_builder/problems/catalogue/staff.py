"""Section 11 of the staff guide: publishing with `site-builder publish` (its steps, its refusals, a cell two people
changed), the merge of data files by row, and what `site-builder check` says of work not committed yet."""

from __future__ import annotations

from site_builder.problems import Location
from site_builder.problems.message import Message

_CELL = Location("datasets/observations.csv", row=23, column="value")
_KEY = {"key": "good-air-days, 2022"}

# The steps, one line each as publish goes.
STEP_CHECK = Message(
    "publish.step-check",
    "检查数据和正文（与 site-builder check 相同）",
    "checking the data and pages (as check does)",
    mark="1/4",
)
STEP_FETCH = Message(
    "publish.step-fetch",
    "从 {remote} 取回同事已经发布的更改",
    "fetching what colleagues published from {remote}",
    {"remote": "site"},
    mark="2/4",
)
STEP_COMMIT = Message(
    "publish.step-commit",
    "提交 {count} 个文件：{message}",
    "committing {count} file(s): {message}",
    {"count": 1, "message": "更新 / update: datasets/observations.csv"},
    mark="3/4",
)
STEP_REBASE = Message(
    "publish.step-rebase",
    "把您的更改接在同事新发布的 {count} 个提交之后",
    "putting your change after the {count} commit(s) colleagues published meanwhile",
    {"count": 1},
    mark="3/4",
)
STEP_PUSH = Message(
    "publish.step-push",
    "推送到 {remote}：服务器会再检查一遍并生成网站，大约需要一分钟",
    "pushing to {remote}: the server checks again and builds the site (about a minute)",
    {"remote": "site"},
    mark="4/4",
)
STEP_CONTINUE = Message(
    "publish.step-continue",
    "继续上次暂停的发布：检查您改好的文件（与 site-builder check 相同），再把您的更改接在同事的更改之后",
    "continuing the publication that was paused: checking the files you settled (as check does), then putting your "
    "change after your colleagues'",
    mark="3/4",
)
PUBLISHED = Message(
    "publish.published", "已发布：{url}", "published: {url}", {"url": "https://huzhou.example.cn/"}, mark="✓"
)
LEFT_OUT = Message(
    "publish.left-out",
    "这些文件有改动，但不在 content/ 或 datasets/ 里，publish 不发布它们：{files}",
    "these files changed but are outside content/ and datasets/, so publish leaves them out: {files}",
    {"files": "site.toml"},
    mark="!",
)
ASK_MESSAGE = Message(
    "publish.ask-message",
    "这次改了什么？请写一句话（直接按回车则用“{default}”）",
    "What did you change? One line (press Enter for “{default}”)",
    {"default": "更新 / update: datasets/observations.csv"},
)
AUTO_MESSAGE = Message(
    "publish.auto-message", "更新", "update: {files}", {"files": "datasets/observations.csv, content/zh/news.md"}
)

# Refusals: nothing goes live; each says what to do.
NOT_A_REPOSITORY = Message(
    "publish.not-a-repository",
    "这个文件夹不在 git 仓库里：{root}。请在 IT 为您准备的网站文件夹里运行 site-builder publish",
    "this folder is not in a git repository: {root}. Run site-builder publish in the site folder IT set up for you",
    {"root": "D:\\huzhou-site"},
    mark="✗",
)
NO_REMOTE = Message(
    "publish.no-remote",
    "这个仓库没有设置服务器（git remote），不知道推送到哪里，什么都没有提交。请向 IT 要服务器仓库的地址，然后运行："
    "git remote add site 地址",
    "this repository has no server (git remote) to push to; nothing was committed. Ask IT for the address of the "
    "server's repository, then run: git remote add site ADDRESS",
    mark="✗",
)
NO_IDENTITY = Message(
    "publish.no-identity",
    "git 还不知道您的名字和邮箱（每次提交都记下是谁改的），什么都没有提交。请运行下面两行（换成您自己的名字和邮箱），"
    '再运行 site-builder publish：git config user.name "张三"  git config user.email "zhangsan@example.org"',
    "git does not know your name and e-mail yet (each commit records who made it); nothing was committed. Run these "
    'two lines with your own name and e-mail, then site-builder publish again: git config user.name "Zhang San"  '
    'git config user.email "zhangsan@example.org"',
    mark="✗",
)
NOTHING_TO_PUBLISH = Message(
    "publish.nothing-to-publish",
    "没有要发布的更改：content/ 和 datasets/ 里的文件和服务器 {remote} 上的一样",
    "nothing to publish: the files under content/ and datasets/ are the same as on the server ({remote})",
    {"remote": "site"},
    mark="✗",
)
CHECK_FAILED = Message(
    "publish.check-failed",
    "检查没有通过，什么都没有提交：请改正下面的 {count} 个问题，再运行 site-builder publish",
    "the check failed; nothing was committed. Fix the {count} problem(s) below, then run site-builder publish again",
    {"count": 1},
    mark="✗",
)
FETCH_FAILED = Message(
    "publish.fetch-failed",
    "连不上服务器 {remote}，什么都没有提交。请检查网络（或向 IT 确认服务器地址）后再运行 site-builder publish。"
    "git 的原话：{said}",
    "cannot reach the server {remote}; nothing was committed. Check the network (or ask IT whether the server's "
    "address is right), then run site-builder publish again. git said: {said}",
    {"remote": "site", "said": "fatal: '/srv/huzhou/site.git' does not appear to be a git repository"},
    mark="✗",
)
PUSH_REFUSED = Message(
    "publish.push-refused",
    "服务器拒绝了这次发布，线上网站保持不变。您的更改已经提交在本机，不会丢失：请按上面服务器的提示（remote: 开头的行）"
    "改正，然后再运行 site-builder publish",
    "the server refused the publication; the live site is unchanged. Your change is committed on this computer and "
    "is not lost: fix what the server says above (the lines starting with remote:), then run site-builder publish "
    "again",
    mark="✗",
)
GIT_FAILED = Message(
    "publish.git-failed",
    "git 命令没能完成，什么都没有发布：git {command}：{said}。请把这条信息转给 IT",
    "a git command did not finish; nothing was published: git {command}: {said}. Pass this message on to IT",
    {"command": "commit", "said": "fatal: unable to write new index file"},
    mark="✗",
)
PUBLISH_INTERRUPTED = Message(
    "publish.interrupted",
    "已中断（Ctrl+C）。您的修改没有丢：已经提交的留在这台电脑上。线上网站要么还是原来的，要么已经是这次发布的"
    "（中断时服务器正好发布完）。请再运行一次 site-builder publish：还没有发布的会接着发布，已经发布的会提示“没有要发布的更改”",
    "interrupted (Ctrl+C). Your change is not lost: what was committed stays on this computer. The live site is either "
    "as it was or already this publication (if the server had just finished). Run site-builder publish once more: what "
    "is not published yet goes on, and what is says “nothing to publish”",
    mark="✗",
)
PULL_CLASH = Message(
    "check.pull-clash",
    "取回同事的修改（git pull）时，这个文件里您还没有发布的修改和同事已经发布的修改改了同一处（见下一条），没有合在一起。"
    "文件里现在是同事已经发布的内容，您改的内容写在下一条里。想保留同事的：不用改；想保留您的：把那一格改成您的内容，保存。"
    "然后运行 site-builder publish",
    "when you took your colleagues' changes (git pull), your unpublished change to this file and a colleague's "
    "published one changed the same place (see the next line), and they were not put together. The file now holds "
    "what your colleague published; what you wrote is in the next line. To keep your colleague's: change nothing; to "
    "keep yours: type it into that cell and save. Then run site-builder publish",
    where=Location("datasets/observations.csv"),
)
PULL_CLASH_HEAD = Message(
    "publish.pull-clash",
    "发布暂停：取回同事的修改（git pull）时，您还没有发布的修改和同事已经发布的修改改了同一处，请决定保留哪一个"
    "（下面每处一行）。文件里现在是同事已经发布的内容",
    "publishing paused: when you took your colleagues' changes (git pull), your unpublished change and a colleague's "
    "published one changed the same place; decide which to keep (one line each below). The file now holds what your "
    "colleague published",
    mark="✗",
)
PULL_CLASH_THEN = Message(
    "publish.pull-clash-then",
    "想保留您的，就把那一格改成您的内容，保存；想保留同事的，不用改。然后再运行 site-builder publish",
    "to keep yours, type it into that cell and save; to keep your colleague's, change nothing. Then run "
    "site-builder publish again",
)
MERGE_IN_PROGRESS = Message(
    "publish.merge-in-progress",
    "上一次 git pull 的合并还没有完成，什么都没有提交：请运行 git merge --abort（回到 git pull 之前），"
    "再运行 site-builder publish",
    "a merge from an earlier git pull is not finished; nothing was committed. Run git merge --abort (back to before "
    "that git pull), then site-builder publish again",
    mark="✗",
)

# A clash: the same cell changed by two people. One heading, one problem per cell or file, one way on.
CLASH = Message(
    "publish.clash",
    "发布暂停：您和同事改了同一处，请决定保留哪一个（下面每处一行）。文件里现在是同事已经发布的内容",
    "publishing paused: you and a colleague changed the same place; decide which to keep (one line each below). The "
    "file now holds what your colleague published",
    mark="✗",
)
CLASH_CELL = Message(
    "publish.clash-cell",
    "（{key}）同事已经发布“{published}”，您改成了“{yours}”；文件里现在是“{published}”",
    "({key}) your colleague published “{published}”, you changed it to “{yours}”; the file now holds “{published}”",
    _KEY | {"published": "79.9", "yours": "81.2"},
    _CELL,
)
CLASH_YOU_DELETED = Message(
    "publish.clash-you-deleted",
    "（{key}）您删除了这一行，同事改了它：文件里保留了同事改过的行；如果它确实要删掉，请再删一次",
    "({key}) you deleted this row and your colleague changed it: the file keeps your colleague's row; if it must "
    "go, delete it again",
    _KEY,
    Location("datasets/observations.csv", row=23),
)
CLASH_THEY_DELETED = Message(
    "publish.clash-they-deleted",
    "（{key}）同事删除了这一行，您改了它：文件里保留了您改过的行；如果它确实要删掉，请再删一次",
    "({key}) your colleague deleted this row and you changed it: the file keeps your row; if it must go, delete it "
    "again",
    _KEY,
    Location("datasets/observations.csv", row=23),
)
CLASH_LINES = Message(
    "publish.clash-lines",
    "您和同事改了同样的几行：文件里 <<<<<<< 和 >>>>>>> 之间是两个版本，用 ======= 分开，上面是同事已经发布的，"
    "下面是您的；请保留正确的内容，删掉这三种标记行",
    "you and a colleague changed the same lines: between <<<<<<< and >>>>>>> the file holds both versions, split by "
    "=======, your colleague's published one above, yours below; keep the right text and delete the marking lines",
    where=Location("content/zh/news.md"),
)
CLASH_THEN = Message(
    "publish.clash-then",
    "改好后运行 site-builder publish，发布会从这里继续（要放弃这次发布、回到运行 publish 之前：git rebase --abort）",
    "once it is right, run site-builder publish: publishing goes on from here (to give up and go back to before "
    "publish: git rebase --abort)",
)
MARKS_LEFT = Message(
    "publish.marks-left",
    "文件里还有冲突标记（<<<<<<<、=======、>>>>>>>），发布仍然暂停：请保留正确的内容，删掉这些标记行，"
    "再运行 site-builder publish",
    "the file still holds conflict marks (<<<<<<<, =======, >>>>>>>), so publishing stays paused: keep the right "
    "text, delete the marking lines, then run site-builder publish again",
    where=Location("content/zh/news.md", row=12),
)
CLASH_OUTSIDE = Message(
    "publish.clash-outside",
    "这个文件不在 content/ 或 datasets/ 里，publish 不替您处理它的冲突，发布仍然暂停：请联系 IT（要回到运行 publish "
    "之前：git rebase --abort）",
    "this file is outside content/ and datasets/, so publish does not settle its conflict, and publishing stays "
    "paused: ask IT (to go back to before publish: git rebase --abort)",
    where=Location("site.toml"),
)

# `site-builder merge-csv`, run by git on a data file both sides changed (`git pull` by hand, for instance).
MERGE_CLASH = Message(
    "merge.clash",
    "（{key}）两边改得不一样：这边是“{ours}”，那边是“{theirs}”；文件里保留了这边的（“{kept}”）",
    "({key}) changed differently on both sides: “{ours}” here, “{theirs}” there; the file keeps this side's (“{kept}”)",
    _KEY | {"ours": "79.9", "theirs": "81.2", "kept": "79.9"},
    _CELL,
)
DELETED_ROW = Message("merge.deleted-row", "（已删除这一行）", "(the row deleted)")
MERGE_BY_LINES = Message(
    "merge.by-lines",
    "这个文件的行不能一一对应（没有区分每一行的列、两边的列不同，或者同一行出现两次），已逐行合并；两边改了同样的几行时，"
    "文件里有 <<<<<<< 和 >>>>>>> 标出的两个版本",
    "the rows of this file cannot be matched one to one (no columns that tell the rows apart, different columns on "
    "the two sides, or a row twice), so it was merged line by line; where both sides changed the same lines, the file holds both "
    "versions between <<<<<<< and >>>>>>>",
    where=Location("datasets/observations.csv"),
    severity="warning",
)

# `site-builder check` in a git repository: what the server would not see.
NOT_COMMITTED_NEW = Message(
    "check.not-committed-new",
    "这是新文件，还没有提交（git commit -am 不会带上它）：服务器看不到它，会按没有这个文件来检查和发布。"
    "用 site-builder publish 发布，它会一起提交",
    "a new file, not committed yet (git commit -am leaves it out): the server never sees it, and checks and "
    "publishes as if it were not there. Publish with site-builder publish, which commits it",
    where=Location("content/zh/news.md"),
    severity="warning",
)
NOT_COMMITTED_DELETION = Message(
    "check.not-committed-deletion",
    "这个文件被删除了（或在文件资源管理器里改了名），还没有发布。如果是误删或误改名，在 PowerShell 里运行 "
    "git restore {file} 把它取回（改了名的，再删掉改名后的那个文件）；确实不要它了，用 site-builder publish 发布这次删除",
    "this file was deleted (or renamed in File Explorer) and that is not published yet. If by mistake, run "
    "git restore {file} in PowerShell to get it back (and, for a rename, delete the renamed file); if it is meant to "
    "go, publish the deletion with site-builder publish",
    {"file": "datasets/sources.csv"},
    where=Location("datasets/sources.csv"),
    severity="warning",
)
NOT_COMMITTED_CHANGE = Message(
    "check.not-committed-change",
    "有还没有提交的改动（或删除）：服务器只看得到提交了的内容。用 site-builder publish 发布，它会一起提交",
    "has changes (or a deletion) not committed yet: the server only sees what is committed. Publish with "
    "site-builder publish, which commits them",
    where=Location("datasets/observations.csv"),
    severity="warning",
)
