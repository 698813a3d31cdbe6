"""The photo cache: every file the photos plugin makes, named by what decides its bytes, and checked.

Layout under `<CACHE_PATH>/photos/`:

    sources/ab/abcd…/                   one folder per source photo, by the SHA-256 of its bytes
        probe.pickle                    its displayed width and height, its format: the photo was decoded whole
        800-<key>.<digest>.webp         a rendition: width, the key of its encoding, the digest of its bytes
        original-<key>.<digest>.jpg     the cleaned original: the key of the metadata written in it
    kits/<key>.<digest>.zip             press kits: the key of their members and captions
    hashes.pickle                       path, size, mtime → SHA-256 of sources and of the files above
    stats.json                          what the last build decoded and encoded

A name is the content hash plus the settings, never a time, so an edited
photo gets new files, a touched-but-identical one does not, and changing
one setting changes the names of exactly the files it affects. Each file
made here also carries the digest of its own bytes in its name
(portal.core.digests), and the probe its checksum (portal.core.sealed):
one that is cut short or altered is found out and made anew, never
published. The probe is written last, so it is the verdict that the photo
was decoded to its end, kept by the photo's content. The cache lives
outside output/: `make clean` does not empty it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .rights import Rights
from .settings import Encoding, RenditionSettings, short_hash

ORIGINAL_PIPELINE = 1  # bump when the cleaning of originals changes
PROBE = "probe.pickle"


def entry(root: Path, sha: str) -> Path:
    return root / "sources" / sha[:2] / sha


def renditions(settings: RenditionSettings, rights: Rights, width: int) -> list[tuple[int, Encoding, str]]:
    """(width, encoding, name) of every rendition of a photo `width` pixels wide, widest first; a
    rendition's name (without the digest of its bytes) keys its encoding and the metadata written into it."""
    written = rights.for_renditions()
    metadata = written.exif() + written.xmp()  # made once: every encoding keys the same bytes
    keys = {encoding: encoding.key(metadata) for encoding in settings.encodings}
    return [(w, encoding, f"{w}-{keys[encoding]}{encoding.extension}")
            for w in sorted(settings.widths_for(width), reverse=True) for encoding in settings.encodings]


def original_name(rights: Rights, suffix: str) -> str:
    key = short_hash(ORIGINAL_PIPELINE, hashlib.sha256(rights.exif() + rights.xmp()).hexdigest())
    return f"original-{key}{suffix.lower()}"
