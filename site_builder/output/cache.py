"""Cache: where work kept between builds lives — $SITE_BUILDER_CACHE, or .cache in the project."""

from __future__ import annotations

import os
from pathlib import Path


def folder(root: Path, name: str) -> Path:
    """The cache folder for one kind of work (charts, templates, …); it is created by whoever writes to it."""
    configured = os.environ.get("SITE_BUILDER_CACHE")
    return (Path(configured) if configured else root / ".cache") / name
