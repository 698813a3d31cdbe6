"""Cache files that are published as they are: each named by the digest of its own bytes, and checked.

A rendition, a cleaned original or a press kit in the cache is copied into
the site byte for byte, so it cannot carry a checksum header (sealed.py).
Instead its name ends with the first 16 hex digits of the SHA-256 of its
bytes (`800-<key>.<digest>.webp`). `Digests.checked` finds a folder's
files and reads each again whenever its size or modification time differ
from the last time it was found whole (a `StampedFacts`), so a file cut
short, emptied or changed is noticed, removed and made anew; one that was
not touched costs a `stat`.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from .atomic import staged
from .stamped import StampedFacts

logger = logging.getLogger(__name__)
SHOWN = 16  # hex digits of the digest in a name
NAMED = re.compile(rf"(?P<stem>.+)\.(?P<digest>[0-9a-f]{{{SHOWN}}})(?P<suffix>\.[A-Za-z0-9]+)")


class Digests(StampedFacts):
    """SHA-256 of files, read again only when a file's size or mtime changed."""

    def sha(self, file: Path) -> str:
        return self.facts(file, sha256)

    def checked(self, folder: Path) -> dict[str, Path]:
        """The files of `folder` named by their digest whose bytes have it, by their name without it
        (`800-<key>.webp` for `800-<key>.<digest>.webp`). One whose bytes do not is removed (one line
        in the log): whoever needs it makes it anew."""
        try:
            names = os.listdir(folder)
        except FileNotFoundError:
            return {}
        found = {}
        for name in names:
            named = NAMED.fullmatch(name)
            if named is None:
                continue
            path = folder / name
            try:
                whole = self.sha(path).startswith(named["digest"])
            except FileNotFoundError:
                continue
            if whole:
                found[named["stem"] + named["suffix"]] = path
            else:
                logger.info("The cache file %s is damaged: it is made anew.", path)
                path.unlink(missing_ok=True)
        return found


def sha256(file: Path) -> str:
    with file.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def store(stem: Path, suffix: str, data: bytes) -> Path:
    """Write `data` (atomically) as `<stem>.<digest><suffix>`; its path."""
    return store_from(stem, suffix, lambda file: file.write(data))


def store_from(stem: Path, suffix: str, fill: Callable[[BinaryIO], object]) -> Path:
    """The file `fill` writes, kept (atomically) as `<stem>.<digest><suffix>`; its path. For what is
    too large to hold in memory, or written with seeks (a zip)."""
    with staged(stem.parent) as (file, temporary):
        fill(file)
        file.flush()
        file.seek(0)
        target = stem.with_name(f"{stem.name}.{hashlib.file_digest(file, 'sha256').hexdigest()[:SHOWN]}{suffix}")
        os.replace(temporary, target)
    return target
