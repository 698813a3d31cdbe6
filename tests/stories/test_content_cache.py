"""Parsed files come from Pelican's content cache only if the same parsing code made them.

The cache (cache/StoriesGenerator, a pickle of path -> (stamp, ParsedFile))
is edited here the way a change of code would leave it: an entry made by
other parsing code (another sanitizer, another Markdown extension) must be
parsed again, while an entry made by this code is used as it is; a cache
saved by other parsing code whose classes no longer import is dropped.
"""

from __future__ import annotations

import pickle
from dataclasses import replace

import pytest

import fixture_site as fx
from portal.stories.packed import PackedHtml
from sites import FixtureSite, assert_built

STALE = "<p>Эски кэштен калган текст.</p>"


def poison_cache(site: FixtureSite, unversioned: bool = False, **changes) -> None:
    """Give the cached Kyrgyz bus-lanes file another HTML (and whatever `changes` say);
    `unversioned`: as a cache written before parsed files recorded their parser."""
    path = site.cache / "StoriesGenerator"
    entries = pickle.loads(path.read_bytes())
    key = str(site.content / fx.BUS_LANES.id / "index.ky.md")
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


def test_a_cache_of_classes_that_have_since_moved_is_dropped(tmp_path):
    """Pelican unpickles its content cache before the parser is checked: a cache saved before
    the parsing modules moved (here: from stories/ to portal/stories/) named classes that no
    longer import, which stopped the build with a traceback until someone deleted it."""
    site = FixtureSite(tmp_path / "site")
    fx.populate(site)
    assert_built(site.build(output=tmp_path / "one"))
    (site.cache / "StoriesGenerator").write_bytes(b"cstories.reading\nParsedFile\n)\x81.")  # the old module path
    (site.cache / "StoriesGenerator.parser").write_text("the parser before the move", encoding="ascii")
    result = site.build(output=tmp_path / "two")
    assert_built(result)
    assert fx.BUS_LANES_SENTENCE["ky"] in result.file(fx.BUS_LANES.urls["ky"]).read_text(encoding="utf-8")
