"""The feeds in the build: reproducible bytes, and developers' setting mistakes reported plainly."""

from __future__ import annotations

import filecmp

import feeds_fixture
from feedfiles import FILES

SYNDICATION = (*FILES, "sitemap.xml", "sitemap-*.xml", "news-sitemap.xml", "robots.txt")


def test_building_twice_writes_the_same_feeds(make_site):
    """No build timestamps, a stable order: the same content gives the same bytes."""
    site = make_site()
    feeds_fixture.populate(site)
    first = site.build(output=site.root / "first")
    second = site.build(output=site.root / "second")
    assert first.returncode == 0 and second.returncode == 0, first.text + second.text
    names = sorted(p.relative_to(first.output) for name in SYNDICATION for p in first.output.rglob(name))
    assert len(names) > 100
    _, different, missing = filecmp.cmpfiles(first.output, second.output, names, shallow=False)
    assert not different and not missing


def test_a_wrong_feed_setting_stops_the_build_with_what_to_write(make_site):
    site = make_site()
    site.story("news/2026/11-26-bus-lanes", "ky", "Текст.", title="Автобус", date="2026-11-26 10:00")
    result = site.build(PORTAL_FEED_KINDS=["all", "sectoins"])
    assert result.returncode != 0
    assert "Traceback" not in result.text
    assert "The setting PORTAL_FEED_KINDS names 'sectoins', which is not one of all, sections" in result.text
    assert "Write, for example: PORTAL_FEED_KINDS = ['all', 'sections'" in result.text
