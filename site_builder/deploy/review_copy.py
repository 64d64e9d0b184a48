"""The copy to review: where the administrator said it is served, and what marks it as not for search engines."""

from __future__ import annotations

import subprocess
from pathlib import Path

from site_builder.output.atomic import replace_file
from site_builder.problems.catalogue import review as words
from site_builder.problems.message import Said

ADDRESS_KEY = "site-builder.reviewUrl"  # the copy to review's address, in the publishing repository's git config
NOT_INDEXED = b'<meta name="robots" content="noindex, nofollow">'


def set_address(repo: Path, url: str) -> None:
    subprocess.run(["git", f"--git-dir={repo}", "config", ADDRESS_KEY, url], check=True, capture_output=True)


def address(repo: Path) -> str:
    """Where the copy to review is served, as the administrator set it (`init-remote --review-url`); "" if not."""
    result = subprocess.run(
        ["git", f"--git-dir={repo}", "config", "--get", ADDRESS_KEY], capture_output=True, text=True
    )
    return result.stdout.strip()


def shown(address: str) -> str | Said:
    """The address as the server's message names it, in each language: "ask IT" when none was set."""
    return address or words.REVIEW_NO_ADDRESS.said()


def not_indexed(release: Path) -> None:
    """Mark a copy to review as not for search engines: a robots.txt that turns every robot away, and the same in
    every page (a copy reached by a link from elsewhere is still not indexed). Each file is written anew, never
    into its inode: the build hard-links unchanged files from the live release, which must not change."""
    replace_file(release / "robots.txt", b"User-agent: *\nDisallow: /\n")
    for page in release.rglob("*.html"):
        html = page.read_bytes()
        replace_file(page, html.replace(b'<meta charset="utf-8">', b'<meta charset="utf-8">\n' + NOT_INDEXED, 1))
