"""`site-builder withdraw`: take back the last publication — `git revert --no-edit` of it, the check, and a push
that the server checks, builds and publishes as a new release — with no editor, no pager and no server shell.

The last publication is the newest commit on the server's main that is neither a withdrawal nor withdrawn already,
so that withdrawing twice takes back the two last publications; the first publication is never withdrawn (the
site would be empty). Nothing is done while this copy holds work not published yet: it would go live with the
withdrawal."""

from __future__ import annotations

import re
from pathlib import Path

from site_builder.deploy import git, staff
from site_builder.deploy.git import PUBLISHED, GitFailed
from site_builder.deploy.staff import Stopped, Tell
from site_builder.inputs.config import load_config
from site_builder.problems.catalogue import review as words

REVERTS = re.compile(r"^This reverts commit ([0-9a-f]{40})\.?$", re.MULTILINE)  # the line git revert writes


def withdraw(root: Path, tell: Tell) -> str:
    """Withdraw the last publication; returns the live address. Raises Stopped, having changed nothing, when there
    is nothing to withdraw or this copy holds work not published."""
    try:
        remote = staff.prepare(root)
        upstream = _level_with_server(root, remote)
        target = last_publication(root, upstream)
        if target is None:
            raise Stopped(words.NOTHING_TO_WITHDRAW.said(remote=remote))
        _revert(root, target, tell)
        tell(words.STEP_WITHDRAW_CHECK.said())
        problems = staff.check(root)
        if problems:
            git.run(root, "reset", "--quiet", "--hard", upstream)  # the revert, and only it: nothing else was here
            raise Stopped(words.WITHDRAW_CHECK_FAILED.said(count=len(problems)), problems)
        tell(words.STEP_WITHDRAW_PUSH.said(remote=remote))
        staff.push(root, remote, lambda step: None)
    except GitFailed as failed:
        raise Stopped(failed.said) from None
    return load_config(root).site.base_url


def _level_with_server(root: Path, remote: str) -> str:
    """Refuse while this copy holds unpublished work; otherwise bring it to what the server published (the
    reference of the server's main)."""
    if git.git_dir_path(root, "rebase-merge").is_dir() or git.git_dir_path(root, "MERGE_HEAD").is_file():
        raise Stopped(words.UNPUBLISHED_EDITS.said(what="git rebase / git merge"))
    changed = sorted(c.path for c in git.changes(root, PUBLISHED))
    if changed:
        raise Stopped(words.UNPUBLISHED_EDITS.said(what=", ".join(changed[:5])))
    staff.fetch(root, remote, lambda step: None)  # publish's step 2/4: not one of withdraw's three
    upstream = staff.published_ref(root, remote)
    if upstream is None:
        raise Stopped(words.NOTHING_TO_WITHDRAW.said(remote=remote))
    unpublished = git.run(root, "log", "--format=%h %s", f"{upstream}..HEAD").stdout.splitlines()
    if unpublished:
        raise Stopped(words.UNPUBLISHED_EDITS.said(what="; ".join(unpublished[:3])))
    git.run(root, "merge", "--quiet", "--ff-only", upstream)  # colleagues' publications, if this copy lacks them
    return upstream


def last_publication(root: Path, upstream: str) -> str | None:
    """The newest commit on the published line that is neither a withdrawal nor withdrawn (None: only the first
    publication is left)."""
    log = git.run(root, "log", "--first-parent", "--format=%H %P%n%B%x00", upstream).stdout
    withdrawn: set[str] = set()
    for entry in log.split("\0"):
        head, _, body = entry.strip().partition("\n")
        if not head:
            continue
        commit, *parents = head.split()
        reverted = REVERTS.findall(body)
        if reverted:
            withdrawn.update(reverted)
        elif commit not in withdrawn and parents:
            return commit
    return None


def _revert(root: Path, target: str, tell: Tell) -> None:
    shown = git.run(root, "log", "-1", "--format=%H%x00%cs%x00%an%x00%s", target).stdout.strip().split("\0")
    tell(words.STEP_WITHDRAW.said(commit=shown[0][:12], date=shown[1], author=shown[2], subject=shown[3]))
    parents = git.run(root, "log", "-1", "--format=%P", target).stdout.split()
    mainline = ["-m", "1"] if len(parents) > 1 else []  # a merge: taken back against what it was merged into
    done = git.run(root, "revert", "--no-edit", *mainline, target, check=False)
    if done.returncode != 0:
        git.run(root, "revert", "--abort", check=False)
        raise Stopped(words.WITHDRAW_CLASH.said(commit=shown[0][:12]))
