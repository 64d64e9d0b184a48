"""Section 10 of the staff guide: pushing to the server (the git hook's lines) and the administrator's commands."""

from __future__ import annotations

from site_builder.problems import Location
from site_builder.problems.message import Message

_SERVE = Location("/srv/huzhou/www")
_REPO = Location("/srv/huzhou/site.git")

# What the pre-receive and post-receive hooks print into `git push`'s output (each line after "remote:").
SOMEONE_ELSE_FIRST = Message(
    "push.someone-else-first",
    "推送被拒绝：别人先发布了新版本：请先 git pull，再推送",
    "push refused: someone else published first: run git pull, then push again",
    mark="✗",
)
DELETE_MAIN = Message(
    "push.delete-main",
    "推送被拒绝：不能删除 {branch} 分支",
    "push refused: {branch} cannot be deleted",
    {"branch": "main"},
    mark="✗",
)
REWRITES_HISTORY = Message(
    "push.rewrites-history",
    "推送被拒绝：这次推送会改写已经发布的历史（强制推送，或 rebase 之后的推送）。服务器保留发布过的全部历史，"
    "好让人随时查到网站发布过什么。请先 git pull，再推送",
    "push refused: this push rewrites history that is already published (a force push, or a push after a rebase). "
    "The server keeps all published history, so that what the site published can always be traced. Run git pull, "
    "then push again",
    mark="✗",
)
OTHER_REFS = Message(
    "push.not-main",
    "推送被拒绝：只有 main 分支会被检查和发布（review 分支只生成不公开的审阅副本）；服务器不接收其他分支和标签"
    "（名为 main 的标签也不接收）：{refs}。请只推送 main：git push site main",
    "push refused: only the main branch is checked and published (the review branch only builds a private copy to "
    "review); the server takes no other branch or tag (not even a tag named main): {refs}. Push main only: git push "
    "site main",
    {"refs": "refs/heads/staging"},
    mark="✗",
)
REFUSED_PROBLEMS = Message(
    "push.refused-problems",
    "推送被拒绝：{count} 个问题，网站保持不变",
    "push refused: {count} problem(s); the live site is unchanged",
    {"count": 3},
    mark="✗",
)
SERVER_DISK_FULL = Message(
    "push.server-disk-full",
    "推送被拒绝：服务器磁盘已满，网站保持不变；请告诉网站管理员",
    "push refused: the server's disk is full; the live site is unchanged. Tell the site's administrator.",
    mark="✗",
)
SERVER_FAILED = Message(
    "push.server-build-failed",
    "推送被拒绝：服务器上的构建出错，网站保持不变；请把这条信息转给网站管理员",
    "push refused: the build failed on the server; the live site is unchanged. Pass this message on to the site's "
    "administrator: {error}",
    {"error": "PermissionError(13, 'Permission denied')"},
    mark="✗",
)
CHECKOUT_FAILED = Message(
    "push.checkout-failed",
    "推送被拒绝：服务器取不出这次提交的文件（git 说：{said}），网站保持不变；请把这条信息转给网站管理员",
    "push refused: the server could not take the files out of this commit (git said: {said}); the live site is "
    "unchanged. Pass this message on to the site's administrator.",
    {"said": "error: unable to create file content/en/about.md: Permission denied"},
    mark="✗",
)

# What a pushed commit's file names must be, checked before the server takes its files out (deploy/pushed.py): each
# name must be one that the server and every colleague's computer (Windows and macOS too) can hold as it is.
_LONG = "content/en/" + "a" * 48 + "…"
NAME_TOO_LONG = Message(
    "push.name-too-long",
    "名字太长（{length} 字节，最多 255 字节）：服务器和同事的电脑都存不下这个文件或文件夹，推送已拒绝。请把它改成短一些的"
    "名字（一个汉字占 3 字节），提交后再推送",
    "the name is too long ({length} bytes, at most 255): neither the server nor a colleague's computer can hold this "
    "file or folder, so the push is refused. Give it a shorter name (a Chinese character takes 3 bytes), commit, "
    "then push again",
    {"length": 300},
    where=Location(_LONG),
)
NAME_CONTROL_CHARACTER = Message(
    "push.name-control-character",
    "名字里有换行符或其他看不见的控制字符（在名字里写作 \\x0a 这样的写法）：很多程序打不开这样的文件，推送已拒绝。"
    "请在文件夹里把它重命名为只有普通字符的名字，提交后再推送",
    "the name holds a line break or another invisible control character (shown in the name as \\x0a and the like): many "
    "programs cannot open such a file, so the push is refused. Rename it in its folder to a name of ordinary "
    "characters, commit, then push again",
    where=Location("content/en/about\\x0a.md"),
)
NAME_NOT_FOR_WINDOWS = Message(
    "push.name-not-for-windows",
    "Windows 不允许这样的名字（{what}）：同事在 Windows 上取不到这个文件，他们的副本会出错，推送已拒绝。请重命名，"
    '不用 < > : " / \\ | ? * 这些字符，名字不以点或空格结尾，也不用 CON、PRN、AUX、NUL、COM1、LPT1 这类名字，提交后再推送',
    "Windows does not allow such a name ({what}): colleagues on Windows cannot get this file and their copies break, "
    'so the push is refused. Rename it without the characters < > : " / \\ | ? *, not ending in a dot or a space, '
    "and not a name such as CON, PRN, AUX, NUL, COM1 or LPT1; commit, then push again",
    {"what": '":"'},
    where=Location("datasets/notes:2024.csv"),
)
NAME_CASE_CLASH = Message(
    "push.name-case-clash",
    "这个名字和 {other} 只差大小写：在 Windows 和 macOS 上它们是同一个文件，同事的副本里只会剩下一个，另一个总显示为“已修改”，"
    "推送已拒绝。请删除或重命名其中一个（git mv 旧名 新名），提交后再推送",
    "this name differs from {other} only in upper and lower case: on Windows and macOS they are one and the same "
    "file, so a colleague's copy keeps only one and always shows the other as changed; the push is refused. Delete "
    "or rename one of them (git mv old-name new-name), commit, then push again",
    {"other": "content/en/about.md"},
    where=Location("content/en/About.md"),
)
SUBMODULE = Message(
    "push.submodule",
    "这是一个子模块（指向另一个 git 仓库的链接），它的文件不在这次推送里，服务器无法检查和发布，推送已拒绝。请删除它"
    "（git rm 这个文件夹），把文件本身复制进来，提交后再推送",
    "this is a submodule (a link to another git repository): its files are not in this push, so the server can "
    "neither check nor publish them; the push is refused. Remove it (git rm on this folder), copy the files "
    "themselves in, commit, then push again",
    where=Location("content/en/figures"),
)
NAMES_REVIEW_ADDRESS = Message(
    "push.names-review-address",
    "这里写了审阅副本的地址 {address}：审阅副本不公开，只给同事审阅，线上网站不能链接到它、也不能显示它，推送已拒绝。"
    "请改成线上网站的地址（site.toml 的 base_url）或删掉这个链接，提交后再推送",
    "this names the address of the copy to review, {address}: that copy is private, only for colleagues to check, "
    "and the live site must neither link to it nor show it; the push is refused. Write the live site's address "
    "(base_url in site.toml) instead, or remove the link; commit, then push again",
    {"address": "10.0.0.5:8081"},
    where=Location("content/en/about.md", row=12),
)
RELEASE_MISSING = Message(
    "push.release-missing",
    "服务器上找不到为 {commit} 生成的网站，线上网站保持不变；请把这条信息转给网站管理员",
    "the release built for {commit} is missing on the server; the live site is unchanged. Pass this message on to "
    "the site's administrator.",
    {"commit": "3eb74541da5e"},
    mark="✗",
)
CHECKED_AND_BUILT = Message(
    "push.checked-and-built",
    "检查通过，已生成",
    "checked and built {release} ({seconds:.1f} s)",
    {"release": "20261201-002212-3eb74541da5e", "seconds": 41.5},
    mark="✓",
)
PUBLISHED = Message(
    "push.published",
    "已发布",
    "published {release}{note}",
    {"release": "20261201-002212-3eb74541da5e", "note": ""},
    mark="✓",
)
DATA_RELEASE = Message(
    "push.data-release", "数据有变化：第 {number} 次数据发布", "data changed: data release {number}", {"number": 3}
)
DATA_UNCHANGED = Message(
    "push.data-unchanged",
    "数据没有变化，仍是第 {number} 次数据发布",
    "data unchanged: still data release {number}",
    {"number": 3},
)

# The administrator's commands: init-remote, rollback, nginx-config.
NOTHING_SERVED = Message(
    "admin.nothing-served",
    "这里没有发布的网站（找不到 releases/ 文件夹）：请检查路径；发布文件夹由 site-builder init-remote 建立",
    "no published site here (no releases/ folder): check the path; site-builder init-remote sets up the served folder",
    where=_SERVE,
)
NOTHING_PUBLISHED = Message(
    "admin.nothing-published",
    "还没有发布过任何版本（没有 current）：第一次 git push 到 main 之后才有可以回退的版本",
    "nothing has been published here yet (no current): there is a release to go back to only after pushes to main",
    where=_SERVE,
)
NO_EARLIER_RELEASE = Message("admin.no-earlier-release", "没有更早的版本", "there is no earlier release", mark="✗")
LIVE_RELEASE = Message(
    "admin.live-release",
    "当前版本",
    "live release: {release}",
    {"release": "20261130-170102-9d1c2e0b7a44"},
    mark="✓",
)
REPOSITORY_IS_A_FILE = Message(
    "admin.repository-is-a-file",
    "这是一个文件，不是文件夹：init-remote 要在这里新建 git 仓库。请换一个还不存在的路径",
    "is a file, not a folder: init-remote makes a new git repository here. Choose a path that does not exist yet",
    where=_REPO,
)
REPOSITORY_DESCRIBED = Message(
    "admin.repository-described",
    "main 分支上有 {commits} 个提交{published}",
    "{commits} commits on main{published}",
    {"commits": 1, "published": ""},
)
PUBLISHING_INTO = Message(
    "admin.publishing-into", "，发布到 {serve}", ", publishing into {serve}", {"serve": "/srv/huzhou/www"}
)
REPOSITORY_EXISTS = Message(
    "admin.repository-exists",
    "这里已经有一个 git 仓库（{described}）。init-remote 只新建仓库，不会改动已有的仓库和它的钩子；"
    "要重新设置，请先把它移走，或换一个路径",
    "already holds a git repository ({described}). init-remote only makes a new one and leaves an existing "
    "repository and its hooks alone; to set it up again, move it away first or choose another path",
    {"described": REPOSITORY_DESCRIBED.said(commits=1, published=PUBLISHING_INTO.said(serve="/srv/huzhou/www"))},
    _REPO,
)
NOT_EMPTY = Message(
    "admin.folder-not-empty",
    "这个文件夹不是空的（里面有 {count} 个文件或文件夹）：init-remote 只在空文件夹或不存在的路径上新建仓库",
    "this folder is not empty (it holds {count} files or folders): init-remote makes a repository only in an "
    "empty folder or a path that does not exist yet",
    {"count": 3},
    _REPO,
)
SERVE_IS_A_FILE = Message(
    "admin.serve-is-a-file",
    "这是一个文件，不是文件夹：发布的网站要放在一个文件夹里。请换一个路径",
    "is a file, not a folder: the published site goes into a folder. Choose another path",
    where=_SERVE,
)
ALREADY_SERVING = Message(
    "admin.already-serving",
    "这里已经在发布一个网站（当前版本 {live}）。init-remote 不会改动它；请换一个文件夹，或先把它移走",
    "already serves a site (live release {live}). init-remote leaves it alone; choose another folder or move it "
    "away first",
    {"live": "20261201-002212-3eb74541da5e"},
    _SERVE,
)
CANNOT_MAKE_REPOSITORY = Message(
    "admin.cannot-make-repository",
    "无法在这里新建 git 仓库（{reason}）：请检查路径和权限",
    "cannot make a git repository here ({reason}): check the path and the permissions",
    {"reason": "fatal: cannot mkdir /srv/huzhou/site.git: Permission denied"},
    _REPO,
)
# The tool the server runs: installed by init-remote (and upgrade-remote) from a commit, never a working copy.
_CLONE = Location("/home/admin/huzhou-site")
TOOL_UNCOMMITTED = Message(
    "admin.tool-uncommitted",
    "这份副本的 site-builder 代码有还没有提交的改动（{files}）：服务器只安装已经提交的版本，改了一半的代码不能上线。"
    "请先提交（git commit）或暂时收起（git stash）这些改动，再运行一次；服务器上什么都没有改动",
    "this copy's site-builder code has changes not committed ({files}): the server installs only a committed "
    "version, never half-done edits. Commit them (git commit) or put them aside (git stash), then run this again; "
    "nothing on the server was changed",
    {"files": "site_builder/deploy/hooks.py"},
    _CLONE,
)
TOOL_NOT_A_CLONE = Message(
    "admin.tool-not-a-clone",
    "这里的 site-builder 不在项目的 git 克隆里，无法说明要安装的是哪一次提交：请在项目的克隆（git clone）里运行这个命令",
    "this site-builder is not in a git clone of the project, so the commit to install cannot be named: run this "
    "command from a clone of the project (git clone)",
    where=_CLONE,
)
TOOL_INSTALL_FAILED = Message(
    "admin.tool-install-failed",
    "无法安装 site-builder（{step}：{said}）：请检查网络，或用 --wheels 指定放有全部 wheel 文件的文件夹；"
    "服务器上的仓库和网站没有改动",
    "could not install site-builder ({step}: {said}): check the network, or name a folder holding every wheel "
    "with --wheels; the server's repository and site were not changed",
    {"step": "pip install", "said": "No matching distribution found for duckdb<3,>=2"},
    _REPO,
)
TOOL_NO_RECORD = Message(
    "admin.tool-no-record",
    "这里没有 site-builder.json：这个仓库不是 init-remote 建立的，或是旧版本建立的。请用 init-remote 新建仓库",
    "has no site-builder.json: init-remote did not make this repository (or an older version did). Make one with "
    "init-remote",
    where=_REPO,
)
TOOL_INSTALLED = Message(
    "admin.tool-installed",
    "服务器的钩子运行 site-builder {version}（提交 {commit}），安装在 {python}；记录在 {record}",
    "the server's hooks run site-builder {version} (commit {commit}), installed in {python}; recorded in {record}",
    {
        "version": "0.1.0",
        "commit": "3eb74541da5e",
        "python": "/srv/huzhou/site-builder/0.1.0-3eb74541da5e",
        "record": "/srv/huzhou/site.git/site-builder.json",
    },
    mark="✓",
)
TOOL_RUNNING = Message(
    "push.tool-version",
    "服务器上的 site-builder {version}（提交 {commit}）",
    "site-builder {version} on the server (commit {commit})",
    {"version": "0.1.0", "commit": "3eb74541da5e"},
)
KEEP_AT_LEAST_ONE = Message(
    "admin.keep-at-least-one",
    "“{value}”：至少要保留 1 个版本（正在线上的那个）",
    "must be at least 1 (the live release is always kept)",
    {"value": "0"},
    between="/ ",
)
COULD_NOT_FINISH = Message(
    "admin.could-not-finish",
    "无法完成：{where}：{reason}；请检查路径和权限",
    "could not finish: {where}: {reason}. Check the path and the permissions.",
    {"where": "/srv/huzhou/www", "reason": "Permission denied"},
    mark="✗",
)
NGINX_UNQUOTABLE = Message(
    "admin.nginx-unquotable",
    "“{value}”含有 nginx 配置中无法照原样写出的字符（{chars_zh}），写进去会让配置失效或变成别的意思。"
    "请换一个不含这些字符的值（例如把文件夹改名）",
    '"{value}" holds characters that cannot be written into an nginx configuration as they are ({chars_en}): the '
    "configuration would be invalid or mean something else. Use a value without them (rename the folder, for "
    "example)",
    {"value": "/srv/www$host/current", "chars_zh": '$ " \\ 或控制字符', "chars_en": '$, ", \\ or a control character'},
    Location("--serve"),
)
