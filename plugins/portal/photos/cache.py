"""The photo cache: every file the photos plugin makes, named by what decides its bytes.

Layout under `<CACHE_PATH>/photos/`:

    sources/ab/abcd…/            one folder per source photo, by the SHA-256 of its bytes
        probe.json               its displayed width and height, its format
        800-<key>.webp           a rendition: width, and the key of its encoding
        original-<key>.jpg       the cleaned original: the key of the metadata written in it
    kits/<key>.zip               press kits: the key of their members and captions
    hashes.json                  path, size, mtime → SHA-256, so unchanged files are not re-read
    stats.json                   what the last build decoded and encoded

A name is the content hash plus the settings, never a time, so an edited
photo gets new files, a touched-but-identical one does not, and changing
one setting changes the names of exactly the files it affects. The cache
lives outside output/: `make clean` does not empty it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from portal.core.stamped import StampedFacts

from .rights import Rights
from .settings import Encoding, RenditionSettings, short_hash

ORIGINAL_PIPELINE = 1  # bump when the cleaning of originals changes


def entry(root: Path, sha: str) -> Path:
    return root / "sources" / sha[:2] / sha


def probe_path(entry_dir: Path) -> Path:
    return entry_dir / "probe.json"


def renditions(entry_dir: Path, settings: RenditionSettings, rights: Rights,
               width: int) -> list[tuple[int, Encoding, Path]]:
    """(width, encoding, cache path) of every rendition of a photo `width` pixels wide; a
    rendition's name keys its encoding and the metadata written into it."""
    written = rights.for_renditions()
    metadata = written.exif() + written.xmp()  # made once: every encoding keys the same bytes
    keys = {encoding: encoding.key(metadata) for encoding in settings.encodings}
    return [(w, encoding, entry_dir / f"{w}-{keys[encoding]}{encoding.extension}")
            for w in settings.widths_for(width) for encoding in settings.encodings]


def original_path(entry_dir: Path, rights: Rights, suffix: str) -> Path:
    key = short_hash(ORIGINAL_PIPELINE, hashlib.sha256(rights.exif() + rights.xmp()).hexdigest())
    return entry_dir / f"original-{key}{suffix.lower()}"


class SourceHashes(StampedFacts):
    """SHA-256 of source files, re-read only when a file's size or mtime changed."""

    def sha(self, source: Path) -> str:
        return self.facts(source, _sha256)[2]


def _sha256(source: Path) -> list[str]:
    with source.open("rb") as f:
        return [hashlib.file_digest(f, "sha256").hexdigest()]
