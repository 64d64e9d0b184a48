"""The copy to review: where the administrator said it is served, and what marks it as not for search engines."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from site_builder.output.atomic import replace_file
from site_builder.problems.catalogue import review as words
from site_builder.problems.message import Said

ADDRESS_KEY = "site-builder.reviewUrl"  # the copy to review's address, in the publishing repository's git config
NOT_INDEXED = b'<meta name="robots" content="noindex, nofollow">'
# Where the mark goes: after the page's <meta charset> (which the theme writes first in <head>), else after <head>,
# else at the very start. The theme is part of every push: a page it writes some other way is still marked.
_AFTER = (
    re.compile(rb"<meta\s+charset\s*=\s*[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE),
    re.compile(rb"<head(?:\s[^>]*)?>", re.IGNORECASE),
)


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
        replace_file(page, marked(page.read_bytes()))


def marked(html: bytes) -> bytes:
    """The page with the mark that search engines must not index it."""
    for after in _AFTER:
        if found := after.search(html):
            return html[: found.end()] + b"\n" + NOT_INDEXED + html[found.end() :]
    return NOT_INDEXED + b"\n" + html
