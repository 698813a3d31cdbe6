"""The site is updated in place: only what changed is written, and nothing at all by a build that stopped."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

import fixture_site as fx
from portal.core.output import Output
from portal.core.parallel import split
from sites import FixtureSite, assert_built


def state(site: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file of a site: its bytes, inode and modification time."""
    return {p.relative_to(site).as_posix(): (p.read_bytes(), p.stat().st_ino, p.stat().st_mtime_ns)
            for p in sorted(site.rglob("*")) if p.is_file()}


def tree(site: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(data)
    return site


@pytest.fixture
def fixture(tmp_path) -> FixtureSite:
    site = FixtureSite(tmp_path / "site")
    fx.populate(site)
    return site


def test_a_build_that_stops_while_writing_leaves_the_site_as_it_was(fixture, tmp_path, monkeypatch):
    first = fixture.build(output=tmp_path / "output")
    assert_built(first)
    before = state(first.output)
    path = fixture.content / fx.BUS_LANES.id / "index.ru.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nРаботы завершены досрочно.\n", encoding="utf-8")
    (fixture.content / fx.WATER.id / "index.ru.md").unlink()
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")  # the search index fails after the pages are written
    stopped = fixture.build(output=first.output)
    assert stopped.returncode != 0 and "Pagefind stopped" in stopped.text
    assert state(first.output) == before, "not a file changed, added or removed"

    monkeypatch.delenv("PAGEFIND_BINARY_PATH")
    again = fixture.build(output=first.output)
    assert_built(again)
    assert "Работы завершены досрочно." in again.file(fx.BUS_LANES.urls["ru"]).read_text(encoding="utf-8")
    assert not again.exists(fx.WATER.urls["ru"])
    assert not (tmp_path / ".output-staging").exists()


def test_a_changed_file_replaces_the_old_one_never_writing_through_it(tmp_path):
    cached = tree(tmp_path / "cache", {"photo.jpg": b"rendition"}) / "photo.jpg"
    site = tree(tmp_path / "site", {"index.html": b"old"})
    os.link(cached, site / "photo.jpg")  # as Output.place leaves a photo: one file with the cache's
    output = Output(site)
    output.write("index.html", b"new")
    output.write("photo.jpg", b"another photo")
    assert (site / "index.html").read_bytes() == b"old", "nothing reaches the site before the commit"
    output.commit()
    assert (site / "index.html").read_bytes() == b"new" and (site / "photo.jpg").read_bytes() == b"another photo"
    assert cached.read_bytes() == b"rendition"
    assert not output.staging.exists()


def test_the_same_bytes_keep_the_file_and_what_the_build_did_not_make_goes(tmp_path):
    site = tree(tmp_path / "site", {"index.html": b"home", "ru/old-story/index.html": b"taken down",
                                    "ru/index.html": b"ru home"})
    before = state(site)
    output = Output(site)
    output.write("index.html", b"home")
    assert output.keep("ru/index.html") and not output.keep("ky/index.html")
    output.commit()
    assert state(site) == {name: before[name] for name in ("index.html", "ru/index.html")}
    assert not (site / "ru" / "old-story").exists()


@pytest.mark.parametrize("before", ["no folder", "an empty folder"])
def test_a_first_build_makes_the_site_of_what_it_staged(tmp_path, before):
    site = tmp_path / "site"
    if before == "an empty folder":
        site.mkdir()
    output = Output(site)
    output.write("index.html", b"home")
    output.write("ru/news/index.html", b"news")
    assert not site.exists() or not any(site.iterdir()), "nothing reaches the site before the commit"
    output.commit()
    assert {name: data for name, (data, _, _) in state(site).items()} == {
        "index.html": b"home", "ru/news/index.html": b"news"}
    assert not output.staging.exists()


def test_a_site_folder_that_cannot_be_removed_gets_the_files_one_by_one(tmp_path, monkeypatch):
    """An empty site folder that is a mount point cannot be removed (no test machine can mount
    one, so the refusal is the system's error, raised here): the staged files move into it."""
    site = tmp_path / "site"
    site.mkdir()
    output = Output(site)
    output.write("ru/index.html", b"ru home")

    def refuse(folder: Path) -> None:
        raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), str(folder))

    monkeypatch.setattr(Path, "rmdir", refuse)
    output.commit()
    assert {name: data for name, (data, _, _) in state(site).items()} == {"ru/index.html": b"ru home"}
    assert not output.staging.exists()


def test_a_folder_takes_the_place_of_a_file_and_a_file_that_of_a_folder(tmp_path):
    site = tree(tmp_path / "site", {"news": b"a file", "feeds/rss.xml": b"<rss/>"})
    output = Output(site)
    output.write("news/index.html", b"news")
    output.write("feeds", b"a file now")
    output.commit()
    assert state(site).keys() == {"news/index.html", "feeds"}
    assert (site / "feeds").read_bytes() == b"a file now"


def test_a_new_build_clears_what_one_that_stopped_had_staged(tmp_path):
    site = tree(tmp_path / "site", {"index.html": b"home"})
    stopped = Output(site)
    stopped.write("index.html", b"never published")
    stopped.write("draft/index.html", b"never published")
    output = Output(site)
    output.write("index.html", b"home")
    output.commit()
    assert state(site).keys() == {"index.html"} and (site / "index.html").read_bytes() == b"home"


def test_files_kept_or_written_by_forked_workers_stay_once_claimed(tmp_path):
    names = [f"ky/{n}/index.html" for n in range(8)]
    site = tree(tmp_path / "site", dict.fromkeys(names[:4], b"page"))
    output = Output(site)

    def work(name: str) -> str:
        if not output.keep(name):
            output.write(name, b"new page")
        return name

    output.claim(split(names, work, processes=2))
    output.commit()
    assert state(site).keys() == set(names)
    assert [(site / name).read_bytes() for name in names] == [b"page"] * 4 + [b"new page"] * 4
