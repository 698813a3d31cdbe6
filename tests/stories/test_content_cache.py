"""Parsed files come from Pelican's content cache only if the same parsing code made them.

The cache (cache/StoriesGenerator, a pickle of path -> (stamp, ParsedFile))
is edited here the way a change of code would leave it: an entry made by
other parsing code (another sanitizer, another Markdown extension) must be
parsed again, while an entry made by this code is used as it is.
"""

from __future__ import annotations

import pickle
from dataclasses import replace

import pytest

import fixture_site as fx
from sites import FixtureSite, assert_built
from stories.packed import PackedHtml

STALE = "<p>Эски кэштен калган текст.</p>"


def poison_cache(site: FixtureSite, unversioned: bool = False, **changes) -> None:
    """Give the cached Kyrgyz bus-lanes file another HTML (and whatever `changes` say);
    `unversioned`: as a cache written before parsed files recorded their parser."""
    path = site.cache / "StoriesGenerator"
    entries = pickle.loads(path.read_bytes())
    key = str(site.content / fx.BUS_LANES.id / "ky.md")
    stamp, parsed = entries[key]
    poisoned = replace(parsed, html=PackedHtml.pack(STALE), **changes)
    if unversioned:
        del poisoned.parser
    entries[key] = (stamp, poisoned)
    path.write_bytes(pickle.dumps(entries))


def test_a_file_parsed_by_this_code_comes_from_the_cache(tmp_path):
    site = FixtureSite(tmp_path / "site")
    fx.populate(site)
    assert_built(site.build(output=tmp_path / "one"))
    poison_cache(site)
    result = site.build(output=tmp_path / "two")
    assert_built(result)
    assert STALE in result.file(fx.BUS_LANES.urls["ky"]).read_text(encoding="utf-8")


@pytest.mark.parametrize("older", [{"parser": "an older sanitizer"}, {"unversioned": True}],
                         ids=["other parser", "no parser recorded"])
def test_a_file_parsed_by_other_code_is_parsed_again(tmp_path, older):
    site = FixtureSite(tmp_path / "site")
    fx.populate(site)
    assert_built(site.build(output=tmp_path / "one"))
    poison_cache(site, **older)
    result = site.build(output=tmp_path / "two")
    assert_built(result)
    page = result.file(fx.BUS_LANES.urls["ky"]).read_text(encoding="utf-8")
    assert STALE not in page
    assert fx.BUS_LANES_SENTENCE["ky"] in page
