"""The content folders as a build finds them: each folder's file names, and a stamp of its files.

A build lists content/ first: every folder, and every file's size and
modification time. A folder whose stamp is the one the last build recorded
holds what the last build read, and is not read again; so a build reads
what changed, however large the archive.

A file changed twice within the file system's clock tick keeps its
modification time; so a folder with a file modified in the last
`SETTLING` seconds before the listing gets a stamp that matches nothing,
and is read again by the next build too (Git calls these entries "racy").

`handoff` lets a caller that has just listed the folders (`make build`,
which first asks whether anything changed at all) give the listing to the
build in the same process instead of having it listed twice.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable, Set
from dataclasses import dataclass
from pathlib import Path

from .parallel import Ahead

SETTLING = 2.0  # seconds: coarser than any file system's modification times (FAT's 2 s)
UNSETTLED = b""  # the stamp of a folder with a file modified just now: equal to no stamp
SHARED_FROM = 16  # subtrees (a section's years) from which a shared listing forks: a fork costs a few ms


@dataclass(frozen=True)
class Folder:
    names: tuple[str, ...]  # its files (not its folders), sorted
    stamp: bytes  # of their names, sizes and modification times (UNSETTLED: see the module)
    links: tuple[str, ...] = ()  # its symbolic links: never followed, nor listed as files (a problem to report)


def list_content(root: Path, start: str = "", skip: Set[str] = frozenset(), shared: bool = False
                 ) -> dict[str, Folder]:
    """Every folder under `root` (or under its folder `start`), by its path relative to `root`
    ("" for `root`; "/"-separated); files named in `skip` are left out.

    `shared`: once the top of the tree gives `SHARED_FROM` subtrees, half of them are listed by
    a forked process (parallel.Ahead). A listing is system calls, one per folder and file: ~0.45 s
    at 20,000 story pairs, on one core."""
    settled_before = time.time_ns() - int(SETTLING * 1e9)
    found: dict[str, Folder] = {}
    todo = [start]
    theirs: Ahead[dict[str, Folder]] | None = None
    if shared:
        while todo and len(todo) < SHARED_FROM:  # breadth first: subtrees of like size (sections, years)
            relative = todo.pop(0)
            todo += _read(root, relative, settled_before, skip, found)
        given, todo = todo[1::2], todo[::2]
        theirs = Ahead(lambda: _subtrees(root, given, settled_before, skip, {})) if given else None
    _subtrees(root, todo, settled_before, skip, found)
    if theirs is not None:
        found.update(theirs.result())
    return found


def _subtrees(root: Path, starts: list[str], settled_before: int, skip: Set[str],
              found: dict[str, Folder]) -> dict[str, Folder]:
    """`found` with every folder under the folders `starts`, and those."""
    todo = list(starts)
    while todo:
        relative = todo.pop()
        todo += _read(root, relative, settled_before, skip, found)
    return found


def _read(root: Path, relative: str, settled_before: int, skip: Set[str], found: dict[str, Folder]) -> list[str]:
    """The folder `relative` put in `found`; its subfolders (none if it is gone)."""
    listed = _folder(root, relative, settled_before, skip)
    if listed is None:
        return []
    found[relative], folders = listed
    return folders


def _folder(root: Path, relative: str, settled_before: int, skip: Set[str] = frozenset()
            ) -> tuple[Folder, list[str]] | None:
    """One folder's `Folder` and its subfolders; None if it is gone."""
    names, links, facts, folders, unsettled = [], [], [], [], False
    try:
        entries = list(os.scandir(os.path.join(root, relative)))
    except OSError:  # removed while we looked: listed as gone
        return None
    for entry in entries:
        if entry.is_symlink():
            links.append(entry.name)
            facts.append((entry.name, -1, -1))
            continue
        if entry.is_dir():
            folders.append(f"{relative}/{entry.name}" if relative else entry.name)
            continue
        if entry.name in skip:
            continue
        try:
            stat = entry.stat()
        except OSError:
            continue
        names.append(entry.name)
        facts.append((entry.name, stat.st_size, stat.st_mtime_ns))
        unsettled |= stat.st_mtime_ns >= settled_before
    facts.sort()
    stamp = UNSETTLED if unsettled else hashlib.blake2b(repr(facts).encode(), digest_size=12).digest()
    return Folder(tuple(sorted(names)), stamp, tuple(sorted(links))), folders


def relist(root: Path, listing: dict[str, Folder], changed: Iterable[Path]) -> dict[str, Folder]:
    """`listing` after saves changed these paths (files or folders under `root`): the folders they
    are in listed again, a folder made with everything under it, a folder gone with everything under
    it; and the folders that were changed just before the last listing, whose stamp could not be trusted."""
    found = dict(listing)
    unsettled = [root / name / "." for name, folder in listing.items() if folder.stamp == UNSETTLED]
    for path in [*changed, *unsettled]:
        try:
            relative = path.relative_to(root).as_posix()
        except ValueError:
            continue
        relative = "" if relative == "." else relative
        if path.is_dir():
            found.update(list_content(root, relative))
            continue
        if relative in found:  # a folder removed
            for name in [name for name in found if name == relative or name.startswith(relative + "/")]:
                del found[name]
        parent = os.path.dirname(relative)
        listed = _folder(root, parent, time.time_ns() - int(SETTLING * 1e9))
        if listed is None:
            found.pop(parent, None)
        else:
            found[parent] = listed[0]
    return found


_handed: dict[str, dict[str, Folder]] = {}


def handoff(root: Path, listing: dict[str, Folder]) -> None:
    """Give the next build of `root` in this process a listing just made."""
    _handed[os.path.abspath(root)] = listing


def listing(root: Path) -> dict[str, Folder]:
    """The listing handed over for `root`, else a new one."""
    return _handed.pop(os.path.abspath(root), None) or list_content(root)
