"""Files that appear complete or not at all: the build caches of every plugin are written so.

A build can stop at any moment (an editor's mistake, Ctrl-C, a full disk);
a cache file half written would be read back by the next build. Here, in
the core every plugin builds on, so that all caches use the same way.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


@contextmanager
def atomic(path: Path) -> Iterator[BinaryIO]:
    """A file that appears at `path` complete, or not at all: written under a
    temporary name in the same folder and renamed when the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as f:
            yield f
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def atomic_write(path: Path, data: bytes) -> None:
    with atomic(path) as f:
        f.write(data)
