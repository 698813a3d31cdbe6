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
from io import BufferedRandom
from pathlib import Path
from typing import BinaryIO


@contextmanager
def staged(folder: Path) -> Iterator[tuple[BufferedRandom, Path]]:
    """A new file under a temporary name in `folder`, and that name: the block renames it where it
    belongs once it is whole; if the block fails (or does not rename it), it is removed."""
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    try:
        with os.fdopen(handle, "w+b") as file:
            yield file, Path(temporary)
    finally:
        Path(temporary).unlink(missing_ok=True)


@contextmanager
def atomic(path: Path, mode: int | None = None) -> Iterator[BinaryIO]:
    """A file that appears at `path` complete, or not at all; private to its owner unless `mode` says."""
    with staged(path.parent) as (file, temporary):
        yield file
        file.flush()
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)


def atomic_write(path: Path, data: bytes, mode: int | None = None) -> None:
    with atomic(path, mode) as f:
        f.write(data)


def new_file_mode() -> int:
    """The mode the umask gives a new file (0644 under the usual 022)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask
