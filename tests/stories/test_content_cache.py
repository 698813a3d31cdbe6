"""Parsed files come from the cache only if the same parsing code made them from the same files.

The cache (cache/parsed/, portal.core.state.Shards: each story folder's
parsed files under its folder's stamp, in files salted with
reading.PARSER) is edited here the way other code or a damaged disk would
leave it. Each build goes to a fresh site folder, which reads every story
folder: the parsed files are what it reads them from.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from dataclasses import replace

import fixture_site as fx
from portal.core import sealed
from portal.core.state import story_shard
from portal.stories.packed import PackedHtml
from sites import FixtureSite, assert_built

STALE = "<p>Эски кэштен калган текст.</p>"


def shard(site: FixtureSite, suffix: str):
    return site.cache / "parsed" / f"{story_shard(fx.BUS_LANES.id)}.{suffix}"


def poison_cache(site: FixtureSite) -> None:
    """Give the cached Kyrgyz bus-lanes file another HTML."""
    bodies = sealed.load(shard(site, "body"))
    parsed = pickle.loads(bodies[fx.BUS_LANES.id])
    parsed["index.ky.md"] = replace(parsed["index.ky.md"], html=PackedHtml.pack(STALE))
    bodies[fx.BUS_LANES.id] = pickle.dumps(parsed)
    sealed.save(shard(site, "body"), bodies)


def built(tmp_path) -> FixtureSite:
    """The fixture site, built once; its files dated a minute back (a folder written just before a
    build is never cached: see portal.core.inputs)."""
    site = FixtureSite(tmp_path / "site")
    fx.populate(site)
    for path in site.content.rglob("*"):
        os.utime(path, (time.time() - 60, time.time() - 60))
    assert_built(site.build(output=tmp_path / "one"))
    return site


def page(site: FixtureSite, output) -> str:
    result = site.build(output=output)
    assert_built(result)
    return result.file(fx.BUS_LANES.urls["ky"]).read_text(encoding="utf-8")


def test_a_file_parsed_by_this_code_comes_from_the_cache(tmp_path):
    site = built(tmp_path)
    poison_cache(site)
    assert STALE in page(site, tmp_path / "two")


def test_a_file_parsed_by_other_code_is_parsed_again(tmp_path):
    site = built(tmp_path)
    poison_cache(site)
    sealed.save(site.cache / "parsed" / "salt", b"an older sanitizer")
    text = page(site, tmp_path / "two")
    assert STALE not in text
    assert fx.BUS_LANES_SENTENCE["ky"] in text


def test_a_damaged_cache_file_is_parsed_again(tmp_path):
    """A cache file cut short, or of classes that have since moved, is dropped and made again."""
    site = built(tmp_path)
    shard(site, "body").write_bytes(shard(site, "body").read_bytes()[:-40])
    assert fx.BUS_LANES_SENTENCE["ky"] in page(site, tmp_path / "two")
    shard(site, "body").write_bytes(b"body\n" + b"\0" * 16 + b"cstories.reading\nParsedFile\n)\x81.")
    assert fx.BUS_LANES_SENTENCE["ky"] in page(site, tmp_path / "three")


def test_a_cache_of_classes_that_have_since_moved_is_dropped(tmp_path):
    """A cache saved before the parsing modules moved (here: from stories/ to portal/stories/) names
    classes that no longer import: whole and checksummed, it is still dropped, never a traceback."""
    site = built(tmp_path)
    payload = b"cstories.reading\nParsedFile\n)\x81."  # the old module path
    shard(site, "body").write_bytes(sealed.HEADER + hashlib.blake2b(payload, digest_size=sealed.DIGEST_SIZE).digest()
                                    + payload)
    assert fx.BUS_LANES_SENTENCE["ky"] in page(site, tmp_path / "two")
