"""Search: how the index is built — from the stories, while the pages render, kept while they do not change.

The index is read through its fragments (one gzip file per indexed story);
each build writes a fresh folder and is told the site it replaces, as
tasks.py does.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

import fixture_site as fx
from conftest import FixtureSite, assert_built
from helpers import LANGS, page_text, text_of
from search.records import text_of as blocks_of


@pytest.fixture
def fixture(tmp_path) -> FixtureSite:
    site = FixtureSite(tmp_path / "site")
    fx.populate(site)
    return site


def fragments(output: Path) -> dict[str, dict]:
    found = {}
    for path in (output / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])
        found[data["url"]] = data
    return found


def bundle(output: Path) -> dict[str, int]:
    """The index's files and their inodes."""
    return {p.relative_to(output).as_posix(): p.stat().st_ino for p in (output / "pagefind").rglob("*") if p.is_file()}


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


def test_the_index_is_in_the_site_once_with_both_languages(site):
    entry = json.loads((site.output / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == set(LANGS)
    for lang in LANGS:
        pages = sum(1 for url in fragments(site.output) if url.startswith(f"/{lang}/"))
        assert entry["languages"][lang]["page_count"] == pages
        assert list((site.output / "pagefind").glob(f"pagefind.{entry['languages'][lang]['hash']}.pf_meta"))
    assert not list((site.output / "pagefind").glob("pagefind-ui.*")), "Pagefind's own UI is not served"


def test_a_rebuild_that_changes_no_story_keeps_the_index_without_running_pagefind(fixture, tmp_path, monkeypatch):
    first = fixture.build(output=tmp_path / "one")
    assert_built(first)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/nonexistent/pagefind")  # Pagefind cannot start now
    second = fixture.build(output=tmp_path / "two", PORTAL_PREVIOUS_OUTPUT=str(first.output), PORTAL_PAGE_SIZE=3)
    assert_built(second)
    assert bundle(second.output) == bundle(first.output), "every index file is linked from the previous site"


def test_same_stories_give_the_same_index_bytes(fixture, tmp_path):
    first = fixture.build(output=tmp_path / "one")
    assert_built(first)
    again = fixture.build(output=tmp_path / "two")
    assert_built(again)
    read = lambda output: {name: (output / name).read_bytes() for name in bundle(output)}  # noqa: E731
    assert read(again.output) == read(first.output)


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
