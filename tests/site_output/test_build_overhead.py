"""What an edit's rebuild no longer pays for, whatever the archive: collections that free nothing,
and looking at every file of the site in the build's own process.

At 20,000 story pairs the collector ran ~0.7 s of passes over the state a
build reads back and the pages it plans, and the `stat` of each of the
site's 130,000 files took ~0.5 s (docs/performance.md). These tests pin
how each was taken out of the build's way (portal.core.memory.lasting,
portal.core.parallel.Ahead, portal.core.output.survey) without losing
what they guarded.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

import fixture_site as fx
from portal.core import sealed
from portal.core.output import survey
from portal.core.parallel import Ahead
from portal.core.state import Shards, state_folder, story_shard
from sites import FixtureSite, assert_built


@contextmanager
def collecting() -> Iterator[list[int]]:
    """Every collection the cyclic collector runs from a clean slate, with it made to run every
    50 new objects (a store's own few objects make fewer; reading its heads, thousands)."""
    ran: list[int] = []

    def count(phase: str, info: dict) -> None:
        if phase == "start":
            ran.append(info["generation"])

    threshold = gc.get_threshold()
    gc.set_threshold(50)
    gc.collect()
    gc.callbacks.append(count)
    try:
        yield ran
    finally:
        gc.callbacks.remove(count)
        gc.set_threshold(*threshold)


def test_the_state_a_build_reads_back_costs_no_collection_and_is_never_scanned_again(tmp_path):
    site = FixtureSite(tmp_path / "site")
    fx.populate(site)
    output = tmp_path / "output"
    assert_built(site.build(output=output))
    views = state_folder(site.cache, output) / "views"
    salt = sealed.load(views / "salt")
    frozen = gc.get_freeze_count()
    with collecting() as ran:
        store = Shards(views, story_shard, salt)
    assert len(store.heads) > 10
    assert ran == [], "no collection while the heads were read"
    assert gc.get_freeze_count() > frozen + 10 * len(store.heads), "what was read is out of the collector's sight"


def test_work_ahead_runs_in_another_process_and_none_is_left_behind():
    assert Ahead(os.getpid).result() != os.getpid()
    dropped = Ahead(os.getpid)
    del dropped
    gc.collect()
    with pytest.raises(ChildProcessError):  # no child, not even one that ended unwaited for
        os.waitpid(-1, os.WNOHANG)


def test_the_survey_names_the_files_changed_or_gone_since_the_last_build(tmp_path):
    site = tmp_path / "site"
    for name in ("a.html", "b/c.html", "b/d.html"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(name)
    stamps = {name: ((site / name).stat().st_size, (site / name).stat().st_mtime_ns)
              for name in ("a.html", "b/c.html", "b/d.html")}
    (site / "b/c.html").write_text("changed on the server")
    (site / "b/d.html").unlink()
    assert survey(site, stamps).result() == {"b/c.html", "b/d.html"}
