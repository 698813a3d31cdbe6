"""What a build of one site folder leaves for the next build of that folder.

Each plugin keeps what it derived from the content (the stories' facts, the
views, each page's key…) in its site folder's state folder,
`<CACHE_PATH>/builds/<site>/`, so that the next build derives again only
what changed: the cost of a build follows the size of the change, not of
the archive. Every site folder has its own (`output/`, `.check/`,
`.preview/` are built with other settings, and alternate).

Nothing is written before the site is committed, and nothing at all by a
build that stops: the state describes the site as it is. (A store's scratch
folder, where a build puts what it keeps for the save, is not part of it:
no build reads another's, see `Shards.spill`.) `trusted` says
that the site folder is the very one the last commit left (its identity is
recorded after the commit, last of all): only then may a plugin keep a file
of the site without looking at it. What describes the content rather than
the site (the stories' facts, the views) is valid whatever became of the
site folder, for the salt it was saved with.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import fingerprints, sealed
from .context_keys import STATE_KEY
from .memory import lasting

BUILDS = "builds"  # in the cache folder: a state folder per site folder
COMMITTED = "committed"  # in a state folder: the identity of the site folder its files describe
MANIFEST = "manifest"  # in a state folder: what the last build read, that a build would change nothing (workflow)


def state_folder(cache: Path, site: Path) -> Path:
    """`<cache>/builds/<name of the site folder>-<digest of its path>`: its path from the project (the
    cache folder's parent) when it is in it, so that a copy of the project (cache and all) keeps one
    state folder per site folder, and no state of the original lies unused in the copy's cache."""
    absolute, project = os.path.abspath(site), os.path.abspath(Path(cache).parent)
    inside = os.path.commonpath([absolute, project]) == project
    digest = hashlib.blake2b((os.path.relpath(absolute, project) if inside else absolute).encode(),
                             digest_size=6).hexdigest()
    return cache / BUILDS / f"{re.sub(r'[^A-Za-z0-9_-]', '', site.name) or 'site'}-{digest}"


def identity(site: Path) -> tuple[int, int] | None:
    """What tells this site folder from another one put in its place (a `make clean`, a copy)."""
    try:
        found = os.stat(site)
    except OSError:
        return None
    return found.st_dev, found.st_ino


# A process that builds again and again (the live preview: workflow.resident) keeps each site
# folder's state in memory as well: {state folder: (the stamp of its COMMITTED file, values, stores)}.
# None in a process that builds once.
_in_memory: dict[Path, tuple[tuple[int, int, int], dict[str, Any], dict[Path, Shards]]] | None = None


def keep_in_memory() -> None:
    """From now on, this process keeps what its builds leave in memory too, for the next build to
    start from without reading it back, as long as no other process built the same site folder."""
    global _in_memory  # noqa: PLW0603 - one switch for the whole process
    if _in_memory is None:
        _in_memory = {}


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_ino, found.st_size, found.st_mtime_ns


class BuildState:
    """The state folder of one site folder: read at the start of a build, written after its commit."""

    def __init__(self, cache: Path, site: Path) -> None:
        self.site = site
        self.folder = state_folder(cache, site)
        committed = sealed.load(self.folder / COMMITTED)
        self.trusted = committed is not None and committed == identity(site)
        self._pending: dict[str, Any] = {}
        self._stores: list[Shards] = []
        self.memo: dict[str, Any] = {}  # what several plugins compute once per build (render_cache.salt)
        kept = _in_memory.pop(self.folder, None) if _in_memory is not None else None  # a stopped build puts none back
        stamp = _stamp(self.folder / COMMITTED)
        self._memory: tuple[dict[str, Any], dict[Path, Shards]] = \
            (kept[1], kept[2]) if kept is not None and stamp is not None and kept[0] == stamp else ({}, {})

    def load(self, name: str) -> Any | None:
        """What the last commit kept under `name`, if this code kept it; else None."""
        if name in self._memory[0]:
            return self._memory[0][name]
        found = sealed.load(self.folder / name)
        if found is None or found[0] != fingerprints.of_code():
            return None
        return found[1]

    def keep(self, name: str, value: Any) -> None:
        """Keep `value` for the next build, written once the site is committed."""
        self._pending[name] = (fingerprints.of_code(), value)

    def shards(self, name: str, shard_of: Callable[[str], str], salt: bytes, folder: Path | None = None) -> Shards:
        """A store of values by key in this state folder (or `folder`: see `Shards`), saved after the commit.
        One in this state folder starts empty unless the state is trusted: it is then written whole, so
        no file of it is left as a damaged disk or another site folder left it."""
        where, fresh = folder or self.folder / name, folder is None and not self.trusted
        kept = self._memory[1].get(where)
        store = kept if kept is not None and kept.salt == salt and not fresh else Shards(where, shard_of, salt, fresh)
        self._stores.append(store)
        return store

    def before_commit(self) -> None:
        """The site is about to change: until the state is written, it is not the one it describes,
        and no manifest may say that a build would change nothing."""
        (self.folder / COMMITTED).unlink(missing_ok=True)
        (self.folder / MANIFEST).unlink(missing_ok=True)
        self.trusted = False

    def after_commit(self) -> None:
        """Write what the plugins kept, then the site folder's identity (last: it vouches for the rest)."""
        for name, value in self._pending.items():
            sealed.save(self.folder / name, value)
        for store in self._stores:
            store.save()
        sealed.save(self.folder / COMMITTED, identity(self.site))
        if _in_memory is not None and (stamp := _stamp(self.folder / COMMITTED)) is not None:
            values = {name: value for name, (_code, value) in self._pending.items()}
            _in_memory[self.folder] = (stamp, values, {store.folder: store for store in self._stores})

    def forget(self) -> None:
        """Drop everything: the next build of this site starts from nothing."""
        shutil.rmtree(self.folder, ignore_errors=True)


class Shards:
    """Values by key (a story's id), kept in one file per shard (`shard_of(key)`, e.g. a section's month),
    so that a build rewrites only the shards whose values changed.

    Each value has a small `head`, read with the store (what every build needs of every
    story), and an optional `body`, bytes read only when asked for (a story's whole view,
    needed only to render a page that shows it). A store saved with another salt is empty.

    The bodies a build puts are written when the store is saved (after the commit,
    for a store in a state folder). Until then `spill` can move them out of memory, to a
    scratch folder beside the store's (`.<name>.spilled`, cleared whenever a store of
    that folder is opened, so a stopped build's is never read): a clean build puts every
    story's view and parsed files, ~280 MB at 20,000 story pairs that nothing reads again
    before the save, and that forked workers would hold too.
    """

    def __init__(self, folder: Path, shard_of: Callable[[str], str], salt: bytes, fresh: bool = False) -> None:
        self.folder = folder
        self.shard_of = shard_of
        self.salt = salt
        self.heads: dict[str, Any] = {}
        self._members: dict[str, set[str]] = {}  # shard -> keys
        self._bodies: dict[str, dict[str, bytes]] = {}  # shard -> key -> body, for shards read or changed
        self._changed: set[str] = set()
        self._spilled: set[str] = set()  # changed shards whose bodies wait in the scratch folder, not in memory
        self._scratch = folder.with_name(f".{folder.name}.spilled")
        shutil.rmtree(self._scratch, ignore_errors=True)  # what a build that stopped had spilled
        self._stale = fresh or sealed.load(folder / "salt") != salt
        self.complete = not self._stale  # every shard saved was read back
        if self._stale:
            return
        with lasting():
            self._read_heads()

    def _read_heads(self) -> None:
        """Every shard's heads; a damaged shard's keys are missing, as are those of a shard saved
        under another way of sharding."""
        for path in sorted(self.folder.glob("*.head")):
            heads = sealed.load(path)
            if heads is None:  # damaged: its keys are missing, as if never saved
                (self.folder / f"{path.stem}.body").unlink(missing_ok=True)
                self.complete = False
                continue
            if heads and self.shard_of(next(iter(heads))) != path.stem:  # saved under another way of sharding
                self._members[path.stem] = set()
                self._changed.add(path.stem)  # removed when saved: its keys look new
                continue
            self.heads.update(heads)
            self._members[path.stem] = set(heads)

    @property
    def stale(self) -> bool:
        """Saved with another salt (or never): it starts empty."""
        return self._stale

    def body(self, key: str) -> bytes | None:
        return self._loaded(self.shard_of(key)).get(key)

    def _loaded(self, shard: str) -> dict[str, bytes]:
        if shard not in self._bodies:
            if shard in self._spilled:  # asked for again (or changed again): back in memory, saved from there
                self._spilled.discard(shard)
                self._bodies[shard] = sealed.load(self._scratch / f"{shard}.body") or {}
            else:
                self._bodies[shard] = {} if self._stale else sealed.load(self.folder / f"{shard}.body") or {}
        return self._bodies[shard]

    def spill(self) -> None:
        """Move the bodies of the shards changed so far out of memory until `save` (see the class)."""
        for shard in self._changed - self._spilled:
            bodies = self._bodies.pop(shard, None)
            if bodies is None:
                continue
            members = sorted(self._members.get(shard, ()))
            self._scratch.mkdir(parents=True, exist_ok=True)
            sealed.save(self._scratch / f"{shard}.body", {key: bodies[key] for key in members if key in bodies})
            self._spilled.add(shard)

    def put(self, key: str, head: Any, body: bytes | None = None) -> None:
        shard = self.shard_of(key)
        bodies = self._loaded(shard)  # its other bodies are written back with it
        if body is None:
            bodies.pop(key, None)
        else:
            bodies[key] = body
        self.heads[key] = head
        self._members.setdefault(shard, set()).add(key)
        self._changed.add(shard)

    def drop(self, key: str) -> None:
        if key not in self.heads:
            return
        shard = self.shard_of(key)
        self._loaded(shard).pop(key, None)
        del self.heads[key]
        self._members[shard].discard(key)
        self._changed.add(shard)

    def save(self) -> None:
        if self._stale:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder.unlink(missing_ok=True)  # a file: a value older code kept under the store's name
            self.folder.mkdir(parents=True, exist_ok=True)
            sealed.save(self.folder / "salt", self.salt)
            self._stale = False
        for shard in sorted(self._changed):
            members = self._members.get(shard, set())
            if not members:
                (self.folder / f"{shard}.head").unlink(missing_ok=True)
                (self.folder / f"{shard}.body").unlink(missing_ok=True)
                continue
            sealed.save(self.folder / f"{shard}.head", {key: self.heads[key] for key in sorted(members)})
            if shard in self._spilled:  # written as `save` would write it: moved into place
                os.replace(self._scratch / f"{shard}.body", self.folder / f"{shard}.body")
                continue
            bodies = self._loaded(shard)
            sealed.save(self.folder / f"{shard}.body", {key: bodies[key] for key in sorted(members) if key in bodies})
        self._changed.clear()
        if self._spilled:
            self._spilled.clear()
            shutil.rmtree(self._scratch, ignore_errors=True)


def story_shard(story_id: str) -> str:
    """The shard (`Shards`) of a story folder's values: its section's quarter (`news-2026-q4`): a few
    hundred stories at most, so that a build reads a few hundred shards and an edit rewrites one."""
    parts = story_id.split("/")
    month = parts[2][:2] if len(parts) > 2 else ""
    quarter = [f"q{(int(month) - 1) // 3 + 1}"] if month.isdigit() and 1 <= int(month) <= 12 else parts[2:3]
    return re.sub(r"[^A-Za-z0-9_-]", "_", "-".join(parts[:2] + quarter)) or "_"


def build_state(context: dict) -> BuildState:
    """The state of the site folder this build writes (made by whichever plugin asks first)."""
    if STATE_KEY not in context:
        context[STATE_KEY] = BuildState(Path(context["CACHE_PATH"]), Path(context["OUTPUT_PATH"]))
    return context[STATE_KEY]
