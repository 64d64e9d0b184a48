"""Interruptions: a build stopped by SIGINT or SIGKILL, or by a full disk, leaves the previous output as it was."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_builder.cli import main
from site_builder.output import staging
from site_builder.pages import per_indicator, render
from tests.helpers import assert_line, interruptible, snapshot

pytestmark = pytest.mark.e2e


@pytest.fixture
def previous_build(built_project: Path) -> dict[str, bytes]:
    """A good build already in place, that an interrupted build must leave byte for byte as it was."""
    return snapshot(built_project / "build")


def start_build(project: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "site_builder", "build", "--root", str(project), "--force"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=interruptible,
    )


def wait_for_stage(process: subprocess.Popen[str], stage: str) -> None:
    """Read the progress lines until the build has passed `stage`, so the signal lands mid-build."""
    assert process.stderr is not None
    for line in process.stderr:
        if line.strip().startswith(stage):
            return
    raise AssertionError(f"the build ended before the stage {stage!r}")


@pytest.mark.parametrize("stage", ["datasets", "charts", "pages"])
def test_sigint_leaves_the_previous_build(project: Path, previous_build: dict[str, bytes], stage: str) -> None:
    process = start_build(project)
    wait_for_stage(process, stage)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    if process.returncode == 0:
        pytest.skip("the build finished before the signal arrived")  # a fast machine; nothing to judge
    assert process.returncode == 1
    assert "✗ 已中断，原有的网站保持不变 / interrupted; the previous build is untouched." in err
    assert_line(err, "run.interrupted")
    assert snapshot(project / "build") == previous_build
    assert not list(project.glob(".build-new-*"))


def test_sigkill_leaves_the_previous_build_and_the_next_build_cleans_up(
    project: Path, previous_build: dict[str, bytes]
) -> None:
    process = start_build(project)
    wait_for_stage(process, "charts")
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=60)
    time.sleep(0.1)
    assert snapshot(project / "build") == previous_build
    assert main(["build", "--root", str(project)]) == 0
    assert not list(project.glob(".build-new-*")) and not list(project.glob(".build-old-*"))


def test_a_full_disk_leaves_the_previous_build(
    project: Path, previous_build: dict[str, bytes], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    written = []
    real_write = staging.write_file  # how the build writes each file of its output

    def filling_up(folder: Path, rel: str, data: bytes) -> None:
        if len(written) > 40:
            raise OSError(errno.ENOSPC, "No space left on device", str(folder / rel))
        written.append(rel)
        real_write(folder, rel, data)

    for module in (staging, render, per_indicator):  # the build's own writes, and its workers' (forked: they inherit)
        monkeypatch.setattr(module, "write_file", filling_up)
    assert main(["build", "--root", str(project), "--force"]) == 1
    err = capsys.readouterr().err
    assert (
        "✗ 磁盘已满，原有的网站保持不变；请腾出磁盘空间后重新构建 / the disk is full; the previous build is untouched. "
        "Free some disk space and build again."
    ) in err
    assert_line(err, "run.disk-full")
    monkeypatch.undo()
    assert snapshot(project / "build") == previous_build
    assert not list(project.glob(".build-new-*"))


@pytest.mark.parametrize("room", [0.2, 0.7, 0.85])
def test_a_real_full_disk_leaves_the_previous_build(project: Path, tmpfs: Path, room: float) -> None:
    """The disk fills with room for 20%, 70% or 85% of a second build: today that is while indicator pages, site
    pages or the search index are written (Pagefind reports success even then; the build checks what it wrote)."""
    out = tmpfs / "build"
    assert main(["build", "--root", str(project), "--out", str(out)]) == 0
    previous = snapshot(out)
    used = shutil.disk_usage(tmpfs).used
    size = used + int(used * room)
    subprocess.run(["mount", "-o", f"remount,size={size}", str(tmpfs)], check=True)
    base = project / "themes/default/templates/base.html"
    base.write_text(base.read_text(encoding="utf-8") + "<!-- every page changes -->\n", encoding="utf-8")
    process = subprocess.run(
        [sys.executable, "-m", "site_builder", "build", "--root", str(project), "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert process.returncode == 1, process.stderr
    assert (
        "✗ 磁盘已满，原有的网站保持不变；请腾出磁盘空间后重新构建 / the disk is full; the previous build is untouched. "
        "Free some disk space and build again."
    ) in process.stderr
    assert snapshot(out) == previous
    assert sorted(p.name for p in tmpfs.iterdir()) == ["build"]  # the half-written tree is gone
