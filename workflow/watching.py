"""Which files of the project changed, as they are saved: told by Linux (inotify), else looked for.

The live preview rebuilds as soon as an editor saves. Looking at every
file of an archive twice a second (the old way) cost a core's worth of
time at 4,000 story pairs and missed nothing only by luck; inotify tells
which file changed when it changes, for no work. Every folder under the
watched roots is watched (a folder made later too); `changes` waits for a
first change and then for `QUIET` seconds without one (a save writes
several files), and returns the paths that changed. Where inotify is not
available (another system, or no watches left), the roots are listed
every `POLL` seconds instead, with portal.core.inputs.
"""

from __future__ import annotations

import ctypes
import errno
import os
import select
import struct
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from .manifest import list_content  # (portal.core's, importable through manifest)

QUIET = 0.25  # seconds without a change before a save counts as done (the browser editor writes several files)
POLL = 0.5  # seconds between two listings where inotify is not available
# inotify(7): what to hear of a watched folder's entries, and of the folder itself.
IN_MODIFY, IN_ATTRIB, IN_CLOSE_WRITE, IN_MOVED_FROM, IN_MOVED_TO = 0x2, 0x4, 0x8, 0x40, 0x80
IN_CREATE, IN_DELETE, IN_DELETE_SELF, IN_MOVE_SELF, IN_ISDIR, IN_Q_OVERFLOW = 0x100, 0x200, 0x400, 0x800, \
    0x40000000, 0x4000
MASK = IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE | IN_DELETE | \
    IN_DELETE_SELF | IN_MOVE_SELF
IN_NONBLOCK, IN_CLOEXEC = 0o4000, 0o2000000
EVENT = struct.Struct("iIII")  # wd, mask, cookie, len; then len bytes of name


class Watcher:
    """The changes under `roots` (folders), and of the single files `files`."""

    def __init__(self, roots: list[Path], files: Sequence[Path] = ()) -> None:
        self.roots = [root for root in roots if root.is_dir()]
        self.files = list(files)
        self._folders: dict[int, Path] = {}
        self._fd = self._inotify()
        self._listed = self._listing() if self._fd is None else {}

    # --------------------------------------------------------------------- inotify
    def _inotify(self) -> int | None:
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            fd = libc.inotify_init1(IN_NONBLOCK | IN_CLOEXEC)
        except (OSError, AttributeError):
            return None
        if fd < 0:
            return None
        self._libc = libc
        try:
            for root in self.roots:
                self._watch_tree(fd, root)
            for file in self.files:
                self._watch(fd, file.parent)
        except OSError:  # no watches left (fs.inotify.max_user_watches): look instead
            os.close(fd)
            self._folders.clear()
            return None
        return fd

    def _watch(self, fd: int, folder: Path) -> None:
        wd = self._libc.inotify_add_watch(fd, os.fsencode(folder), MASK)
        if wd < 0:
            error = ctypes.get_errno()
            if error in (errno.ENOENT, errno.ENOTDIR):  # gone already
                return
            raise OSError(error, os.strerror(error), str(folder))
        self._folders[wd] = folder

    def _watch_tree(self, fd: int, root: Path) -> None:
        for folder, _, _ in os.walk(root):
            self._watch(fd, Path(folder))

    def _read(self, timeout: float | None) -> set[Path]:
        """The paths named by the events that come within `timeout` seconds (None: wait for one)."""
        assert self._fd is not None
        ready, _, _ = select.select([self._fd], [], [], timeout)
        if not ready:
            return set()
        try:
            data = os.read(self._fd, 1 << 16)
        except BlockingIOError:
            return set()
        changed: set[Path] = set()
        offset = 0
        while offset < len(data):
            wd, mask, _cookie, length = EVENT.unpack_from(data, offset)
            name = data[offset + EVENT.size: offset + EVENT.size + length].rstrip(b"\0")
            offset += EVENT.size + length
            if mask & IN_Q_OVERFLOW:  # too many at once: say every root changed
                changed.update(self.roots)
                continue
            folder = self._folders.get(wd)
            if folder is None:
                continue
            path = folder / os.fsdecode(name) if name else folder
            if mask & IN_ISDIR and mask & (IN_CREATE | IN_MOVED_TO):
                self._watch_tree(self._fd, path)  # a new folder: its files may already be there
                changed.update(p for p in path.rglob("*"))
            if mask & (IN_DELETE_SELF | IN_MOVE_SELF):
                self._folders.pop(wd, None)
            changed.add(path)
        return changed

    # --------------------------------------------------------------------- looking
    def _listing(self) -> dict[Path, tuple]:
        found: dict[Path, tuple] = {}
        for root in self.roots:
            for name, folder in list_content(root).items():
                found[root / name] = (folder.names, folder.stamp)
        for file in self.files:
            try:
                stat = file.stat()
                found[file] = (stat.st_size, stat.st_mtime_ns)
            except OSError:
                found[file] = ()
        return found

    def _look(self) -> set[Path]:
        now = self._listing()
        changed = {path for path in now.keys() | self._listed.keys() if now.get(path) != self._listed.get(path)}
        self._listed = now
        return changed

    # --------------------------------------------------------------------- changes
    def changes(self, timeout: float | None = None, started_saving: Callable[[], None] | None = None) -> set[Path]:
        """The paths changed by the next save (waiting at most `timeout` seconds for it to start):
        files, or folders whose files changed (where nothing tells which file). Empty on timeout.
        `started_saving` is called as soon as the save starts, before the wait for its end."""
        started = time.monotonic()
        if self._fd is None:
            while not (looked := self._look()):
                if timeout is not None and time.monotonic() - started >= timeout:
                    return set()
                time.sleep(POLL)
            return looked
        deadline = None if timeout is None else started + timeout
        changed: set[Path] = set()
        while not changed:  # events outside what is watched (the project's other files) are not changes
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                return set()
            changed = self._wanted(self._read(left))
        if started_saving is not None:
            started_saving()
        while more := self._read(QUIET):
            changed |= self._wanted(more)
        return changed

    def _wanted(self, paths: set[Path]) -> set[Path]:
        return {path for path in paths if path in self.files or any(path.is_relative_to(root) for root in self.roots)}

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
