"""Officials' photos (data/officials.yml `photo:`), published at the widths their page shows them.

A portrait is made anew from its file, so none of the file's metadata is
published (a photo taken with a phone carries where it was taken). The
renditions are cached in `CACHE_PATH/portraits/` under the digest of the
file's bytes, each named with the digest of its own (portal.core.digests),
their sizes kept with a checksum (portal.core.sealed): a build decodes a
portrait once, then only copies its files, and a damaged one is made anew.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from portal.core import sealed
from portal.core.digests import Digests, store
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
    digests = Digests(cache / "hashes.pickle")
    files = digests.checked(cache)
    made = {}
    for official in officials.values():
        if official.profile and official.profile.photo:
            made[official.id] = _renditions(official.id, official.profile.photo, cache, digests, files)
    digests.save()
    return made


def _renditions(official: str, photo: Path, cache: Path, digests: Digests, files: dict[str, Path]) -> list[Rendition]:
    key = digests.sha(photo)[:10]
    sizes = cache / f"{key}.sizes"  # [(240, 300), (480, 600)]: the files made, without opening them
    found = sealed.load(sizes)
    if not found or not all(f"{key}-{w}.jpg" in files for w, _ in found):
        found = _make(photo, cache, key, files)
        sealed.save(sizes, found)
    return [Rendition(w, h, f"{FOLDER}/{official}-{w}.{key}.jpg", files[f"{key}-{w}.jpg"]) for w, h in found]


def _make(photo: Path, cache: Path, key: str, files: dict[str, Path]) -> list[tuple[int, int]]:
    """The renditions at WIDTHS (a photo narrower than one is made once, at its own width), added to `files`."""
    with Image.open(photo) as opened:
        image = ImageOps.exif_transpose(opened).convert("RGB")  # upright, then without its EXIF
    sizes = []
    for width in sorted({min(width, image.width) for width in WIDTHS}):
        copy = image.copy()
        copy.thumbnail((width, width * 4), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        copy.save(buffer, "JPEG", quality=QUALITY, optimize=True, progressive=True)
        files[f"{key}-{copy.width}.jpg"] = store(cache / f"{key}-{copy.width}", ".jpg", buffer.getvalue())
        sizes.append(copy.size)
    return sizes


def place_portraits(portraits: dict[str, list[Rendition]], output: Output) -> None:
    for renditions in portraits.values():
        for rendition in renditions:
            output.copy(rendition.site_path, rendition.cached)
