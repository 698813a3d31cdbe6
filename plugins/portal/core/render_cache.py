"""Pages whose inputs did not change since the last build are kept, not rendered.

`RenderCache` remembers, per output file, a fingerprint of everything that
rendered it and the file it gave; a page whose fingerprint is unchanged,
and whose file in the site is still that very file, is kept as it is
(output.Output.keep) without being rendered. The pages plugin uses it for
pages; the feeds plugin for feed files, with its own file in the cache folder.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Protocol

from . import sealed
from .context_keys import OUTPUT_KEY, PAGES_KEY, PHOTOS_KEY, PLANS_KEY, SITE_KEY, VIEWS_KEY
from .output import Output
from .parallel import split

PAGE_CACHE = "portal-pages.pickle"  # the pages' fingerprints, in the cache folder
# Pelican's per-build bookkeeping, our model (it reaches templates only
# through each page's own context, which is fingerprinted instead) and the
# build's output (no page shows it).
UNHASHED_CONTEXT = {"generated_content", "static_links", "static_content", SITE_KEY, VIEWS_KEY,
                    "OUTPUT_PATH", OUTPUT_KEY, "PORTAL_PROCESSES",
                    "DEBUG",  # set by the `pelican` command, not by `make build`: neither changes a page
                    PLANS_KEY, PAGES_KEY,  # plugins' page hooks: their code is hashed instead
                    PHOTOS_KEY}  # the photo library: a page gets its photos through its own context
PORTAL_CODE = Path(__file__).resolve().parents[1]  # plugins/portal: every plugin's code and this core's (salt_for)


class Digests(Protocol):
    """The digest of each object of one type (`kind`), made once per build however many
    pages show it: what a fingerprint counts such an object as (see pages.digests.ViewDigests)."""

    @property
    def kind(self) -> type: ...

    def __call__(self, obj, /) -> bytes: ...


def _stamp(s: os.stat_result) -> tuple[int, int, int, int]:
    return s.st_dev, s.st_ino, s.st_size, s.st_mtime_ns


@dataclass(frozen=True)
class FileJob:
    """A file to keep or render: its name in the site, its fingerprint (None: always render) and how."""

    name: str
    fingerprint: bytes | None
    render: Callable[[], bytes]


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
    fingerprint is unchanged has unchanged bytes. The site's file must
    still be the very file the fingerprint was recorded for (device, inode,
    size, mtime): after a build that did not commit, nothing is trusted.
    Templates must not reach into PORTAL_SITE / PORTAL_VIEWS directly: what a
    page shows comes through its context.
    """

    def __init__(self, cache_dir: Path, salt: bytes, views: Digests, file_name: str = PAGE_CACHE) -> None:
        self.path = cache_dir / file_name
        self.salt = salt
        self.previous: dict[str, tuple[bytes, tuple]] = sealed.load(self.path) or {}
        self.current: dict[str, tuple[bytes, tuple]] = {}
        self.rendered = 0
        self.views = views  # the build's (Resolver.digests): pages, feeds and search share them

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
        """A digest of the template's name and the page's whole context, pickled in one go
        (a pickle per value cost more in calls than in bytes)."""
        buffer = io.BytesIO()
        try:
            _ContextPickler(buffer, self.views).dump(context)
        except (pickle.PicklingError, TypeError, AttributeError):
            return None  # something unpicklable: always render
        return hashlib.blake2b(self.salt + template.encode() + buffer.getbuffer()).digest()

    def files(self, output: Output, jobs: Sequence[FileJob], processes: int,
              group: Callable[[FileJob], Hashable] | None = None) -> list[Page]:
        """Each job's file, in order: the site's file kept where the job's fingerprint is unchanged,
        the others rendered and written, on `processes` cores (`group`: see parallel.split).

        The fingerprints are checked here, and only the files to render are
        shared between processes: a rebuild after an edit renders a dozen,
        and forking for the thousands of kept ones cost more than it saved.
        Nothing is recorded here (see `keep`): pages rendered in a worker
        are recorded by the parent from what comes back."""
        pages: list[Page | None] = [self.kept(output, job.name, job.fingerprint) for job in jobs]
        todo = [job for job, page in zip(jobs, pages, strict=True) if page is None]
        rendered = split(todo, partial(self.written, output), processes, group)
        output.claim(page.name for page in rendered)
        fresh = iter(rendered)
        return [page if page is not None else next(fresh) for page in pages]

    def kept(self, output: Output, name: str, fingerprint: bytes | None) -> Page | None:
        """The site's file `name`, kept, if its fingerprint is unchanged and it is still the file it gave."""
        known = self.previous.get(name)
        if not fingerprint or known is None or known[0] != fingerprint:
            return None
        old = output.stat(name)
        if old is None or _stamp(old) != known[1] or not output.keep(name):
            return None
        return Page(name, fingerprint, known[1], rendered=False)

    @staticmethod
    def written(output: Output, job: FileJob) -> Page:
        output.write(job.name, job.render())
        return Page(job.name, job.fingerprint, _stamp(os.stat(output.path(job.name))), rendered=True)

    def keep(self, page: Page) -> None:
        if page.fingerprint:
            self.current[page.name] = (page.fingerprint, page.stamp)
        self.rendered += page.rendered

    def save(self) -> None:
        sealed.save(self.path, self.current)


class _ContextPickler(pickle.Pickler):
    """Pickles a page's context with each story view (`views.kind`) replaced by its digest.
    A view appears on its own page and in a dozen listings, and pickling it for every one
    of them was most of the cost of fingerprinting."""

    def __init__(self, file: io.BytesIO, views: Digests) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.views = views

    def reducer_override(self, obj: object):
        """Called only for objects that are not str, int, list, dict and their like."""
        if type(obj) is self.views.kind:
            return _view, (self.views(obj),)
        return NotImplemented


def _view(digest: bytes) -> bytes:
    """What a fingerprint records a story view as: its digest (never unpickled)."""
    return digest


def _bytes_of(value) -> bytes:
    """A stable byte form of a context value; an unstable one only costs a re-render."""
    try:
        return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return repr(value).encode()
