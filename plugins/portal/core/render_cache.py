"""Pages whose inputs did not change since the last build are kept, not rendered.

A page's (or feed file's) *key* is what it is made from: its template and
its own inputs, each story it shows counted by its digest (see
pages.digests), never by its whole view: a tuple of plain values (strings,
numbers, dates, digests), which pickle turns into bytes without calling
back into Python. The key is hashed with the
build's salt, everything every page depends on: the settings and declared
page inputs of Pelican's context (fingerprints.of_page_inputs), the theme's
files, our plugins' code. `RenderCache` remembers each file's digest in the
site folder's state (state.py); a file whose digest is unchanged is kept as
it is (output.Output.keep) without being rendered. So a template must get
everything it shows through its page's inputs, never by reaching into
`PORTAL_SITE`/`PORTAL_VIEWS`. The pages plugin uses it for pages; the feeds
plugin for feed files, under another name.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Hashable, Sequence
from functools import partial
from pathlib import Path
from typing import NamedTuple

from . import fingerprints
from .output import Output
from .parallel import split
from .state import BuildState, build_state

PAGE_CACHE = "pages"  # in the site folder's state: each page's digest


class FileJob(NamedTuple):
    """A file to keep or render: its name in the site, its key's digest and how to render it.
    (Tuples: a build makes one of each per page, 60,000 at 20,000 story pairs.)"""

    name: str
    digest: bytes
    render: Callable[[], bytes]


class Page(NamedTuple):
    """One file written: where, with which digest, and whether it was rendered."""

    name: str
    digest: bytes
    rendered: bool


def salt(context: dict, settings: dict, theme: Path) -> bytes:
    """What every page and feed file depends on besides its own inputs: the settings and declared
    page inputs, the theme's files, our plugins' code (made once per build)."""
    memo = build_state(context).memo
    if "salt" not in memo:
        memo["salt"] = fingerprints.of_page_inputs(context, settings) + fingerprints.of_files(theme) + \
            fingerprints.of_code()
    return memo["salt"]


class RenderCache:
    """The digests of the pages (or, under another name, the feeds) of the last build of this site folder.

    `same_salt` says that the last build had this salt: then a page whose own
    inputs are known unchanged (a story page of a story the build did not read)
    has the digest the last build recorded, without its key being made."""

    def __init__(self, state: BuildState, salt: bytes, name: str = PAGE_CACHE) -> None:
        self.state = state
        self.name = name
        self.salt = salt
        kept = state.load(name) if state.trusted else None
        last_salt, self.previous = kept if kept is not None else (None, {})
        self.same_salt = last_salt == salt
        self.current: dict[str, bytes] = {}
        self.rendered = 0

    def digest(self, key: tuple) -> bytes:
        """The digest of a key (plain values: see the module)."""
        return hashlib.blake2b(self.salt + pickle.dumps(key, protocol=pickle.HIGHEST_PROTOCOL),
                               digest_size=16).digest()

    def files(self, output: Output, jobs: Sequence[FileJob], processes: int,
              group: Callable[[FileJob], Hashable] | None = None) -> list[Page]:
        """Each job's file, in order: the site's file kept where the job's digest is unchanged, the
        others rendered and written, on `processes` cores (`group`: see parallel.split).

        Only the files to render are shared between processes: a rebuild after an edit
        renders a dozen, and forking for the thousands kept cost more than it saved.
        Nothing is recorded here (see `keep`): pages rendered in a worker are recorded
        by the parent from what comes back."""
        previous = self.previous
        kept = output.keep_all([job.name for job in jobs if previous.get(job.name) == job.digest])
        pages = [Page(job.name, job.digest, False) if job.name in kept else None for job in jobs]
        todo = [job for job, page in zip(jobs, pages, strict=True) if page is None]
        rendered = split(todo, partial(self.written, output), processes, group)
        output.claim(page.name for page in rendered)
        fresh = iter(rendered)
        return [page if page is not None else next(fresh) for page in pages]

    @staticmethod
    def written(output: Output, job: FileJob) -> Page:
        output.write(job.name, job.render())
        return Page(job.name, job.digest, rendered=True)

    def keep(self, page: Page) -> None:
        self.current[page.name] = page.digest
        self.rendered += page.rendered

    def save(self) -> None:
        """Kept in the state, written once the site is committed."""
        self.state.keep(self.name, (self.salt, self.current))

