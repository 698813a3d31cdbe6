"""Write a build so that an unchanged file costs (almost) nothing.

tasks.py builds into a fresh folder and swaps it in only if the build
succeeds, so a failed build leaves the previous site intact. When the
setting `PORTAL_PREVIOUS_OUTPUT` names the site being replaced, a file whose
bytes are the same as there is hard-linked from it instead of written:

- the fresh folder is still complete on its own: a deleted story's pages
  simply are not there, nothing stale survives;
- the previous site is never modified: a link shares the file, nothing is
  ever written through it (new content always goes to a new file);
- an unchanged file keeps its inode and modification time, so a deployment
  (rsync, git) and the tests see exactly which files a build changed.

`RenderCache` goes one step further for pages: it remembers, per output
file, a fingerprint of everything that rendered it and the file it gave; a
page whose fingerprint is unchanged is linked without being rendered.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path

from .views import StoryView

PAGE_CACHE = "portal-pages.pickle"  # the pages' fingerprints, in the cache folder
# Pelican's per-build bookkeeping, our model (it reaches templates only
# through each page's own context, which is fingerprinted instead) and where
# this build writes (no page shows it).
UNHASHED_CONTEXT = {"generated_content", "static_links", "static_content", "PORTAL_SITE", "PORTAL_VIEWS",
                    "OUTPUT_PATH", "PORTAL_PREVIOUS_OUTPUT", "PORTAL_PROCESSES",
                    "PORTAL_PAGE_PLANS", "PORTAL_PAGES",  # plugins' page hooks: their code is hashed instead
                    "PORTAL_PHOTOS"}  # the photo library: a page gets its photos through its own context


class Output:
    """The fresh output folder, and the previous site to take unchanged files from."""

    def __init__(self, fresh: Path, previous: str | Path | None) -> None:
        self.fresh = fresh
        previous = Path(previous) if previous else None
        same = previous is not None and previous.exists() and fresh.exists() and previous.samefile(fresh)
        self.previous = previous if previous is not None and previous.is_dir() and not same else None
        self.written = 0
        self.linked = 0
        self._folders: set[Path] = set()  # made in this build: mkdir is a slow system call here

    def previous_file(self, name: str) -> Path | None:
        path = self.previous / name if self.previous else None
        return path if path is not None and path.is_file() else None

    def link(self, name: str) -> bool:
        """Take `name` from the previous site as it is; False if it has none."""
        old = self.previous_file(name)
        if old is None:
            return False
        self._create(name, lambda target: os.link(old, target))
        self.linked += 1
        return True

    def write(self, name: str, data: bytes) -> Path:
        """Write `name`, or link it from the previous site if the bytes there are the same."""
        old = self.previous_file(name)
        if old is not None and old.stat().st_size == len(data) and old.read_bytes() == data:
            self.link(name)
        else:
            self._create(name, lambda target: _write_new(target, data))
            self.written += 1
        return self.fresh / name

    def copy(self, name: str, source: Path) -> None:
        """A file from content/ (a photo, a PDF): linked if the previous copy is still current."""
        old = self.previous_file(name)
        if old is not None:
            before, now = old.stat(), source.stat()
            if before.st_size == now.st_size and before.st_mtime_ns == now.st_mtime_ns:
                self.link(name)
                return
        self._create(name, lambda target: _copy_new(source, target))
        self.written += 1

    def place(self, name: str, cached: Path) -> None:
        """A file from a build cache whose files are never rewritten in place (photo renditions,
        the search bundle): linked, so it costs no copy (copied where the cache is on another disk).
        Where the previous site has the same bytes, that file is kept instead, as `write` does."""
        old = self.previous_file(name)
        if old is not None and old.stat().st_size == cached.stat().st_size \
                and (old.samefile(cached) or old.read_bytes() == cached.read_bytes()):
            self.link(name)
            return

        def make(target: Path) -> None:
            try:
                os.link(cached, target)
            except FileExistsError:
                raise  # _create unlinks it and tries again
            except OSError:
                _copy_new(cached, target)

        self._create(name, make)
        self.written += 1

    def _create(self, name: str, make: Callable[[Path], object]) -> None:
        """Make the new file `name` with `make(target)`, in a folder made once per build.

        A name written twice in one build is unlinked first, never written
        through: it may be a link into the previous site."""
        target = self.fresh / name
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        try:
            make(target)
        except FileExistsError:
            target.unlink()
            make(target)


def _write_new(target: Path, data: bytes) -> None:
    with open(target, "xb") as file:  # "x": fails on an existing file instead of writing through a link
        file.write(data)


def _copy_new(source: Path, target: Path) -> None:
    if os.path.lexists(target):
        raise FileExistsError(target)
    shutil.copy2(source, target)


def _stamp(path: Path) -> tuple[int, int, int, int]:
    s = path.stat()
    return s.st_dev, s.st_ino, s.st_size, s.st_mtime_ns


@dataclass(frozen=True)
class Page:
    """One page written: where, with which fingerprint, as which file, and whether it was rendered."""

    name: str
    fingerprint: bytes | None
    stamp: tuple[int, int, int, int]
    rendered: bool


class RenderCache:
    """Fingerprints of the pages (or, in a file of their own, the feeds) of the last build.

    A page's output is a function of its template, its own context, the
    settings and whatever else is in Pelican's context (hashed once per
    build, with the theme's files and our plugins' code), so a page whose
    fingerprint is unchanged has unchanged bytes. The previous file must
    still be the very file the fingerprint was recorded for (device, inode,
    size, mtime): after a failed or discarded build, nothing is trusted.
    Templates must not reach into PORTAL_SITE / PORTAL_VIEWS directly: what a
    page shows comes through its context.
    """

    def __init__(self, cache_dir: Path, salt: bytes, file_name: str = PAGE_CACHE) -> None:
        self.path = cache_dir / file_name
        self.salt = salt
        try:
            self.previous: dict[str, tuple[bytes, tuple]] = pickle.loads(self.path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            self.previous = {}
        self.current: dict[str, tuple[bytes, tuple]] = {}
        self.rendered = 0
        self.views = ViewDigests()

    @staticmethod
    def salt_for(context: dict, sources: list[Path]) -> bytes:
        """What every page depends on: the global context, and the theme's and plugins' files."""
        digest = hashlib.blake2b()
        for key in sorted(k for k in context if k not in UNHASHED_CONTEXT):
            digest.update(key.encode())
            digest.update(_bytes_of(context[key]))
        for root in sources:
            for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
        return digest.digest()

    def fingerprint(self, template: str, context: dict) -> bytes | None:
        digest = hashlib.blake2b(self.salt + template.encode())
        try:
            for key, value in context.items():
                digest.update(key.encode())
                digest.update(self._digest(value))
        except (pickle.PicklingError, TypeError, AttributeError):
            return None  # something unpicklable: always render
        return digest.digest()

    def _digest(self, value: object) -> bytes:
        """Bytes that change when `value` does. A story's view counts by its digest, made once
        per build (ViewDigests): it appears on its own page and in a dozen listings, and
        pickling it for every one of them was most of the cost of fingerprinting."""
        if isinstance(value, (list, tuple)) and any(type(item) is StoryView for item in value):
            return b"[" + b"".join([self._digest(item) for item in value]) + b"]"
        if type(value) is not StoryView:
            return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        return self.views(value)

    def page(self, output: Output, name: str, template: str, context: dict, render: Callable[[], str]) -> Page:
        """Link the page from the previous site if nothing it depends on changed, else render it."""
        return self.file(output, name, self.fingerprint(template, context), lambda: render().encode("utf-8"))

    def file(self, output: Output, name: str, fingerprint: bytes | None, render: Callable[[], bytes]) -> Page:
        """Link `name` from the previous site if its fingerprint is unchanged, else render and write it.

        Returns what `keep` records rather than recording it here: files may
        be rendered in a forked worker (see stories/parallel.py)."""
        known = self.previous.get(name)
        old = output.previous_file(name)
        if fingerprint and known and known[0] == fingerprint and old and _stamp(old) == known[1] \
                and output.link(name):
            rendered = False
        else:
            output.write(name, render())
            rendered = True
        return Page(name, fingerprint, _stamp(output.fresh / name), rendered)

    def keep(self, page: Page) -> None:
        if page.fingerprint:
            self.current[page.name] = (page.fingerprint, page.stamp)
        self.rendered += page.rendered

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_bytes(pickle.dumps(self.current, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, self.path)


class ViewDigests:
    """The digest of each story view of a build, made once however many pages and feeds show it.

    A digest covers everything a page or feed can show of the story; the
    story's text counts by the hash of its packed bytes. Stories it links
    to (the decision it explains, its explainers) count by what a link
    shows of them (LINKED), and its translation not at all: a page reaches
    the other language only through its own context (alternates, switcher).
    Views are not changed once made (views.py), so a digest holds for the
    whole build; the view is kept with it, so its id is never reused by
    another object.
    """

    LINKED = ("id", "lang", "url", "title", "summary", "date", "section", "decision")
    FIELDS = tuple(field.name for field in fields(StoryView))

    def __init__(self) -> None:
        self._known: dict[int, tuple[StoryView, bytes]] = {}

    def __call__(self, view: StoryView) -> bytes:
        known = self._known.get(id(view))
        if known is None:
            known = self._known[id(view)] = (view, self._make(view))
        return known[1]

    def _make(self, view: StoryView) -> bytes:
        state = []
        for name in self.FIELDS:
            value = getattr(view, name)
            if name == "content":
                value = hashlib.blake2b(value.data).digest()
            elif name == "translation":
                value = None
            elif name == "explains":
                value = self._link(value)
            elif name == "explained_by":
                value = [self._link(linked) for linked in value]
            state.append(value)
        return hashlib.blake2b(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL), digest_size=16).digest()

    def _link(self, view: StoryView | None) -> tuple | None:
        return None if view is None else tuple(getattr(view, name) for name in self.LINKED)


def _bytes_of(value) -> bytes:
    """A stable byte form of a context value; an unstable one only costs a re-render."""
    try:
        return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return repr(value).encode()
