"""Publish: a bare git repository whose pre-receive hook validates and builds every push to main in strict mode
and refuses a bad push with every problem; its post-receive hook, which git runs only once main has really moved,
makes that release live by switching a `current` link atomically, and records it as a data release. A push to the
review branch is validated and built the same way, but only ever becomes the private copy to review (`review`):
never live, never a rollback target, never a data release.

The served folder holds:
  current            the live release (a link into releases/)
  review             the copy to review (a link into reviews/), served privately and marked not to be indexed
  reviews/           the copy to review, only the last one
  releases/          releases that went live, and only those: the rollback targets
  data-releases/     the record of data releases (see opendata.versions), append-only
  .work/<push>/      one push in progress: its checkout, its built release and, once built, `pending.json`
  .cache/            charts, templates and the search index kept between pushes
A push that git then refuses (the loser of a race) or that is killed leaves only its `.work/<push>/`, which the
next push removes: nothing it built can become live.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from site_builder.build import build
from site_builder.deploy import pushed, review_copy
from site_builder.deploy.setup import RECORDS, RELEASES, WORK
from site_builder.inputs.config import load_config
from site_builder.opendata import versions
from site_builder.output import locking
from site_builder.pages import per_indicator
from site_builder.problems import Problem, ProblemsFound, printed
from site_builder.problems.catalogue import publishing as words
from site_builder.problems.catalogue import review as review_words
from site_builder.problems.catalogue import serving

BRANCH = "refs/heads/main"
REVIEW = "refs/heads/review"  # built strictly too, into the private copy to review; never live
REVIEWS = "reviews"
ZERO = "0" * 40
RACE = words.SOMEONE_ELSE_FIRST.line()
REWRITE = words.REWRITES_HISTORY.line()


def other_refs(names: list[str]) -> str:
    return words.OTHER_REFS.line(refs=", ".join(names))


@contextlib.contextmanager
def publishing_lock(serve: Path) -> Iterator[None]:
    """One publication at a time: a second push waits here until the first is done."""
    with locking.held(serve / ".publish.lock"):
        yield


def pre_receive(repo: Path, serve: Path, lines: list[str]) -> int:
    """Run by git with its "old new ref" lines before it accepts a push: 0 accepts, 1 refuses."""
    updates = [line.split() for line in lines]
    others = [ref for _, _, ref in updates if ref not in (BRANCH, REVIEW)]
    if others:
        print(other_refs(others), file=sys.stderr)
        return 1
    if len(updates) > 1:  # main and review at once: each is checked and built on its own
        print(review_words.ONE_BRANCH.line(refs=", ".join(ref for *_, ref in updates)), file=sys.stderr)
        return 1
    for old, new, ref in updates:
        if new == ZERO:
            print(words.DELETE_MAIN.line(branch=ref.removeprefix("refs/heads/")), file=sys.stderr)
            return 1
        if (kind := _kind(repo, new)) != "commit":  # a file, folder or tag object forced onto main
            print(serving.NOT_A_COMMIT.line(kind=kind), file=sys.stderr)
            return 1
        if old != ZERO and not _is_ancestor(repo, old, new):
            print(REWRITE, file=sys.stderr)
            return 1
        if problems := pushed.name_problems(repo, new):
            _print_refused(problems)
            return 1
        with publishing_lock(serve):  # one build at a time
            push = _this_push()
            _clean_work(serve, push)
            if _tip(repo, ref) != old or _pending(serve, push, ref):
                print(RACE, file=sys.stderr)
                return 1
            return _build_release(repo, serve, new, serve / WORK / push, ref)
    return 0


def post_receive(serve: Path, keep: int, lines: list[str]) -> int:
    """Run by git after main has moved: make the release built for the new main live, and record it. Its hook script
    ignores Ctrl-C and hang-up (setup.HOOK), so the pusher cannot stop this halfway."""
    for line in lines:
        _old, new, ref = line.split()
        if ref not in (BRANCH, REVIEW) or new == ZERO:
            continue
        work = serve / WORK / _this_push()
        with publishing_lock(serve):
            pending = _read_pending(work)
            if pending is None or pending["commit"] != new:
                print(words.RELEASE_MISSING.line(commit=new[:12]), file=sys.stderr)
                return 1
            if ref == REVIEW:
                _show_for_review(serve, work, pending["release"])
                print(review_words.REVIEW_BUILT.line(address=review_copy.shown(pending["address"])), file=sys.stderr)
                continue
            live = serve / RELEASES / pending["release"]
            (work / pending["release"]).rename(live)
            switch(serve, live)
            recorded = _record(serve, live, new)
            shutil.rmtree(work, ignore_errors=True)
            prune(serve, keep)
        data = _data_note(serve, recorded)
        note = f" ({data})" if data else ""
        print(words.PUBLISHED.line(release=live.name, note=note), file=sys.stderr)
    return 0


def _record(serve: Path, live: Path, commit: str) -> versions.Recorded | None:
    """The data package that just went live becomes the next data release, if its data changed."""
    packages = sorted((live / "downloads").glob("*.zip"))
    if len(packages) != 1:
        return None
    return versions.record(serve / RECORDS, time.strftime("%Y-%m-%d"), commit, packages[0].read_bytes())


def _show_for_review(serve: Path, work: Path, name: str) -> None:
    """Make the tree built for the review branch the copy to review; the one before it goes."""
    built = serve / REVIEWS / name
    built.parent.mkdir(exist_ok=True)
    (work / name).rename(built)
    switch(serve, built, "review")
    shutil.rmtree(work, ignore_errors=True)
    for old in (serve / REVIEWS).iterdir():
        if old != built:
            shutil.rmtree(old, ignore_errors=True)


def _data_note(serve: Path, recorded: versions.Recorded | None) -> str:
    """The data release the push made, or the one still live when its data did not change (text only)."""
    if recorded is not None:
        return words.DATA_RELEASE.line(number=recorded.number)
    known = versions.recorded(serve / RECORDS)
    return words.DATA_UNCHANGED.line(number=known[-1].number) if known else ""


def _tip(repo: Path, ref: str = BRANCH) -> str:
    result = subprocess.run(
        ["git", f"--git-dir={repo}", "rev-parse", "--verify", "--quiet", ref],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() or ZERO


def _kind(repo: Path, name: str) -> str:
    """The type of a pushed object (commit, tree, blob, tag), read from git's quarantine like _is_ancestor."""
    result = subprocess.run(["git", f"--git-dir={repo}", "cat-file", "-t", name], capture_output=True, text=True)
    return result.stdout.strip() or "?"


def _is_ancestor(repo: Path, old: str, new: str) -> bool:
    # The pushed objects sit in git's quarantine, which receive-pack names in this process's environment.
    result = subprocess.run(["git", f"--git-dir={repo}", "merge-base", "--is-ancestor", old, new], check=False)
    return result.returncode == 0


def _this_push() -> str:
    """The push this hook belongs to: git's receive-pack (the hook's parent), named by its id and start time so
    that an id the system reuses later is not taken for it."""
    return _process_name(os.getppid())


def _process_name(pid: int) -> str:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return f"{pid}-gone"
    return f"{pid}-{stat.rsplit(')', 1)[1].split()[19]}"  # field 22, the start time, counted after the name


def _alive(push: str) -> bool:
    pid = push.split("-", 1)[0]
    return pid.isdigit() and _process_name(int(pid)) == push


def _clean_work(serve: Path, push: str) -> None:
    """Remove what pushes that are over left behind: a push killed midway, or one that git refused after its hook
    had built it (a race lost at the last moment). A push still in progress keeps its folder."""
    for folder in (serve / WORK).glob("*"):
        if folder.name == push or not _alive(folder.name):
            shutil.rmtree(folder, ignore_errors=True)
    for stale in (serve / RELEASES).glob(".*"):  # half-built trees left by an older version of this hook
        shutil.rmtree(stale, ignore_errors=True)


def _pending(serve: Path, push: str, ref: str) -> bool:
    """Whether another push to the same branch was accepted by its hook and is now being made live (or shown for
    review). A pending push to the other branch moves neither this branch nor what this push is built from."""
    others = (_read_pending(folder) for folder in (serve / WORK).glob("*") if folder.name != push)
    # A pending push of an older hook names no branch: it counts.
    return any(pending is not None and pending.get("ref", ref) == ref for pending in others)


def _read_pending(work: Path) -> dict[str, str] | None:
    try:
        found = json.loads((work / "pending.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def _build_release(repo: Path, serve: Path, revision: str, work: Path, ref: str = BRANCH) -> int:
    started = time.perf_counter()
    name = f"{time.strftime('%Y%m%d-%H%M%S')}-{revision[:12]}"
    work.mkdir(parents=True)
    checkout = work / "checkout"
    checkout.mkdir()
    if said := pushed.check_out(repo, revision, checkout, work / "index"):
        no_room = "No space left on device" in said
        print((words.SERVER_DISK_FULL.line() if no_room else words.CHECKOUT_FAILED.line(said=said)), file=sys.stderr)
        shutil.rmtree(work, ignore_errors=True)
        return 1
    live = (serve / "current").resolve() if (serve / "current").is_symlink() else None
    refused = _build_or_refuse(checkout, work / name, serve / RECORDS, live)
    if not refused and (named := pushed.review_address_problems(checkout, _read(checkout), review_copy.address(repo))):
        _print_refused(named)
        refused = True
    if refused:
        shutil.rmtree(work, ignore_errors=True)
        return 1
    _keep_records(serve, checkout, work / name, live)
    shutil.rmtree(checkout, ignore_errors=True)
    pending = {"commit": revision, "release": name, "ref": ref}
    if ref == REVIEW:
        review_copy.not_indexed(work / name)
        pending["address"] = review_copy.address(repo)
    (work / "pending.json").write_text(json.dumps(pending), encoding="utf-8")
    print(words.CHECKED_AND_BUILT.line(release=name, seconds=time.perf_counter() - started), file=sys.stderr)
    return 0


def _keep_records(serve: Path, checkout: Path, built: Path, live: Path | None) -> None:
    """What the build knows of the release it made (which files each indicator wrote, under the hash of its inputs)
    is kept under the name the release will have once live, so that the next push links what is unchanged from it.
    Only the live release's records and the new one's are kept: a rollback target's next push is built in full."""
    final = serve / RELEASES / built.name
    with contextlib.suppress(OSError):  # none kept: the next push is built in full, nothing worse
        per_indicator.state_of(checkout, built).replace(per_indicator.state_of(checkout, final))
    for release in releases_of(serve):
        if release.resolve() != live:
            per_indicator.state_of(checkout, release).unlink(missing_ok=True)


def _read(checkout: Path) -> list[str]:
    """What the build of `checkout` read its site from (it has just built, so its configuration loads)."""
    site = load_config(checkout).site
    return ["site.toml", site.content, str(Path(site.datapackage).parent), f"themes/{site.theme}"]


def _print_refused(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(printed(problem), file=sys.stderr)
    print(words.REFUSED_PROBLEMS.line(count=len(problems)), file=sys.stderr)


def _build_or_refuse(checkout: Path, release: Path, records: Path, live: Path | None) -> bool:
    """Build strictly, hard-linking from the live release whatever the push left unchanged (the build writes each
    file anew, never into a linked one: the live release is not touched); True (with the reasons printed) when the
    push must be refused."""
    try:
        build(checkout, release, strict=True, progress=_progress, releases=records, previous=live)
    except ProblemsFound as found:
        _print_refused(found.problems)
        return True
    except OSError as error:
        if error.errno != errno.ENOSPC:
            return _server_failed(error)
        print(words.SERVER_DISK_FULL.line(), file=sys.stderr)
        return True
    except Exception as error:  # refused with a message the pusher can pass on, never a traceback
        return _server_failed(error)
    return False


def _server_failed(error: BaseException) -> bool:
    print(words.SERVER_FAILED.line(error=repr(error)), file=sys.stderr)
    return True


def switch(serve: Path, release: Path, name: str = "current") -> None:
    """Point `current` (or the link `name`) at `release` in one rename: readers see the old release or the new one,
    never a mix."""
    link = serve / name
    staging = serve / f".{name}-{os.getpid()}"
    staging.unlink(missing_ok=True)
    staging.symlink_to(Path(release.parent.name) / release.name)
    staging.replace(link)


def releases_of(serve: Path) -> list[Path]:
    """The releases that went live, oldest first."""
    return sorted(p for p in (serve / RELEASES).iterdir() if p.is_dir() and not p.name.startswith("."))


def prune(serve: Path, keep: int) -> None:
    """Keep the newest `keep` releases (and always the live one)."""
    live = (serve / "current").resolve()
    for old in releases_of(serve)[:-keep]:
        if old.resolve() != live:
            shutil.rmtree(old, ignore_errors=True)


def rollback(serve: Path) -> Path | None:
    """Switch `current` back to the live release before it; returns the release now live (None: there is none)."""
    with publishing_lock(serve):
        live = (serve / "current").resolve()
        earlier = [r for r in releases_of(serve) if r.name < live.name]
        if not earlier:
            return None
        switch(serve, earlier[-1])
    return earlier[-1]


def _progress(stage: str, seconds: float) -> None:
    print(f"  {stage:<28} {seconds:6.2f} s", file=sys.stderr, flush=True)
