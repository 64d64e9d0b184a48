"""Report PDF: a rendered page typeset as a print-ready PDF by WeasyPrint, reading only files of the output folder,
and kept in the cache under the hash of everything it read, so an unchanged report is never typeset again.

WeasyPrint applies the page's `@media print` rules (page numbers, running headers, the table of contents' page
numbers) and draws the SVG charts as vector graphics. Links in the PDF lead to the live site (the page's absolute
address is its base). The PDF has no creation date and a fixed identifier (the hash of its inputs): two builds of
the same data give the same bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from urllib.parse import unquote, urldefrag

from site_builder.output.atomic import replace_file
from site_builder.output.staging import inside
from site_builder.output.workers import context

TYPES = {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


class Unavailable(Exception):
    """WeasyPrint cannot run here: a system library it loads (Pango, HarfBuzz, Fontconfig…) is missing, or it is not
    installed. Its one argument names what is missing."""


@dataclass(frozen=True, slots=True)
class Job:
    """One PDF to make: from the page at `html` (inside the output) to `pdf` (inside the output)."""

    html: str
    pdf: str
    url: str  # the page's absolute address on the live site


def start(folder: Path, jobs: list[Job], site_url: str, kept: Path) -> Callable[[], dict[str, bytes]]:
    """Typeset each job's PDF in a worker process of its own, beside the rest of the build; the returned function
    waits for them and gives each PDF's bytes by its path (or raises what a worker raised: `Unavailable` when
    WeasyPrint cannot run here and a PDF is not in the cache). The workers write
    nothing into `folder`, which must hold the pages and everything they refer to; `site_url`, the site's address,
    maps to it."""
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max(1, len(jobs)), mp_context=context())  # fork or spawn: a top-level task
    futures = {job.pdf: pool.submit(_typeset_job, str(folder), job, site_url, str(kept)) for job in jobs}
    pool.shutdown(wait=False)  # each worker ends once the tasks are done

    def wait() -> dict[str, bytes]:
        return {path: future.result() for path, future in futures.items()}

    return wait


def _typeset_job(folder: str, job: Job, site_url: str, kept: str) -> bytes:
    output = Path(folder)
    return typeset(inside(output, job.html).read_bytes(), output, job.url, site_url, Path(kept))


def typeset(html: bytes, folder: Path, page_url: str, site_url: str, kept: Path) -> bytes:
    """The PDF of one page (`html`, at `page_url`), from the cache when nothing it reads has changed."""
    first = _digest(_version().encode(), _fonts().encode(), page_url.encode(), html)
    manifest = kept / f"{first}.json"
    if manifest.is_file():  # the files this page made WeasyPrint read last time
        read = json.loads(manifest.read_text(encoding="utf-8"))
        key = _key(first, folder, read)
        if key is not None and (kept / f"{key}.pdf").is_file():
            return (kept / f"{key}.pdf").read_bytes()
    fetcher = _fetcher(folder, site_url)
    pdf = _weasyprint(html, page_url, fetcher, first[:32].encode())
    if fetcher.refused:
        raise RuntimeError(f"the report refers to files outside the output: {sorted(fetcher.refused)[:5]}")
    key = _key(first, folder, sorted(fetcher.read))
    assert key is not None, "the files were just read"
    kept.mkdir(parents=True, exist_ok=True)
    replace_file(kept / f"{key}.pdf", pdf)
    replace_file(manifest, json.dumps(sorted(fetcher.read)).encode("utf-8"))
    return (kept / f"{key}.pdf").read_bytes()


def _version() -> str:
    try:
        return f"weasyprint {version('weasyprint')}"
    except PackageNotFoundError:
        raise Unavailable("WeasyPrint") from None


def _require_weasyprint() -> None:
    """Load WeasyPrint, or raise `Unavailable` naming the library it could not load (it prints its own advice to the
    standard output, which the build's message replaces)."""
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            import weasyprint  # noqa: F401
    except ImportError:
        raise Unavailable("WeasyPrint") from None
    except OSError as error:  # cffi: "cannot load library 'libpango-1.0-0': …"
        named = re.search(r"cannot load library '([^']+)'", str(error))
        raise Unavailable(named.group(1) if named else str(error).split(":")[0]) from None


def _weasyprint(html: bytes, page_url: str, fetcher: object, identifier: bytes) -> bytes:
    """The PDF, tagged for screen readers; its identifier fixed (WeasyPrint writes no date unless the page
    gives one)."""
    _require_weasyprint()
    import weasyprint

    document = weasyprint.HTML(string=html.decode("utf-8"), base_url=page_url, url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(pdf_identifier=identifier, pdf_tags=True)
    return pdf


def _key(first: str, folder: Path, read: list[str]) -> str | None:
    """The hash of the page and of each file it read, or None if one of them is gone."""
    parts = [first.encode()]
    for rel in read:
        path = inside(folder, rel)
        if not path.is_file():
            return None
        parts += [rel.encode(), path.read_bytes()]
    return _digest(*parts)


def _digest(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def _fonts() -> str:
    """The names of the font files installed: a font added or removed can change how the report is typeset."""
    try:
        listed = subprocess.run(["fc-list", "--format", "%{file}\n"], capture_output=True, check=True, text=True)
    except (OSError, subprocess.CalledProcessError):
        return ""
    return "\n".join(sorted(set(listed.stdout.splitlines())))


def _fetcher(folder: Path, site_url: str) -> _OutputFetcher:
    _require_weasyprint()
    import weasyprint

    class Fetcher(_OutputFetcher, weasyprint.urls.URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: object = None) -> object:
            rel = self.resolve(url)
            if rel is None:
                self.refused.add(url)
                raise ValueError(f"refused: {url} is not a file of the output")
            path = inside(self.folder, rel)
            self.read.add(rel)
            return weasyprint.urls.URLFetcherResponse(
                url, path.read_bytes(), {"Content-Type": TYPES.get(path.suffix, "application/octet-stream")}
            )

    return Fetcher(folder, site_url)


class _OutputFetcher:
    """Maps an address of the site to a file of the output, and refuses every other address (no network, no file
    outside the output)."""

    def __init__(self, folder: Path, site_url: str) -> None:
        super().__init__()
        self.folder = folder.resolve()
        self.site_url = site_url
        self.read: set[str] = set()
        self.refused: set[str] = set()

    def resolve(self, url: str) -> str | None:
        """The file of the output at `url`, or None if `url` is not a file of the site."""
        address = urldefrag(url)[0].split("?")[0]
        if not address.startswith(self.site_url):
            return None
        rel = unquote(address.removeprefix(self.site_url))
        try:
            path = inside(self.folder, rel)
        except ValueError:
            return None
        if not path.resolve().is_relative_to(self.folder) or not path.is_file():
            return None
        return rel
