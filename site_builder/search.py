"""Search: index the written site with Pagefind (extended, for Chinese segmentation): one index per language,
each in <lang>/pagefind/ and built by its own run, so the indexer holds one language's pages in memory at a time."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path


def index(site: Path, languages: Iterable[str]) -> None:
    """Write site/<lang>/pagefind/ for each language: its index and the script that searches it, all served by
    the site itself."""
    for lang in languages:
        command = [sys.executable, "-m", "pagefind", "--site", str(site), "--glob", f"{lang}/**/*.html"]
        command += ["--output-subdir", f"{lang}/pagefind", "--quiet"]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            problem = result.stderr.strip() or result.stdout.strip()
            raise RuntimeError(f"Pagefind failed to index the {lang} pages: {problem}")
