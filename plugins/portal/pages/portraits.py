"""Officials' photos (data/officials.yml `photo:`), published at the widths their page shows them.

A portrait is made anew from its file, so none of the file's metadata is
published (a photo taken with a phone carries where it was taken). The
renditions are cached in `CACHE_PATH/portraits/` under the digest of the
file's bytes: a build decodes a portrait once, then only places its files.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from portal.core.atomic import atomic, atomic_write
from portal.core.output import Output
from portal.stories.registry import RegistryEntry

WIDTHS = (240, 480)  # shown 8rem to 12rem wide: once, and twice for dense screens
QUALITY = 85
FOLDER = "media/officials"


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    site_path: str  # e.g. media/officials/mayor-240.1a2b3c4d5e.jpg
    cached: Path


def make_portraits(officials: dict[str, RegistryEntry], cache: Path) -> dict[str, list[Rendition]]:
    """Each official with a photo: their renditions, narrowest first (made where the cache lacks them)."""
    made = {}
    for official in officials.values():
        if official.profile and official.profile.photo:
            made[official.id] = _renditions(official.id, official.profile.photo, cache)
    return made


def _size(written: str) -> tuple[int, int]:
    width, height = written.split("x")
    return int(width), int(height)


def _renditions(official: str, photo: Path, cache: Path) -> list[Rendition]:
    key = hashlib.sha256(photo.read_bytes()).hexdigest()[:10]
    sizes = cache / f"{key}.sizes"  # "240x300 480x600": the files made, without opening them
    found = [_size(written) for written in sizes.read_text().split()] if sizes.is_file() else []
    if not found or not all((cache / f"{key}-{w}.jpg").is_file() for w, _ in found):
        found = _make(photo, cache, key)
        atomic_write(sizes, " ".join(f"{w}x{h}" for w, h in found).encode())
    return [Rendition(w, h, f"{FOLDER}/{official}-{w}.{key}.jpg", cache / f"{key}-{w}.jpg") for w, h in found]


def _make(photo: Path, cache: Path, key: str) -> list[tuple[int, int]]:
    """The renditions at WIDTHS (a photo narrower than one is made once, at its own width)."""
    with Image.open(photo) as opened:
        image = ImageOps.exif_transpose(opened).convert("RGB")  # upright, then without its EXIF
    sizes = []
    for width in sorted({min(width, image.width) for width in WIDTHS}):
        copy = image.copy()
        copy.thumbnail((width, width * 4), Image.Resampling.LANCZOS)
        with atomic(cache / f"{key}-{copy.width}.jpg") as file:
            copy.save(file, "JPEG", quality=QUALITY, optimize=True, progressive=True)
        sizes.append(copy.size)
    return sizes


def place_portraits(portraits: dict[str, list[Rendition]], output: Output) -> None:
    for renditions in portraits.values():
        for rendition in renditions:
            output.place(rendition.site_path, rendition.cached)
