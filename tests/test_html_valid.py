"""HTML validity: the Nu HTML Checker (vnu.jar, the W3C validator) finds no error anywhere in the built site."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.conftest import ROOT
from tests.helpers import dataset, languages

VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"


def test_nu_html_checker_finds_no_error(built_site: Path) -> None:
    assert VNU.is_file(), "vnu.jar is missing: run scripts/test.sh (it runs npm ci)"
    assert shutil.which("java"), "java is needed for the Nu HTML Checker"
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--skip-non-html", "--errors-only", str(built_site)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[:4000]
    pages = list(built_site.rglob("*.html"))
    per_language = len(dataset(ROOT, "indicators")) + len(dataset(ROOT, "chapters"))  # and more pages besides
    assert len(pages) > len(languages(ROOT)) * per_language
