"""Raster: the PNG of a framed chart, drawn from its SVG by CairoSVG at twice the frame's size (1040 px wide).

Measured on the real site's 44 frames at 2× (CPU per image, benchmarks/scale.py has the per-indicator line):
vl-convert's svg_to_png 108 ms (it opens the 20 MB Noto CJK file again for every glyph it draws), the same with a
font subset to the frames' glyphs 86 ms, resvg-py 110 ms (with the system's fonts, the CJK file or the subset
alike), CairoSVG 41 ms: cairo finds a font through fontconfig once and keeps it open. Its PNGs are a third the size.

CairoSVG draws each text in the first family of its font-family list, with no fallback for a glyph that font lacks:
the PNG's words are all drawn in the CJK font, whose Latin letters (pinyin's tones too) serve every language of the
site. The published SVG keeps its list for browsers, which fall back glyph by glyph. The numbers of the drawing keep
their Latin font (digits only)."""

from __future__ import annotations

import hashlib
from importlib.metadata import version
from pathlib import Path

from site_builder.charts.frame import FONTS

SCALE = 2  # 1040 px wide: sharp on a phone, wide enough for a news page
# A new renderer, or a new way of calling it, draws every PNG again (part of each frame's cache key).
RENDERER = f"cairosvg {version('cairosvg')} {hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]}"


def one_font(svg: str) -> str:
    """The framed SVG with its words in the one font that holds every glyph they need (see above)."""
    words = f'<g font-family="{FONTS[""]}">'
    if words not in svg and f'<g font-family="{FONTS["zh"]}">' not in svg:
        raise RuntimeError("the framed chart does not name its fonts as frame.py writes them")
    return svg.replace(words, f'<g font-family="{FONTS["zh"]}">', 1)


def png(svg: str) -> bytes:
    """The PNG of a framed chart's SVG. Runs in the drawing's worker processes: cairo is loaded there only."""
    import cairosvg  # type: ignore[import-untyped]

    # unsafe=False (the default, said here): no entity, no file, no address is read; the frame has none.
    return bytes(cairosvg.svg2png(bytestring=one_font(svg).encode("utf-8"), scale=SCALE, unsafe=False))
