"""What renditions are made: widths, formats and their encoder settings.

Each `Encoding` has a `key`, a short hash of everything that changes its
bytes; a rendition in the cache is named by it, so changing one format's
quality re-encodes that format only, and nothing else.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from portal.core.settings import BadSetting, value

# Pillow's name, MIME type, file extension and the save options we always use.
FORMATS: dict[str, tuple[str, str, str, dict[str, int | bool]]] = {  # Pillow's name, MIME type, suffix, options
    "jpeg": ("JPEG", "image/jpeg", ".jpg", {"optimize": True, "progressive": True}),
    "webp": ("WEBP", "image/webp", ".webp", {"method": 4}),
    "avif": ("AVIF", "image/avif", ".avif", {"speed": 6}),
}
FALLBACK = "jpeg"  # every browser shows it: the <img> of every <picture>
PIPELINE = 2  # bump when the decoding/resizing code changes what it produces


def short_hash(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Encoding:
    format: str  # a key of FORMATS
    quality: int

    @property
    def pillow(self) -> str:
        return FORMATS[self.format][0]

    @property
    def mime(self) -> str:
        return FORMATS[self.format][1]

    @property
    def extension(self) -> str:
        return FORMATS[self.format][2]

    def options(self) -> dict:
        return {"quality": self.quality, **FORMATS[self.format][3]}

    def key(self, rights: bytes) -> str:
        """Everything that decides this encoding's bytes, given the metadata written into it."""
        return short_hash(PIPELINE, self.format, self.options(), hashlib.sha256(rights).hexdigest())


@dataclass(frozen=True)
class RenditionSettings:
    widths: tuple[int, ...]
    encodings: tuple[Encoding, ...]  # preferred first; always includes the fallback

    @classmethod
    def from_settings(cls, settings: dict) -> RenditionSettings:
        """PORTAL_PHOTO_WIDTHS and PORTAL_PHOTO_FORMATS (defaults: portal/core/settings.py), checked."""
        formats = value(settings, "PORTAL_PHOTO_FORMATS")
        if (not isinstance(formats, dict) or set(formats) - set(FORMATS) or FALLBACK not in formats
                or not all(isinstance(q, int) and 1 <= q <= 100 for q in formats.values())):
            raise BadSetting("PORTAL_PHOTO_FORMATS", f"must give a quality from 1 to 100 to formats among "
                             f"{', '.join(FORMATS)}, {FALLBACK} included, not {formats!r}", '{"webp": 80, "jpeg": 82}')
        widths = value(settings, "PORTAL_PHOTO_WIDTHS")
        if (not isinstance(widths, list | tuple) or not widths
                or not all(isinstance(w, int) and not isinstance(w, bool) and w > 0 for w in widths)):
            raise BadSetting("PORTAL_PHOTO_WIDTHS", f"must list widths in pixels, not {widths!r}",
                             "[480, 800, 1200, 1600]")
        return cls(widths=tuple(sorted(widths)),
                   encodings=tuple(Encoding(name, quality) for name, quality in formats.items()))

    def widths_for(self, source_width: int) -> list[int]:
        """The widths worth making: never wider than the source, the source's own width at most."""
        widths = [w for w in self.widths if w < source_width]
        if source_width <= self.widths[-1]:
            widths.append(source_width)
        return widths or [source_width]
