"""Architecture: the package reads as the pipeline, its layers import downwards only, every command sees the same
problems, and the hosted CI workflow passes its security linter."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from site_builder.cli import main
from tests.conftest import ROOT

PACKAGE = ROOT / "site_builder"
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: scripts/setup.sh installs the test extra")
    return found


def test_the_stages_import_downwards_only() -> None:
    """The contract in pyproject.toml ([tool.importlinter]): cli > preview, deploy > build > pages > opendata >
    charts > model > inputs > output > problems, i18n, urls."""
    result = subprocess.run([_tool("lint-imports")], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_the_top_level_holds_at_most_eight_modules_and_each_stage_says_its_role() -> None:
    modules = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(modules) <= 8, modules
    stages = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))
    assert stages == ["charts", "deploy", "inputs", "model", "opendata", "output", "pages", "problems"]
    for path in [*PACKAGE.glob("*.py"), *PACKAGE.glob("*/*.py")]:
        docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert docstring, f"{path.relative_to(ROOT)} does not say what it is for"


def test_hosted_ci_passes_zizmor_offline() -> None:
    """Actions pinned by commit, no template expansion inside run:, no credentials persisted into the artifact."""
    workflows = sorted(str(p) for p in (ROOT / ".github" / "workflows").glob("*.yml"))
    assert workflows
    result = subprocess.run(
        [_tool("zizmor"), "--offline", "--no-progress", *workflows], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout


def test_the_help_lists_no_hidden_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    shown = capsys.readouterr().out
    assert "publish-hook" not in shown and "SUPPRESS" not in shown
    assert "init-remote" in shown


def _untranslated(project: Path) -> int:
    """Empty the English translation of one interface string; return the catalog row of its msgstr."""
    catalog = project / "themes/default/locale/en/LC_MESSAGES/messages.po"
    lines = catalog.read_text(encoding="utf-8").split("\n")
    row = next(n for n, line in enumerate(lines) if line == 'msgid "Published value"')
    assert lines[row + 1].startswith("msgstr ")
    lines[row + 1] = 'msgstr ""'
    catalog.write_text("\n".join(lines), encoding="utf-8")
    return row + 1


@pytest.mark.e2e  # a whole build
def test_validate_and_build_agree_on_an_untranslated_interface_string(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The defect of issue 20: `validate --strict` passed, a normal build dropped the warning, `build --strict`
    refused. Now every command reports it, and the strict ones refuse it."""
    row = _untranslated(project)
    zh = f"themes/default/locale/en/LC_MESSAGES/messages.po，第 {row} 行：界面文字“Published value”未翻译或标记为 fuzzy"
    en = (
        f'themes/default/locale/en/LC_MESSAGES/messages.po, row {row}: the interface text "Published value" is '
        "untranslated or marked fuzzy"
    )
    warning, error = f"! {zh}\n  {en}\n", f"✗ {zh}\n  {en}\n"
    root = ["--root", str(project)]

    assert main(["validate", *root]) == 0
    assert warning in capsys.readouterr().err
    assert main(["validate", "--strict", *root]) == 1
    assert error in capsys.readouterr().err
    assert main(["build", *root]) == 0
    assert warning in capsys.readouterr().err
    assert main(["build", "--strict", "--force", *root]) == 1
    assert error in capsys.readouterr().err
    assert main(["check", *root]) == 1
    assert f"✗ {zh}\n  {en}\n" in capsys.readouterr().err


# One atomic-write helper, and no process-wide changes: both read from the package's syntax trees.


def _dotted(node: ast.AST) -> str:
    """`os.environ.update` for that attribute chain; `os.environ` for `os.environ[...]`; "" for anything else."""
    if isinstance(node, ast.Subscript):
        return _dotted(node.value)
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else ""
    return node.id if isinstance(node, ast.Name) else ""


def _functions(tree: ast.AST) -> dict[ast.AST, str]:
    """Each node of the tree, by the name of the function (or class) it is in ("" at a module's top)."""
    owner: dict[ast.AST, str] = {}

    def visit(node: ast.AST, name: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) else name
            owner[child] = inner
            visit(child, inner)

    visit(tree, "")
    return owner


# Renames that are not a file write: each swaps a whole folder or a link, and says why here.
_FOLDER_SWAPS = {
    ("output/staging.py", "_swap"),  # the new output tree in place of the old one
    ("output/search.py", "_keep"),  # a copy of Pagefind's index folder, kept for the next build
    ("deploy/hooks.py", "switch"),  # the server's `current` link, to the new release
    ("deploy/hooks.py", "post_receive"),  # a built release folder, moved among the live ones
    ("deploy/hooks.py", "_show_for_review"),
    (
        "deploy/hooks.py",
        "_keep_records",
    ),  # the new release's build records, renamed to the name it will have live  # the review branch's built folder, moved to be the copy to review
    ("output/locking.py", "rename"),  # the rename itself, retried while Windows holds a file open
    ("output/locking.py", "replace"),  # the same, one file over another (what atomic.py calls)
}
_ATOMIC = "output/atomic.py"


def atomic_write_copies(source: str, module: str) -> list[str]:
    """Where `source` (the module `module`, relative to the package) writes a file through a temporary name and a
    rename of its own instead of calling output/atomic.py."""
    if module == _ATOMIC:
        return []
    tree = ast.parse(source)
    owner, found = _functions(tree), []
    for node in ast.walk(tree):
        where = f"{module}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and ".tmp" in node.value:
            found.append(f"{where}: a temporary file name")
        if not isinstance(node, ast.Call):
            continue
        name = _dotted(node.func)
        if name in {"os.replace", "os.rename", "tempfile.mkstemp", "tempfile.NamedTemporaryFile"}:
            found.append(f"{where}: {name}")
        renames = isinstance(node.func, ast.Attribute) and node.func.attr in {"replace", "rename"}
        one_path = len(node.args) == 1 and not node.keywords  # str.replace takes two
        if renames and one_path and (module, owner[node]) not in _FOLDER_SWAPS:
            found.append(f"{where}: a rename in {owner[node] or 'the module'}")
    return found


_PROCESS_WIDE_CALLS = {
    "os.putenv",
    "os.unsetenv",
    "os.chdir",
    "os.fchdir",
    "os.umask",
    "locale.setlocale",
    "signal.signal",
    "signal.alarm",
    "signal.setitimer",
    "sys.setrecursionlimit",
    "socket.setdefaulttimeout",
    "time.tzset",
    "warnings.simplefilter",
    "warnings.filterwarnings",
    "multiprocessing.set_start_method",
    "logging.basicConfig",
}
_MUTATORS = {"update", "setdefault", "pop", "popitem", "clear", "append", "insert", "extend", "remove", "__setitem__"}
_IMPORTED = {"os": {"environ", "putenv", "unsetenv", "chdir", "umask"}, "locale": {"setlocale"}, "signal": {"signal"}}


def process_wide_changes(source: str, module: str) -> list[str]:
    """Where `source` changes what the whole process shares: its environment, working folder, locale, import path,
    signal handlers, or an attribute of `sys`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        where = f"{module}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Call):
            name = _dotted(node.func)
            owner, _, method = name.rpartition(".")
            if name in _PROCESS_WIDE_CALLS or (owner in {"os.environ", "sys.path"} and method in _MUTATORS):
                found.append(f"{where}: {name}")
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign | ast.Delete):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            name = _dotted(target)
            if name == "os.environ" or name.startswith("sys."):
                found.append(f"{where}: {name} changed")
        if isinstance(node, ast.ImportFrom) and node.module in _IMPORTED:
            found += [
                f"{where}: from {node.module} import {a.name}" for a in node.names if a.name in _IMPORTED[node.module]
            ]
    return found


def _scan(check: Callable[[str, str], list[str]]) -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        found += check(path.read_text(encoding="utf-8"), path.relative_to(PACKAGE).as_posix())
    return found


def test_one_helper_writes_files_atomically() -> None:
    """output/atomic.py is the one place a file is written through a temporary name and a rename."""
    assert _scan(atomic_write_copies) == []


@pytest.mark.parametrize(
    "copy",
    [
        "def _write(path, data):\n    tmp = path.with_suffix(f'.{os.getpid()}.tmp')\n    tmp.write_bytes(data)\n",
        "def save(a, b):\n    os.replace(a, b)\n",
        "def save(temporary, path):\n    temporary.replace(path)\n",
        "def save(temporary, path):\n    temporary.rename(path)\n",
        "import tempfile\nhandle = tempfile.NamedTemporaryFile(delete=False)\n",
    ],
)
def test_a_second_atomic_write_is_found(copy: str) -> None:
    assert atomic_write_copies(copy, "charts/drawing.py")
    assert atomic_write_copies(copy, "output/atomic.py") == []


def test_the_package_changes_nothing_process_wide() -> None:
    """No write to os.environ, the working folder, the locale, sys.path or sys's attributes, and no signal handler:
    a subprocess that needs another environment is given one (`env=`)."""
    assert _scan(process_wide_changes) == []


@pytest.mark.parametrize(
    "change",
    [
        'os.environ["GIT_DIR"] = "x"',
        'del os.environ["GIT_DIR"]',
        'os.environ.update(GIT_DIR="x")',
        'os.environ.setdefault("TZ", "UTC")',
        "os.putenv('A', 'b')",
        "os.chdir(folder)",
        "locale.setlocale(locale.LC_ALL, 'C')",
        "sys.path.insert(0, 'x')",
        "sys.path = []",
        "sys.stdout = open('log')",
        "signal.signal(signal.SIGTERM, handler)",
        "from os import environ",
        "warnings.simplefilter('ignore')",
    ],
)
def test_a_process_wide_change_is_found(change: str) -> None:
    assert process_wide_changes(change, "cli.py")


def test_reading_the_environment_and_passing_one_to_a_subprocess_are_not_changes() -> None:
    allowed = 'cache = os.environ.get("X")\nsubprocess.run(["git"], env=os.environ | {"GIT_DIR": "x"})\nx = sys.argv'
    assert process_wide_changes(allowed, "cli.py") == []


def test_the_files_run_first_exist() -> None:
    """tests/conftest.py runs the longest test files first (LONGEST_FIRST): a renamed file would silently fall back
    to its place in the alphabet."""
    from tests.conftest import LONGEST_FIRST, ROOT

    assert [name for name in LONGEST_FIRST if not (ROOT / "tests" / name).is_file()] == []
