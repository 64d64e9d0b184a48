"""Architecture: the package reads as the pipeline, its layers import downwards only, every command sees the same
problems, and the hosted CI workflow passes its security linter."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
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
