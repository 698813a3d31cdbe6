"""Facts measured from files, kept between builds while each file stays the same.

Some facts cost a read of the whole file (a photo's SHA-256, a recording
walked to its end) or a parse (a story's Markdown), on every build, for
files that rarely change. A `StampedFacts` keeps them in one cache file
(portal.core.sealed: a damaged one is made anew), keyed by path and trusted
while the file's size and modification time are the ones they were
measured at, and while the code that measured them is the same (`salt`);
`save` keeps only the files this build asked about.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import sealed


def stamp(file: Path | str) -> tuple[int, int]:
    found = os.stat(file)
    return found.st_size, found.st_mtime_ns


class StampedFacts:
    def __init__(self, path: Path, salt: str = "") -> None:
        self.path = path
        self.salt = salt
        saved = sealed.load(path)
        self.known: dict[str, tuple[tuple[int, int], Any]] = \
            saved[1] if isinstance(saved, tuple) and len(saved) == 2 and saved[0] == salt else {}
        self.used: dict[str, tuple[tuple[int, int], Any]] = {}

    def facts(self, file: Path, measure: Callable[[Path], Any]) -> Any:
        """measure(file), or what it gave while the file was as it is now."""
        found = self.cached(file)
        if found is None:
            found = measure(file)
            self.keep(file, found)
        return found

    def cached(self, file: Path) -> Any | None:
        """What was kept for the file as it is now; None if it changed or is new."""
        key = str(file)
        kept = self.used.get(key) or self.known.get(key)
        if kept is None or kept[0] != stamp(file):
            return None
        self.used[key] = kept
        return kept[1]

    def keep(self, file: Path, facts: Any) -> None:
        self.used[str(file)] = (stamp(file), facts)

    def save(self, whole: bool = True) -> None:
        """Remember this build's files: only those when it read `whole` the content, else with the
        others it did not need (a build that reads only what changed asks about a few)."""
        kept = self.used if whole else {**self.known, **self.used}
        if kept != self.known:
            sealed.save(self.path, (self.salt, kept))
