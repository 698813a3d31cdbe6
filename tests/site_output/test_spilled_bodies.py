"""What a build keeps for the next waits on disk, not in memory, and is still written only after the commit.

A clean build puts every story's parsed files and views in their stores
(portal.core.state.Shards) and reads none of them again: `spill` moves
them to a scratch folder beside the store until the save moves them into
place. These tests pin that the state stays what the last commit left when
a build stops after spilling, and that what was spilled is what is saved.
"""

from __future__ import annotations

from pathlib import Path

import fixture_site as fx
from portal.core import sealed
from portal.core.state import Shards, state_folder
from sites import FixtureSite, assert_built

ADDED = "Жолдор иш убактысында жабылбайт."


def files(folder: Path) -> dict[str, bytes]:
    """The state's files, without the scratch folders (which no build reads: each is cleared when opened)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.parent.name.endswith(".spilled")}


def spilled(cache: Path) -> list[Path]:
    return sorted(cache.rglob(".*.spilled"))


def test_a_build_that_stops_after_spilling_leaves_the_state_as_the_commit_left_it(tmp_path, monkeypatch):
    site = FixtureSite(tmp_path / "site")
    fx.populate(site)
    output = tmp_path / "output"
    assert_built(site.build(output=output))
    state = state_folder(site.cache, output)
    before = files(state)
    assert not spilled(site.cache), "a build that succeeds leaves no scratch folder"

    path = site.content / fx.BUS_LANES.id / "index.ky.md"
    path.write_text(path.read_text(encoding="utf-8") + f"\n{ADDED}\n", encoding="utf-8")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")  # the search index fails after the pages are written
    stopped = site.build(output=output)
    assert stopped.returncode != 0 and "Pagefind stopped" in stopped.text
    assert files(state) == before, "nothing of the state written by a build that stopped"

    monkeypatch.delenv("PAGEFIND_BINARY_PATH")
    again = site.build(output=output)
    assert_built(again)
    assert ADDED in again.file(fx.BUS_LANES.urls["ky"]).read_text(encoding="utf-8")
    assert not spilled(site.cache), "the stopped build's scratch folder is cleared, the new one moved into place"
    # the views the edit spilled are the ones kept: the next build reads the edited story's view back
    title = site.content / fx.CONCERT.id / "index.ky.md"
    title.write_text(title.read_text(encoding="utf-8") + "\nКонцерт убагында башталат.\n", encoding="utf-8")
    last = site.build(output=output)
    assert_built(last)
    assert ADDED in last.file(fx.BUS_LANES.urls["ky"]).read_text(encoding="utf-8")


def test_spilled_bodies_are_read_back_and_saved_as_they_were_put(tmp_path):
    def shard_of(key: str) -> str:
        return key[0]

    folder = tmp_path / "store"
    store = Shards(folder, shard_of, b"salt")
    store.put("a1", "head a1", b"body a1")
    store.put("b1", "head b1", b"body b1")
    store.spill()
    scratch = tmp_path / ".store.spilled"
    assert sealed.load(scratch / "a.body") == {"a1": b"body a1"}
    assert store.body("b1") == b"body b1"  # read back, and from then on saved from memory
    store.put("a2", "head a2", b"body a2")
    store.spill()
    store.save()
    assert not scratch.exists()
    assert sealed.load(folder / "a.body") == {"a1": b"body a1", "a2": b"body a2"}
    assert sealed.load(folder / "b.body") == {"b1": b"body b1"}

    reopened = Shards(folder, shard_of, b"salt")
    reopened.put("b2", "head b2", b"body b2")
    reopened.spill()
    assert scratch.is_dir()
    Shards(folder, shard_of, b"salt")  # a build after one that stopped: the scratch it left is cleared
    assert not scratch.exists()
    assert sealed.load(folder / "b.body") == {"b1": b"body b1"}, "the saved store unchanged"
