"""`site-builder publish`: check, commit what changed under content/ and datasets/, take colleagues' published
changes, push to the publishing server and name the live address; and `check`'s list of work not committed yet.

Colleagues' changes are taken by rebase, not merge: the history stays one line of publications (no "Merge branch"
commits in the log staff read), the rows a colleague already published keep their place in each CSV (the merge
driver keeps "ours" in order, and in a rebase "ours" is what was published), and only this computer's unpublished
commits are rewritten, which the server accepts (it refuses rewriting what it published). A real clash leaves the
rebase paused with the file holding the published value; `site-builder publish` run again goes on from there, and
`git rebase --abort` goes back to before it."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from site_builder.deploy import git
from site_builder.deploy.clashes import clash_problems, marks
from site_builder.deploy.git import PUBLISHED, GitFailed
from site_builder.inputs.config import load_config
from site_builder.problems import Location, Problem, ProblemsFound
from site_builder.problems.catalogue import review as review_words
from site_builder.problems.catalogue import staff as words
from site_builder.problems.message import Said

BRANCH = "main"  # the only branch the server publishes
TRIES = 3  # pushes, when a colleague published in between


class Stopped(Exception):
    """publish stopped: a heading, the located problems under it, and what to do next, each in both languages."""

    def __init__(self, head: Said, problems: Sequence[Problem] = (), then: Said | None = None) -> None:
        self.head, self.problems, self.then = head, tuple(problems), then
        super().__init__(head.line())


Tell = Callable[[Said], None]
Ask = Callable[[str], str]  # given the message made from the changes, the one to commit with


def check(root: Path) -> tuple[Problem, ...]:
    """What `site-builder check` finds: strict validation and a whole build into a temporary folder."""
    from site_builder.build import build

    with tempfile.TemporaryDirectory(prefix="site-builder-check-") as folder:
        try:
            # the report's PDFs need libraries a staff computer may lack (Windows): the server makes them
            build(root, Path(folder) / "site", strict=True, progress=lambda stage, seconds: None, pdf_optional=True)
        except ProblemsFound as found:
            return found.problems
    return ()


def not_committed(root: Path) -> list[Problem]:
    """A warning for each file under content/ and datasets/ that the server would not see: new, or changed and not
    committed. Nothing outside a git repository."""
    if git.top(root) is None:
        return []
    said = {True: words.NOT_COMMITTED_NEW, False: words.NOT_COMMITTED_CHANGE}
    found: list[Problem] = []
    for c in git.changes(root):
        if c.unmerged and not _rebasing(root):  # a paused publish says its own clashes; this is a pull's
            found += [words.PULL_CLASH.at(Location(c.path)), *clash_problems(root, c.path)]
        elif c.deleted:
            found.append(words.NOT_COMMITTED_DELETION.at(Location(c.path), file=c.path))
        else:
            found.append(said[c.new].at(Location(c.path)))
    return found


def _rebasing(root: Path) -> bool:
    return git.git_dir_path(root, "rebase-merge").is_dir()


def _settle_pull_clash(root: Path) -> None:
    """A conflict a pull left (its autostash, applied on top of colleagues' changes, clashed): say each clash once
    and mark the files settled as they are (holding the published value), so that publish run again goes on with
    whatever the staff member then keeps. git keeps the unpublished change aside (its stash) all the same."""
    clashed = [c.path for c in git.changes(root) if c.unmerged]
    if not clashed or _rebasing(root):
        return
    problems = [p for path in clashed for p in clash_problems(root, path)]
    git.run(root, "reset", "--quiet", "--", *clashed)  # settled in the index; the files stay as they are
    raise Stopped(words.PULL_CLASH_HEAD.said(), problems, words.PULL_CLASH_THEN.said())


def publish(root: Path, tell: Tell, ask: Ask, message: str | None = None, review: bool = False) -> str:
    """Publish the staff member's work in `root`; returns the live address. Raises Stopped with what to do.

    With `review`, the same up to the push, which goes to the review branch: the server builds the private copy to
    review and the live site stays as it is; publish then pushes the same commits to main."""
    try:
        remote = prepare(root)
        _settle_pull_clash(root)
        if _rebasing(root):
            tell(words.STEP_CONTINUE.said())
            _continue(root, tell)
        else:
            _commit_and_rebase(root, remote, tell, ask, message)
        if review:
            _push_review(root, remote, tell)
        else:
            push(root, remote, tell)
    except GitFailed as failed:
        raise Stopped(failed.said) from None
    return load_config(root).site.base_url


def prepare(root: Path) -> str:
    if git.top(root) is None:
        raise Stopped(words.NOT_A_REPOSITORY.said(root=root))
    git.install_merge_driver(root)  # first: a plain `git pull` then merges data rows too
    remotes = git.run(root, "remote").stdout.split()
    if not remotes:
        raise Stopped(words.NO_REMOTE.said())
    if git.git_dir_path(root, "MERGE_HEAD").is_file():
        raise Stopped(words.MERGE_IN_PROGRESS.said())
    for key in ("user.name", "user.email"):
        if not git.run(root, "config", key, check=False).stdout.strip():
            raise Stopped(words.NO_IDENTITY.said())
    tracked = git.run(root, "config", f"branch.{BRANCH}.remote", check=False).stdout.strip()
    for name in (tracked, "site", "origin"):  # the one init-remote's instructions add is "site"
        if name in remotes:
            return name
    return remotes[0]


def _commit_and_rebase(root: Path, remote: str, tell: Tell, ask: Ask, message: str | None) -> None:
    changed = sorted(c.path for c in git.changes(root))
    if not changed:  # perhaps commits made by hand, a copy reviewed, or a publication the server refused
        fetch(root, remote, lambda step: None)  # told as step 2 below: the steps keep their order
        if not ahead(root, remote):
            raise Stopped(words.NOTHING_TO_PUBLISH.said(remote=remote))
    tell(words.STEP_CHECK.said())
    problems = check(root)
    if problems:
        raise Stopped(words.CHECK_FAILED.said(count=len(problems)), problems)
    left_out = sorted(c.path for c in git.changes(root, ()) if not git.under(c.path))
    if left_out:
        tell(words.LEFT_OUT.said(files=", ".join(left_out)))
    fetch(root, remote, tell)
    if changed:
        made = words.AUTO_MESSAGE.said(files=_listed(changed)).line()
        text = (message if message is not None else ask(made)).strip() or made
        tell(words.STEP_COMMIT.said(count=len(changed), message=text))
        git.run(root, "add", "--all", "--", *changed)  # the files listed, never what an office program left
        git.run(root, "commit", "--quiet", "--no-verify", "-m", text, "--", *PUBLISHED)
    _rebase(root, remote, tell)


def fetch(root: Path, remote: str, tell: Tell) -> None:
    tell(words.STEP_FETCH.said(remote=remote))
    fetched = git.run(root, "fetch", "--quiet", remote, check=False)
    if fetched.returncode != 0:
        raise Stopped(words.FETCH_FAILED.said(remote=remote, said=git.said(fetched)))


def _listed(paths: list[str], most: int = 5) -> str:
    shown = ", ".join(paths[:most])
    return shown if len(paths) <= most else f"{shown} (+{len(paths) - most})"


def published_ref(root: Path, remote: str) -> str | None:
    ref = f"refs/remotes/{remote}/{BRANCH}"
    return ref if git.run(root, "rev-parse", "--verify", "--quiet", ref, check=False).returncode == 0 else None


def ahead(root: Path, remote: str) -> int:
    upstream = published_ref(root, remote)
    span = f"{upstream}..HEAD" if upstream else "HEAD"
    return int(git.run(root, "rev-list", "--count", span).stdout.strip() or 0)


def _rebase(root: Path, remote: str, tell: Tell) -> None:
    """Put this computer's unpublished commits after what the server has (nothing to do when it has nothing new)."""
    upstream = published_ref(root, remote)
    if upstream is None:
        return
    behind = int(git.run(root, "rev-list", "--count", f"HEAD..{upstream}").stdout.strip() or 0)
    if behind == 0:
        return
    tell(words.STEP_REBASE.said(count=behind))
    done = git.run(root, "rebase", upstream, check=False)
    if done.returncode != 0:
        _stopped_by_conflict(root, done)


def _stopped_by_conflict(root: Path, done: subprocess.CompletedProcess[str]) -> None:
    conflicted = git.run(root, "diff", "--name-only", "--diff-filter=U").stdout.split()
    if not conflicted:
        git.run(root, "rebase", "--abort", check=False)
        raise GitFailed(words.GIT_FAILED.said(command="rebase", said=git.said(done)))
    problems: list[Problem] = []
    for path in conflicted:
        if not git.under(path):
            problems.append(words.CLASH_OUTSIDE.at(Location(path)))
        else:
            problems.extend(clash_problems(root, path))
    raise Stopped(words.CLASH.said(), problems, words.CLASH_THEN.said())


def _continue(root: Path, tell: Tell) -> None:
    """Go on with a rebase that a clash paused, once the staff member has settled it (and it passes the check)."""
    conflicted = git.run(root, "diff", "--name-only", "--diff-filter=U").stdout.split()
    outside = [words.CLASH_OUTSIDE.at(Location(p)) for p in conflicted if not git.under(p)]
    marked = [words.MARKS_LEFT.at(where) for p in conflicted if git.under(p) and (where := marks(root / p, p))]
    if outside or marked:
        raise Stopped(words.CLASH.said(), outside + marked, words.CLASH_THEN.said())
    problems = check(root)  # the check is part of step 3 here, as STEP_CONTINUE says: steps go 3/4, 4/4
    if problems:
        raise Stopped(words.CHECK_FAILED.said(count=len(problems)), problems)
    settled = [c.path for c in git.changes(root)]
    if settled:
        git.run(root, "add", "--all", "--", *settled)
    done = git.run(root, "rebase", "--continue", check=False)
    if done.returncode != 0:
        _stopped_by_conflict(root, done)


def push(root: Path, remote: str, tell: Tell) -> None:
    """Push to main, showing the server's lines as they come; when a colleague published in between, take their
    change and push again (a few times)."""
    for _ in range(TRIES):
        tell(words.STEP_PUSH.said(remote=remote))
        if _streamed(git.command(root, "push", remote, f"HEAD:refs/heads/{BRANCH}")) == 0:
            return
        before = _tip(root, remote)
        git.run(root, "fetch", "--quiet", remote, check=False)
        if _tip(root, remote) == before:
            raise Stopped(words.PUSH_REFUSED.said())
        _rebase(root, remote, tell)
    raise Stopped(words.PUSH_REFUSED.said())


def _push_review(root: Path, remote: str, tell: Tell) -> None:
    """Push this computer's work to the review branch. The server takes only pushes that extend what a branch held,
    and the last copy to review may hold commits this computer never had (a colleague's, or ones rewritten when
    colleagues published): then the push is a commit with this work's files whose parents are both."""
    tell(review_words.STEP_PUSH_REVIEW.said(remote=remote))
    git.run(root, "fetch", "--quiet", remote, check=False)
    commit = git.run(root, "rev-parse", "HEAD").stdout.strip()
    last = git.run(root, "rev-parse", "--verify", "--quiet", f"refs/remotes/{remote}/review", check=False).stdout
    if last.strip() and git.run(root, "merge-base", "--is-ancestor", last.strip(), commit, check=False).returncode:
        made = git.run(root, "commit-tree", "HEAD^{tree}", "-p", commit, "-p", last.strip(), "-m", "review / 审阅")
        commit = made.stdout.strip()
    if _streamed(git.command(root, "push", remote, f"{commit}:refs/heads/review")) != 0:
        raise Stopped(review_words.REVIEW_REFUSED.said())


def _tip(root: Path, remote: str) -> str:
    upstream = published_ref(root, remote)
    return git.run(root, "rev-parse", upstream).stdout.strip() if upstream else ""


def _streamed(command: list[str]) -> int:
    """Run `command`, passing what it writes to stderr (the server's lines: each stage of its build, or why it
    refused) on to the staff member as it comes; its exit code."""
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=git.environment(),
    )
    assert process.stderr is not None
    for line in process.stderr:
        sys.stderr.write(line)
        sys.stderr.flush()
    return process.wait()
