"""The site folder, updated in place: only what a build changed is written, and only if it succeeds.

A build used to write a whole fresh folder (every unchanged file hard-linked
from the previous site) and swap it in. On an archive of thousands of
stories that cost seconds in folder operations alone, whatever the edit:
making and removing a tree of ~3,500 folders and linking ~7,000 files. Now:

- a file whose bytes would not change is kept as it is, at no cost, with
  its inode and modification time, so a deployment (rsync, git) and the
  tests see exactly which files a build changed;
- a new or changed file is written to a staging folder beside the site
  (same file system), never into the site and never through an existing
  file (a site made before this code may hold hard links into a cache);
- a file from a cache or from content/ is copied, never linked: a change
  to the published file can never change the cache or the editor's file,
  nor the reverse. Every file gets the mode the umask gives a new file
  (0644 under the usual 022), whatever the mode of its source;
- `commit`, run by `SiteOutputGenerator` after every plugin has written, moves
  the staged files into place (one rename each; where there is no site yet,
  the staging folder becomes it) and removes the files this build did not
  make: a deleted story's pages do not survive it.

A build that stops (an editor's mistake, a damaged photo, a failing plugin)
never commits, so the site stays exactly as it was; its staged files are
removed when the next build opens its `Output`. Between the first and last
rename of a commit (milliseconds for an edit) the site is partly updated.

Work done in a forked worker (parallel.py) writes its staged files
there, but what it records dies with it: the parent `claim`s the names its
workers returned, so `commit` keeps them.

When the site folder is the very one the last build committed (its state
is trusted, see state.py), the `Output` is given the names of the files
that build made, with their sizes and modification times: a file kept is
taken as it is if it still has them (one changed since, on the server, is
made again), and `commit` removes the last build's files this one did not
make, by name, instead of walking the whole site. Those `stat`s are the
cost of that guarantee: 130,000 at 20,000 story pairs, ~0.5 s of an
edit's rebuild. So a forked process makes them (`survey`), from the moment
Pelican makes the generators, on another core while the build reads the
content, and sends back the names of the files that differ. (A thread
saved nothing: each `stat` of the build's own thread then waited for the
other thread to hand back the interpreter.) A file changed on the server
after the survey looked at it, and before the commit, is kept as the
survey found it; before, the window was from the page's planning to the
commit.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path
from stat import S_ISREG

from blinker import Signal

from .parallel import Ahead

Stamp = tuple[int, int]  # a file's size and modification time (ns)
COMPARED = 1 << 20  # bytes: a copy this small is compared with its source when their times differ
# Sent (with `pages`, their site paths) when pages are put in the site before the commit (Output.publish).
published = Signal("pages put in the site ahead of the commit")


class Output:
    """One build's writes into the site folder `site`, staged until `commit`."""

    def __init__(self, site: Path, previous: dict[str, Stamp] | None = None,
                 differing: Ahead[set[str]] | None = None) -> None:
        """`previous`: the files of the site as the last build committed it, with their sizes and
        modification times, when it is still that site (then `keep` keeps a file that still has them,
        without reading it; one changed since, on the server, is made again). `differing`: those
        of them that no longer have them, as `survey` found (else each is looked at when kept)."""
        self.site = site
        self.previous = previous
        self.differing = differing
        self.staging = site.with_name(f".{site.name.lstrip('.')}-staging")
        shutil.rmtree(self.staging, ignore_errors=True)  # what a build that stopped had staged
        self.names: set[str] = set()  # every file of the new site that this process knows of
        self.stamps: dict[str, Stamp] = {}  # of those, the ones whose size and mtime are known here
        self.staged: set[str] = set()  # written to the staging folder by this process
        self.written = 0  # files staged by this process
        self._folders: set[str] = set()  # staging folders made in this process: mkdir is a slow system call

    def stat(self, name: str) -> os.stat_result | None:
        """The site's file `name` as it is before this build commits; None if it has none.
        (os.stat on a string: pathlib cost more than the system call, thousands of times a build.)"""
        try:
            found = os.stat(os.path.join(self.site, name))
        except OSError:
            return None
        return found if S_ISREG(found.st_mode) else None

    def path(self, name: str) -> Path:
        """Where the bytes `name` will have after the commit are now: staged, or kept in the site."""
        return (self.staging if name in self.staged else self.site) / name

    def keep(self, name: str) -> bool:
        """Keep the site's file `name` as it is; False if the site has none."""
        left = self.previous.get(name) if self.previous is not None and name not in self.staged else None
        if left is not None:
            if not self._as_left(name, left):
                return False  # changed since the last build: made again
            self.names.add(name)
            self.stamps[name] = left
            return True
        if self.stat(name) is None:
            return False
        self._keep(name)
        return True

    def keep_all(self, names: Iterable[str]) -> set[str]:
        """`keep` each of the site's files `names`; the names kept. One call for thousands of files, as
        set operations: a rebuild at 20,000 story pairs keeps ~130,000, and one `keep` each cost ~0.3 s."""
        wanted, previous = set(names), self.previous
        if previous is None:
            return {name for name in wanted if self.keep(name)}
        left = (wanted & previous.keys()) - self.staged  # what `keep` takes from `previous`
        if self.differing is not None:
            kept = left - self.differing.result()
        else:
            kept = {name for name in left if self._as_left(name, previous[name])}
        self.names |= kept
        self.stamps.update({name: previous[name] for name in kept})
        return kept | {name for name in wanted - left if self.keep(name)}

    def _as_left(self, name: str, left: Stamp) -> bool:
        """Whether the site's file `name` still has the size and modification time the last build left."""
        if self.differing is not None:
            return name not in self.differing.result()
        found = self.stat(name)
        return found is not None and (found.st_size, found.st_mtime_ns) == left

    def _keep(self, name: str) -> None:
        if name in self.staged:  # staged earlier in this build, and now the same as the site's again
            (self.staging / name).unlink()
            self.staged.discard(name)
        self.names.add(name)

    def write(self, name: str, data: bytes) -> None:
        """Stage `name` with `data`, or keep the site's file if it already has these bytes."""
        old = self.stat(name)
        if old is not None and old.st_size == len(data) and (self.site / name).read_bytes() == data:
            self._keep(name)
        else:
            self._stage(name, lambda target: _write_new(target, data))

    def copy(self, name: str, source: Path) -> None:
        """A file from content/, the theme or a build cache (a rendition, a press kit, a search bundle
        file): kept if the site's copy is still current, else copied with the source's modification
        time. Current: another file of the same size and modification time, or, for a small file, of
        the same bytes (a search index made again gives most of its files anew, the same). Never a hard
        link: the site and the cache would then be one file, and an edit of either the other's."""
        old = self.stat(name)
        if old is not None:
            now = os.stat(source)
            if (old.st_dev, old.st_ino) != (now.st_dev, now.st_ino) and old.st_size == now.st_size and (
                    old.st_mtime_ns == now.st_mtime_ns
                    or (now.st_size <= COMPARED and (self.site / name).read_bytes() == source.read_bytes())):
                self._keep(name)
                return
        self._stage(name, lambda target: _copy_new(source, target))

    def publish(self, names: Iterable[str]) -> None:
        """Put these staged files in the site now, ahead of the commit: the live preview shows an
        edited story's own page at once, then the rest of the build. (A public build never does:
        its site changes only if the whole build succeeds.)"""
        for name in names:
            if name in self.staged:
                _make_folder(self.site, os.path.dirname(name))
                _replace(os.path.join(self.staging, name), os.path.join(self.site, name))
                self.staged.discard(name)

    def claim(self, names: Iterable[str]) -> None:
        """Files that forked workers kept or staged (they returned their names): part of the new site."""
        self.names.update(names)

    def commit(self) -> None:
        """Move every staged file into the site, then remove the site's files this build did not make.

        Where there is no site yet (a first build, or one after `make clean`), the staging
        folder becomes the site in one rename: file by file, with a folder made for each,
        it cost ~2 s at 1,000 story pairs."""
        if self.staging.is_dir() and _missing_or_empty(self.site) and _rename_folder(self.staging, self.site):
            self._stamp_all()
            return
        self.site.mkdir(parents=True, exist_ok=True)
        site, staging = str(self.site), str(self.staging)
        made: set[str] = set()
        for name in _files(self.staging):
            folder = os.path.dirname(name)
            if folder and folder not in made:
                _make_folder(self.site, folder)
                made.add(folder)
            self.names.add(name)
            _replace(os.path.join(staging, name), os.path.join(site, name))
        if self.previous is None:
            _sweep(site, "", self.names)
        else:
            _remove(site, self.previous.keys() - self.names)
        shutil.rmtree(self.staging, ignore_errors=True)
        self._stamp_all()

    def _stamp_all(self) -> None:
        """The size and mtime of every file of the committed site (`previous` for the next build)."""
        for name in self.names - self.stamps.keys():
            found = os.stat(os.path.join(self.site, name))
            self.stamps[name] = (found.st_size, found.st_mtime_ns)

    def _stage(self, name: str, make: Callable[[Path], object]) -> None:
        """Make the staged file `name` with `make(target)`. A name staged twice in one build
        is unlinked first, never written through: it may be a link into a cache."""
        target = self.staging / name
        folder = os.path.dirname(name)
        if folder not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(folder)
        try:
            make(target)
        except FileExistsError:
            target.unlink()
            make(target)
        self.names.add(name)
        self.staged.add(name)
        self.written += 1


def survey(site: Path, previous: dict[str, Stamp]) -> Ahead[set[str]]:
    """Which of the files the last build left in `site` (`previous`) no longer have their size and
    modification time: asked of a forked process from now on (see the module)."""
    return Ahead(lambda: _differing(str(site), previous))


def _differing(site: str, previous: dict[str, Stamp]) -> set[str]:
    differing = set()
    for name, stamp in previous.items():
        try:
            found = os.stat(os.path.join(site, name))
        except OSError:
            differing.add(name)
            continue
        if not S_ISREG(found.st_mode) or (found.st_size, found.st_mtime_ns) != stamp:
            differing.add(name)
    return differing


def _write_new(target: Path, data: bytes) -> None:
    with open(target, "xb") as file:  # "x": fails on an existing file instead of writing through a link
        file.write(data)


def _copy_new(source: Path, target: Path) -> None:
    """A new file with the source's bytes and modification time, and the mode the umask gives any new file
    (not the source's: a cache file is private, an editor's file may be)."""
    if os.path.lexists(target):
        raise FileExistsError(target)
    shutil.copyfile(source, target)
    os.utime(target, ns=(time.time_ns(), os.stat(source).st_mtime_ns))


def _files(folder: Path) -> list[str]:
    """Every file under `folder`, as a name relative to it ('/'-separated)."""
    found = []
    for root, _folders, names in os.walk(folder):
        prefix = os.path.relpath(root, folder).replace(os.sep, "/")
        found += [name if prefix == "." else f"{prefix}/{name}" for name in names]
    return found


def _missing_or_empty(site: Path) -> bool:
    """No site yet: no folder, or an empty one (a symbolic link is left to the slow path)."""
    if not os.path.lexists(site):
        return True
    if site.is_symlink() or not site.is_dir():
        return False
    with os.scandir(site) as entries:
        return next(entries, None) is None


def _rename_folder(staging: Path, site: Path) -> bool:
    """Make the staging folder the (missing or empty) site; False where the system refuses
    (an empty site that is a mount point cannot be removed): then files are moved one by one."""
    try:
        if site.is_dir():
            site.rmdir()
        os.rename(staging, site)
    except OSError:
        return False
    return True


def _make_folder(site: Path, folder: str) -> None:
    """Make `site/folder`, removing a file of the old site that stands where a folder now goes."""
    try:
        (site / folder).mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        parts = folder.split("/")
        blocking = next(step for step in (site.joinpath(*parts[:depth]) for depth in range(1, len(parts) + 1))
                        if step.is_file())
        blocking.unlink()
        (site / folder).mkdir(parents=True, exist_ok=True)


def _replace(staged: str, target: str) -> None:
    """Rename the staged file over the site's; a folder of the old site in its way goes first."""
    try:
        os.replace(staged, target)
    except IsADirectoryError:
        shutil.rmtree(target)
        os.replace(staged, target)


def _remove(site: str, names: set[str]) -> None:
    """Remove these files of the site, and the folders that leaves empty."""
    folders = set()
    for name in names:
        with suppress(FileNotFoundError):
            os.unlink(os.path.join(site, name))
        folders.add(os.path.dirname(name))
    for emptied in sorted(folders, key=len, reverse=True):
        folder = emptied
        while folder:
            try:
                os.rmdir(os.path.join(site, folder))
            except OSError:  # not empty (or gone): so are the folders above it
                break
            folder = os.path.dirname(folder)


def _sweep(folder: str, prefix: str, names: set[str]) -> bool:
    """Remove the files under `folder` whose names are not in `names`, and the folders that
    leaves empty; True if `folder` is then empty."""
    empty = True
    with os.scandir(folder) as entries:
        for entry in entries:
            name = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                if _sweep(entry.path, name + "/", names):
                    os.rmdir(entry.path)
                else:
                    empty = False
            elif name in names:
                empty = False
            else:
                os.unlink(entry.path)
    return empty
