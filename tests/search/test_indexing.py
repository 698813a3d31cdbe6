"""Search: how the index is built — from the stories, while the pages render, kept while they do not change.

The index is read through its fragments (one gzip file per indexed story);
a rebuild updates the site in place, as every build does (portal/core/output.py).
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from itertools import pairwise
from pathlib import Path
from types import SimpleNamespace

import pytest

import fixture_site as fx
from helpers import LANGS, page_text, search_fragment, search_fragment_files, text_of
from portal.core import sealed
from portal.search.indexing import RECENT_PARTS, bounds, chunked
from portal.search.records import text_of as blocks_of
from sites import FixtureSite, assert_built


@pytest.fixture
def fixture(tmp_path) -> FixtureSite:
    site = FixtureSite(tmp_path / "site")
    fx.populate(site)
    return site


def fragments(output: Path) -> dict[str, dict]:
    """Every indexed story by its address: {"url", "content", "meta", "filters", ...}."""
    return {data["url"]: data for data in map(search_fragment, search_fragment_files(output))}


def bundle(output: Path) -> dict[str, int]:
    """The index's files and their inodes."""
    return {p.relative_to(output).as_posix(): p.stat().st_ino for p in (output / "pagefind").rglob("*") if p.is_file()}


def read_bundle(output: Path) -> dict[str, bytes]:
    """The index's files and their bytes."""
    return {name: (output / name).read_bytes() for name in bundle(output)}


def test_a_result_shows_what_the_story_page_shows(site):
    """Title, date and section of a result are the page's own; its text is the story's, without the page's chrome."""
    for lang in LANGS:
        page = site.html(fx.BUS_LANES.urls[lang])
        found = fragments(site.output)[fx.BUS_LANES.urls[lang]]
        assert found["meta"]["title"] == text_of(page.xpath("//h1")[0])
        assert " ".join(found["meta"]["date"].split()) in " ".join(page_text(page).split())
        assert found["meta"]["section"] == fx.SECTIONS["news"][lang]
        assert found["content"].startswith(fx.BUS_LANES.titles[lang])
        assert text_of(page.xpath('//a[@hreflang]')[0]) not in found["content"], "the language switch is chrome"


def test_each_language_is_indexed_in_chunks_listed_for_search_js(site):
    """chunks.json lists each language's chunks; each chunk is a whole Pagefind bundle of one language."""
    bundle = site.output / "pagefind"
    table = json.loads((bundle / "chunks.json").read_text(encoding="utf-8"))
    assert set(table) == set(LANGS)
    listed = sorted(chunk for chunks in table.values() for chunk in chunks)
    assert sorted(p.name for p in bundle.iterdir() if p.is_dir()) == listed
    for lang, chunks in table.items():
        counts = []
        for chunk in chunks:
            entry = json.loads((bundle / chunk / "pagefind-entry.json").read_text(encoding="utf-8"))
            assert list(entry["languages"]) == [lang]
            counts.append(entry["languages"][lang]["page_count"])
            assert (bundle / chunk / "pagefind-worker.js").is_file()
        assert sum(counts) == sum(1 for url in fragments(site.output) if url.startswith(f"/{lang}/"))
        assert max(counts) == 3, "PORTAL_SEARCH_CHUNK=3 in the shared site"
    assert (bundle / "pagefind.js").read_bytes() == (bundle / table["ky"][0] / "pagefind.js").read_bytes()
    assert not list(bundle.rglob("pagefind-ui.*")), "Pagefind's own UI is not served"


def test_no_file_of_the_index_is_empty(site):
    """Pagefind answers before its own writes are done: a bundle written by it and then cut short
    had empty files (pagefind-entry.json, the worker, the WebAssembly), which broke the search page."""
    files = [p for p in (site.output / "pagefind").rglob("*") if p.is_file()]
    assert len(files) > 20
    assert [p.relative_to(site.output).as_posix() for p in files if p.stat().st_size == 0] == []


def test_the_chunks_follow_the_date_oldest_first():
    def story(day: int, lang: str = "ky") -> SimpleNamespace:  # what chunked() reads of a story's Summary
        return SimpleNamespace(url=f"/{lang}/{day}/", date=datetime(2026, 3, day, 10, 0), digest=f"{day}".encode())

    chunks = chunked({"ky": [story(d) for d in (9, 2, 7, 4, 1, 12, 10, 5)], "ru": [story(3, "ru")]}, 2 * RECENT_PARTS)
    assert [(c.name, [s.url for s in c.stories]) for c in chunks] == [  # the newest four in smaller chunks
        ("ky-0", ["/ky/1/", "/ky/2/", "/ky/4/", "/ky/5/"]), ("ky-1", ["/ky/7/", "/ky/9/"]),
        ("ky-2", ["/ky/10/", "/ky/12/"]), ("ru-0", ["/ru/3/"])]


def test_the_newest_stories_are_indexed_in_small_chunks_whose_bounds_never_move():
    """Chunks of 12, but the newest 12 to 23 stories in smaller chunks: a new story changes
    the newest chunk only, until the small chunks make two chunks' worth and the oldest
    of them become one chunk of 12."""
    part = 12 // RECENT_PARTS
    assert 1 < part < 12
    assert bounds(30, 12) == [(0, 12), *((start, min(start + part, 30)) for start in range(12, 30, part))]
    assert bounds(5, 12) == [(start, min(start + part, 5)) for start in range(0, 5, part)]
    for count in range(1, 80):
        before, after = bounds(count, 12), bounds(count + 1, 12)
        assert after[0][0] == 0 and after[-1][1] == count + 1
        assert all(end == start for (_, end), (start, _) in pairwise(after)), "every story in one chunk"
        assert all(end - start in (part, 12) for start, end in after[:-1])
        moved = [chunk for chunk in after[:-1] if chunk not in before]
        if moved:  # only small chunks becoming one of 12
            (start, end), = moved
            assert end - start == 12 and [chunk for chunk in before if start <= chunk[0] < end] == [
                (first, first + part) for first in range(start, end, part)], f"{count} → {count + 1}"


def test_an_edited_story_reindexes_only_its_chunk(fixture, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100000")  # Pelican's console: one message, one line
    first = fixture.build(output=tmp_path / "output", PORTAL_SEARCH_CHUNK=3)
    assert_built(first)
    before = bundle(first.output)
    story = fixture.root / "content" / fx.BUS_LANES.id / "index.ru.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nДобавлено: полосы обозначены краской.\n", encoding="utf-8")
    second = fixture.build(output=first.output, PORTAL_SEARCH_CHUNK=3, options=["--verbose"])
    assert_built(second)
    assert "chunks built" in second.text and "damaged" not in second.text, "a new chunk's bundle is not a damaged one"
    after = bundle(second.output)
    changed = {name.split("/")[1] for name, inode in after.items() if before.get(name) != inode}
    holding = {path.parts[-3] for path in search_fragment_files(second.output)
               if search_fragment(path)["url"] == fx.BUS_LANES.urls["ru"]}
    assert len(list((second.output / "pagefind").glob("ru-*"))) > 2
    assert changed == holding, "the other chunks, chunks.json and pagefind.js are kept as they were"
    assert "краской" in fragments(second.output)[fx.BUS_LANES.urls["ru"]]["content"]


def test_an_edit_indexes_what_a_clean_build_would(fixture, tmp_path):
    """The re-indexed chunk reuses its other stories' records from the last build: the index
    after an edit holds exactly what a build from scratch of the edited content holds."""
    first = fixture.build(output=tmp_path / "output", PORTAL_SEARCH_CHUNK=3)
    assert_built(first)
    story = fixture.root / "content" / fx.SNOW.id / "index.ky.md"
    added = "\nКар күнү-түнү тазаланат, боёк менен белгиленген жерлерде токтоого болбойт.\n"
    story.write_text(story.read_text(encoding="utf-8") + added, encoding="utf-8")
    edited = fixture.build(output=first.output, PORTAL_SEARCH_CHUNK=3)
    assert_built(edited)
    shutil.rmtree(fixture.cache)
    scratch = fixture.build(output=tmp_path / "scratch", PORTAL_SEARCH_CHUNK=3)
    assert_built(scratch)
    assert "боёк" in fragments(edited.output)[fx.SNOW.urls["ky"]]["content"]
    assert fragments(edited.output) == fragments(scratch.output)


def test_an_edit_makes_the_record_of_the_edited_story_only(fixture, tmp_path):
    """The other stories of the chunk (the oldest, which is full) are indexed from the records the last build made
    (here one of them is marked, to show which record was used)."""
    first = fixture.build(output=tmp_path / "output", PORTAL_SEARCH_CHUNK=3)
    assert_built(first)
    chunk = next(path.parts[-3] for path in search_fragment_files(first.output)
                 if search_fragment(path)["url"] == fx.SNOW.urls["ru"])
    known = fixture.cache / "pagefind-records" / f"{chunk}.pickle"
    salt, records = sealed.load(known)
    assert len(records) > 1
    marked = {}
    for key, payload in records.items():
        request = json.loads(payload)
        if request["url"] != fx.SNOW.urls["ru"]:
            request["meta"]["title"] = "Помеченная запись"
            marked[request["url"]] = key
        records[key] = json.dumps(request, ensure_ascii=False).encode()
    sealed.save(known, (salt, records))
    story = fixture.root / "content" / fx.SNOW.id / "index.ru.md"
    added = "\nМеста, где стоянка запрещена, обозначены краской.\n"
    story.write_text(story.read_text(encoding="utf-8") + added, encoding="utf-8")
    second = fixture.build(output=first.output, PORTAL_SEARCH_CHUNK=3)
    assert_built(second)
    found = fragments(second.output)
    assert {url: found[url]["meta"]["title"] for url in marked} == dict.fromkeys(marked, "Помеченная запись")
    assert found[fx.SNOW.urls["ru"]]["meta"]["title"] == fx.SNOW.titles["ru"]
    assert "краской" in found[fx.SNOW.urls["ru"]]["content"]


def test_a_rebuild_that_changes_no_story_keeps_the_index_without_running_pagefind(fixture, tmp_path, monkeypatch):
    first = fixture.build(output=tmp_path / "output")
    assert_built(first)
    before = bundle(first.output)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/nonexistent/pagefind")  # Pagefind cannot start now
    second = fixture.build(output=first.output, PORTAL_PAGE_SIZE=3)
    assert_built(second)
    assert bundle(second.output) == before, "every index file is kept as it was"


def test_same_stories_give_the_same_index_bytes(fixture, tmp_path):
    first = fixture.build(output=tmp_path / "one")
    assert_built(first)
    again = fixture.build(output=tmp_path / "two")
    assert_built(again)
    assert read_bundle(again.output) == read_bundle(first.output)


def test_when_pagefind_fails_the_build_stops_with_a_message(fixture, tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")
    result = fixture.build(output=tmp_path / "out")
    assert result.returncode != 0
    assert "The search index was not built: Pagefind stopped" in result.text
    assert "Traceback" not in result.text


def test_a_storys_text_is_read_block_by_block():
    html = ("<h2>Маршруты</h2><p>Автобусы <b>№ 7</b> и 12</p><ul><li>Чуй</li><li>Манаса!</li></ul>"
            "<script>var x = 1;</script><p>a &lt; b &amp; c</p>")
    assert blocks_of(html) == ["Маршруты", "Автобусы № 7 и 12", "Чуй", "Манаса!", "a < b & c"]
