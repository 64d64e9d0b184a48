"""Attacks on the guarantees that landed on 2026-12-01 (README "Publishing", issues 14 and 15), each a finding
reproduced through the real command (`site-builder build|validate|serve`, a real `git push` to an `init-remote`
repository) on a copy of the project.

Every test states what should hold and is marked xfail(strict=True) with the finding, so the suite stays green
until it is fixed: a fixed finding makes its test pass, the strict mark then fails the run, and the fixer removes
the mark. `raises=AssertionError` keeps a test that breaks for another reason (a fixture, a changed helper) from
passing as an expected failure."""

from __future__ import annotations

import json
import os
import re
import selectors
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_builder.cli import main
from site_builder.problems import Location
from tests.helpers import assert_problem, read_rows, snapshot, write_rows
from tests.test_publish import git, publish_once

SITE_BUILDER = [sys.executable, "-m", "site_builder"]
INTERNAL = "内部错误 / internal error"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """`site-builder ARGS`: its exit code and everything it printed."""
    code = main(list(args))
    printed = capsys.readouterr()
    return code, printed.out + printed.err


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


# "Nothing outside the repository is read": symbolic links


def _theme_elsewhere(project: Path, outside: Path) -> Path:
    """Move the project's themes/ outside it, with a secret among the static files, and link themes/ to it."""
    shutil.copytree(project / "themes", outside / "themes")
    secret = outside / "themes/default/static/secret.txt"
    secret.write_text("TOP SECRET server key\n", encoding="utf-8")
    shutil.rmtree(project / "themes")
    (project / "themes").symlink_to(outside / "themes")
    return secret


def test_themes_as_a_link_out_of_the_repository_is_refused(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _theme_elsewhere(project, tmp_path / "elsewhere")
    code, printed = run(capsys, "validate", "--root", str(project))
    assert code == 1 and re.search(r"^✗ themes", printed, re.MULTILINE), printed


@pytest.mark.e2e
def test_a_pushed_themes_link_out_of_the_repository_publishes_nothing_of_it(tmp_path: Path) -> None:
    _repo, serve, work = publish_once(tmp_path / "site.git", tmp_path / "www", tmp_path / "work")
    _theme_elsewhere(work, tmp_path / "elsewhere")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "themes kept elsewhere")
    pushed = git(work, "push", "site", "main", check=False)
    assert not (serve / "current/assets/secret.txt").exists(), "the secret outside the repository went live"
    assert pushed.returncode != 0 and "remote: ✗ themes" in pushed.stderr, pushed.stderr


@pytest.mark.e2e
def test_a_link_into_dot_git_publishes_nothing_of_it(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git(project, "init", "-q", "-b", "main")
    git(project, "remote", "add", "origin", "https://staff:ghp_SECRETTOKEN@github.com/huzhou/site.git")
    (project / "content/images").mkdir(exist_ok=True)
    (project / "content/images/config.png").symlink_to("../../.git/config")
    code, printed = run(capsys, "build", "--root", str(project))
    assert code == 0 or "content/images/config.png" in printed, printed  # refused for this link, not another reason
    out = project / "build"
    leaked = [p for p in out.rglob("*") if p.is_file() and b"SECRETTOKEN" in p.read_bytes()]
    assert leaked == []


# "The build writes only into a folder it made"


@pytest.mark.e2e
def test_a_stamped_folder_that_holds_files_of_its_own_is_not_replaced(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A copy of a build (`cp -r build/. ~/网站备份/`, the stamp included) that staff then keep their own files in."""
    from site_builder.output.staging import STAMP, STAMP_BYTES

    mine = tmp_path / "网站备份"
    mine.mkdir()
    (mine / STAMP).write_bytes(STAMP_BYTES)
    (mine / "论文.docx").write_bytes(b"my thesis")
    code, printed = run(capsys, "build", "--root", str(project), "--out", str(mine))
    assert (mine / "论文.docx").exists(), "the build deleted 论文.docx"
    assert code == 0 or "网站备份" in printed, printed  # refused for this folder, not another reason
    assert code == 1 and snapshot(mine) == {STAMP: STAMP_BYTES, "论文.docx": b"my thesis"}
    assert_problem(printed, "output.file-not-made-by-site-builder", Location(str(mine)))
    assert "论文.docx" in printed


@pytest.mark.e2e
def test_out_inside_the_configured_content_folder_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "content").rename(project / "pages")
    edit(project / "site.toml", 'content = "content"', 'content = "pages"')
    code, printed = run(capsys, "build", "--root", str(project), "--out", str(project / "pages/images/site"))
    assert not (project / "pages/images/site").exists()
    assert code == 1 and "pages/images/site" in printed, printed
    assert_problem(printed, "output.among-configured-sources", Location("pages/images/site"))
    assert "this is inside pages/, the folder site.content in site.toml names" in printed
    assert not (project / "pages/images").exists()  # nor the folder the lock went in


@pytest.mark.e2e
@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="after files of build/ were edited or deleted, build answers 'nothing changed' and leaves them so: only "
    "the folder's own inode and time are compared",
)
def test_a_build_after_its_output_was_changed_makes_it_whole_again(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, printed = run(capsys, "build", "--root", str(project))
    assert code == 0, printed
    edited, deleted = project / "build/zh/about/index.html", project / "build/en/about/index.html"
    was = edited.read_bytes(), deleted.read_bytes()
    edited.write_bytes(was[0] + b"<!-- edited by hand -->")
    deleted.unlink()
    code, printed = run(capsys, "build", "--root", str(project))
    assert code == 0, printed
    assert deleted.exists() and (edited.read_bytes(), deleted.read_bytes()) == was, printed


@pytest.mark.parametrize("out", ["site.toml/site", "/proc/site"])  # relative: under the project
def test_out_where_no_folder_can_be_made_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str], out: str
) -> None:
    code, printed = run(capsys, "build", "--root", str(project), "--out", str(project / out))
    assert INTERNAL not in printed
    assert code == 1 and out in printed, printed
    if out.startswith("/"):
        assert_problem(printed, "output.cannot-make-folder", Location(out))
    else:
        assert_problem(printed, "output.under-a-file", Location(out))
        assert "site.toml is a file, not a folder" in printed


def test_a_refused_build_makes_no_folders(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--out new/deeper/site with a mistake in the data: refused, and none of the folders on the way are left."""
    edit(project / "datasets/observations.csv", ",规划基期值,", ",规划基期值,,")
    out = tmp_path / "new/deeper/site"
    code, printed = run(capsys, "build", "--root", str(project), "--out", str(out))
    assert code == 1 and "datasets/observations.csv" in printed, printed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project"]  # no new/, no new/deeper/, no lock file


# "Every address on the site has one owner"


@pytest.mark.e2e
def test_an_indicator_cannot_take_another_indicators_download_address(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    indicators = project / "datasets/indicators.csv"
    rows = read_rows(indicators)
    rows.append({**rows[0], "id": f"{rows[0]['id']}-excel", "number": str(len(rows) + 1)})
    write_rows(indicators, rows)
    first, second = rows[0]["id"], rows[-1]["id"]
    code, printed = run(capsys, "build", "--root", str(project))
    if code == 1:
        assert second in printed, printed  # refused for this indicator, not another reason
        assert_problem(printed, "address.indicator-download-taken", Location("datasets/indicators.csv", column="id"))
        assert (
            f'the download /downloads/indicators/{second}.csv of indicator "{second}" has the name of a download '
            f'of indicator "{first}"' in printed
        )
        return  # the address keeps one owner
    downloads = re.compile(r'href="[^"]*/downloads/indicators/([^"/]+)"')
    pages = project / "build/en/indicators"
    links = [set(downloads.findall((pages / i / "index.html").read_text(encoding="utf-8"))) for i in (first, second)]
    assert links[0] and links[1], printed
    assert links[0] & links[1] == set(), f"two indicators, one file: {sorted(links[0] & links[1])}"


# "Every malformed input staff can produce gets a located bilingual message, never an internal error"


@pytest.mark.e2e
def test_a_lone_surrogate_in_the_descriptor_is_named(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "build", "--root", str(project))[0] == 0
    before = snapshot(project / "build")
    edit(project / "datasets/datapackage.json", '"title": "', '"title": "\\ud800')
    code, printed = run(capsys, "build", "--root", str(project))
    assert INTERNAL not in printed
    assert code == 1 and "datasets/datapackage.json" in printed, printed
    assert (
        "✗ datasets/datapackage.json，第 3 行，键 “title”：文字里的转义 \\ud800 只是半个字符（UTF-16 代理项），不能单独出现，"
        "也无法写入任何文件：请删除它，或直接写出完整的字符\n"
        '  datasets/datapackage.json, row 3, key "title": the text holds the escape \\ud800, half of a character (a '
        "UTF-16 surrogate) that cannot stand alone or be written to any file: delete it, or write the whole character "
        "itself"
    ) in printed
    assert snapshot(project / "build") == before


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("[the plan](/zh/no-such-page/)", "page.broken-link"),
        ("![map](/images/no-such-map.png)", "page.image-missing"),
        ("![map](../../site.toml)", "page.image-missing"),
    ],
)
def test_validate_refuses_what_build_refuses(
    project: Path, capsys: pytest.CaptureFixture[str], line: str, problem: str
) -> None:
    """The links of the Markdown pages are checked against the paths the build will write, before writing any:
    `validate` names the problem with the code and row the build names it with (one check, pages.links)."""
    page = project / "content/zh/about.md"
    append(page, f"\n\n{line}\n")
    row = page.read_text(encoding="utf-8").splitlines().index(line) + 1
    code, printed = run(capsys, "validate", "--strict", "--root", str(project))
    assert code == 1, printed
    assert_problem(printed, problem, Location("content/zh/about.md", row=row))


def test_validate_accepts_links_to_what_the_build_will_write(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Pages, downloads, API files, report PDFs, theme assets and images that no build has written yet."""
    indicator = read_rows(project / "datasets/indicators.csv")[0]["id"]
    (project / "content/images").mkdir()
    (project / "content/images/map.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    links = [
        f"/zh/indicators/{indicator}/",
        f"/en/indicators/{indicator}/embed/",
        f"/downloads/indicators/{indicator}-chart-en.png",
        "/downloads/report-zh.pdf",
        "/api/v1/indicators.json",
        "/en/releases.xml",
        "/zh/progress/chart.svg",
        "../methodology/",
        "/assets/style.css",
    ]
    append(project / "content/zh/about.md", "\n\n" + " ".join(f"[{n}]({link})" for n, link in enumerate(links)))
    append(project / "content/zh/about.md", "\n\n![map](/images/map.svg)\n")
    code, printed = run(capsys, "validate", "--strict", "--root", str(project))
    assert code == 0, printed


def test_an_unclosed_quote_is_named_where_it_opens(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project / "datasets/observations.csv", ",规划基期值,", ',"规划基期值,')  # row 2, column note_zh
    code, printed = run(capsys, "validate", "--root", str(project))
    assert code == 1
    assert 'row 2, column "note_zh"' in printed and "definition_differs" not in printed, printed
    assert (
        '✗ datasets/observations.csv，第 2 行，“note_zh”列：这个单元格以引号 " 开头，引号却没有在这个单元格里闭合：'
        "文件其后 {n} 行的文字都被读进了这个单元格。请删除这个引号，或在这个单元格的文字末尾补上另一个引号\n"
        '  datasets/observations.csv, row 2, column "note_zh": this cell opens a quote (") that is not closed within '
        "the cell, so the next {n} lines of the file were read into it. Delete the quote, or close it at the end of "
        "this cell's text\n"
        "✗ 发现 1 个问题"
    ).format(n=_lines_to_next_quote(project / "datasets/observations.csv")) in printed, printed


def _lines_to_next_quote(csv_file: Path) -> int:
    """How many lines after row 2 the next quote in the file is on: where the unclosed quote ends."""
    lines = csv_file.read_text(encoding="utf-8").split("\n")
    return next(n for n, line in enumerate(lines[2:], start=1) if '"' in line)


@pytest.mark.e2e
def test_a_content_folder_that_does_not_exist_is_named_by_its_key(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(project / "site.toml", 'content = "content"', 'content = "contents"')
    checked, said = run(capsys, "validate", "--root", str(project))
    _built, printed = run(capsys, "build", "--root", str(project))
    assert INTERNAL not in printed, printed
    assert checked == 1 and "site.content" in said, said
    assert (
        "✗ site.toml，键 “site.content”：项目里没有“contents”这个文件夹：网站的页面（Markdown）要从这里读取。请检查拼写，"
        "写项目文件夹里的相对路径，用 / 分隔，例如 content\n"
        '  site.toml, key "site.content": there is no folder "contents" in the project: the site\'s pages (Markdown) are '
        "read from it. Check the spelling and give a path relative to the project folder, with / between folders, such "
        "as content\n"
    ) in said, said
    assert _built == 1 and not (project / "build").exists()


_DIGITS = "9" * 5000


_TOO_LONG = (
    "这个数字有 5000 位，位数太多，无法读取（最多 4300 位）：请改正这个数字",
    "this number has 5000 digits, more than can be read (at most 4300): correct the number",
)
_TOO_DEEP = (
    "方括号和花括号在这里嵌套超过 100 层，无法读取：多半是多粘贴了括号，请删除多余的括号",
    "square and curly brackets nest more than 100 deep here, deeper than can be read: most likely stray brackets were "
    "pasted; delete them",
)


@pytest.mark.parametrize(
    ("file", "old", "new", "where", "said"),
    [
        (
            "datasets/datapackage.json",
            "{",
            '{"x_big": ' + _DIGITS + ", ",
            ("第 1 行，键 “x_big”", 'row 1, key "x_big"'),
            _TOO_LONG,
        ),
        (
            "datasets/datapackage.json",
            "{",
            '{"x_deep": ' + "[" * 100_000 + "]" * 100_000 + ", ",
            ("第 1 行，键 “x_deep”", 'row 1, key "x_deep"'),
            _TOO_DEEP,
        ),
        (
            "site.toml",
            "assessment_year = 2026",
            "assessment_year = " + _DIGITS,
            ("第 {row} 行，键 “site.assessment_year”", 'row {row}, key "site.assessment_year"'),
            _TOO_LONG,
        ),
        (
            "site.toml",
            "assessment_year = 2026",
            "assessment_year = 2026\nx = " + "[" * 100_000 + "]" * 100_000,
            ("第 {next} 行", "row {next}"),
            _TOO_DEEP,
        ),
    ],
    ids=["descriptor-long-number", "descriptor-deep-nesting", "site-toml-long-number", "site-toml-deep-nesting"],
)
def test_absurd_numbers_and_nesting_are_named(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    file: str,
    old: str,
    new: str,
    where: tuple[str, str],
    said: tuple[str, str],
) -> None:
    row = project.joinpath(file).read_text(encoding="utf-8").split(old)[0].count("\n") + 1
    edit(project / file, old, new)
    code, printed = run(capsys, "validate", "--root", str(project))
    assert INTERNAL not in printed
    assert code == 1 and re.search(rf"^✗ {re.escape(file)}", printed, re.MULTILINE), printed
    assert file != "site.toml" or "assessment_year" in printed or "x = " in new, printed
    zh, en = (w.format(row=row, next=row + 1) for w in where)
    assert f"✗ {file}，{zh}：{said[0]}\n  {file}, {en}: {said[1]}\n✗ 发现 1 个问题" in printed, printed


@pytest.mark.parametrize("file", ["content/zh/about.md", "datasets/datapackage.json"])
def test_a_duplicate_key_is_refused(project: Path, capsys: pytest.CaptureFixture[str], file: str) -> None:
    text = (project / file).read_text(encoding="utf-8")
    if file.endswith(".md"):
        edit(project / file, "\ntitle: ", "\ntitle: 旧标题\ntitle: ")
        first, second = 2, 3
    else:
        name = json.loads(text)["name"]
        edit(project / file, "{", '{"name": "a-draft", ')
        assert name != "a-draft"
        first, second = 1, text.split('"name"')[0].count("\n") + 1
    code, printed = run(capsys, "validate", "--root", str(project))
    assert code == 1 and file in printed, printed
    key = "title" if file.endswith(".md") else "name"
    assert (
        f"✗ {file}，第 {second} 行，键 “{key}”：这个键写了两次（另一次在第 {first} 行）：只会用到其中一个，另一个会被"
        f'悄悄忽略。请删除不要的那一个\n  {file}, row {second}, key "{key}": this key is written twice (the other one '
        f"is on row {first}): only one of them would be used and the other silently dropped. Delete the one you do "
        "not mean"
    ) in printed, printed


_SHOWN = "页面上看不出它，它却会改变文字的显示（方向控制符会让数字倒着显示）或使搜索找不到这段文字。"
_SHOWN_EN = (
    "It does not show on the page but changes how the text reads (a direction override shows digits reversed) or "
    "hides it from search."
)
_RLO = "U+202E RIGHT-TO-LEFT OVERRIDE"


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        (
            "城镇化率 \u202e5.77\u202c%",
            f"第 6 个字符是看不见的字符 {_RLO}，写出来是“城镇化率 ⟨{_RLO}⟩5.77⟨U+202C POP DIRECTIONAL FORMATTING⟩%”："
            + _SHOWN
            + "请删除它",
            f'character 6 is an invisible character, {_RLO}: written out, "城镇化率 ⟨{_RLO}⟩5.77⟨U+202C POP '
            f'DIRECTIONAL FORMATTING⟩%". {_SHOWN_EN} Delete it',
        ),
        (
            "城镇化率 &#8238;5.77&#8236;%",
            f"第 6 个字符起的“&#8238;”写出的是看不见的字符 {_RLO}：{_SHOWN}请删除“&#8238;”",
            f'the "&#8238;" at character 6 writes an invisible character, {_RLO}. {_SHOWN_EN} Delete "&#8238;"',
        ),
        (
            "城镇\u200b化率",
            "第 3 个字符是看不见的字符 U+200B ZERO WIDTH SPACE，写出来是“城镇⟨U+200B ZERO WIDTH SPACE⟩化率”："
            + _SHOWN
            + "请删除它",
            'character 3 is an invisible character, U+200B ZERO WIDTH SPACE: written out, "城镇⟨U+200B ZERO WIDTH '
            f'SPACE⟩化率". {_SHOWN_EN} Delete it',
        ),
    ],
    ids=["typed-override", "entity-override", "zero-width-space"],
)
def test_invisible_characters_in_a_page_are_refused(
    project: Path, capsys: pytest.CaptureFixture[str], text: str, zh: str, en: str
) -> None:
    page = project / "content/zh/about.md"
    row = page.read_text(encoding="utf-8").count("\n") + 3
    append(page, f"\n\n{text}\n")
    code, printed = run(capsys, "validate", "--root", str(project))
    assert code == 1 and "content/zh/about.md" in printed, printed
    assert f"✗ content/zh/about.md，第 {row} 行：{zh}\n  content/zh/about.md, row {row}: {en}\n" in printed, printed


# The preview and the server's hooks


@pytest.mark.parametrize("port", ["70000", "-1"])
def test_serve_on_a_port_out_of_range_is_refused(project: Path, port: str) -> None:
    done = subprocess.run(
        [*SITE_BUILDER, "serve", "--port", port], cwd=project, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 2  # a usage error: nothing was built
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert (
        f"error: argument --port: “{port}”不是可用的端口：请写 1 到 65535 之间的整数，例如 --port 8000（写 0 由系统挑一个"
        "空闲的端口）/ is not a port: write a whole number from 1 to 65535, such as --port 8000 (0 lets the system "
        "choose a free one)\n"
    ) in done.stderr, done.stderr
    assert not (project / ".cache/preview").exists()


@pytest.mark.e2e  # the preview builds the whole site before it listens
def test_serve_on_port_0_prints_the_port_it_listens_on(project: Path) -> None:
    preview = subprocess.Popen(
        [*SITE_BUILDER, "serve", "--port", "0"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        line = _line_with(preview, b"127.0.0.1:", seconds=300)
    finally:
        preview.terminate()
        preview.wait(timeout=30)
    assert line and b"127.0.0.1:0/" not in line, line
    port = int(re.search(rb"127\.0\.0\.1:([0-9]+)/", line).group(1))  # type: ignore[union-attr]
    assert 0 < port < 65536, line


def _line_with(process: subprocess.Popen[bytes], mark: bytes, seconds: float) -> bytes:
    assert process.stdout is not None
    os.set_blocking(process.stdout.fileno(), False)
    waiting, buffer, deadline = selectors.DefaultSelector(), b"", time.monotonic() + seconds
    waiting.register(process.stdout, selectors.EVENT_READ)
    while time.monotonic() < deadline and process.poll() is None:
        if waiting.select(timeout=1):
            buffer += process.stdout.read() or b""
            for line in buffer.splitlines():
                if mark in line:
                    return line
    return b""


def test_a_non_commit_pushed_as_main_is_refused_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo, serve, work = tmp_path / "site.git", tmp_path / "www", tmp_path / "work"
    assert run(capsys, "init-remote", str(repo), "--serve", str(serve))[0] == 0
    work.mkdir()
    git(work, "init", "-q", "-b", "main")
    (work / "README.md").write_text("notes\n", encoding="utf-8")
    git(work, "add", "README.md")
    git(work, "commit", "-q", "-m", "notes")
    blob = git(work, "rev-parse", "HEAD:README.md").stdout.strip()
    pushed = git(work, "push", "-f", str(repo), f"{blob}:refs/heads/main", check=False)
    assert pushed.returncode != 0
    assert "Traceback" not in pushed.stderr, pushed.stderr
    assert (
        "remote: ✗ 推送被拒绝：main 指向的不是一次提交，而是 git 的“blob”对象，无法检查和发布，网站保持不变。请推送一次提交："
        'git push site main / push refused: main points to a git "blob" object, not a commit, so it cannot be checked '
        "or published; the live site is unchanged. Push a commit: git push site main"
    ) in pushed.stderr, pushed.stderr
    assert list((serve / ".work").glob("*")) == []  # nothing left behind
    assert git(work, "ls-remote", str(repo)).stdout == ""  # main was not made
