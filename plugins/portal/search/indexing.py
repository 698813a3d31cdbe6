"""Index the stories in chunks while the pages are rendered; keep each chunk's bundle while its stories stay.

Each language's stories, oldest first, are cut into chunks of
`PORTAL_SEARCH_CHUNK` stories (the newest ones into smaller chunks: see
`bounds`), and every chunk is a Pagefind index of its own (`/pagefind/ky-0/`,
`/pagefind/ky-1/` …; search.js searches them all and merges the results). A
chunk's bundle is kept in the cache under a digest of its stories (their view
digests, see pages.digests.ViewDigests, with the code that makes
records from them), so a build makes records and indexes only for the chunks
whose stories changed: an edited story re-indexes the chunk it is in, a new
story the newest chunk, and a rebuild that changed no story (a theme change,
a new photo size) none at all. The chunk indexed anew takes its other
stories' records as the last build made them (KnownRecords). Because the
chunks follow the date, a story published with an older date moves the
later chunks' boundaries: those are indexed again, once.

Why chunks: Pagefind holds a whole index in memory while it builds it
(about 0.3 MB per story), so one index of an archive of thousands of stories
costs more than the rest of the build; and it cannot update an index, only
build it again.

`Indexing` is started once the model is resolved, before any page is
rendered: it writes the records of the chunks to build to a file and starts
feeder.py, which hands them to Pagefind one chunk at a time while Python
renders the pages. `bundles()`, called after the pages are written, waits
for it.

Pagefind writes its filter files in hash-map order; feeder.py puts them in
order (normalise.py), so the same stories give the same bundle on any run.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import NamedTuple

from portal.core import sealed
from portal.core.digests import sha256
from portal.core.memory import release_free_memory
from portal.core.parallel import Ahead, beside
from portal.localization.editor import Message, _
from portal.pages.summaries import Summary
from portal.pages.views import StoryView

from . import records
from .records import record
from .service import NOT_BUILT, SearchIndexFailed, as_json, encode, refused_write

FEEDER = Path(__file__).with_name("feeder.py")  # run as a script: see its docstring
# In each bundle of the cache: its files, each with its SHA-256, size and modification time (portal.core.sealed).
MANIFEST = ".stamped-files"
# Pagefind services at once: an edit's chunks (one per language) are indexed side by side; a build
# with more chunks to index has them indexed one at a time while it renders, on a core the rendering
# leaves it (parallel.beside), so that one index is in memory (~90 MB), then side by side.
SIDE_BY_SIDE = 2
logger = logging.getLogger(__name__)
# The newest stories are indexed in chunks this many times smaller than PORTAL_SEARCH_CHUNK (see bounds).
# Halves, not smaller: a search reads one ~35 kB index file in every chunk, whatever its size. At
# 1,000 story pairs a search downloaded 338 kB with halves (5 chunks a language), 474 kB with fifths.
RECENT_PARTS = 2
# What a record is made with besides the story: a new Pagefind, Babel (the dates shown) or records.py
# makes every chunk anew.
SALT = hashlib.blake2b(f"{version('pagefind')} {version('babel')}".encode() + Path(records.__file__).read_bytes())


@dataclass(frozen=True, eq=False)
class Chunk:
    """Some of one language's stories, consecutive by date: one Pagefind index."""

    lang: str
    number: int  # 0 for the oldest stories
    digest: str  # of its stories: the name of its bundle in the cache
    stories: tuple[Summary, ...]

    @property
    def name(self) -> str:
        """Its folder in the site's /pagefind/, e.g. "ky-0"."""
        return f"{self.lang}-{self.number}"


def chunked(stories: dict[str, list[Summary]], size: int) -> list[Chunk]:
    """Every language's stories, oldest first, in chunks (`bounds`); in the order search.js lists them."""
    chunks = []
    for lang, own in stories.items():
        ordered = sorted(own, key=lambda story: (story.date, story.url))
        for number, (start, end) in enumerate(bounds(len(ordered), size)):
            part = tuple(ordered[start:end])
            summed = SALT.copy()
            for story in part:
                summed.update(story.digest)
            chunks.append(Chunk(lang, number, summed.hexdigest()[:32], part))
    return chunks


def bounds(count: int, size: int) -> list[tuple[int, int]]:
    """Where the chunks of `count` stories (oldest first) start and end: chunks of `size`, but
    the newest stories (between one and two chunks' worth) in chunks of `size / RECENT_PARTS`.

    The newest stories are the ones that change: a new story goes into the newest chunk and a
    correction is most often to a recent story, and either indexes its chunk anew. Every bound
    is counted from the oldest story, so a new story moves none of them; once the newest stories
    reach two chunks' worth, the oldest small chunks become one of `size` (indexed once)."""
    part = max(1, size // RECENT_PARTS)
    whole = max(0, count // size - 1) * size  # the stories in chunks of `size`
    return [(start, start + size) for start in range(0, whole, size)] + \
        [(start, min(start + part, count)) for start in range(whole, count, part)]


def request_line(folder: Path, records: list[bytes]) -> bytes:
    """A chunk as feeder.py reads it: the folder its bundle goes to, a tab, and its requests to
    a service of its own (so the chunk is index 0): its records, then GetFiles and DeleteIndex."""
    requests = [as_json({"type": "NewIndex", "config": None}), *records,
                as_json({"type": "GetFiles", "index_id": 0}), as_json({"type": "DeleteIndex", "index_id": 0})]
    return os.fsencode(folder) + b"\t" + encode(requests) + b"\n"


class KnownRecords:
    """Each chunk's AddRecord requests by story digest, as the build that last indexed a chunk of
    that name made them (a file per chunk name in `folder`).

    An edit indexes its chunk anew, but makes only the edited story's record: a record
    costs ~1 ms (its text is read out of the story's HTML), 0.3 s for a chunk's other
    stories, and Pagefind starts on the chunk only once its records are made. A record
    depends on the story's view (its digest) and on SALT, which the file records."""

    def __init__(self, folder: Path, view: Callable[[Summary], StoryView]) -> None:
        self.folder = folder
        self.view = view  # a story's whole view, to make its record (pages.resolve.Resolver)
        self.salt = SALT.hexdigest()[:16]

    def records(self, chunk: Chunk) -> list[bytes]:
        """The chunk's records in order, the known ones taken as they were; remembered for the next build."""
        path = self.folder / f"{chunk.name}.pickle"
        kept = sealed.load(path)
        known = kept[1] if isinstance(kept, tuple) and kept[0] == self.salt else {}
        made = {}
        for story in chunk.stories:
            made[story.digest] = known.get(story.digest) or \
                as_json({"type": "AddRecord", "index_id": 0, **record(self.view(story))})
        sealed.save(path, (self.salt, made))
        return list(made.values())

    def forget_all_but(self, chunks: list[Chunk]) -> None:
        """Drop the records of chunk names this build does not have (an archive that shrank)."""
        names = {f"{chunk.name}.pickle" for chunk in chunks}
        for known in self.folder.iterdir() if self.folder.is_dir() else ():
            if known.name not in names:
                known.unlink()


class Indexing:
    """The bundles of these chunks: the kept ones, and the others being built."""

    def __init__(self, chunks: list[Chunk], languages: list[str], cache: Path, known: KnownRecords,
                 examined: dict[str, Verdict] | None = None) -> None:
        """Writes the records of the chunks that are not kept and starts feeding them to Pagefind.
        `examined`: the kept bundles as `examine_all` found them (else each is examined now)."""
        known.forget_all_but(chunks)
        self.cache = cache
        self.staging = cache / "staging"
        self.chunks = chunks
        self.languages = languages
        examined = examined or {}
        self.missing = [chunk for chunk in chunks if not intact(cache / chunk.digest, examined.get(chunk.digest))]
        self.feeder: subprocess.Popen | None = None
        if not self.missing:
            return
        shutil.rmtree(self.staging, ignore_errors=True)
        self.staging.mkdir(parents=True)
        from pagefind.service import get_executable  # with asyncio: imported only when a chunk is indexed

        pagefind = get_executable()
        if pagefind is None:
            raise SearchIndexFailed(str(not_built(_("Pagefind is not installed (pip install 'pagefind[extended]')."))))
        requests = self.staging / "requests"
        with requests.open("wb") as file:
            self.errors = tempfile.TemporaryFile()
            at_once = SIDE_BY_SIDE if len(self.missing) <= SIDE_BY_SIDE else 1
            self.feeder = subprocess.Popen([sys.executable, str(FEEDER), str(pagefind), str(requests),
                                            str(os.getpid()), str(at_once), str(SIDE_BY_SIDE)],
                                           stdin=subprocess.PIPE, stderr=self.errors)
            if at_once == 1:  # indexing while the pages render, on a core of its own (parallel.beside)
                beside(self.feeder)
            try:
                for chunk in self.missing:
                    file.write(request_line(self.staging / chunk.digest, known.records(chunk)))
                    file.flush()  # the feeder follows the file: this chunk can be indexed now
            except BaseException:
                self.feeder.kill()
                raise
            file.write(b"\n")  # the end

    def bundles(self) -> dict[str, Path]:
        """Every chunk's finished bundle by its name (waits for Pagefind if it is still indexing)."""
        if self.feeder is not None:
            release_free_memory()  # what rendering freed (~50 MB at 4,000 pairs): Pagefind's services need it
            self.feeder.communicate()  # its stdin closed: the pages are written, their cores are Pagefind's now
            code = self.feeder.returncode
            self.errors.seek(0)
            said = self.errors.read().decode(errors="replace").strip()
            self.errors.close()
            if code != 0:
                stopped = _("feeder.py stopped (%(code)s).", code=code)
                raise refused_write(said) or SearchIndexFailed(
                    str(not_built(said.removeprefix(NOT_BUILT))) if said.startswith(NOT_BUILT)
                    else f"{not_built(stopped)}\n{said}")
            for chunk in self.missing:
                made = self.staging / chunk.digest
                sealed.save(made / MANIFEST, {name: (sha256(Path(path)), *_stamp(path)) for name, path in _files(made)})
                shutil.rmtree(self.cache / chunk.digest, ignore_errors=True)  # a damaged bundle of that name
                made.rename(self.cache / chunk.digest)
            self.feeder = None
        kept = {chunk.digest for chunk in self.chunks}
        for older in self.cache.iterdir() if self.cache.is_dir() else ():  # older bundles, and the staging folder
            if older.name not in kept:
                shutil.rmtree(older)
        return {chunk.name: self.cache / chunk.digest for chunk in self.chunks}

    def table(self) -> dict[str, list[str]]:
        """What search.js reads first (`chunks.json`): each language's chunks, oldest first."""
        return {lang: [c.name for c in self.chunks if c.lang == lang] for lang in self.languages}


def bundle_files(bundle: Path) -> dict[str, Path]:
    """The files Pagefind made in a bundle, by their path in it, in order."""
    return {name: Path(path) for name, path in sorted(_files(bundle))}


class Verdict(NamedTuple):
    """Whether a kept bundle is whole, and its manifest with the new times of the files that were
    touched but are whole (None: nothing to list again). `made`: False where no bundle was ever
    completed (a new chunk's), which is not a damage to report."""

    whole: bool
    restamped: dict | None = None
    made: bool = True


def examine(bundle: Path) -> Verdict:
    """Whether the bundle holds exactly the files its manifest lists (no stray one), each with the
    SHA-256 listed; it only looks (see `intact`).

    A file whose size and modification time are the ones listed is taken as whole without
    being read: every build checks every kept bundle (a damaged one is indexed anew), and
    at 20,000 story pairs that is 160 bundles of 45,000 files, one `stat` each. One whose
    time changed but not its bytes (a copy, a restored backup) is listed with its new time."""
    listed = sealed.load(bundle / MANIFEST)
    if listed is None:
        return Verdict(False, made=False)
    try:
        files = dict(_files(bundle))
        stamps = {name: _stamp(path) for name, path in files.items()}
        moved = {name for name, stamp in stamps.items() if name in listed and stamp != listed[name][1:]}
        whole = files.keys() == listed.keys() and all(sha256(Path(files[name])) == listed[name][0] for name in moved)
    except FileNotFoundError:
        return Verdict(False)
    return Verdict(whole, {name: (listed[name][0], *stamp) for name, stamp in stamps.items()} if whole and moved
                   else None)


def examine_all(cache: Path) -> Ahead[dict[str, Verdict]]:
    """Every bundle kept in `cache`, by its name, examined by a forked process from now on (parallel.Ahead):
    it starts with the build, and the bundles are needed once the stories are read."""
    return Ahead(lambda: {name: examine(cache / name) for name in _folders(cache)})


def intact(bundle: Path, verdict: Verdict | None = None) -> bool:
    """Whether the bundle is whole (`verdict`: as `examine` found it; else examined now); a damaged
    one is said, and a whole one's manifest gets the new times of its touched files."""
    verdict = verdict or examine(bundle)
    if not verdict.whole and verdict.made:
        logger.info("The search bundle %s is damaged: it is indexed anew.", bundle)
    elif verdict.restamped:
        sealed.save(bundle / MANIFEST, verdict.restamped)
    return verdict.whole


def _files(folder: Path | str, prefix: str = "") -> list[tuple[str, str]]:
    """Every file under `folder` but the manifest, as (its path in `folder`, its path): os.scandir and
    strings, which cost a tenth of pathlib's rglob here."""
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                found += _files(entry.path, f"{prefix}{entry.name}/")
            elif entry.name != MANIFEST or prefix:
                found.append((prefix + entry.name, entry.path))
    return found


def _folders(folder: Path) -> list[str]:
    try:
        with os.scandir(folder) as entries:
            return [entry.name for entry in entries if entry.is_dir(follow_symlinks=False)]
    except FileNotFoundError:
        return []


def _stamp(path: str) -> tuple[int, int]:
    found = os.stat(path)
    return found.st_size, found.st_mtime_ns


def not_built(reason: Message | str) -> Message:
    """Why the search index was not built, in the editor's language; `reason` as feeder.py wrote it is
    Pagefind's own words (English)."""
    return _("The search index was not built: %(reason)s", reason=reason)
