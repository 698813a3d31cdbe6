"""What an edit's rebuild no longer pays for, whatever the archive: collections that free nothing,
looking at every file of the site in the build's own process, one call per file kept, and
listing the content on one core.

At 20,000 story pairs the collector ran ~0.7 s of passes over the state a
build reads back and the pages it plans, the `stat` of each of the site's
130,000 files took ~0.5 s, and listing content/ ~0.45 s (docs/performance.md).
These tests pin how each was taken out of the build's way
(portal.core.memory.lasting, portal.core.parallel.Ahead, portal.core.output.survey
and keep_all, portal.core.inputs.list_content's `shared`) without losing what
they guarded.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import fixture_site as fx
from portal.core import sealed
from portal.core.inputs import UNSETTLED, list_content
from portal.core.output import Output, survey
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
    with collecting() as ran:
        store = Shards(views, story_shard, salt)
    assert len(store.heads) > 10
    assert ran == [], "no collection while the heads were read"
    scanned = {id(tracked) for tracked in gc.get_objects()}  # what the collector looks at (not what is frozen)
    assert not [head for head in store.heads.values() if id(head) in scanned], \
        "what was read is out of the collector's sight"


def test_work_ahead_runs_in_another_process_and_none_is_left_behind(tmp_path):
    asked = Ahead(os.getpid).result()
    assert asked != os.getpid()
    dropped = Ahead(lambda: (tmp_path / "pid").write_text(str(os.getpid())))
    del dropped
    gc.collect()
    for worker in (asked, int((tmp_path / "pid").read_text())):  # (the session's other children: not ours)
        with pytest.raises(ChildProcessError):  # waited for, not even left ended and unwaited for
            os.waitpid(worker, os.WNOHANG)


def test_a_worker_whose_answer_nobody_wants_never_goes_on_as_the_build(tmp_path):
    """Dropped unasked (a build that stopped), an Ahead's worker finds its pipe closed when it answers:
    it ends there, never back in the code that forked it (which would run the build twice)."""
    parent = os.getpid()
    dropped = Ahead(lambda: time.sleep(0.2) or b"x" * 1_000_000)  # still working when dropped
    del dropped
    gc.collect()
    if os.getpid() != parent:  # the worker, going on with this test
        (tmp_path / "went on").touch()
        os._exit(0)
    assert not (tmp_path / "went on").exists()


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


def last_build(site: Path, surveyed: bool) -> Output:
    """An Output over `site` after a build that made four files; since then, one changed on the server
    and one went, one file it did not make is there, and this build staged one of its files."""
    for name in ("left.html", "changed.html", "gone.html", "unknown.html", "staged.html"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(name)
    stamps = {name: ((site / name).stat().st_size, (site / name).stat().st_mtime_ns)
              for name in ("left.html", "changed.html", "gone.html", "staged.html")}
    (site / "changed.html").write_text("changed on the server")
    (site / "gone.html").unlink()
    output = Output(site, stamps, survey(site, stamps) if surveyed else None)
    output.write("staged.html", b"made anew")
    return output


@pytest.mark.parametrize("surveyed", [True, False])
def test_keeping_many_files_at_once_keeps_exactly_what_keeping_each_keeps(tmp_path, surveyed):
    """Output.keep_all: the last build's files still as it left them are kept from its stamps; one changed
    on the server, or gone, is not; a file it did not make is kept if the site has it; one staged in this
    build is kept again (its staged copy dropped)."""
    names = ["left.html", "changed.html", "gone.html", "unknown.html", "staged.html", "never.html"]
    each, many = last_build(tmp_path / "each" / "site", surveyed), last_build(tmp_path / "many" / "site", surveyed)
    kept_each = {name for name in names if each.keep(name)}
    assert many.keep_all(names) == kept_each == {"left.html", "unknown.html", "staged.html"}
    assert many.names == each.names and many.stamps.keys() == each.stamps.keys() and many.staged == each.staged == set()


def test_a_shared_listing_finds_exactly_what_one_process_finds(tmp_path):
    """inputs.list_content(shared=True): half the subtrees are listed by a forked process, once there
    are enough to share; the listing, with its stamps, links and settled-ness, is the same."""
    content = tmp_path / "content"
    for section in ("news", "announcements", "interviews"):
        for year in range(2010, 2027):
            folder = content / section / str(year) / f"11-26-story-{year}"
            folder.mkdir(parents=True)
            (folder / "index.ky.md").write_text(f"{section} {year}")
            (folder / "index.ru.md").write_text(f"{section} {year}")
    os.symlink(content / "news", content / "news" / "2020" / "link")
    old = time.time() - 60
    for path in content.rglob("*"):
        os.utime(path, (old, old), follow_symlinks=False)
    (content / "news" / "2026" / "11-26-story-2026" / "index.ky.md").write_text("just saved")  # unsettled
    alone, shared = list_content(content), list_content(content, shared=True)
    assert len(alone) == 1 + 3 + 3 * 17 * 2 and shared == alone
    assert alone["news/2026/11-26-story-2026"].stamp == UNSETTLED and alone["news/2020"].links == ("link",)
