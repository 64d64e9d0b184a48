"""Assets: files published as they are — the theme's static files and the images staff put in content/images/."""

from __future__ import annotations

from pathlib import Path

from site_builder.inputs.strays import is_litter


def theme_files(theme: Path) -> dict[str, Path]:
    """The theme's stylesheet, scripts and icons, served from /assets/."""
    return _files_under(theme / "static", "assets")


def content_images(content_folder: Path) -> dict[str, Path]:
    """Images staff put in content/images/, served from /images/ (for Markdown such as ![…](/images/map.png))."""
    return _files_under(content_folder / "images", "images")


def _files_under(folder: Path, served_as: str) -> dict[str, Path]:
    """Every file under `folder` but the litter a Mac or Windows leaves there (.DS_Store, ._map.png, Thumbs.db)."""
    found = sorted(p for p in folder.rglob("*") if p.is_file() and not is_litter(p))
    return {f"{served_as}/{p.relative_to(folder).as_posix()}": p for p in found}
