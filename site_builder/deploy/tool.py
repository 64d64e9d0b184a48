"""The tool on the server: `init-remote` (and `upgrade-remote`) build site_builder from a commit of the project
into a wheel, install it into an environment of its own, and record which version and commit that is, so the hooks
run an installed release and never a working copy's half-done edits.

An installation lives in `TOOLS/<version>-<commit>/` (a virtual environment) with `installed.json`, written last:
a folder without it is unfinished and made again. Repositories on one machine share an installation of the same
commit. pip reads only the package registries it is configured with, or, offline, a folder of wheels."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import site_builder
from site_builder.output import locking
from site_builder.problems import Location, Problem, ProblemsFound
from site_builder.problems.catalogue import publishing as words
from site_builder.problems.message import Said

RECORD = "installed.json"  # in the environment: what it holds
CODE = ("site_builder", "pyproject.toml")  # what the installation is built from: it must be committed


@dataclass(frozen=True, slots=True)
class Installed:
    version: str
    commit: str
    environment: str  # the folder of the virtual environment
    python: str  # its interpreter, which the hooks run
    installed: str  # when (UTC, ISO 8601)

    def said(self, record: Path) -> Said:
        return words.TOOL_INSTALLED.said(
            version=self.version, commit=self.commit[:12], python=self.environment, record=str(record)
        )


def install(tools: Path, wheels: Path | None) -> Installed:
    """Install the commit of the clone this site_builder runs from into `tools` (or find it installed there).
    Raises ProblemsFound, having changed nothing but `tools`, when the clone has uncommitted code or pip fails."""
    clone = _clone()
    commit = _git(clone, "rev-parse", "HEAD").strip()
    tools = tools.resolve()  # the hooks name the interpreter by its full path
    tools.mkdir(parents=True, exist_ok=True)
    target = tools / f"{site_builder.__version__}-{commit[:12]}"
    with _lock(tools):
        found = read(target)
        if found is not None and found.commit == commit:
            return found
        shutil.rmtree(target, ignore_errors=True)  # an unfinished installation
        with tempfile.TemporaryDirectory(prefix="site-builder-") as scratch:
            wheel = _wheel(clone, commit, Path(scratch), wheels)
            _run("python -m venv", [sys.executable, "-m", "venv", str(target)])
            python = target / "bin" / "python"
            _run("pip install", [str(python), "-m", "pip", "install", "--quiet", *_offline(wheels), str(wheel)])
            # As the hooks run it (-I): a copy of site_builder on PYTHONPATH must not have stood in for the install.
            _run("python -I -c 'import site_builder'", [str(python), "-I", "-c", "import site_builder"])
        version = wheel.name.split("-")[1]
        done = Installed(version, commit, str(target), str(python), time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
        (target / RECORD).write_text(json.dumps(asdict(done), indent=2) + "\n", encoding="utf-8")
    return done


def read(environment: Path) -> Installed | None:
    """The installation recorded in `environment`, or None where there is none (or it is unfinished)."""
    try:
        found = json.loads((environment / RECORD).read_text(encoding="utf-8"))
        return Installed(**{k: str(found[k]) for k in Installed.__dataclass_fields__})
    except (OSError, ValueError, KeyError, TypeError):
        return None


def running() -> Installed | None:
    """The installation this interpreter belongs to (None: a working copy or a developer's environment)."""
    return read(Path(sys.prefix))


def _clone() -> Path:
    """The git clone site_builder runs from; refused when it is none, or when its code has uncommitted changes."""
    root = Path(site_builder.__file__).resolve().parent.parent
    where = Location(str(root))
    try:
        top = Path(_git(root, "rev-parse", "--show-toplevel").strip()).resolve()
    except (subprocess.CalledProcessError, OSError):
        raise ProblemsFound([words.TOOL_NOT_A_CLONE.at(where)]) from None
    if top != root:
        raise ProblemsFound([words.TOOL_NOT_A_CLONE.at(where)])
    changed = [line[3:] for line in _git(root, "status", "--porcelain", "--", *CODE).splitlines() if line.strip()]
    if changed:
        shown = ", ".join(changed[:5]) + (f" (+{len(changed) - 5})" if len(changed) > 5 else "")
        raise ProblemsFound([words.TOOL_UNCOMMITTED.at(where, files=shown)])
    return root


def _wheel(clone: Path, commit: str, scratch: Path, wheels: Path | None) -> Path:
    """A wheel built from the files of `commit` (not from the working tree), in `scratch`."""
    source = scratch / "source"
    archive = subprocess.run(["git", "-C", str(clone), "archive", "--format=tar", commit], capture_output=True)
    if archive.returncode != 0:
        raise ProblemsFound([_failed("git archive", archive.stderr.decode("utf-8", "replace"))])
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(source, filter="data")
    built = scratch / "wheels"
    _run(
        "pip wheel",
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            *_offline(wheels),
            "-w",
            str(built),
            str(source),
        ],
    )
    return next(built.glob("site_builder-*.whl"))


def _offline(wheels: Path | None) -> list[str]:
    return ["--no-index", "--find-links", str(wheels.resolve())] if wheels is not None else []


def _run(step: str, command: list[str]) -> None:
    """Run one step of the installation in an environment of its own: without this process's PYTHONPATH (pip would
    take a working copy's site_builder.egg-info found there for the package installed, and install nothing)."""
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    done = subprocess.run(
        command, capture_output=True, text=True, errors="replace", stdin=subprocess.DEVNULL, env=clean
    )
    if done.returncode != 0:
        raise ProblemsFound([_failed(step, done.stderr or done.stdout)])


def _failed(step: str, said: str) -> Problem:
    lines = [line.strip() for line in said.splitlines() if line.strip()]
    return words.TOOL_INSTALL_FAILED.at(Location("pip"), step=step, said=lines[-1] if lines else "?")


def _git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=True, stdin=subprocess.DEVNULL
    ).stdout


@contextlib.contextmanager
def _lock(tools: Path) -> Iterator[None]:
    """One installation at a time in `tools` (two init-remote at once, or two test sessions)."""
    with locking.held(tools / ".lock"):
        yield
