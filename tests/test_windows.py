"""Windows, tried here: every module of the package imports without the modules Windows lacks; POSIX-only calls
are each on a path staff machines never take; locks are held across processes by the module that also has the
Windows way; output to a GBK stream (Chinese Windows, redirected) never fails. The staff commands with the spawn
start method and no fork are in tests/test_staff_publish.py."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_builder.output import locking
from tests.conftest import ROOT

PACKAGE = ROOT / "site_builder"
POSIX_ONLY = ("fcntl", "resource", "pwd", "grp", "termios", "tty", "pty")

NO_POSIX = f"""\
import importlib, os, pkgutil, sys
for name in {POSIX_ONLY!r}:
    sys.modules[name] = None  # `import fcntl` now raises ImportError, as on Windows
del os.fork
import site_builder
names = [m.name for m in pkgutil.walk_packages(site_builder.__path__, "site_builder.") if m.name != "site_builder.__main__"]
for name in names:
    importlib.import_module(name)
print(" ".join(sorted(names)))
"""

# Calls that exist only on POSIX systems, and each module allowed to make one, with the reason it never runs on a
# staff machine (or is guarded there).
POSIX_CALLS = {
    "os.fork",
    "os.getuid",
    "os.geteuid",
    "os.getgid",
    "os.setsid",
    "os.killpg",
    "os.getpgid",
    "os.sched_getaffinity",
    "os.fchmod",
    "signal.SIGKILL",
    "signal.SIGHUP",
    "signal.SIGUSR1",
    "signal.SIGALRM",
    "signal.alarm",
}
ALLOWED = {
    ("site_builder/output/workers.py", "os.sched_getaffinity"): "guarded by hasattr; os.cpu_count elsewhere",
}


def test_every_module_imports_where_posix_only_modules_are_missing() -> None:
    done = subprocess.run(
        [sys.executable, "-c", NO_POSIX],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    modules = {".".join(p.relative_to(ROOT).with_suffix("").parts) for p in PACKAGE.rglob("*.py")}
    every = {m.removesuffix(".__init__") for m in modules} - {"site_builder", "site_builder.__main__"}
    assert set(done.stdout.split()) == every


def test_no_module_imports_a_posix_only_module_at_its_top() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:  # the module's own top level
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            names += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            found += [(path.relative_to(ROOT).as_posix(), n) for n in names if n.split(".")[0] in POSIX_ONLY]
    assert found == []


def test_posix_only_calls_are_only_where_staff_machines_never_go() -> None:
    found = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                dotted = f"{node.value.id}.{node.attr}"
                if dotted in POSIX_CALLS:
                    found.add((path.relative_to(ROOT).as_posix(), dotted))
    assert found == set(ALLOWED)


def test_a_lock_is_held_against_another_process_until_let_go(tmp_path: Path) -> None:
    held = tmp_path / "held.lock"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import os, sys; from site_builder.output import locking\n"
            f"fd = os.open({str(held)!r}, os.O_RDWR | os.O_CREAT); locking.lock(fd); print('held', flush=True)\n"
            "sys.stdin.readline(); locking.unlock(fd)\nprint('let go', flush=True); sys.stdin.readline()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
    )
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline() == "held\n"
        fd = os.open(held, os.O_RDWR)
        try:
            assert not locking.try_lock(fd)
            holder.stdin.write("\n")
            holder.stdin.flush()
            assert holder.stdout.readline() == "let go\n"
            assert locking.try_lock(fd)
            locking.unlock(fd)
        finally:
            os.close(fd)
    finally:
        holder.kill()
        holder.wait()


def test_a_rename_windows_holds_up_is_tried_again_and_any_other_failure_is_not() -> None:
    failures = [PermissionError(13, "in use by another process"), PermissionError(13, "in use by another process")]

    def rename() -> str:
        if failures:
            raise failures.pop()
        return "renamed"

    started = time.perf_counter()
    assert locking.retried(rename, transient=True, wait=0.01) == "renamed"
    assert time.perf_counter() - started < 1
    failures.append(PermissionError(13, "denied"))
    with pytest.raises(PermissionError):  # where the failure does not pass by itself (not Windows): at once
        locking.retried(rename, transient=False, wait=0.01)
    failures[:] = [PermissionError(13, "held for good")] * 5
    with pytest.raises(PermissionError):  # and where it never passes, after the last try
        locking.retried(rename, transient=True, tries=3, wait=0.01)
    assert len(failures) == 2


def test_output_to_a_gbk_stream_keeps_the_chinese_and_never_fails() -> None:
    """Chinese Windows sends output redirected to a file or another program in GBK, which has no ✓ or ✗."""
    done = subprocess.run(
        [sys.executable, "-m", "site_builder", "validate", "--root", str(ROOT)],
        capture_output=True,
        cwd=ROOT,
        env=os.environ | {"PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "gbk"},
    )
    assert done.returncode == 0, done.stderr.decode("gbk", "replace")
    assert done.stdout.decode("gbk").startswith("? 检查通过 / all checks passed")
