"""Real feed readers read every feed: feedparser (as aggregators do) and newsboat (Debian's
terminal feed reader), fetching from the served site."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from concurrent.futures import ThreadPoolExecutor

import feedparser
import pytest

from feedfiles import RSS_FORMATS, files, parse_xml, url_path

# feedparser's released versions (6.0) do not read JSON Feed: test_atom_json.py checks those.
VERSIONS = {"rss": "rss20", "podcast": "rss20", "video": "rss20", "atom": "atom10"}


def expected_ids(path, fmt: str) -> list[str]:
    if fmt == "atom":
        return [e.text for e in parse_xml(path).iterfind("{http://www.w3.org/2005/Atom}entry/"
                                                          "{http://www.w3.org/2005/Atom}id")]
    return [g.text for g in parse_xml(path).iter("guid")]


def test_feedparser_reads_every_feed_without_complaint(feeds_site):
    """Fetched over http from the served site, as an aggregator fetches them."""
    problems = []
    checked = 0
    for fmt in VERSIONS:
        for path in files(feeds_site, fmt):
            where = url_path(feeds_site, path)
            parsed = feedparser.parse(feeds_site.url(where))
            checked += 1
            if parsed.bozo:
                problems.append(f"{where}: bozo ({parsed.bozo_exception!r})")
            if parsed.version != VERSIONS[fmt]:
                problems.append(f"{where}: read as {parsed.version!r}")
            if [e.get("id") for e in parsed.entries] != expected_ids(path, fmt):
                problems.append(f"{where}: feedparser sees other entries")
            if parsed.feed.get("language") != path.relative_to(feeds_site.output).parts[0]:
                problems.append(f"{where}: language {parsed.feed.get('language')!r}")
    assert checked >= 68
    assert not problems, "\n".join(problems)


def test_feedparser_sees_enclosures_and_dates(feeds_site):
    parsed = feedparser.parse(feeds_site.url("/ru/audio/podcast.xml"))
    (entry,) = parsed.entries
    (enclosure,) = entry.enclosures
    assert enclosure.type == "audio/mpeg" and int(enclosure.length) > 0
    assert entry.published_parsed[:5] == (2026, 11, 25, 3, 0), "09:00 in Bishkek is 03:00 UTC"
    assert int(entry.itunes_duration) > 0


def newsboat_sees(url: str, home) -> list[tuple[str, str]]:
    """(guid, title) of every item newsboat stores after reloading one feed.

    One feed per run: newsboat keeps one copy of an item by guid across all
    its feeds, and our stories are rightly in several feeds with one guid.
    """
    home.mkdir()
    (home / "urls").write_text(url + "\n", encoding="utf-8")
    (home / "config").write_text("download-timeout 20\n", encoding="utf-8")
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home), "XDG_DATA_HOME": str(home)}
    done = subprocess.run(["newsboat", "-u", str(home / "urls"), "-c", str(home / "cache.db"), "-C",
                           str(home / "config"), "-x", "reload"], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(home / "cache.db") as db:
        return db.execute("SELECT guid, title FROM rss_item WHERE feedurl = ? ORDER BY pubDate DESC, guid",
                          (url,)).fetchall()


@pytest.mark.skipif(shutil.which("newsboat") is None, reason="newsboat is installed by `make test`")
def test_newsboat_reads_every_rss_feed(feeds_site, tmp_path):
    feeds = [p for fmt in RSS_FORMATS for p in files(feeds_site, fmt)]
    urls = [feeds_site.url(url_path(feeds_site, p)) for p in feeds]
    with ThreadPoolExecutor(max_workers=4) as pool:
        seen = list(pool.map(newsboat_sees, urls, [tmp_path / str(n) for n in range(len(urls))]))
    problems = []
    for path, url, items in zip(feeds, urls, seen, strict=True):
        expected = sorted((i.findtext("guid"), i.findtext("title")) for i in parse_xml(path).iter("item"))
        if sorted(items) != expected:
            problems.append(f"{url}: newsboat has {len(items)} items, the feed {len(expected)}")
    assert sum(map(len, seen)) > 80
    assert not problems, "\n".join(problems)
