"""Output and CLI: atomic swap of the output folder, exit codes, progress lines, tracebacks only with --debug."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.cli import main
from site_builder.output.staging import STAMP, stamp_bytes, write_atomically
from tests.conftest import ROOT
from tests.helpers import dataset, languages, snapshot


def test_swap_replaces_the_whole_tree(tmp_path: Path) -> None:
    out = tmp_path / "build"
    write_atomically(out, {"a.html": b"old", "gone.html": b"x"}, {})
    write_atomically(out, {"a.html": b"new", "dir/b.html": b"b"}, {})
    assert snapshot(out) == {STAMP: stamp_bytes(["a.html", "dir/b.html"]), "a.html": b"new", "dir/b.html": b"b"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]  # no staging folders left behind


def test_a_failure_while_writing_leaves_the_old_tree(tmp_path: Path) -> None:
    out = tmp_path / "build"
    write_atomically(out, {"a.html": b"old"}, {})
    with pytest.raises(FileNotFoundError):
        write_atomically(out, {"a.html": b"new"}, {"assets/x.css": tmp_path / "missing.css"})
    assert snapshot(out) == {STAMP: stamp_bytes(["a.html"]), "a.html": b"old"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]


def test_paths_cannot_leave_the_output(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="leaves the output folder"):
        write_atomically(tmp_path / "build", {"../evil.html": b"x"}, {})
    assert not (tmp_path / "evil.html").exists() and not (tmp_path / "build").exists()


@pytest.mark.e2e
def test_build_prints_a_line_per_stage_with_its_time(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--root", str(project), "--out", str(project / "site")]) == 0
    captured = capsys.readouterr()
    indicators, chapters, langs = len(dataset(ROOT, "indicators")), len(dataset(ROOT, "chapters")), languages(ROOT)
    made = (f"charts ({indicators})", f"indicators ({indicators * len(langs)} pages)")
    stages = ("config", "datasets", "content", "warehouse", "model", *made, "pages")
    for stage in (*stages, "search index"):
        assert any(
            line.strip().startswith(stage) and line.rstrip().endswith(" s") for line in captured.err.splitlines()
        )
    pages = list((project / "site").rglob("*.html"))  # each one counted, whatever kinds of page there are
    assert f"✓ {len(pages)} pages, " in captured.out and len(pages) > len(langs) * (chapters + indicators)
    assert (project / "site/zh/index.html").is_file() and not (project / "build").exists()


def test_validate_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--root", str(project), "--strict"]) == 0
    assert "all checks passed" in capsys.readouterr().out
    assert not (project / "build").exists()


def test_usage_errors_exit_with_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["build", "--no-such-flag"])
    assert caught.value.code == 2
    with pytest.raises(SystemExit) as caught:
        main([])
    assert caught.value.code == 2


@pytest.mark.parametrize("command", ["build", "validate"])
def test_help_for_each_command(command: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "site_builder", command, "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and "--strict" in result.stdout


@pytest.mark.e2e
def test_tracebacks_only_with_debug(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "themes/default/templates/home.html").write_text("{{ page.no_such_field }}", encoding="utf-8")
    assert main(["build", "--root", str(project)]) == 1
    err = capsys.readouterr().err
    assert "themes/default/templates/home.html, row 1: the template failed" in err and "Traceback" not in err
    assert main(["build", "--root", str(project), "--debug"]) == 1
    assert "Traceback" in capsys.readouterr().err
