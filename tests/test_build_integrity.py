"""Build integrity: the build replaces only a folder it made, one build at a time; it reads only inside the
project; every address has one owner; the site's address is a plain one. Each refusal through the real command,
with its exact message, and the previous build unchanged."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from site_builder.build import build, validate
from site_builder.cli import main
from site_builder.output.staging import STAMP, STAMP_BYTES
from site_builder.pages.addresses import AT_THE_TOP, IN_EACH_LANGUAGE
from site_builder.pages.paths import planned_paths
from site_builder.problems import Location
from tests.conftest import ROOT, quiet
from tests.helpers import assert_line, assert_problem, snapshot

REFUSED_ZH, REFUSED_EN = "已拒绝，什么都没有改动。", "Refused; nothing was changed. "
NOT_MADE_HERE = (
    "这个文件夹里有不是 site-builder 生成的文件（最上层没有 .site-builder 标记文件）：构建只替换自己生成的文件夹，"
    f"不会删除它。{REFUSED_ZH}请让 --out 指向一个不存在的或空的文件夹；如果这是旧版本 site-builder 生成的网站"
    "（例如以前的 build 文件夹），请先自己删除它，再重新构建",
    "this folder holds files that site-builder did not make (there is no .site-builder stamp file at its top): the "
    f"build replaces only folders it made itself, and will not delete this one. {REFUSED_EN}Point --out at a folder "
    "that does not exist or is empty; if this is a site made by an older version of site-builder (such as an old "
    "build folder), delete it yourself, then build again",
)
PROJECT = (
    "这是项目文件夹本身，或是装着项目的文件夹：构建会用生成的网站替换整个文件夹，项目（连同 .git）就没了。"
    f"{REFUSED_ZH}请让 --out 指向一个新的文件夹，例如 build",
    "this is the project folder itself, or a folder that holds it: the build would replace the whole folder with "
    f"the site, and the project (.git included) would be gone. {REFUSED_EN}Point --out at a new folder, such as build",
)
NOT_A_FOLDER = (
    f"这是一个文件，不是文件夹：构建不会替换它。{REFUSED_ZH}请让 --out 指向一个文件夹，例如 build",
    f"this is a file, not a folder: the build will not replace it. {REFUSED_EN}Point --out at a folder, such as build",
)
BUSY = (
    "另一个构建正在向这个文件夹生成网站：请等它完成后再试",
    "another build is running into this folder; wait for it to finish, then try again",
)


def among_sources(source: str) -> tuple[str, str]:
    return (
        f"这在项目的 {source}/ 文件夹里面：生成的网站不能放在网站的源文件中间。{REFUSED_ZH}"
        "请让 --out 指向 content、datasets、themes 以外的文件夹，例如 build",
        f"this is inside the project's {source}/ folder: the site must not be written among its own sources. "
        f"{REFUSED_EN}Point --out at a folder outside content, datasets and themes, such as build",
    )


def line(zh_where: str, en_where: str, message: tuple[str, str]) -> str:
    return f"✗ {zh_where}：{message[0]}\n  {en_where}: {message[1]}"


@pytest.fixture
def previous(built_project: Path) -> dict[str, bytes]:
    """A good build in the project's build/, as a snapshot to compare with after a refused build."""
    return snapshot(built_project / "build")


def refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(argv) == 1
    return capsys.readouterr().err


# 1. --out: only a folder the build made, an empty one or none; never the project, its sources, or a file.


@pytest.mark.parametrize("out", [".", "..", "content", "content/new-folder", "datasets", "themes/default/x"])
def test_out_is_never_the_project_or_among_its_sources(
    project: Path, previous: dict[str, bytes], out: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(project)
    err = refused(["build", "--root", str(project), "--out", str(project / out)], capsys)
    target = (project / out).resolve()
    if out in (".", ".."):
        assert line(str(target), str(target), PROJECT) in err
    else:
        source = out.split("/")[0]
        assert line(out, out, among_sources(source)) in err
    assert "✗ 发现 1 个问题，未生成网站 / 1 problem(s) found; nothing was written." in err
    assert snapshot(project) == before
    assert snapshot(project / "build") == previous
    assert sorted(p.name for p in project.parent.iterdir()) == ["project"]  # no lock or staging folder left


def test_out_is_never_a_folder_the_build_did_not_make(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "my-folder"
    mine.mkdir()
    (mine / "thesis.docx").write_bytes(b"three years of work")
    err = refused(["build", "--root", str(project), "--out", str(mine)], capsys)
    assert line(str(mine), str(mine), NOT_MADE_HERE) in err
    assert_problem(err, "output.not-made-by-site-builder", Location(str(mine)))
    assert snapshot(mine) == {"thesis.docx": b"three years of work"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my-folder", "project"]


def test_out_is_never_a_file(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("keep me", encoding="utf-8")
    err = refused(["build", "--root", str(project), "--out", str(notes)], capsys)
    assert line(str(notes), str(notes), NOT_A_FOLDER) in err
    assert_problem(err, "output.not-a-folder", Location(str(notes)))
    assert_line(err, "run.problems-found")
    assert notes.read_text(encoding="utf-8") == "keep me"


@pytest.mark.e2e
def test_a_build_folder_from_before_the_stamp_is_refused_until_deleted(
    built_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A developer's build/ made by an older version has no stamp: the build says to delete it, and does not."""
    project = built_project
    (project / "build" / STAMP).unlink()
    before = snapshot(project / "build")
    err = refused(["build", "--root", str(project), "--force"], capsys)
    assert line("build", "build", NOT_MADE_HERE) in err
    assert snapshot(project / "build") == before
    shutil.rmtree(project / "build")
    assert main(["build", "--root", str(project)]) == 0


@pytest.mark.e2e
def test_every_output_carries_the_same_stamp_and_an_empty_folder_is_used(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "empty"
    out.mkdir()
    assert main(["build", "--root", str(project), "--out", str(out)]) == 0
    assert (out / STAMP).read_bytes().startswith(STAMP_BYTES)
    assert main(["build", "--root", str(project), "--out", str(out), "--force"]) == 0  # its own output: replaced
    assert (out / STAMP).read_bytes().startswith(STAMP_BYTES)
    preview = project / ".cache" / "preview"  # where `serve` builds, twice in a row
    for _ in range(2):
        build(project, preview, strict=False, progress=quiet, base_url="http://127.0.0.1:8000/")
    assert (preview / STAMP).read_bytes().startswith(STAMP_BYTES)


@pytest.mark.e2e
def test_the_cleanup_of_killed_builds_removes_only_what_a_build_made(project: Path, previous: dict[str, bytes]) -> None:
    left = project / ".build-new-abc123"  # a build killed before its swap left this
    left.mkdir()
    (left / STAMP).write_bytes(STAMP_BYTES)
    (left / "index.html").write_text("half", encoding="utf-8")
    theirs = {project / ".build-new-notes": "mine", project / ".build-old-photos": "also mine"}
    for folder, text in theirs.items():
        folder.mkdir()
        (folder / "a.txt").write_text(text, encoding="utf-8")
    assert main(["build", "--root", str(project), "--force"]) == 0
    assert not left.exists()
    for folder, text in theirs.items():
        assert (folder / "a.txt").read_text(encoding="utf-8") == text


# Two builds at once: the second is refused at once, the first completes.


@pytest.mark.e2e
def test_a_second_build_into_the_same_folder_is_refused_and_the_first_completes(
    project: Path, previous: dict[str, bytes]
) -> None:
    command = [sys.executable, "-m", "site_builder", "build", "--root", str(project), "--force"]
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert first.stderr is not None
    for progress in first.stderr:  # the first build has claimed build/ and checked its config
        if progress.strip().startswith("config"):
            break
    os.kill(first.pid, signal.SIGSTOP)  # hold it mid-build, whatever the speed of the machine
    try:
        started = time.perf_counter()
        second = subprocess.run(command, capture_output=True, text=True, timeout=60)
        waited = time.perf_counter() - started
    finally:
        os.kill(first.pid, signal.SIGCONT)
    out, err = first.communicate(timeout=300)
    assert second.returncode == 1
    assert line("build", "build", BUSY) in second.stderr
    assert "datasets" not in second.stderr  # refused before it validated anything
    assert waited < 30
    assert first.returncode == 0, err
    assert "pages" in out and (project / "build" / "zh" / "index.html").is_file()
    assert not list(project.glob(".build*"))


# 5. Paths in site.toml stay inside the project.


def set_site(project: Path, old: str, new: str) -> None:
    toml = project / "site.toml"
    text = toml.read_text(encoding="utf-8")
    assert old in text
    toml.write_text(text.replace(old, new, 1), encoding="utf-8")


def outside(value: str, example: str) -> tuple[str, str]:
    return (
        f"“{value}”不在项目文件夹里：构建只读取项目里的文件，否则项目外的任何文件夹都可能被发布。"
        f"请写项目文件夹里的相对路径，例如 {example}",
        f'"{value}" is not inside the project folder: the build reads only files inside the project, or any folder '
        f"outside it could be published. Give a path relative to the project folder, such as {example}",
    )


@pytest.mark.parametrize(
    ("key", "old", "value", "example"),
    [
        ("content", 'content = "content"', "../elsewhere", "content"),
        ("content", 'content = "content"', "/", "content"),
        ("datapackage", 'datapackage = "datasets/datapackage.json"', "../elsewhere/datapackage.json", None),
    ],
)
def test_paths_in_site_toml_stay_inside_the_project(
    project: Path,
    previous: dict[str, bytes],
    key: str,
    old: str,
    value: str,
    example: str | None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    elsewhere = project.parent / "elsewhere"  # a folder of the right shape, with a secret beside the pages
    shutil.copytree(project / "content", elsewhere)
    shutil.copytree(project / "datasets", elsewhere, dirs_exist_ok=True)
    (elsewhere / "images").mkdir()
    (elsewhere / "images" / "secret.png").write_bytes(b"not for publishing")
    set_site(project, old, f'{key} = "{value}"')
    started = time.perf_counter()
    err = refused(["build", "--root", str(project), "--force"], capsys)
    assert time.perf_counter() - started < 30  # "/" is refused, not walked
    message = outside(value, example or "datasets/datapackage.json")
    assert line(f"site.toml，键 “site.{key}”", f'site.toml, key "site.{key}"', message) in err
    assert snapshot(project / "build") == previous


@pytest.mark.parametrize("value", ["../../x", "default/../../x", "nope"])
def test_the_theme_is_a_folder_of_themes(
    project: Path, previous: dict[str, bytes], value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    set_site(project, 'theme = "default"', f'theme = "{value}"')
    err = refused(["build", "--root", str(project), "--force"], capsys)
    message = (
        f"“{value}”应当是 themes/ 里一个文件夹的名字（不含 / 或 ..），现有的是：default",
        f'"{value}" should be the name of a folder in themes/ (without / or ..); there are: default',
    )
    assert line("site.toml，键 “site.theme”", 'site.toml, key "site.theme"', message) in err
    assert snapshot(project / "build") == previous


# 7. Every address has one owner: a Markdown page cannot take a generated page's address.

NAMES = "api, assets, changes, commitments, data, downloads, glossary, images, indicators, pagefind, progress, report, search"


def taken(file: str, address: str, owner: tuple[str, str]) -> str:
    return (
        f"✗ {file}：这个页面的地址 {address} 已经属于{owner[0]}：一个地址只能有一个来源，生成的页面不会被替换。"
        f"请给这个 Markdown 文件（两种语言的都要）换一个构建没有用到的名字，不要用：{NAMES}\n"
        f"  {file}: this page's address {address} belongs to {owner[1]}: an address has one source only, and the "
        f"generated page is not replaced. Rename this Markdown file (in both languages) to a name the build does "
        f"not use; not: {NAMES}"
    )


def add_page(project: Path, key: str) -> None:
    for lang, title in (("zh", "假页面"), ("en", "Fake page")):
        path = project / "content" / lang / f"{key}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\ntitle: {title}\n---\n\n99.9%\n", encoding="utf-8")


def test_a_markdown_page_cannot_replace_an_indicator_page(
    project: Path, previous: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    add_page(project, "indicators/good-air-days")
    err = refused(["build", "--root", str(project), "--force"], capsys)
    owner = IN_EACH_LANGUAGE["indicators"]
    for lang in ("zh", "en"):
        file = f"content/{lang}/indicators/good-air-days.md"
        assert taken(file, f"/{lang}/indicators/good-air-days/", owner) in err
    assert owner == (
        "指标页面（由数据包中的指标生成）",
        "the indicator pages (made from the data package's indicators)",
    )
    assert snapshot(project / "build") == previous
    for command in ("validate", "check"):  # refused before anything is written, by every command
        assert main([command, "--root", str(project)]) == 1
        assert taken("content/zh/indicators/good-air-days.md", "/zh/indicators/good-air-days/", owner) in (
            capsys.readouterr().err
        )


@pytest.mark.parametrize(
    ("key", "owner"),
    [
        ("search", ("搜索页", "the search page")),
        ("api", ("API 说明页", "the API page")),
        ("changes", ("更新记录页（由数据的发布记录生成）", "the change log (made from the data releases)")),
        ("data", ("数据与下载页（由数据包生成）", "the data and downloads page (made from the data package)")),
        ("glossary", ("术语表页面（由数据生成）", "the glossary page (made from the data)")),
        ("progress", ("进展总览页（由数据生成）", "the progress dashboard (made from the data)")),
        (
            "indicators",
            ("指标页面（由数据包中的指标生成）", "the indicator pages (made from the data package's indicators)"),
        ),
        ("commitments", ("承诺一览页（由数据包中的承诺生成）", "the commitments page (made from the data package)")),
        ("downloads/data", ("下载文件（/downloads/）", "the downloads (/downloads/)")),
        ("api/v1", ("API 说明页", "the API page")),
        ("assets/style", ("主题的样式和脚本（/assets/）", "the theme's styles and scripts (/assets/)")),
        ("images/map", ("content/images/ 中的图片（/images/）", "the images of content/images/ (/images/)")),
        ("pagefind/x", ("搜索索引", "the search index")),
    ],
)
def test_a_markdown_page_cannot_take_a_generated_address(
    project: Path, key: str, owner: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    add_page(project, key)
    err = refused(["validate", "--root", str(project)], capsys)
    assert taken(f"content/zh/{key}.md", f"/zh/{key}/", owner) in err
    assert taken(f"content/en/{key}.md", f"/en/{key}/", owner) in err


def test_every_generated_address_is_listed_in_one_place(built_site: Path) -> None:
    """What a real build makes, beside the Markdown pages, is what pages.addresses lists: the list cannot drift."""
    content = Path(__file__).resolve().parent.parent / "content"
    languages = ("zh", "en")
    top = {p.name for p in built_site.iterdir()} - {STAMP, *languages}
    assert top <= set(AT_THE_TOP)
    for lang in languages:
        documents = {p.relative_to(content / lang).parts[0].removesuffix(".md") for p in (content / lang).rglob("*.md")}
        made = {p.name for p in (built_site / lang).iterdir()} - {"index.html"} - (documents - {"chapters"})
        assert made == set(IN_EACH_LANGUAGE)


def test_the_planned_paths_are_what_the_build_writes(built_site: Path) -> None:
    """`validate` checks the Markdown pages' links against `planned_paths`, computed before anything is written:
    the real build writes exactly those files, besides its stamp and the folders the plan cannot know."""
    checked = validate(ROOT, strict=True, progress=quiet)
    planned = planned_paths(checked.site, checked.theme)
    written = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()} - {STAMP}
    assert all(path.startswith(planned.unplanned) for path in written - planned.paths), written - planned.paths
    assert planned.paths - written == set()
    assert {path for path in written if path.startswith(planned.unplanned)}  # each folder holds something


# 10. The site's address: a plain http(s) address of a folder; a bad --base-url is blamed on --base-url.

BASE_URLS = [
    (
        "https://user:secret@example.org/",
        "里有用户名或密码（@ 前面的部分）：网站地址会写进每一个页面，人人都看得到。请删去“…@”这一段",
        " contains a user name or password (the part before @): the site's address is written into every page, for "
        "anyone to read. Remove the part up to and including @",
    ),
    (
        "https://example.org/?page=1/",
        "里有“?”（查询参数）：网站地址只能是一个文件夹的地址。请删去“?”和它后面的部分",
        ' contains "?" (a query): the site\'s address must be the address of a folder. Remove "?" and what follows it',
    ),
    (
        "https://example.org/#top/",
        "里有“#”（页内锚点）：网站地址只能是一个文件夹的地址。请删去“#”和它后面的部分",
        ' contains "#" (a fragment): the site\'s address must be the address of a folder. Remove "#" and what '
        "follows it",
    ),
    ("https://example.org/hu zhou/", "里有空格：请删去网址里的空格", " contains a space: remove it from the address"),
    (
        "https://example.org/../",
        "不是一个普通的网址：主机名和路径只能用字母、数字和 - . _ ~ 这些字符，路径里不能有 ./ 或 ../，"
        "例如 https://example.org/huzhou/",
        " is not a plain web address: its host and path may hold only letters, digits and - . _ ~, with no ./ or ../ "
        "in the path, such as https://example.org/huzhou/",
    ),
]


@pytest.mark.parametrize(("value", "zh", "en"), BASE_URLS)
def test_a_base_url_that_is_not_a_plain_address_is_refused_with_its_key(
    project: Path, previous: dict[str, bytes], value: str, zh: str, en: str, capsys: pytest.CaptureFixture[str]
) -> None:
    base = tomllib.loads((project / "site.toml").read_text(encoding="utf-8"))["site"]["base_url"]
    set_site(project, f'base_url = "{base}"', f'base_url = "{value}"')
    err = refused(["build", "--root", str(project), "--force"], capsys)
    where = ("site.toml，键 “site.base_url”", 'site.toml, key "site.base_url"')
    assert line(*where, (f"“{value}”{zh}", f'"{value}"{en}')) in err
    assert snapshot(project / "build") == previous


@pytest.mark.parametrize(("value", "zh", "en"), BASE_URLS)
def test_a_bad_base_url_option_is_blamed_on_the_option(
    project: Path, previous: dict[str, bytes], value: str, zh: str, en: str, capsys: pytest.CaptureFixture[str]
) -> None:
    err = refused(["build", "--root", str(project), "--base-url", value], capsys)
    assert line("--base-url", "--base-url", (f"“{value}”{zh}", f'"{value}"{en}')) in err
    assert "site.toml" not in err
    assert snapshot(project / "build") == previous


@pytest.mark.e2e
def test_a_site_toml_saved_with_a_bom_is_read(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Notepad saves UTF-8 with a byte-order mark; it is not a mistake."""
    toml = project / "site.toml"
    toml.write_bytes(b"\xef\xbb\xbf" + toml.read_bytes())
    assert main(["build", "--root", str(project)]) == 0
    assert "✓" in capsys.readouterr().out and (project / "build" / "zh" / "index.html").is_file()


pytestmark = pytest.mark.e2e  # whole builds or git pushes: left out of the fast tier (pyproject.toml, markers)
