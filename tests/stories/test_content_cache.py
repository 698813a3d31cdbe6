"""Parsed files come from the content cache only if the same parsing code made them.

The cache (cache/parsed.pickle: the parser that made it, and path ->
(size and mtime, ParsedFile), kept with its checksum by portal.core.sealed)
is edited here the way a change of code would leave it: a cache made by
other parsing code (another sanitizer, another Markdown extension) must be
parsed again, while one made by this code is used as it is; a cache whose
classes no longer import (saved before a module moved) is dropped.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest

import fixture_site as fx
from portal.core import sealed
from portal.stories.generator import PARSED
from portal.stories.packed import PackedHtml
from sites import FixtureSite, assert_built

STALE = "<p>Эски кэштен калган текст.</p>"


def poison_cache(site: FixtureSite, salt: str | None = None) -> None:
    """Give the cached Kyrgyz bus-lanes file another HTML, and the cache another parser's salt if given."""
    kept_salt, entries = sealed.load(site.cache / PARSED)
    key = str(site.content / fx.BUS_LANES.id / "index.ky.md")
    stamp, parsed = entries[key]
    entries[key] = (stamp, replace(parsed, html=PackedHtml.pack(STALE)))
    sealed.save(site.cache / PARSED, (salt or kept_salt, entries))


@pytest.fixture
def built(tmp_path) -> FixtureSite:
    site = FixtureSite(tmp_path / "site")
    fx.populate(site)
    assert_built(site.build(output=tmp_path / "one"))
    return site


def test_a_file_parsed_by_this_code_comes_from_the_cache(built, tmp_path):
    poison_cache(built)
    result = built.build(output=tmp_path / "two")
    assert_built(result)
    assert STALE in result.file(fx.BUS_LANES.urls["ky"]).read_text(encoding="utf-8")


def test_a_file_parsed_by_other_code_is_parsed_again(built, tmp_path):
    poison_cache(built, salt="an older sanitizer")
    result = built.build(output=tmp_path / "two")
    assert_built(result)
    page = result.file(fx.BUS_LANES.urls["ky"]).read_text(encoding="utf-8")
    assert STALE not in page
    assert fx.BUS_LANES_SENTENCE["ky"] in page


def test_a_cache_of_classes_that_have_since_moved_is_dropped(built, tmp_path):
    """A cache saved before the parsing modules moved (here: from stories/ to portal/stories/) names
    classes that no longer import: whole and checksummed, it is still dropped, never a traceback."""
    payload = b"cstories.reading\nParsedFile\n)\x81."  # the old module path
    (built.cache / PARSED).write_bytes(sealed.HEADER + hashlib.blake2b(payload, digest_size=sealed.DIGEST_SIZE).digest()
                                       + payload)
    result = built.build(output=tmp_path / "two")
    assert_built(result)
    assert fx.BUS_LANES_SENTENCE["ky"] in result.file(fx.BUS_LANES.urls["ky"]).read_text(encoding="utf-8")
