"""Press kits: one zip per story of its cleaned originals and a captions file.

The zip is deterministic (fixed member times and order), so it is cached
like a rendition: by a key made of its members' cache names and its
captions, and named with the digest of its own bytes (portal.core.digests).
Photos are stored as they are (JPEG is already compressed); they are
copied in chunks, so a kit of large originals is never held in memory.
"""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from portal.core.digests import store_from

from .settings import short_hash

CAPTIONS = "captions.txt"


def key(members: list[tuple[str, Path]], captions: str) -> str:
    return short_hash([(name, path.name) for name, path in members], hashlib.sha256(captions.encode()).hexdigest())


def build(stem: Path, members: list[tuple[str, Path]], captions: str, when: datetime) -> Path:
    """Write the zip as `<stem>.<digest>.zip` (atomically); its path."""
    stamp = when.timetuple()[:6]

    def fill(file: BinaryIO) -> None:
        with zipfile.ZipFile(file, "w") as archive:
            text = zipfile.ZipInfo(CAPTIONS, stamp)
            text.compress_type = zipfile.ZIP_DEFLATED
            text.external_attr = 0o644 << 16
            archive.writestr(text, captions.encode("utf-8"))
            for name, path in members:
                info = zipfile.ZipInfo(name, stamp)
                info.compress_type = zipfile.ZIP_STORED
                info.external_attr = 0o644 << 16
                info.file_size = path.stat().st_size
                with path.open("rb") as source, archive.open(info, "w") as member:
                    shutil.copyfileobj(source, member, 1 << 20)

    return store_from(stem, ".zip", fill)
