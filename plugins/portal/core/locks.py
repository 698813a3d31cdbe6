"""Builds of one clone take turns where they share something, and a build that waits says why.

`make build`, `check`, `preview`, `serve`, `publish` and a scheduled publish
may start at the same moment on one clone. What two builds share is the
cache folder (parsed Markdown, compiled templates, photo renditions,
search bundles and records, fingerprints), data/permalinks.yml, and, when
they write the same site folder, that folder and its staging folder. So:

- a build holds the lock of its cache folder (`<cache>/.lock`) from
  Pelican's `initialized` signal to its end: two builds with one cache run
  one after the other, whatever their site folders;
- a command holds the lock of its site folder (`.<folder>.lock` beside it)
  from its build to its end: `make check` and `make publish` read and push
  the folder they built, so another build of that folder waits until they
  are done, while a build of another folder (`make preview` beside `make
  check`) needs only the cache.

A long-running server (`make serve`, `make preview`) holds nothing between
its rebuilds: each rebuild is a `pelican` process that takes the locks and
ends. The locks are `flock`s, released by the system when their process
ends, however it ends: a build that was killed leaves no stale lock.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from pathlib import Path

from portal.localization.editor import Message, _

CACHE_LOCK = ".lock"
HELD: dict[str, int] = {}  # the lock files this process holds, and their descriptors


def waiting(holder: str) -> Message:
    """What a build that has to wait prints, once, in the editor's language."""
    return _("Waiting for another build of this site to finish (%(holder)s): builds of one folder take turns, "
             "as they share its cache. This one goes on as soon as it is done.", holder=holder)


def site_lock(folder: Path) -> Path:
    return folder.with_name(f".{folder.name.lstrip('.')}.lock")


def cache_lock(folder: Path) -> Path:
    return folder / CACHE_LOCK


def hold(lock: Path) -> None:
    """Take the lock file `lock`, waiting for its holder if need be; kept until `release` or the end of this
    process. A lock this process holds already is not taken twice."""
    key = os.path.abspath(lock)
    if key in HELD:
        return
    lock.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(key, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(descriptor, 512, 0).decode(errors="replace").strip() or "?"
        print(waiting(holder), file=sys.stderr, flush=True)
        fcntl.flock(descriptor, fcntl.LOCK_EX)
    os.ftruncate(descriptor, 0)
    os.pwrite(descriptor, describe().encode(), 0)
    HELD[key] = descriptor


def release(lock: Path) -> None:
    descriptor = HELD.pop(os.path.abspath(lock), None)
    if descriptor is not None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)  # also for forked workers that still have the descriptor
        os.close(descriptor)


def describe() -> str:
    """Who holds a lock, for the build that waits: the command, its process id and when it started
    (no words: the one that waits may speak another language)."""
    command = " ".join([Path(sys.argv[0]).name, *sys.argv[1:2]]) if sys.argv and sys.argv[0] else "python"
    return f"{command}, PID {os.getpid()}, {time.strftime('%H:%M:%S')}"
