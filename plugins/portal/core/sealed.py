"""Cache files that say whether they are whole: every value a build keeps is saved with its checksum.

A cache file can be missing, empty, cut short by a full disk, or changed
by a stray program or a failing disk. Read back as it is, such a file
stopped every later build with a bare exception, or, worse, was believed:
an altered permalink copy or parsed story would have been published. So
every cache value is saved as a pickle behind a header and the BLAKE2b
digest of the pickle (`save`), written atomically, and `load` gives it back
only when the digest matches; otherwise (and when the pickle names classes
that have since moved: a cache made by older code) it removes the file and
gives None, after one line in the log, and the build makes the value anew.
Nothing here raises for a damaged file.

Files that are published as they are (renditions, press kits, search
bundles) cannot carry a header: those are checked by `digests.py`.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from pathlib import Path
from typing import Any

from .atomic import atomic_write
from .memory import lasting

logger = logging.getLogger(__name__)
HEADER = b"portal cache 1\n"
DIGEST_SIZE = 16


def save(path: Path, value: Any) -> None:
    """Keep `value` at `path` (atomically), with its checksum."""
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    atomic_write(path, HEADER + hashlib.blake2b(payload, digest_size=DIGEST_SIZE).digest() + payload)


def load(path: Path) -> Any | None:
    """The value `save` kept at `path`; None if there is none, or if the file is not whole (logged)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        _damaged(path, error.strerror or str(error))
        return None
    start = len(HEADER) + DIGEST_SIZE
    payload = memoryview(data)[start:]
    checksum = hashlib.blake2b(payload, digest_size=DIGEST_SIZE).digest()
    if not data.startswith(HEADER) or checksum != data[len(HEADER):start]:
        _damaged(path, "its checksum does not match")
        return None
    try:
        with lasting():  # what a build reads back it keeps: see memory.lasting
            return pickle.loads(payload)
    except Exception as error:
        _damaged(path, f"it was made by other code ({type(error).__name__})")
        return None


def _damaged(path: Path, why: str) -> None:
    """Remove the file and say so, once: the page workers a build forks read the same files, and only the
    process that removed it speaks (the others find it gone, as if it had never been made)."""
    try:
        path.unlink()
    except FileNotFoundError:
        return
    except OSError:
        pass  # a read-only disk, a folder we may not write: the file stays, and is made anew in memory
    logger.info("The cache file %s cannot be used (%s): it is made anew.", path, why)
