"""Nothing embargoed or drafted reaches a feed, the calendar, the OPML or a sitemap,
in any format; the embargoed story reaches them all once its time has come.

The fixture's embargoed story (2026-11-27 09:00, after the build's clock)
and draft carry a unique marker in their folder, title, text and photo; the
embargoed one names the mayor, a unit and a topic, so it would be in those
feeds too.
"""

from __future__ import annotations

import json
import shutil

import pytest

import fixture_site as fx
from feedfiles import FILES, NS, parse_xml
from helpers import LANGS

SITEMAPS = ("sitemap.xml", "news-sitemap.xml", "robots.txt")
PARTS = "sitemap-*.xml"  # the files sitemap.xml indexes, at the site's root


def syndication_files(result) -> list:
    """Every feed, calendar, OPML and sitemap file of a built site."""
    found = [p for name in (*FILES, *SITEMAPS) for p in result.output.rglob(name)]
    assert len(found) > 100 and {p.name for p in found} == {*FILES, *SITEMAPS}
    parts = list(result.output.glob(PARTS))
    assert parts
    return sorted(found + parts)


@pytest.mark.parametrize("marker", [fx.EMBARGO_MARKER, fx.DRAFT_MARKER], ids=["embargoed", "draft"])
def test_no_trace_in_any_feed_format(feeds_site, marker):
    leaks = [p.relative_to(feeds_site.output).as_posix() for p in syndication_files(feeds_site)
             if marker.encode() in p.read_bytes()]
    assert not leaks


def test_the_embargo_lifts_in_every_format(feeds_site, tmp_path):
    copy = tmp_path / "later"
    shutil.copytree(feeds_site.fixture.root / "content", copy / "content")
    shutil.copytree(feeds_site.fixture.root / "data", copy / "data")
    later = type(feeds_site.fixture)(copy, write_registries=False).build(now="2026-11-27 09:00")
    assert later.returncode == 0, later.text
    for lang in LANGS:
        url = later.url(fx.EMBARGOED.urls[lang])
        for feed in (f"/{lang}/rss.xml", f"/{lang}/news/rss.xml", f"/{lang}/officials/mayor/rss.xml",
                     f"/{lang}/units/transport-roads/rss.xml", f"/{lang}/topics/transport/rss.xml"):
            first = parse_xml(later.file(feed)).find("channel/item")
            assert first.findtext("link") == url, f"{feed} does not open with the story published at 09:00"
        atom = parse_xml(later.file(f"/{lang}/atom.xml")).find("a:entry/a:link", NS)
        assert atom.get("href") == url
        assert json.loads(later.file(f"/{lang}/feed.json").read_text(encoding="utf-8"))["items"][0]["url"] == url
    news_sitemap = later.file("/news-sitemap.xml").read_text(encoding="utf-8")
    assert fx.EMBARGO_MARKER in news_sitemap
    assert any(fx.EMBARGO_MARKER in part.read_text(encoding="utf-8") for part in later.output.glob(PARTS))
    syndicated = list(syndication_files(later))
    assert syndicated and not [p for p in syndicated if fx.DRAFT_MARKER.encode() in p.read_bytes()]
