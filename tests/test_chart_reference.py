"""Faster charts, the same charts: a sample of the real site's charts drawn by the code as it is now, against the
reference that the code drew before the drawing and raster path was made faster (tests/golden/charts/, made by
`python -m tests.chart_samples` at commit ed67cd7 with CairoSVG's own PNG writer; its docstring says what each
file is). The SVGs must be the same text; the PNGs the same size and, within a small tolerance for another
machine's cairo or FreeType, the same pixels."""

from __future__ import annotations

import io
import json
import struct
import zlib
from pathlib import Path

import cairocffi
import pytest
from PIL import Image, ImageChops

from site_builder.charts import drawing as charts
from site_builder.charts import raster
from site_builder.charts.frame import compose_job
from tests.chart_samples import FOLDER, SAMPLE

LANGUAGES = ("zh", "en")
FRAMES = [f"{indicator}-{lang}" for indicator in SAMPLE for lang in LANGUAGES]


def test_the_reference_holds_every_sample() -> None:
    names = {path.name for path in FOLDER.iterdir()}
    for indicator in SAMPLE:
        assert {f"{indicator}.data.json", f"{indicator}.svg"} <= names
        for lang in LANGUAGES:
            assert {f"{indicator}-{lang}.{kind}" for kind in ("frame.json", "svg", "png")} <= names


def test_each_drawing_is_the_reference_svg(tmp_path: Path) -> None:
    """The numbers-only drawing from the template as charts/drawing.py makes it now, filled with each sample's
    data and drawn by vl-convert in the drawing's workers: the reference SVG, byte for byte."""
    with charts.Drawing(tmp_path) as drawing:
        template = drawing.template(None)
        specs = {
            indicator: charts._fill(template, json.loads((FOLDER / f"{indicator}.data.json").read_text("utf-8")))
            for indicator in SAMPLE
        }
        keys = {indicator: charts._key("indicator", spec) for indicator, spec in specs.items()}
        assert drawing.draw({keys[indicator]: ("vega", spec, False) for indicator, spec in specs.items()}) == 3
        for indicator, key in keys.items():
            assert drawing.svg(key).decode("utf-8") == (FOLDER / f"{indicator}.svg").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", FRAMES)
def test_each_frame_is_the_reference_svg(name: str) -> None:
    job = (FOLDER / f"{name}.frame.json").read_text(encoding="utf-8")
    framed = compose_job(job, lambda indicator: (FOLDER / f"{indicator}.svg").read_text(encoding="utf-8"))
    assert framed == (FOLDER / f"{name}.svg").read_text(encoding="utf-8")


def _differing(one: Image.Image, other: Image.Image, by: int) -> int:
    """How many pixels differ between two images of one size by more than `by` in some channel."""
    difference = ImageChops.difference(one.convert("RGB"), other.convert("RGB"))
    worst = ImageChops.lighter(ImageChops.lighter(*difference.split()[:2]), difference.split()[2])
    return sum(worst.histogram()[by + 1 :])


@pytest.mark.parametrize("name", FRAMES)
def test_each_png_shows_the_reference_pixels(name: str) -> None:
    drawn = raster.png((FOLDER / f"{name}.svg").read_text(encoding="utf-8"))
    Image.open(io.BytesIO(drawn)).verify()  # a well-formed PNG: signature, chunks and their checksums
    image, reference = Image.open(io.BytesIO(drawn)), Image.open(FOLDER / f"{name}.png")
    assert image.size == reference.size and image.size[0] == 1040
    assert image.mode in ("RGB", "RGBA")
    # Here (the reference's machine) not one pixel differs; another cairo or FreeType may shade a few edge pixels
    # of the anti-aliasing otherwise, but a line of 1,040 wrong pixels is a different chart.
    assert _differing(image, reference, by=16) <= 100, name


def _image_data(png: bytes) -> bytes:
    """The inflated image data of a PNG: its IDAT chunks joined."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    data, at = b"", 8
    while at < len(png):
        length, kind = struct.unpack(">I4s", png[at : at + 8])
        data += png[at + 8 : at + 8 + length] if kind == b"IDAT" else b""
        at += 12 + length
    return zlib.decompress(data)


def test_the_encoder_writes_an_opaque_surface_as_rgb_and_leaves_transparency_to_cairo() -> None:
    """`raster.encode` on surfaces drawn here: an opaque one (as every frame is, on white) is the same RGB pixels as
    cairo's own PNG writer gives; one with transparent pixels is cairo's own PNG, alpha and all."""
    opaque = cairocffi.ImageSurface(cairocffi.FORMAT_ARGB32, 31, 20)  # odd width: rows are not a multiple of 4 bytes
    context = cairocffi.Context(opaque)
    context.set_source_rgb(1, 1, 1)
    context.paint()
    context.set_source_rgb(0.1, 0.5, 0.3)
    context.move_to(0, 0)
    context.line_to(31, 20)
    context.stroke()
    opaque.flush()
    ours, cairos = Image.open(io.BytesIO(raster.encode(opaque))), Image.open(io.BytesIO(opaque.write_to_png(None)))
    assert ours.mode == "RGB" and ours.size == (31, 20)
    assert ours.tobytes() == cairos.convert("RGB").tobytes()
    assert len(set(ours.getdata())) > 2  # anti-aliased: more than the line's colour and white
    assert len(_image_data(raster.encode(opaque))) == 20 * (1 + 31 * 3)  # each row, after its filter byte, and no more
    tall = cairocffi.ImageSurface(cairocffi.FORMAT_ARGB32, 7, 130)  # rows are written in blocks of 64: 64, 64, 2
    context = cairocffi.Context(tall)
    context.set_source_rgb(0.9, 0.9, 0.2)
    context.paint()
    tall.flush()
    assert len(_image_data(raster.encode(tall))) == 130 * (1 + 7 * 3)
    assert Image.open(io.BytesIO(raster.encode(tall))).tobytes() == bytes([230, 230, 51]) * 7 * 130
    transparent = cairocffi.ImageSurface(cairocffi.FORMAT_ARGB32, 40, 30)
    context = cairocffi.Context(transparent)
    context.set_source_rgba(0.2, 0.4, 0.8, 0.5)
    context.arc(20, 15, 10, 0, 6.3)
    context.fill()
    transparent.flush()
    assert raster.encode(transparent) == transparent.write_to_png(None)
    assert Image.open(io.BytesIO(raster.encode(transparent))).mode == "RGBA"
