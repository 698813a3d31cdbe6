"""Caches are disposable, and the site is its own: what a damaged cache file or a shared inode cannot do.

One build of the feeds fixture site (photos, officials' portraits, a video
with captions, a recording, the search index) and of a video whose index
comes last fills the cache; each test works on a copy. One file of every
kind the build keeps in its cache (the parsed Markdown, the compiled
templates, the fingerprints, the permalink copy, recording verdicts and the
fast-start copy, photo hashes, probes, renditions, cleaned originals, press
kits, portraits, every kind of search bundle file and record: over forty
kinds) is damaged, in one way per test: missing, empty, cut in half, or
one byte changed. Each kind is checked on its own (no check trusts another
file), so damaging them together hides none. The next build must succeed,
make every damaged file anew, say so in at most one line of its log (at
--verbose) for each, and publish exactly what the first build did.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
from pathlib import Path

import pytest

import feeds_fixture
from helpers import ROOT
from portal.core import sealed
from portal.search.indexing import MANIFEST
from sites import FixtureSite, assert_built


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def kind(relative: str) -> str:
    """What a cache file is, whatever its story, photo or digest: `photos/sources/#/#/#-#.webp`."""
    parts = [re.sub(r"\d+", "#", "#" if re.fullmatch(r"[0-9a-f]{2,}", part) else re.sub(r"[0-9a-f]{7,}", "#", part))
             for part in relative.split("/")]
    return "/".join(parts)


def one_of_each_kind(cache: Path) -> list[Path]:
    found: dict[str, Path] = {}
    for path in sorted(cache.rglob("*")):
        if path.is_file():
            found.setdefault(kind(path.relative_to(cache).as_posix()), path)
    return list(found.values())


def damage(path: Path, how: str) -> bytes | None:
    """Damage the file; its bytes afterwards (None: it is gone)."""
    data = path.read_bytes()
    if how == "missing":
        path.unlink()
        return None
    damaged = {"empty": b"", "truncated": data[:len(data) // 2],
               "altered": data[:len(data) // 2] + bytes([data[len(data) // 2] ^ 0x55]) + data[len(data) // 2 + 1:]
               if data else b"x"}[how]
    with path.open("r+b") as file:  # in place, as a failing disk or a stray program would
        file.write(damaged)
        file.truncate()
    return damaged


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> FixtureSite:
    site = FixtureSite(tmp_path_factory.mktemp("cached") / "site")
    feeds_fixture.populate(site)
    late = "video/2026/11-22-index-last"  # published with its index moved first: a copy kept in the cache
    shutil.copy(ROOT / "tests" / "media" / "clip-index-last.mp4", site.folder(late) / "clip.mp4")
    for lang in ("ky", "ru"):
        shutil.copy(feeds_fixture.CLIP / f"captions.{lang}.vtt", site.folder(late) / f"captions.{lang}.vtt")
    site.photo(late, "still.jpg", size=(320, 180))
    site.describe_photos(late, {"still.jpg": {"alt": {"ky": "Кадр", "ru": "Кадр"}, "credit": "Пресс-кызмат"}})
    for lang in ("ky", "ru"):
        site.story(late, lang, "Видео.", title={"ky": "Клип", "ru": "Клип"}[lang], date="2026-11-22 12:00",
                   slug="index-last", video="clip.mp4", poster="still.jpg")
    assert_built(site.build())
    return site


def copy_of(site: FixtureSite, tmp_path: Path) -> FixtureSite:
    shutil.copytree(site.root, tmp_path / "site", symlinks=True)
    return FixtureSite(tmp_path / "site", write_registries=False)


@pytest.mark.parametrize("how", ["missing", "empty", "truncated", "altered"])
def test_every_kind_of_damaged_cache_file_is_made_again_and_never_published(built, tmp_path, monkeypatch, how):
    monkeypatch.setenv("COLUMNS", "100000")  # each record of the log on one line
    site = copy_of(built, tmp_path)
    published = tree(site.root / "output")
    damaged = {path: damage(path, how) for path in one_of_each_kind(site.cache)}
    assert len(damaged) > 40, sorted(kind(p.relative_to(site.cache).as_posix()) for p in damaged)
    again = site.build(options=["--verbose"])
    assert_built(again)
    assert tree(again.output) == published
    lines = again.text.splitlines()
    assert not [line for line in lines if "WARNING" in line or "ERROR" in line], again.text
    notices = [line.split("INFO", 1)[1].strip() for line in lines if "made anew" in line or "indexed anew" in line]
    assert notices or how == "missing", "a damaged cache file is noticed in the log"
    repeated = sorted({notice for notice in notices if notices.count(notice) > 1})
    assert not repeated and len(notices) <= len(damaged), "at most one line for each damaged file"
    left = [path.relative_to(site.cache).as_posix() for path, data in damaged.items()
            if data is not None and path.is_file() and path.read_bytes() == data]
    assert not left, f"kept as damaged: {left}"


def test_stray_files_in_the_cached_search_index_are_neither_published_nor_kept(built, tmp_path):
    """What two colliding builds used to leave in cache/pagefind/ (issue 16): a file in a bundle that
    Pagefind did not make, a bundle no chunk has, a staging folder."""
    site = copy_of(built, tmp_path)
    published = tree(site.root / "output")
    index = site.cache / "pagefind"
    bundle = next(path for path in sorted(index.iterdir()) if path.is_dir())
    strays = [bundle / "fragment" / "ru_0000000.pf_fragment", bundle / "stray.js",
              index / ("0" * 32) / "pagefind.js", index / "staging" / ("0" * 32) / "pagefind.js"]
    for path in strays:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"left by another build")
    again = site.build()
    assert_built(again)
    assert tree(again.output) == published
    assert not [path for path in strays if path.exists()]


def test_no_published_file_shares_storage_with_a_cache_file(built, tmp_path):
    site = copy_of(built, tmp_path)
    again = site.build(output=tmp_path / "public")
    assert_built(again)
    shared = [p.relative_to(again.output).as_posix() for p in again.output.rglob("*")
              if p.is_file() and p.stat().st_nlink != 1]
    assert not shared
    rendition = next(again.output.glob(f"media/{feeds_fixture.FILM.id}/poster-*.webp"))
    cached = {p: p.read_bytes() for p in site.cache.rglob("*.webp")}
    published = rendition.read_bytes()
    rendition.write_bytes(b"edited on the server")
    assert {p: p.read_bytes() for p in site.cache.rglob("*.webp")} == cached
    assert_built(site.build(output=again.output))
    assert rendition.read_bytes() == published


def test_a_search_bundle_touched_but_whole_is_kept(built, tmp_path, monkeypatch):
    """A bundle's manifest lists each file's SHA-256 with its size and modification time: a file
    whose time changed (a copy, a restore from backup) is read again, found whole, and kept."""
    monkeypatch.setenv("COLUMNS", "100000")
    site = copy_of(built, tmp_path)
    bundle = next(path for path in sorted((site.cache / "pagefind").iterdir()) if path.is_dir())
    before = {path: path.read_bytes() for path in bundle.rglob("*") if path.is_file()}
    for path in before:
        os.utime(path, ns=(0, 0))
    again = site.build(options=["--verbose"])
    assert_built(again)
    assert "indexed anew" not in again.text and "made anew" not in again.text
    assert {path: path.read_bytes() for path in bundle.rglob("*") if path.is_file() and path.name != MANIFEST} == {
        path: data for path, data in before.items() if path.name != MANIFEST}
    listed = sealed.load(bundle / MANIFEST)
    assert all(listed[path.relative_to(bundle).as_posix()][2] == 0 for path in before if path.name != MANIFEST)


def test_a_kept_page_changed_on_the_server_is_made_again(built, tmp_path):
    """The site's files are trusted by their size and modification time (portal.core.output)."""
    site = copy_of(built, tmp_path)
    again = site.build(output=tmp_path / "public")
    assert_built(again)
    page, kept = again.output / "ky" / "index.html", again.output / "ru" / "index.html"
    published, untouched = page.read_bytes(), kept.stat().st_ino
    with page.open("r+b") as file:  # in place, as a stray program would
        file.write(b"<!-- changed on the server -->")
    assert_built(site.build(output=again.output))
    assert page.read_bytes() == published
    assert kept.stat().st_ino == untouched


@pytest.mark.parametrize("umask", [0o022, 0o027], ids=["022", "027"])
def test_published_files_get_the_modes_of_the_umask_whatever_the_cache_and_content_modes(built, tmp_path, umask):
    site = copy_of(built, tmp_path)
    for path in [*site.cache.rglob("*"), *site.content.rglob("*")]:
        path.chmod(0o700 if path.is_dir() else 0o600)
    done = site.build(output=tmp_path / "public", setup=lambda: os.umask(umask))
    assert_built(done)
    modes = {p.relative_to(done.output).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in done.output.rglob("*")}
    wrong = {name: oct(mode) for name, mode in modes.items()
             if mode != (0o777 if (done.output / name).is_dir() else 0o666) & ~umask}
    assert not wrong
    assert stat.S_IMODE(done.output.stat().st_mode) == 0o777 & ~umask
    assert any(name.endswith(".mp4") for name in modes) and any(name.endswith(".zip") for name in modes)
