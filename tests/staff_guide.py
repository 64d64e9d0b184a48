"""The staff guide's transcripts, captured from the real tool: a scratch publishing server, a staff member's copy
and a colleague's, every command of docs/staff-guide.md run as the guide shows it, and its output written into
the guide between `<!-- transcript: NAME -->` and `<!-- /transcript -->` (in both languages).

    python -m tests.staff_guide          # capture again and rewrite the transcripts in docs/staff-guide.md

tests/test_staff_guide.py runs the same session and fails when the guide's transcripts differ from what the tool
prints now (timings, release names, commit ids and days aside). The exercise copy starts without three rows that the
real data holds (the 2023 urbanization rate, its source and the 2022 income ratio); the colleague and the staff
member add them back exactly as they stand in datasets/, so no value is made up. The page, the note the two
clash over and the paragraph sent for review (then published and withdrawn) are marked as practice text."""

from __future__ import annotations

import os
import pty
import re
import select
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.helpers import interruptible

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs/staff-guide.md"
FOLDER = "D:\\huzhou-site"  # where the guide says IT puts the site on a staff member's computer
SERVER = "//server/huzhou/site.git"  # the server's address as the transcripts show it
PROMPT = f"PS {FOLDER}> "  # PowerShell's prompt in that folder
BLOCK = re.compile(r"(<!-- transcript: (?P<name>[\w-]+) -->\n)(?P<body>.*?)(<!-- /transcript -->)", re.S)
OBSERVATIONS, SOURCES = "datasets/observations.csv", "datasets/sources.csv"
SOURCE_2023 = "population-bulletin-2023,"
VALUE_2023 = "urbanization-rate,2023,"
COLLEAGUES_ROW = "urban-rural-income-ratio,2022,"
PAGE_ZH = """---
title: 数据更新说明（练习）
description: 练习用的示例页面。
---

本页是员工指南中的练习页面，说明网站的数据怎样更新。
"""
PAGE_EN = """---
title: How the data is updated (practice)
description: A practice page.
---

This is the staff guide's practice page: it says how the site's data is updated.
"""
REVIEW_URL = "http://10.0.0.5:8081/"  # the copy to review's address, as IT sets it (init-remote --review-url)
MORE_ZH = "\n第二段（练习）：这一段先给同事审阅，再上线。\n"
MORE_EN = "\nA second paragraph (practice): a colleague checked it before it went live.\n"
LINK_ZH = "\n[数据更新说明（练习）](/zh/notice/)\n"
LINK_EN = "\n[How the data is updated (practice)](/en/notice/)\n"


def real_line(path: str, start: str) -> str:
    """The line of the real data file that starts with `start` (with its line ending)."""
    lines = (ROOT / path).read_text(encoding="utf-8").splitlines(keepends=True)
    return next(line for line in lines if line.startswith(start))


@dataclass
class Session:
    """The scratch world: the server, the staff member's copy (`work`) and a colleague's, and what was shown."""

    top: Path
    shown: dict[str, list[str]] = field(default_factory=dict)

    @property
    def work(self) -> Path:
        return self.top / "huzhou-site"

    @property
    def colleague(self) -> Path:
        return self.top / "colleague"

    def environment(self) -> dict[str, str]:
        tool = str(Path(sys.executable).parent)  # where site-builder is installed, as IT puts it on PATH
        return os.environ | {
            "PATH": tool + os.pathsep + os.environ.get("PATH", ""),
            "PYTHONUNBUFFERED": "1",
            "PYTHONPATH": str(ROOT),
            "GIT_CONFIG_GLOBAL": str(self.top / "gitconfig"),
            "GIT_CONFIG_NOSYSTEM": "1",
            "LC_ALL": "C.UTF-8",
            "SITE_BUILDER_CACHE": os.environ.get("SITE_BUILDER_CACHE", str(self.top / "cache")),
        }

    def quiet(self, where: Path, *command: str) -> None:
        """A command the guide does not show (setting up, the colleague's side)."""
        done = subprocess.run(command, cwd=where, env=self.environment(), capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{command}: {done.stdout}{done.stderr}")

    def colleague_publishes(self, message: str) -> None:
        """The colleague's change, committed and pushed (the server checks and publishes it)."""
        self.quiet(self.colleague, "git", "commit", "-q", "-am", message)
        self.quiet(self.colleague, "git", "push", "-q", "origin", "HEAD:main")

    def show(self, name: str, command: str, answer: str | None = None) -> None:
        """Run `command` as staff type it, in their copy, and keep the prompt, command and output for block `name`;
        `answer` is typed at its question (the command then runs on a terminal)."""
        words = shlex.split(command)
        output = self._typed(words, answer) if answer is not None else self._piped(words)
        self.shown.setdefault(name, []).append(PROMPT + command + "\n" + output)

    def _piped(self, words: list[str]) -> str:
        done = subprocess.run(
            words, cwd=self.work, env=self.environment(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        return done.stdout.decode("utf-8")

    def _typed(self, words: list[str], answer: str) -> str:
        """On a pseudo-terminal: what the terminal shows, the typed answer echoed as it is on screen."""
        main, other = pty.openpty()
        process = subprocess.Popen(
            words, cwd=self.work, env=self.environment(), stdin=other, stdout=other, stderr=other, close_fds=True
        )
        os.close(other)
        seen, answered = b"", False
        while True:
            ready, _, _ = select.select([main], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(main, 4096)
                except OSError:  # the terminal closed: the command ended
                    break
                if not chunk:
                    break
                seen += chunk
            if not answered and seen.endswith(b"> "):
                os.write(main, answer.encode("utf-8") + b"\n")
                answered = True
            if not ready and process.poll() is not None:
                break
        process.wait()
        os.close(main)
        return seen.decode("utf-8").replace("\r\n", "\n")

    def port_taken(self, name: str, command: str) -> None:
        """`command` run as shown while another program holds port 8000 (in a network namespace of its own when
        the machine allows it)."""
        isolated = ["unshare", "-rn"] if _can_isolate() else []
        done = subprocess.run(
            [*isolated, sys.executable, "-c", OCCUPY, *shlex.split(command)],
            cwd=self.work,
            env=self.environment(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=120,  # it is refused before it builds anything
        )
        self.shown.setdefault(name, []).append(PROMPT + command + "\n" + done.stdout.decode("utf-8"))

    def preview(self, name: str, steps: list[tuple[Callable[[], None], str]]) -> None:
        """`site-builder serve` as shown, each step done once the line before it is printed, then Ctrl+C. Run in
        a network namespace of its own when the machine allows it, so port 8000 is free whatever else runs."""
        command = "site-builder serve"
        isolated = ["unshare", "-rn"] if _can_isolate() else []
        process = subprocess.Popen(
            [*isolated, *shlex.split(command)],
            cwd=self.work,
            env=self.environment(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            preexec_fn=interruptible,
        )
        lines: list[str] = []
        reader = threading.Thread(target=_collect, args=(process, lines), daemon=True)
        reader.start()
        _await(lines, 0, "preview", process)
        for step, awaited in steps:
            start = len(lines)
            step()
            _await(lines, start, awaited, process)
        process.send_signal(signal.SIGINT)
        process.wait(timeout=180)  # a loaded machine (CI, two workers) may take a while to stop the preview
        reader.join(timeout=10)
        self.shown.setdefault(name, []).append(PROMPT + command + "\n" + "".join(lines))


OCCUPY = """import socket, subprocess, sys
held = socket.socket()
try:
    held.bind(("127.0.0.1", 8000))
    held.listen()
except OSError:
    pass  # something else holds it already
sys.exit(subprocess.run(sys.argv[1:]).returncode)
"""


def _can_isolate() -> bool:
    return shutil.which("unshare") is not None and subprocess.run(["unshare", "-rn", "true"]).returncode == 0


def _collect(process: subprocess.Popen[bytes], lines: list[str]) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        lines.append(line.decode("utf-8"))


def _await(lines: list[str], start: int, awaited: str, process: subprocess.Popen[bytes], seconds: float = 300) -> None:
    """Wait until the preview prints a line holding `awaited` after its first `start` lines."""
    deadline = time.monotonic() + seconds
    while not any(awaited in line for line in lines[start:]):
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the preview never printed {awaited!r}: {''.join(lines)}")
        time.sleep(0.1)


def capture(top: Path) -> dict[str, str]:
    """Run the guide's session in `top` (empty); the transcripts by block name, as the guide shows them."""
    session = Session(top)
    _set_up(session)
    work, colleague = session.work, session.colleague
    _append(colleague / OBSERVATIONS, real_line(OBSERVATIONS, COLLEAGUES_ROW))
    session.colleague_publishes("2022 年城乡居民收入倍差")
    session.show("pull", "git pull --rebase --autostash")
    session.port_taken("port", "site-builder serve")
    value = real_line(OBSERVATIONS, VALUE_2023)
    mistyped = value.replace(",67.5,", ",67.5%,")
    session.preview(
        "preview",
        [
            (lambda: _append(work / SOURCES, real_line(SOURCES, SOURCE_2023)), "已更新"),
            (lambda: _append(work / OBSERVATIONS, mistyped), "仍显示上一次正确的页面"),
            (lambda: _replace(work / OBSERVATIONS, mistyped, value), "已更新"),
        ],
    )
    session.show("check", "site-builder check")
    session.show("publish", "site-builder publish", answer="2023 年城镇化率及其来源")
    _write(work / "content/zh/notice.md", PAGE_ZH)
    _append(work / "content/zh/index.md", LINK_ZH)
    session.show("page-check", "site-builder check")
    _write(work / "content/en/notice.md", PAGE_EN)
    _append(work / "content/en/index.md", LINK_EN)
    session.show("page-publish", "site-builder publish", answer="新页面：数据更新说明（练习）")
    _clash(session, real_line(SOURCES, SOURCE_2023))
    _review(session)
    _append(work / OBSERVATIONS, mistyped)  # an edit not wanted after all: withdraw refuses, restore throws it away
    session.show("withdraw-refused", "site-builder withdraw")
    session.show("restore", "git restore datasets/observations.csv")
    if (work / OBSERVATIONS).read_text(encoding="utf-8").count(VALUE_2023) != 1:
        raise RuntimeError("git restore left the unwanted row")
    session.show("withdraw", "site-builder withdraw")
    if MORE_ZH.strip() in _page(session.top / "www/current", "zh/notice/index.html"):
        raise RuntimeError("the withdrawn paragraph is still live")
    return {name: "".join(parts) for name, parts in session.shown.items()}


def _review(session: Session) -> None:
    """A practice paragraph sent to the copy to review, which a colleague checks (it is there, not indexed, and not
    live), then published."""
    _append(session.work / "content/zh/notice.md", MORE_ZH)
    _append(session.work / "content/en/notice.md", MORE_EN)
    session.show("review", "site-builder review", answer="练习页面：第二段")
    copy, live = session.top / "www/review", session.top / "www/current"
    for lang, paragraph in (("zh", MORE_ZH.strip()), ("en", MORE_EN.strip())):
        page = f"{lang}/notice/index.html"
        if paragraph not in _page(copy, page) or paragraph in _page(live, page):
            raise RuntimeError(f"the copy to review lacks the {lang} paragraph, or it went live")
    if (copy / "robots.txt").read_text(encoding="utf-8") != "User-agent: *\nDisallow: /\n":
        raise RuntimeError("the copy to review may be indexed")
    session.show("review-publish", "site-builder publish")
    if MORE_ZH.strip() not in _page(live, "zh/notice/index.html"):
        raise RuntimeError("the reviewed paragraph did not go live")


def _page(tree: Path, path: str) -> str:
    return (tree / path).read_text(encoding="utf-8")


def _clash(session: Session, source: str) -> None:
    """The colleague and the staff member each add a different practice remark to the same cell of a source."""
    end = "全文转载）,"
    theirs, ours = source.replace(end, "全文转载）（练习：李四）,"), source.replace(end, "全文转载）（练习：张三）,")
    session.quiet(session.colleague, "git", "pull", "--rebase", "--autostash")
    _replace(session.colleague / SOURCES, source, theirs)
    session.colleague_publishes("来源说明（练习）")
    _replace(session.work / SOURCES, source, ours)
    session.show("clash", "site-builder publish", answer="来源说明（练习）")
    _replace(session.work / SOURCES, theirs, ours)
    session.show("clash-again", "site-builder publish")


def _set_up(session: Session) -> None:
    """The server (init-remote), the site pushed to it without the three rows, and two clones of it."""
    from tests.conftest import copy_project

    top, seed = session.top, session.top / "seed"
    (top / "gitconfig").write_text(
        "[user]\n\tname = 张三\n\temail = zhangsan@example.org\n[init]\n\tdefaultBranch = main\n", encoding="utf-8"
    )
    copy_project(seed)
    for name in (".gitattributes", ".gitignore"):
        shutil.copy(ROOT / name, seed / name)
    for path, start in ((SOURCES, SOURCE_2023), (OBSERVATIONS, VALUE_2023), (OBSERVATIONS, COLLEAGUES_ROW)):
        _replace(seed / path, real_line(path, start), "")
    server, served = top / "site.git", top / "www"
    session.quiet(top, "site-builder", "init-remote", str(server), "--serve", str(served), "--review-url", REVIEW_URL)
    for command in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "网站"), ("push", "-q", str(server), "main")):
        session.quiet(seed, "git", *command)
    session.quiet(top, "git", "clone", "-q", str(server), str(session.work))
    session.quiet(top, "git", "clone", "-q", str(server), str(session.colleague))
    session.quiet(session.colleague, "git", "config", "user.name", "李四")
    _it_checklist(session)


def _it_checklist(session: Session) -> None:
    """Step 4 of IT's checklist in the staff member's copy: the pull works, and publish with nothing to publish says
    so (exit 1) after registering the data files' merge driver."""
    session.quiet(session.work, "git", "pull", "--rebase", "--autostash")
    done = subprocess.run(
        ["site-builder", "publish"], cwd=session.work, env=session.environment(), capture_output=True, text=True
    )
    driver = subprocess.run(
        ["git", "config", "merge.site-builder-csv.driver"],
        cwd=session.work,
        env=session.environment(),
        text=True,
        capture_output=True,
    )
    if done.returncode != 1 or "没有要发布的更改" not in done.stderr or "merge-csv" not in driver.stdout:
        raise RuntimeError(f"IT's checklist: publish said {done.stdout}{done.stderr}; driver {driver.stdout!r}")


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8", newline="") as file:
        file.write(text)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if text.count(old) != 1:
        raise RuntimeError(f"{path}: {old!r} is not there once")
    _write(path, text.replace(old, new))


def _write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8"))


def displayed(text: str, top: Path) -> str:
    """A transcript as the guide shows it: the scratch folders named as on a staff member's computer, and no
    spaces at the ends of lines (git pads the server's lines with them)."""
    server = SERVER.removesuffix(".git")
    for real, shown in ((top / "huzhou-site", FOLDER), (top / "site.git", SERVER), (top / "site", server)):
        text = text.replace(str(real), shown)
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


def normalised(text: str) -> str:
    """What may differ between two runs made the same: timings (and the padding before them), release names, commit
    ids and the day (withdraw names the day of the publication it takes back)."""
    text = re.sub(r"\d+\.\d+ s\b", "N s", text)
    text = re.sub(r" +N s\b", " N s", text)  # a stage of 10 s or more takes a space of its padding
    text = re.sub(r"\b\d{4}-\d{2}-\d{2}\b", "DAY", text)
    text = re.sub(r"\b\d{8}-\d{6}-[0-9a-f]{12}\b", "RELEASE", text)
    return re.sub(r"\b[0-9a-f]{7,40}\b", "ID", text)


def fenced(text: str) -> str:
    return f"```text\n{text}```\n"


def blocks(guide: str) -> dict[str, list[str]]:
    """The transcripts in the guide, by name (a name shown in both languages has two)."""
    found: dict[str, list[str]] = {}
    for match in BLOCK.finditer(guide):
        body = match["body"]
        found.setdefault(match["name"], []).append(body.removeprefix("```text\n").removesuffix("```\n"))
    return found


def rewritten(guide: str, transcripts: dict[str, str]) -> str:
    missing = set(blocks(guide)) ^ set(transcripts)
    if missing:
        raise RuntimeError(f"transcripts not both in the guide and in the session: {sorted(missing)}")
    return BLOCK.sub(lambda m: m[1] + fenced(transcripts[m["name"]]) + m[4], guide)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="staff-guide-") as folder:
        top = Path(folder)
        transcripts = {name: displayed(text, top) for name, text in capture(top).items()}
    GUIDE.write_text(rewritten(GUIDE.read_text(encoding="utf-8"), transcripts), encoding="utf-8")


if __name__ == "__main__":
    main()
