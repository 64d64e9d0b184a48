"""Search: index the written site with Pagefind (extended, for Chinese segmentation), one index per language."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def index(site: Path) -> None:
    """Write site/pagefind/: the index and the script that searches it, all served by the site itself."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", "pagefind", "--quiet"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"Pagefind failed to index the site: {result.stderr.strip() or result.stdout.strip()}")
