"""Raster: the PNG of a framed chart, drawn from its SVG by CairoSVG at twice the frame's size (1040 px wide).

Measured on the real site's 44 frames at 2× (CPU per image, benchmarks/scale.py has the per-indicator line):
vl-convert's svg_to_png 108 ms (it opens the 20 MB Noto CJK file again for every glyph it draws), the same with a
font subset to the frames' glyphs 86 ms, resvg-py 110 ms (with the system's fonts, the CJK file or the subset
alike), CairoSVG 41 ms: cairo finds a font through fontconfig once and keeps it open.

Of CairoSVG's 41 ms, about 27 went into cairo's own PNG writer (libpng choosing a filter for every row, then
deflate at its default level); the drawing itself (CairoSVG's Python, letter by letter) about 14, parsing about 3.
So cairo draws here and the PNG is written by `encode`: the same pixels, rows unfiltered (a chart is mostly flat
white, which deflate packs as well without filters) and deflated at level 3, a few rows at a time (one buffer of
the whole image more made the kernel map fresh memory for every image: 3 ms of system time each). About 8 ms an
image, 24 ms in all where CairoSVG took 43 (1 December, synthetic frames, CPU), the file about the size cairo's
was; tests/test_chart_reference.py compares the pixels with CairoSVG's own PNGs.

CairoSVG draws each text in the first family of its font-family list, with no fallback for a glyph that font lacks:
the PNG's words are all drawn in the CJK font, whose Latin letters (pinyin's tones too) serve every language of the
site. The published SVG keeps its list for browsers, which fall back glyph by glyph. The numbers of the drawing keep
their Latin font (digits only)."""

from __future__ import annotations

import hashlib
import struct
import sys
import zlib
from importlib.metadata import version
from pathlib import Path
from typing import Any

from site_builder.charts.frame import FONTS

SCALE = 2  # 1040 px wide: sharp on a phone, wide enough for a news page
LEVEL = 3  # deflate: 6 makes files a sixth smaller and takes twice as long; 1 saves little time
# A new renderer, or a new way of calling it, draws every PNG again (part of each frame's cache key).
RENDERER = (
    f"cairosvg {version('cairosvg')} pillow {version('pillow')} "
    f"{hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]}"
)


def one_font(svg: str) -> str:
    """The framed SVG with its words in the one font that holds every glyph they need (see above)."""
    words = f'<g font-family="{FONTS[""]}">'
    if words not in svg and f'<g font-family="{FONTS["zh"]}">' not in svg:
        raise RuntimeError("the framed chart does not name its fonts as frame.py writes them")
    return svg.replace(words, f'<g font-family="{FONTS["zh"]}">', 1)


def png(svg: str) -> bytes:
    """The PNG of a framed chart's SVG. Runs in the drawing's worker processes: cairo is loaded there only."""
    from cairosvg.surface import PNGSurface  # type: ignore[import-untyped]

    class Surface(PNGSurface):  # type: ignore[misc]
        """CairoSVG's PNG surface, its pixels written by `encode` rather than by cairo's PNG writer."""

        def finish(self) -> None:
            self.output.write(encode(self.cairo))
            self.cairo.finish()

    # unsafe=False (the default, said here): no entity, no file, no address is read; the frame has none.
    return bytes(Surface.convert(bytestring=one_font(svg).encode("utf-8"), scale=SCALE, unsafe=False))


def encode(surface: Any) -> bytes:
    """The PNG of a cairo image surface (ARGB32, in the machine's byte order) whose every pixel is opaque (a frame is
    drawn on white): RGB, as cairo writes it, each row unfiltered, deflated at `LEVEL`. Any other surface is left to
    cairo's own PNG writer."""
    from PIL import Image

    if sys.byteorder != "little":  # ARGB32 is stored B, G, R, A only there (every machine we ship to)
        return bytes(surface.write_to_png(None))
    size, stride = (surface.get_width(), surface.get_height()), surface.get_stride()
    # cairo's memory seen as it is, without a copy: bands "R", "G", "B", "A" hold blue, green, red and alpha.
    pixels = Image.frombuffer("RGBA", size, surface.get_data(), "raw", "RGBA", stride, 1)
    if pixels.getchannel("A").getextrema() != (255, 255):
        return bytes(surface.write_to_png(None))
    raw, row = pixels.tobytes("raw", "BGR"), size[0] * 3  # read back to front: red, green, blue
    deflate, rows, block = zlib.compressobj(LEVEL), [], 64 * row
    for first in range(0, len(raw), block):  # 64 rows at a time, each after its filter type, 0: none
        some = range(first, min(first + block, len(raw)), row)
        rows.append(deflate.compress(b"".join(b"\0" + raw[at : at + row] for at in some)))
    header = struct.pack(">IIBBBBB", size[0], size[1], 8, 2, 0, 0, 0)  # 8-bit RGB, deflate, no interlace
    idat = b"".join([*rows, deflate.flush()])
    return b"".join((b"\x89PNG\r\n\x1a\n", _chunk(b"IHDR", header), _chunk(b"IDAT", idat), _chunk(b"IEND")))


def _chunk(kind: bytes, body: bytes = b"") -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
