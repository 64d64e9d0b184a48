"""What staff's own programs do to the files, found by following the staff guide as staff would (issue 21's
walkthrough): a table saved as a workbook or as `.csv.txt` beside the CSV, the files Excel, WPS, a Mac and Windows
leave in the folders, quotes a Mac or WPS made curly, the tab WPS puts before numbers, a file deleted or renamed by
mistake. Each is one message that says the fix, or is left alone, never a page of messages about its symptoms."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_builder.cli import main
from site_builder.deploy.git import install_merge_driver
from site_builder.deploy.staff import not_committed
from site_builder.inputs.assets import content_images
from site_builder.problems import Location
from site_builder.problems.catalogue import staff as staff_words
from tests.conftest import ROOT, copy_project
from tests.helpers import assert_line, assert_problem, interruptible, read_rows, revise, write_rows
from tests.test_publish import git

OBSERVATIONS = "datasets/observations.csv"


def problems_of(project: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["validate", "--root", str(project), *extra])
    return code, capsys.readouterr().err


def count(err: str) -> int:
    found = re.search(r"发现 (\d+) 个问题", err)
    return int(found.group(1)) if found else 0


@pytest.mark.parametrize(
    "saved_as", ["observations.xlsx", "observations.csv.txt", "observations.txt", "observations.et", "OBSERVATIONS.XLS"]
)
def test_a_table_saved_as_another_type_beside_its_csv_is_refused_naming_the_csv(
    project: Path, capsys: pytest.CaptureFixture[str], saved_as: str
) -> None:
    """Excel's "Save As" with the wrong type, or Notepad and WPS adding .txt where Windows hides extensions: the edit
    is in a file the site never reads. It used to pass (.csv.txt, .txt) or ask for a developer to list the table."""
    shutil.copy(project / OBSERVATIONS, project / "datasets" / saved_as)
    code, err = problems_of(project, capsys)
    assert code == 1
    assert_problem(err, "file.table-saved-as-other-type", Location(f"datasets/{saved_as}"))
    assert "observations.csv 另存成的另一种文件" in err and "the name observations.csv" in err
    assert "file.table-not-in-package" not in err and "resources 中" not in err


def test_a_table_of_another_name_is_still_one_not_in_the_package(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only a copy of a listed table is taken for one saved as another type; any other table is still named as
    not in the package (so the new check does not swallow the old)."""
    shutil.copy(project / OBSERVATIONS, project / "datasets/notes.xlsx")
    code, err = problems_of(project, capsys, "--strict")
    assert code == 1
    assert_problem(err, "file.table-not-in-package", Location("datasets/notes.xlsx"))


def test_what_office_programs_a_mac_and_windows_leave_in_the_folders_is_not_read(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Excel's owner file while observations.csv is open, LibreOffice's lock, Finder's .DS_Store and AppleDouble
    files, Explorer's Thumbs.db: the strict check used to refuse them (as tables not in the package, or as pages with
    a bad address) while Excel was simply open."""
    litter = {
        "datasets/~$observations.csv": b"\x05owner",
        "datasets/.~lock.observations.csv#": b"x",
        "datasets/.DS_Store": b"\x00\x00\x00\x01Bud1",
        "content/zh/._about.md": b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X",
        "content/en/.DS_Store": b"\x00\x00\x00\x01Bud1",
        "content/images/Thumbs.db": b"\xd0\xcf\x11\xe0",
        "content/images/._map.png": b"\x00\x05\x16\x07",
    }
    for path, data in litter.items():
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_bytes(data)
    code, err = problems_of(project, capsys, "--strict")
    assert code == 0, err
    assert content_images(project / "content") == {}


def test_quotes_made_curly_are_one_message_saying_to_restore(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """TextEdit (or Word, or WPS's autocorrect) turns the straight quotes that enclose a cell holding a comma into
    “ ”: the commas then split those cells. It used to give 23 messages of "an extra cell" and a type error."""
    path = project / OBSERVATIONS
    text = path.read_text(encoding="utf-8-sig")
    curly = re.sub(r'"([^"\n]*)"', "“\\1”", text)
    split = sum(1 for line in curly.splitlines() if "“" in line and ",“" in line)
    assert split >= 2  # the real file has several quoted cells with commas
    path.write_text(curly, encoding="utf-8")
    code, err = problems_of(project, capsys)
    assert code == 1 and count(err) == 1, err
    first = next(n for n, line in enumerate(curly.splitlines(), start=1) if ",“" in line and "," in line)
    assert_problem(err, "csv.curly-quotes", Location(OBSERVATIONS, row=first))
    assert f"git restore {OBSERVATIONS}" in err


def test_quotes_curly_inside_a_properly_quoted_cell_are_text(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Curly quotes are Chinese punctuation too: inside a cell that is quoted as CSV wants, they are its text."""
    path = project / OBSERVATIONS
    rows = read_rows(path)
    row = next(r for r in rows if r["indicator_id"] == "good-air-days" and r["year"] == "2022")
    row["note_zh"], row["note_en"] = "说明,“优良”天数", "Note, with “good” days"  # quoted, a comma and curly quotes
    write_rows(path, rows, encoding="utf-8-sig")
    code, err = problems_of(project, capsys)
    assert "csv.curly-quotes" not in err and "弯）引号" not in err, err
    assert code == 0, err


def test_the_tab_wps_puts_before_numbers_is_one_message_with_the_fix(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """WPS keeps a number as text by writing a tab before it, in every numeric cell: it used to be one message per
    cell (52 in observations.csv), each saying to delete "a space" no one can see."""
    path = project / OBSERVATIONS
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    tabbed = [lines[0]] + [re.sub(r",(\d+(?:\.\d+)?)(?=,)", ",\t\\1", line) for line in lines[1:]]
    cells = sum(line.count("\t") for line in tabbed)
    assert cells > 20
    path.write_text("\n".join(tabbed) + "\n", encoding="utf-8-sig")
    code, err = problems_of(project, capsys)
    assert code == 1 and count(err) == 1, err
    assert_problem(err, "csv.tab-before-numbers", Location(OBSERVATIONS, row=2, column="year"))
    assert f"另外 {cells - 1} 格" in err and f"{cells - 1} other(s)" in err
    assert "Ctrl+H" in err


def test_a_file_deleted_or_renamed_by_mistake_is_named_with_how_to_get_it_back(tmp_path: Path) -> None:
    """Explorer's rename (sources.csv → "sources - 副本.csv") or a deletion: check used to say only "changes (or a
    deletion) not committed", and publish would have published the deletion. And the litter of office programs is
    not listed as work to publish, where the repository's .gitignore does not know it yet."""
    work = tmp_path / "work"
    for name in ("datasets/sources.csv", "content/zh/about.md", "content/zh/index.md"):
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        (work / name).write_text("x\n", encoding="utf-8")
    git(work, "init", "-q", "-b", "main")
    git(work, "add", "-A")
    git(work, "-c", "user.name=A", "-c", "user.email=a@example.org", "commit", "-q", "-m", "site")
    (work / "datasets/sources.csv").rename(work / "datasets/sources - 副本.csv")
    (work / "content/zh/about.md").unlink()
    (work / "datasets/~$sources.csv").write_bytes(b"owner")
    (work / "content/zh/._index.md").write_bytes(b"\x00\x05\x16\x07")
    (work / "content/.DS_Store").write_bytes(b"Bud1")
    found = {(p.code, p.location.file): p for p in not_committed(work)}
    deletion = staff_words.NOT_COMMITTED_DELETION.code
    assert set(found) == {
        (deletion, "datasets/sources.csv"),
        (deletion, "content/zh/about.md"),
        (staff_words.NOT_COMMITTED_NEW.code, "datasets/sources - 副本.csv"),
    }
    said = found[(deletion, "content/zh/about.md")]
    assert "git restore content/zh/about.md" in said.zh and "git restore content/zh/about.md" in said.en


def two_copies(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A plain server repository (no hooks: these tests are about the staff member's side) with the site, and two
    clones of it: the staff member's and a colleague's."""
    server = tmp_path / "site.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(server)], check=True)
    seed = copy_project(tmp_path / "seed")
    shutil.copy(ROOT / ".gitattributes", seed)
    for args in (
        ("init", "-q", "-b", "main"),
        ("add", "-A"),
        ("commit", "-q", "-m", "site"),
        ("push", "-q", str(server), "main"),
    ):
        git(seed, *args)
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    for where in (mine, theirs):
        subprocess.run(["git", "clone", "-q", str(server), str(where)], check=True)
    return server, mine, theirs


@pytest.mark.e2e
def test_a_clash_left_by_the_guides_pull_is_said_once_then_published_as_settled(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The daily routine's first step, `git pull --rebase --autostash`, with an edit not yet published to the cell a
    colleague changed and published: git says in English only that applying the autostash conflicted, leaves the
    file holding the colleague's value and the staff member's aside. `check` used to say "ready to publish", and
    publish published the colleague's value: the edit was silently lost. Now check names the cell with both values,
    publish says it once and stops, and publish again publishes what the staff member kept."""
    server, mine, theirs = two_copies(tmp_path)
    install_merge_driver(mine)
    good_air = {"indicator_id": "good-air-days", "year": "2022"}
    revise(theirs / OBSERVATIONS, good_air, "79.9")
    git(theirs, "commit", "-q", "-am", "colleague")
    git(theirs, "push", "-q", "origin", "main")
    revise(mine / OBSERVATIONS, good_air, "81.2")
    git(mine, "pull", "--rebase", "--autostash", check=False)
    assert "UU" in git(mine, "status", "--porcelain").stdout  # the state the guide's pull leaves
    found = not_committed(mine)
    assert [p.code for p in found] == [staff_words.PULL_CLASH.code, staff_words.CLASH_CELL.code]
    assert "“79.9”" in found[1].zh and "“81.2”" in found[1].zh
    assert main(["check", "--root", str(mine)]) == 1
    capsys.readouterr()
    assert main(["publish", "--root", str(mine), "--message", "mine"]) == 1
    err = capsys.readouterr().err
    assert staff_words.PULL_CLASH_HEAD.zh in err and "“81.2”" in err
    assert git(server, "log", "-1", "--format=%s", "main").stdout.strip() == "colleague"  # nothing pushed
    assert "UU" not in git(mine, "status", "--porcelain").stdout
    revise(mine / OBSERVATIONS, good_air, "81.2")  # the staff member keeps theirs
    assert main(["publish", "--root", str(mine), "--message", "mine"]) == 0
    published = git(server, "show", f"main:{OBSERVATIONS}").stdout
    assert "good-air-days,2022,81.2," in published


@pytest.mark.e2e
def test_ctrl_c_in_publish_says_nothing_is_lost_and_to_run_it_again(tmp_path: Path) -> None:
    """Ctrl+C while publish checks used to print the build's words, "the previous build is untouched", which say
    nothing about the publication or what to do next."""
    server, mine, _ = two_copies(tmp_path)
    revise(mine / OBSERVATIONS, {"indicator_id": "good-air-days", "year": "2022"}, "81.2")
    command = [sys.executable, "-m", "site_builder", "publish", "--root", str(mine), "--message", "mine"]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=interruptible
    )
    assert process.stdout is not None
    assert process.stdout.readline().startswith(staff_words.STEP_CHECK.mark)  # 1/4: the check has begun
    time.sleep(1)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 1, err
    assert_line(err, staff_words.PUBLISH_INTERRUPTED.code)
    assert "Traceback" not in err and "previous build" not in err
    assert git(server, "log", "-1", "--format=%s", "main").stdout.strip() == "site"  # nothing published
    assert main(["publish", "--root", str(mine), "--message", "mine"]) == 0  # as the message says: run it again
    assert "good-air-days,2022,81.2," in git(server, "show", f"main:{OBSERVATIONS}").stdout


def test_a_page_textedit_saved_as_rtf_is_one_message_saying_so(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """TextEdit on a Mac saves formatted text (RTF) by default: the page used to get "has no front matter" (jargon
    in the Chinese line too) and, for its English twin, "missing translation" though the page is there."""
    rtf = "{\\rtf1\\ansi\\ansicpg936\\cocoartf2761\n{\\fonttbl\\f0\\fnil\\fcharset134 PingFangSC-Regular;}\n\\f0 ---\\\ntitle: x\\\n---\\\n}"
    (project / "content/zh/notice.md").write_text(rtf, encoding="utf-8")
    (project / "content/en/notice.md").write_text("---\ntitle: Notice\n---\n\nText.\n", encoding="utf-8")
    (project / "content/zh/notes.rtf").write_text(rtf, encoding="utf-8")
    code, err = problems_of(project, capsys, "--strict")
    assert code == 1 and count(err) == 2, err
    assert_problem(err, "page.rtf", Location("content/zh/notice.md", row=1))
    assert_problem(err, "page.not-md", Location("content/zh/notes.rtf"))
    assert "front matter" not in err and "缺少译文" not in err


@pytest.mark.parametrize("copy", ["observations - 副本.csv", "observations (2).csv", "observations - Copy (3).csv"])
def test_a_copy_of_a_table_is_named_as_a_copy_of_it(
    project: Path, capsys: pytest.CaptureFixture[str], copy: str
) -> None:
    """Explorer's copy, or a save under another name while the file was open elsewhere: the strict check used to ask
    for a developer to list it in the package."""
    shutil.copy(project / OBSERVATIONS, project / "datasets" / copy)
    code, err = problems_of(project, capsys)
    assert code == 1
    assert_problem(err, "file.table-copy", Location(f"datasets/{copy}"))
    assert "resources 中" not in err
