"""Facts measured from files, kept between builds while each file stays the same.

Some facts cost a read of the whole file (a photo's SHA-256) or of its
headers (a recording's length), on every build, for files that rarely
change. A `StampedFacts` keeps them in a JSON file in the cache folder,
keyed by path and trusted while the file's size and mtime are the ones they
were measured at; `save` keeps only the files this build asked about.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from .atomic import atomic_write


class StampedFacts:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.known: dict[str, list] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.known = {}
        self.used: dict[str, list] = {}

    def facts(self, file: Path, measure: Callable[[Path], list]) -> list:
        """[size, mtime, *measure(file)]: measured anew if the file changed. The list may be
        extended by the caller with facts measured later (they are kept with it)."""
        stat = file.stat()
        key, stamp = str(file), [stat.st_size, stat.st_mtime_ns]
        facts = self.used.get(key) or self.known.get(key)
        if not facts or facts[:2] != stamp:
            facts = [*stamp, *measure(file)]
        self.used[key] = facts
        return facts

    def save(self) -> None:
        """Remember this build's files (and only those)."""
        atomic_write(self.path, json.dumps(self.used, indent=0, sort_keys=True).encode())
