"""Zip files with fixed member times and order, so that two builds of the same data give the same bytes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Mapping

EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold; no build time leaks into the file
COMPRESSED = (".png", ".zip", ".xlsx")  # stored as they are: deflating them again gains nothing and costs time


def make(members: Mapping[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=EPOCH)
            info.compress_type = zipfile.ZIP_STORED if name.endswith(COMPRESSED) else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, members[name])
    return buffer.getvalue()


def rezip(data: bytes, edit: Callable[[str, bytes], bytes] | None = None) -> bytes:
    """The same archive, members in their original order, with fixed times (and `edit` applied to each)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=EPOCH)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            content = source.read(info)
            target.writestr(fixed, edit(info.filename, content) if edit else content)
    return buffer.getvalue()
