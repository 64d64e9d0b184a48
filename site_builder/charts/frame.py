"""Frame: the downloadable chart in one language — the shared numbers-only drawing with, around it, the title, unit,
key, source, licence and the page's address, as SVG text (every word escaped), so the image stands alone.

Composing is string work on the drawing vl-convert made once for all languages; the PNG of a frame is drawn from
this SVG by CairoSVG (`raster.py`, in the worker processes, with the installed Noto CJK font)."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from site_builder.i18n import Gettext, data_version
from site_builder.model.entities import Indicator
from site_builder.model.site import Site

# In a browser, Chinese frames in a Chinese font (its Latin letters too); others in a Latin one, Chinese only where
# a name has it. The PNG draws every frame's words in the CJK font (raster.py says why).
CJK = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei"
FONTS = {"zh": f"{CJK}, Helvetica, Arial, sans-serif", "": f"Helvetica, Arial, Liberation Sans, {CJK}, sans-serif"}
COLOURS = {"observed": "#1f5f8b", "target": "#b5541c", "vision": "#6b4c9a", "text": "#2b2f36", "quiet": "#5a616b"}
WIDTH = 520  # the frame; the drawing is scaled to fill it between the margins (about 1.3 times)
MARGIN = 24
LAYOUT = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]  # a new layout draws every frame again


@dataclass(frozen=True, slots=True)
class FrameLabels:
    """One language's words for the frames, from the theme's catalog and site.toml."""

    lang: str
    html_lang: str
    site_title: str
    publisher: str
    base_url: str
    licence: str
    locale: str
    gettext: Gettext


@dataclass(frozen=True, slots=True)
class FrameWords:
    """Every word of one indicator's frame in one language, ready to compose."""

    html_lang: str
    kicker: str
    title: str
    unit: str
    key: tuple[tuple[str, str], ...]  # (mark: observed, path, target, vision; its words)
    note: str  # what the drawing cannot show (no value published), or ""
    source: str
    licence: str
    address: str


def frame_labels(site: Site, gettexts: Mapping[str, Gettext]) -> dict[str, FrameLabels]:
    config = site.config
    return {
        lang: FrameLabels(
            lang,
            config.languages[lang].html_lang,
            config.languages[lang].short_title,
            config.languages[lang].publisher,
            config.site.base_url.rstrip("/") + "/",
            config.site.licence,
            config.languages[lang].locale,
            gettext,
        )
        for lang, gettext in gettexts.items()
    }


def frame_words(indicator: Indicator, labels: FrameLabels) -> FrameWords:
    """The words of `indicator`'s frame in the language of `labels`."""
    _, lang = labels.gettext, labels.lang
    version = data_version(indicator.version, indicator.created, labels.locale, _)[0]  # its last change's release
    unit = indicator.unit.get(lang)
    key = []
    if indicator.observations:
        key.append(("observed", _("Published values")))
    if indicator.baseline_value is not None:
        key.append(("path", _("Straight path from the baseline to the target (a guide, not data)")))
    colon = "：" if lang == "zh" else ": "
    target = _("Target (%(year)s)") % {"year": indicator.target.year}
    key.append(("target", f"{target}{colon}{indicator.target.text.get(lang)}"))
    if indicator.vision is not None:
        vision = _("Vision (%(year)s)") % {"year": indicator.vision.year}
        key.append(("vision", f"{vision}{colon}{indicator.vision.text.get(lang)}"))
    publishers = list(dict.fromkeys(o.source.publisher.get(lang) for o in indicator.observations))
    if publishers:
        source = _("Source: %(publishers)s (published values); the plan (baseline and target).") % {
            "publishers": ("、" if lang == "zh" else "; ").join(publishers)
        }
    else:
        source = _("Source: the plan (baseline and target).")
    return FrameWords(
        labels.html_lang,
        _("Indicator %(number)s") % {"number": indicator.number} + " · " + labels.site_title,
        indicator.name.get(lang),
        _("Unit: %(unit)s") % {"unit": unit} if unit else "",
        tuple(key),
        "" if indicator.observations else _("No value has been published since the baseline year."),
        source,
        _("Licence: %(licence)s · %(publisher)s · data version %(version)s")
        % {"licence": labels.licence, "publisher": labels.publisher, "version": version},
        f"{labels.base_url}{lang}/indicators/{indicator.id}/",
    )


def frame_job(drawing: str, words: FrameWords) -> str:
    """A frame to compose: the cache key of its drawing and its words, as JSON (its hash is the frame's key)."""
    return json.dumps({"drawing": drawing, "words": asdict(words)}, ensure_ascii=False, sort_keys=True)


def compose_job(job: str, drawn: Callable[[str], str]) -> str:
    """The framed SVG of a `frame_job`, given how to read a drawing's SVG by its key."""
    found = json.loads(job)
    words = found["words"] | {"key": tuple((mark, label) for mark, label in found["words"]["key"])}
    return compose(drawn(found["drawing"]), FrameWords(**words))


# Composing --------------------------------------------------------------------------------------------------------

_ROOT = re.compile(r'<svg\b[^>]*?\bwidth="([\d.]+)"[^>]*?\bheight="([\d.]+)"[^>]*>')
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_CLOSING = "）》」』】〉。，、；：！？)],.;:!?"  # never at the start of a line: they stay with what they close
_TOKEN = re.compile(rf"[{_WIDE}][{re.escape(_CLOSING)}]*|\s+|[^\s{_WIDE}]+[{re.escape(_CLOSING)}]*")
_NARROW = frozenset(" .,:;'|!()[]{}/ilIjtf·、")
_WIDE_LATIN = frozenset("mwMW%@")


def text_width(text: str, size: float) -> float:
    """About how wide `text` is at `size` px in Noto Sans CJK (a little more, never less: lines must fit)."""
    ems = 0.0
    for char in text:
        if unicodedata.east_asian_width(char) in "WF":
            ems += 1.0
        elif char in _NARROW:
            ems += 0.32
        elif char in _WIDE_LATIN or char.isupper():
            ems += 0.72
        else:
            ems += 0.58
    return ems * size


def wrap(text: str, size: float, width: float) -> list[str]:
    """`text` in lines no wider than `width`: broken at spaces, between Chinese characters, or inside a word too
    long for a line (an address)."""
    tokens = _TOKEN.findall(text)
    lines, line = [], ""
    for token in tokens:
        if text_width(line + token, size) <= width:
            line += token
            continue
        if line.strip():
            lines.append(line.rstrip())
        line = "" if token.isspace() else token
        while text_width(line, size) > width:  # a word longer than a line: cut it
            cut = next(n for n in range(len(line), 0, -1) if text_width(line[:n], size) <= width or n == 1)
            lines.append(line[:cut])
            line = line[cut:]
    if line.strip():
        lines.append(line.rstrip())
    return lines


@dataclass(slots=True)
class _Canvas:
    parts: list[str]
    y: float = MARGIN

    def lines(self, text: str, size: float, colour: str, bold: bool = False, gap: float = 1.35) -> None:
        weight = ' font-weight="bold"' if bold else ""
        for line in wrap(text, size * (1.06 if bold else 1.0), WIDTH - 2 * MARGIN):
            self.y += size
            self.parts.append(
                f'<text x="{MARGIN}" y="{self.y:.1f}" font-size="{size}" fill="{colour}"{weight}>{escape(line)}</text>'
            )
            self.y += size * (gap - 1)


def compose(drawing: str, words: FrameWords) -> str:
    """The framed chart: `drawing` (vl-convert's SVG, numbers only) scaled into a frame of words."""
    found = _ROOT.search(drawing)
    if found is None or not drawing.rstrip().endswith("</svg>"):
        raise RuntimeError("the chart drawing is not an SVG with a width and height")
    inner_w, inner_h = float(found.group(1)), float(found.group(2))
    body = drawing[found.end() : drawing.rstrip().rindex("</svg>")]
    canvas = _Canvas([])
    canvas.lines(words.kicker, 13, COLOURS["quiet"])
    canvas.y += 4
    canvas.lines(words.title, 20, COLOURS["text"], bold=True, gap=1.3)
    if words.unit:
        canvas.y += 2
        canvas.lines(words.unit, 14, COLOURS["text"])
    scale = (WIDTH - 2 * MARGIN) / inner_w
    canvas.y += 6
    canvas.parts.append(
        f'<svg x="{MARGIN}" y="{canvas.y:.1f}" width="{inner_w * scale:.1f}" height="{inner_h * scale:.1f}" '
        f'viewBox="0 0 {found.group(1)} {found.group(2)}">{body}</svg>'
    )
    canvas.y += inner_h * scale + 10
    for mark, label in words.key:
        canvas.parts.append(_swatch(mark, canvas.y + 9))
        for n, line in enumerate(wrap(label, 14, WIDTH - 2 * MARGIN - 34)):
            canvas.parts.append(
                f'<text x="{MARGIN + 34}" y="{canvas.y + 14 + n * 19:.1f}" font-size="14" fill="{COLOURS["text"]}">'
                f"{escape(line)}</text>"
            )
            last = n
        canvas.y += 19 * (last + 1) + 3
    if words.note:
        canvas.y += 2
        canvas.lines(words.note, 14, COLOURS["text"])
    canvas.y += 8
    canvas.parts.append(
        f'<line x1="{MARGIN}" x2="{WIDTH - MARGIN}" y1="{canvas.y:.1f}" y2="{canvas.y:.1f}" stroke="#d9dde3"/>'
    )
    canvas.y += 4
    for line in (words.source, words.licence, words.address):
        canvas.lines(line, 12, COLOURS["quiet"])
    height = canvas.y + MARGIN - 6
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" '
        f'xml:lang={quoteattr(words.html_lang)} width="{WIDTH}" height="{height:.0f}" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" role="img">'
        f"<title>{escape(words.title)}</title>"
        f'<rect width="{WIDTH}" height="{height:.0f}" fill="white"/>'
        f'<g font-family="{FONTS["zh" if words.html_lang.startswith("zh") else ""]}">{"".join(canvas.parts)}</g>'
        "</svg>\n"
    )


def _swatch(mark: str, middle: float) -> str:
    x = MARGIN
    if mark == "observed":
        colour = COLOURS["observed"]
        return (
            f'<line x1="{x}" x2="{x + 24}" y1="{middle:.1f}" y2="{middle:.1f}" stroke="{colour}" stroke-width="2"/>'
            f'<circle cx="{x + 12}" cy="{middle:.1f}" r="4" fill="{colour}"/>'
        )
    if mark == "path":
        return (
            f'<line x1="{x}" x2="{x + 24}" y1="{middle:.1f}" y2="{middle:.1f}" stroke="{COLOURS["target"]}" '
            'stroke-width="1.5" stroke-dasharray="5 4"/>'
        )
    colour = COLOURS["target" if mark == "target" else "vision"]
    c = x + 12
    return (
        f'<path d="M{c},{middle - 7:.1f}L{c + 7},{middle:.1f}L{c},{middle + 7:.1f}L{c - 7},{middle:.1f}Z" '
        f'fill="{colour}"/>'
    )
