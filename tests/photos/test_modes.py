"""A photo renders faithfully in every mode Pillow opens, not as a blank or washed-out rendition.

Each mode's pixels are compared with a conversion written here from the
definitions (16-bit grey scaled to 8 bits, floats from 0.0-1.0, CMYK and
YCbCr by their formulas, transparency laid on white), never with Pillow's
own `convert`, which clips a 16-bit or float image to white. Photos saved
as JPEG, PNG or WebP (the formats a story may hold) are also built, and
their published renditions compared the same way.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image

from portal.photos.render import srgb
from sites import assert_built

SIZE = (64, 40)


def pattern(mode: str) -> Image.Image:
    """A gradient across the width, bands down the height (and a gradient of opacity where there is alpha)."""
    width, height = SIZE
    if mode == "P":
        image = Image.new("P", SIZE)
        image.putpalette([channel for i in range(256) for channel in (i, 255 - i, i // 2)])
        image.putdata([(x * 4 + (y // 10) * 8) % 256 for y in range(height) for x in range(width)])
        image.info["transparency"] = bytes(min(255, i * 2) for i in range(256))  # half of it see-through
        return image
    full = {"1": 1, "L": 255, "LA": 255, "I;16": 65535, "I": 65535, "F": 1.0, "RGB": 255, "RGBA": 255,
            "CMYK": 255, "YCbCr": 255}[mode]
    bands = len(Image.new(mode, (1, 1)).getbands())

    def value(x: int, y: int, band: int):
        level = (x / (width - 1) + band * 0.2 + (y // 10) * 0.1) % 1.0
        if mode == "1":
            return int(level > 0.5)
        return level * full if mode == "F" else round(level * full)

    values = [tuple(value(x, y, band) for band in range(bands)) for y in range(height) for x in range(width)]
    image = Image.new(mode, SIZE)
    image.putdata([v[0] for v in values] if bands == 1 else values)
    return image


def pixels(image: Image.Image) -> list:
    width, height = image.size
    return [image.getpixel((x, y)) for y in range(height) for x in range(width)]


def on_white(rgb: tuple[float, ...], alpha: float) -> tuple[float, ...]:
    return tuple(c * alpha / 255 + 255 * (255 - alpha) / 255 for c in rgb)


def expected(image: Image.Image) -> list[tuple[float, float, float]]:
    """Each pixel as a browser should show it, from the mode's definition."""
    mode, values = image.mode, pixels(image)
    if mode == "1":
        return [(255.0,) * 3 if p else (0.0,) * 3 for p in values]
    if mode == "L":
        return [(p,) * 3 for p in values]
    if mode in ("I;16", "I"):
        return [(min(max(p, 0), 65535) / 257,) * 3 for p in values]
    if mode == "F":
        return [(min(max(p, 0.0), 1.0) * 255,) * 3 for p in values]
    if mode == "LA":
        return [on_white((grey, grey, grey), alpha) for grey, alpha in values]
    if mode == "RGBA":
        return [on_white(p[:3], p[3]) for p in values]
    if mode == "P":
        palette = image.getpalette()
        alpha = image.info["transparency"]
        return [on_white(tuple(palette[3 * p:3 * p + 3]), alpha[p]) for p in values]
    if mode == "CMYK":
        return [tuple((255 - c) * (255 - p[3]) / 255 for c in p[:3]) for p in values]
    if mode == "YCbCr":
        return [(y + 1.402 * (cr - 128), y - 0.344136 * (cb - 128) - 0.714136 * (cr - 128), y + 1.772 * (cb - 128))
                for y, cb, cr in values]
    return [tuple(map(float, p)) for p in values]


def difference(shown: Image.Image, wanted: list[tuple[float, ...]]) -> tuple[float, float]:
    """The largest and the mean difference of one channel of one pixel, 0-255."""
    gaps = [abs(a - min(max(b, 0), 255))
            for pixel, want in zip(pixels(shown), wanted, strict=True) for a, b in zip(pixel, want, strict=True)]
    return max(gaps), sum(gaps) / len(gaps)


MODES = ["1", "L", "LA", "P", "I;16", "I", "F", "RGB", "RGBA", "CMYK", "YCbCr"]


@pytest.mark.parametrize("mode", MODES)
def test_every_mode_is_shown_as_its_definition_says(mode):
    image = pattern(mode)
    shown = srgb(image)
    assert shown.mode == "RGB" and shown.size == SIZE
    largest, _ = difference(shown, expected(image))
    assert largest <= 2, f"{mode}: a pixel is off by {largest}"


# The modes a photo file of a story can have (JPEG, PNG, WebP), as Pillow reads them back.
SAVED = {"one.png": "1", "grey.png": "L", "grey-alpha.png": "LA", "palette.png": "P", "deep.png": "I;16",
         "colour.png": "RGB", "alpha.png": "RGBA", "grey.jpg": "L", "print.jpg": "CMYK", "alpha.webp": "RGBA"}


def test_published_renditions_of_every_mode_a_photo_file_can_have_match_their_definition(make_site):
    site = make_site()
    story = "news/2026/11-26-modes"
    folder = site.folder(story)
    sources = {}
    for name, mode in SAVED.items():
        buffer = io.BytesIO()
        kind = name.rsplit(".", 1)[1]
        options = {"jpg": {"quality": 100}, "webp": {"lossless": True}}.get(kind, {})
        pattern(mode).save(buffer, {"png": "PNG", "jpg": "JPEG", "webp": "WEBP"}[kind], **options)
        (folder / name).write_bytes(buffer.getvalue())
        sources[name] = Image.open(io.BytesIO(buffer.getvalue()))
        assert sources[name].mode == mode, name
    site.describe_photos(story, {name: {"alt": {"ru": "Узор"}, "credit": "Пресс-служба"} for name in SAVED})
    site.story(story, "ru", "Узоры.", title="Узоры", date="2026-11-26 10:00", slug="modes", image="colour.png")
    result = site.build()
    assert_built(result)
    for name, source in sources.items():
        stem = name.rsplit(".", 1)[0]
        for rendition in result.output.glob(f"media/{story}/{stem}-{SIZE[0]}.*"):
            with Image.open(rendition) as published:
                _, mean = difference(published.convert("RGB"), expected(source))
            assert mean <= 10, f"{rendition.name}: {mean:.1f} off on average"  # lossy, yet far from blank (~100)
        assert list(result.output.glob(f"media/{story}/{stem}-{SIZE[0]}.*.jpg")), name
