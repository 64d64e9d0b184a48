"""CLI: `site-builder build` and `site-builder validate`; the only place that prints problems and sets exit codes."""

from __future__ import annotations

import argparse
import errno
import io
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from site_builder import __version__
from site_builder.inputs.config import load_config
from site_builder.output import fingerprint
from site_builder.output.staging import claimed
from site_builder.problems import Problem, ProblemsFound, printed
from site_builder.problems.catalogue import commands as said
from site_builder.problems.catalogue import publishing as admin
from site_builder.problems.catalogue import serving

if TYPE_CHECKING:
    from site_builder.build import BuildResult
    from site_builder.deploy.staff import Stopped

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="site-builder",
        description="Build the bilingual open-data site from site.toml, datasets/ and content/.",
    )
    parser.add_argument("--version", action="version", version=f"site-builder {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=Path(), help="the project folder (default: the current one)")
    common.add_argument("--strict", action="store_true", help="treat warnings (missing translations…) as errors")
    common.add_argument("--debug", action="store_true", help="show a traceback when something unexpected fails")
    build_cmd = commands.add_parser(
        "build",
        parents=[common],
        help="validate, then build the site",
        description="Validate everything, then "
        "build the whole site into a new folder and swap it in; a failed build leaves the old one untouched.",
    )
    build_cmd.add_argument("--out", type=Path, default=None, help="output folder (default: ROOT/build)")
    build_cmd.add_argument(
        "--force", action="store_true", help="build even if nothing changed since the last build into the folder"
    )
    build_cmd.add_argument(
        "--base-url",
        default=None,
        help="the address the site is served from, in place of "
        "site.toml's (for example https://example.github.io/huzhou/)",
    )
    remote = commands.add_parser(
        "init-remote",
        help="make a git repository that validates, builds and publishes every push",
        description="Create a bare git repository REPO whose pre-receive hook checks every push to main in strict "
        "mode and publishes it into DIR (releases side by side, DIR/current the live one).",
    )
    remote.add_argument("repo", type=Path, metavar="REPO")
    remote.add_argument("--serve", type=Path, required=True, metavar="DIR", help="where releases are published")
    remote.add_argument("--keep", type=_keep, default=5, help="how many releases to keep, at least 1 (default 5)")
    remote.add_argument(
        "--review-url", default=None, help="the address of the copy to review, told to staff after a review push"
    )
    remote.add_argument(
        "--tools",
        type=Path,
        default=None,
        metavar="DIR",
        help="where the hooks' own installation of site-builder goes "
        "(default: $SITE_BUILDER_TOOLS, else site-builder/ beside REPO)",
    )
    upgrade = commands.add_parser(
        "upgrade-remote",
        help="make REPO's hooks run this clone's commit of site-builder",
        description="Install the commit of this clone into REPO's tools folder and point its hooks at it.",
    )
    upgrade.add_argument("repo", type=Path, metavar="REPO")
    for command in (remote, upgrade):
        command.add_argument(
            "--wheels", type=Path, default=None, metavar="DIR", help="install offline, from the wheels in DIR only"
        )
    hook = commands.add_parser("publish-hook")  # run by the git hooks; with no help= it is not listed
    hook.add_argument("--stage", choices=["pre", "post"], required=True)
    hook.add_argument("--repo", type=Path, required=True)
    hook.add_argument("--serve", type=Path, required=True)
    hook.add_argument("--keep", type=_keep, default=5)
    back = commands.add_parser(
        "rollback",
        help="make the previous release live again",
        description="Switch DIR/current back to the release before the live one.",
    )
    back.add_argument("--serve", type=Path, required=True, metavar="DIR")
    preview = commands.add_parser(
        "serve",
        parents=[common],
        help="preview on 127.0.0.1, rebuilding and reloading on every change",
        description="Build, serve on 127.0.0.1, and rebuild on any change under content/, datasets/, themes/ or "
        "site.toml; the browser reloads by itself. A broken edit shows its problems here and on the page.",
    )
    preview.add_argument("--port", type=_port, default=8000, help="1 to 65535, or 0 for any free port (default 8000)")
    web = commands.add_parser(
        "nginx-config",
        help="print an nginx server block for the published site",
        description="Print an nginx server block that serves DIR/current.",
    )
    web.add_argument("--serve", type=Path, required=True, metavar="DIR")
    web.add_argument("--listen", default="80", help="address and port (default 80)")
    web.add_argument("--server-name", default="_")
    web.add_argument(
        "--review-listen",
        default=None,
        metavar="ADDRESS",
        help="also serve the copy to review (DIR/review) on this address, to private networks only, not indexed",
    )
    commands.add_parser(
        "check",
        parents=[common],
        help="everything staff should know before publishing: a bilingual report",
        description="Validate in strict mode, build into a temporary folder (checking every internal link and "
        "anchor, and every translation), and print a report in Chinese and English. Writes nothing.",
    )
    commands.add_parser(
        "validate",
        parents=[common],
        help="check config, data and content without writing anything",
        description="Check site.toml, the data package and the Markdown pages, and report every problem at once.",
    )
    _staff_commands(commands, common)
    return parser


def _staff_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    publish = commands.add_parser(
        "publish",
        aliases=["发布"],
        parents=[common],
        help="check, commit content/ and datasets/, take colleagues' changes, push, and print the live address",
        description="Check as `check` does; commit the new and changed files under content/ and datasets/ (nothing "
        "else); take what colleagues published (rebase; rows added to the same CSV are merged by key); push to the "
        "server, which checks and builds again; print the live address. Run it again after a clash to go on.",
    )
    publish.add_argument("-m", "--message", default=None, help="the commit message (default: asked, or made)")
    review = commands.add_parser(
        "review",
        aliases=["送审"],
        parents=[common],
        help="as publish, but into the private copy to review: the live site stays as it is",
        description="Check and commit as publish does, then push to the server's review branch: the server checks "
        "and builds a private copy to review (not indexed, not live). Once a colleague has checked it, publish.",
    )
    review.add_argument("-m", "--message", default=None, help="the commit message (default: asked, or made)")
    commands.add_parser(
        "withdraw",
        aliases=["撤回"],
        parents=[common],
        help="take back the last publication: the live site goes back to what it was before it",
        description="Revert the last publication (git revert --no-edit), check, and push: the server publishes the "
        "site as it was before that publication, as a new release. Refused while this copy holds work not published.",
    )
    driver = commands.add_parser("merge-csv")  # git's merge driver for datasets/*.csv; with no help= not listed
    for name in ("base", "ours", "theirs"):
        driver.add_argument(name, type=Path)
    driver.add_argument("path")


def main(argv: Sequence[str] | None = None) -> int:
    _print_any_text()
    args = _parser().parse_args(argv)  # exits with 2 on a usage error
    if args.command in ("init-remote", "upgrade-remote", "publish-hook", "rollback", "nginx-config"):
        return _publishing(args)
    if args.command == "merge-csv":
        return _merge_csv(args)
    root = args.root.resolve()
    started = time.perf_counter()
    try:
        if args.command == "build":
            return _build(root, args, started)
        if args.command == "check":
            return _check(root)
        if args.command in ("publish", "发布", "review", "送审"):
            return _publish(root, args.message, review=args.command in ("review", "送审"))
        if args.command in ("withdraw", "撤回"):
            return _withdraw(root)
        if args.command == "serve":
            from site_builder import preview

            preview.serve(root, args.port)
        else:
            from site_builder.build import validate

            _report(validate(root, args.strict, _progress).warnings)
            print(said.ALL_CHECKS_PASSED.line(seconds=time.perf_counter() - started))
    except ProblemsFound as found:
        _report(found.problems)
        print(said.PROBLEMS_FOUND.line(count=len(found.problems)), file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as error:
        if error.errno != errno.ENOSPC:
            return _internal_error(error, args.debug, root)
        print(said.DISK_FULL.line(), file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        print(said.INTERRUPTED.line(), file=sys.stderr)
        return EXIT_PROBLEMS
    except Exception as error:
        return _internal_error(error, args.debug, root)
    return EXIT_OK


def _print_any_text() -> None:
    """Never fail on a character the output cannot hold: on Chinese Windows, output sent to a file or another
    program is GBK, which has the Chinese but not the marks (a tick, a cross); those become "?", and the words stay."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "").replace("_", "")
        if isinstance(stream, io.TextIOWrapper) and not encoding.startswith("utf"):
            stream.reconfigure(errors="replace")


def _build(root: Path, args: argparse.Namespace, started: float) -> int:
    """Build, unless nothing the build reads has changed since the last build into the same folder."""
    out = (args.out or root / "build").resolve()
    with claimed(out, root):  # refused at once if the folder is not the build's to replace, or another build is on
        load_config(root, args.base_url)  # paths that leave the project are refused before anything is read
        inputs = fingerprint.inputs(root, f"{out}|{args.strict}|{args.base_url}")
        last = None if args.force else fingerprint.last_build(root, out, inputs)
        if last is not None:
            seconds = time.perf_counter() - started
            print(said.NOTHING_CHANGED.line(pages=last["pages"], files=last["files"], out=out, seconds=seconds))
            return EXIT_OK
        from site_builder.build import build

        fingerprint.forget(root, out)
        result: BuildResult = build(root, out, args.strict, _progress, base_url=args.base_url)
    _report(result.warnings)
    if not result.warnings:
        fingerprint.record(root, out, inputs, result.pages, result.files)
    seconds = time.perf_counter() - started
    print(f"✓ {result.pages} pages, {result.files} files → {out}  ({seconds:.1f} s)")
    print(f"  {result.charts_drawn} charts drawn, {result.indicators_reused} indicators unchanged since the last build")
    print(f"  {len(result.sitewide_reused)} site-wide pages and downloads unchanged since the last build")
    return EXIT_OK


def _internal_error(error: BaseException, debug: bool, root: Path) -> int:
    from site_builder.pages.render import failed_template

    if debug:
        traceback.print_exc()
    elif (problem := failed_template(error, root)) is not None:
        _report([problem])
    else:
        print(said.INTERNAL_ERROR.line(error=repr(error)), file=sys.stderr)
    return EXIT_PROBLEMS


def _port(text: str) -> int:
    """--port: a TCP port, or 0 to let the system choose one."""
    if not text.strip().isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(serving.PORT_OUT_OF_RANGE.line(value=text))
    return int(text)


def _keep(text: str) -> int:
    """--keep: how many live releases to keep, at least the live one."""
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(admin.KEEP_AT_LEAST_ONE.line(value=text))
    return int(text)


def _publishing(args: argparse.Namespace) -> int:
    """The administrator's commands and the git hooks: a refusal is a bilingual message and exit code 1."""
    try:
        return _administer(args)
    except ProblemsFound as found:
        _report(found.problems)
        return EXIT_PROBLEMS
    except OSError as error:
        where = error.filename or ""
        print(admin.COULD_NOT_FINISH.line(where=where, reason=error.strerror or error), file=sys.stderr)
        return EXIT_PROBLEMS


def _administer(args: argparse.Namespace) -> int:
    from site_builder.deploy import hooks, nginx, review_copy, setup, tool

    if args.command == "init-remote":
        installed = setup.init_remote(args.repo, args.serve, args.keep, args.tools, args.wheels)
        if args.review_url is not None:
            review_copy.set_address(args.repo, args.review_url)
        print(f"✓ {args.repo} → {args.serve}/current  (git remote add site {args.repo.resolve()})")
        print(installed.said(args.repo.resolve() / setup.INSTALLED).line())
        return EXIT_OK
    if args.command == "upgrade-remote":
        installed = setup.upgrade_remote(args.repo, args.wheels)
        print(installed.said(args.repo.resolve() / setup.INSTALLED).line())
        return EXIT_OK
    if args.command == "nginx-config":
        print(nginx.config(args.serve.resolve() / "current", args.listen, args.server_name), end="")
        if args.review_listen is not None:
            print(nginx.review_config(args.serve.resolve() / "review", args.review_listen), end="")
        return EXIT_OK
    if args.command == "publish-hook":
        lines = [line for line in sys.stdin.read().splitlines() if line.strip()]
        if args.stage == "pre":
            if (running := tool.running()) is not None:  # which installation checks this push, for IT
                print(admin.TOOL_RUNNING.line(version=running.version, commit=running.commit[:12]), file=sys.stderr)
            return hooks.pre_receive(args.repo, args.serve, lines)
        return hooks.post_receive(args.serve, args.keep, lines)
    setup.served(args.serve)
    live = hooks.rollback(args.serve)
    if live is None:
        print(admin.NO_EARLIER_RELEASE.line(), file=sys.stderr)
        return EXIT_PROBLEMS
    print(admin.LIVE_RELEASE.line(release=live.name))
    return EXIT_OK


def _check(root: Path) -> int:
    """Strict validation and a full build into a temporary folder; a report of every problem, both languages, and
    of each file under content/ and datasets/ that is not committed (the server would not see it)."""
    from site_builder.deploy import staff

    problems = staff.check(root)
    print(said.REPORT_TITLE.line())
    print(f"  {said.REPORT_SCOPE.line()}")
    _report(problems)
    unsaved = staff.not_committed(root)
    _report(unsaved)
    problems = (*problems, *(p for p in unsaved if p.severity == "error"))  # a clash a pull left is not ready
    if problems:
        print(f"{said.REPORT_PROBLEMS.line(count=len(problems))}: {said.FIX_BEFORE_PUBLISHING.line()}")
        return EXIT_PROBLEMS
    print(said.READY_TO_PUBLISH.line())
    return EXIT_OK


def _publish(root: Path, message: str | None, review: bool = False) -> int:
    """`site-builder publish` (or `review`): each step on a line; a stop is its heading, its problems and what to
    do next."""
    from site_builder.deploy import staff
    from site_builder.problems.catalogue import review as review_words
    from site_builder.problems.catalogue import staff as words

    try:
        url = staff.publish(root, lambda step: print(step.line(), flush=True), _ask, message, review)
    except staff.Stopped as stopped:
        return _stopped(stopped)
    except KeyboardInterrupt:  # "the previous build is untouched" says nothing of what to do about a publication
        print(words.PUBLISH_INTERRUPTED.line(), file=sys.stderr)
        return EXIT_PROBLEMS
    print(review_words.REVIEW_READY.line() if review else words.PUBLISHED.line(url=url))
    return EXIT_OK


def _withdraw(root: Path) -> int:
    """`site-builder withdraw`: the last publication taken back, each step on a line."""
    from site_builder.deploy import staff, withdraw
    from site_builder.problems.catalogue import review as words

    try:
        url = withdraw.withdraw(root, lambda step: print(step.line(), flush=True))
    except staff.Stopped as stopped:
        return _stopped(stopped)
    print(words.WITHDRAWN.line(url=url))
    return EXIT_OK


def _stopped(stopped: Stopped) -> int:
    print(stopped.head.line(), file=sys.stderr)
    _report(stopped.problems)
    if stopped.then is not None:
        print(stopped.then.line(), file=sys.stderr)
    return EXIT_PROBLEMS


def _ask(made: str) -> str:
    """The commit message, asked on a terminal (Enter keeps the one made from the changes); none without one."""
    from site_builder.problems.catalogue import staff as words

    if not sys.stdin.isatty():
        return ""
    said = words.ASK_MESSAGE.said(default=made)
    try:
        return input(f"{said.text('zh')}\n{said.text('en')}\n> ")
    except EOFError:
        return ""


def _merge_csv(args: argparse.Namespace) -> int:
    """Run by git on a data CSV both sides changed: merged by row into OURS; exit 1 when a cell clashes."""
    from site_builder.deploy import csvmerge

    try:
        clean, problems = csvmerge.driver(args.base, args.ours, args.theirs, args.path, Path.cwd())
    except Exception as error:  # git then keeps the file as a conflict: never a traceback in `git pull`
        return _internal_error(error, False, Path.cwd())
    _report(problems)
    return EXIT_OK if clean else EXIT_PROBLEMS


def _progress(stage: str, seconds: float) -> None:
    print(f"  {stage:<28} {seconds:6.2f} s", file=sys.stderr, flush=True)


def _report(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(printed(problem), file=sys.stderr)
