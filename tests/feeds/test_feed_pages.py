"""Pages point to their feeds: <link rel="alternate"> in <head>, the Feeds page, the OPML file."""

from __future__ import annotations

import pytest

import fixture_site as fx
from feedfiles import FILES, parse_xml, url_path
from helpers import LANGS, describe_violations, text_of

TYPES = {"rss.xml": "application/rss+xml", "atom.xml": "application/atom+xml", "feed.json": "application/feed+json"}


def advertised(site, page: str) -> dict[str, str]:
    """href → type of the feeds a page advertises."""
    links = site.html(page).xpath("//head/link[@rel='alternate'][@type]")
    return {link.get("href"): link.get("type") for link in links if link.get("title")}


def story_feeds(site, page: str) -> dict[str, str]:
    return {site.url(page + name): mime for name, mime in TYPES.items()}


@pytest.mark.parametrize("lang", LANGS)
def test_each_page_advertises_the_feeds_it_mirrors(feeds_site, lang):
    calendar = {feeds_site.url(f"/{lang}/announcements/calendar.ics"): "text/calendar"}
    expected = {
        f"/{lang}/": story_feeds(feeds_site, f"/{lang}/") | calendar,
        f"/{lang}/news/": story_feeds(feeds_site, f"/{lang}/news/"),
        f"/{lang}/officials/mayor/": story_feeds(feeds_site, f"/{lang}/officials/mayor/"),
        f"/{lang}/units/transport-roads/": story_feeds(feeds_site, f"/{lang}/units/transport-roads/"),
        f"/{lang}/topics/heating/": story_feeds(feeds_site, f"/{lang}/topics/heating/"),
        f"/{lang}/audio/": story_feeds(feeds_site, f"/{lang}/audio/")
        | {feeds_site.url(f"/{lang}/audio/podcast.xml"): "application/rss+xml"},
        # a page that mirrors no feed offers its language's all-stories feeds
        fx.BUS_LANES.urls[lang]: story_feeds(feeds_site, f"/{lang}/"),
        f"/{lang}/about/": story_feeds(feeds_site, f"/{lang}/"),
        fx.BUDGET_BRIEFING.urls[lang]: story_feeds(feeds_site, f"/{lang}/") | calendar,
    }
    for page, feeds in expected.items():
        assert feeds and advertised(feeds_site, page) == feeds, page
        for url in feeds:
            assert feeds_site.exists(url.removeprefix(feeds_site.siteurl)), f"{page} advertises {url}, not built"


def test_every_page_of_a_listing_advertises_its_feeds(site):
    """The shared site has two stories a page: /ky/news/page/2/ exists."""
    assert site.exists("/ky/news/page/2/")
    assert advertised(site, "/ky/news/page/2/") == story_feeds(site, "/ky/news/")


def test_the_language_chooser_advertises_both_languages(feeds_site):
    assert advertised(feeds_site, "/") == story_feeds(feeds_site, "/ky/") | story_feeds(feeds_site, "/ru/")


@pytest.mark.parametrize("lang", LANGS)
def test_the_feeds_page_lists_every_feed_of_its_language_with_what_it_is_for(feeds_site, lang):
    doc = feeds_site.html(f"/{lang}/feeds/")
    built = {url_path(feeds_site, p) for name in FILES for p in (feeds_site.output / lang).rglob(name)}
    linked = {href for href in doc.xpath("//main//a/@href")
              if href.startswith("/") and href.rsplit("/", 1)[-1] in FILES}
    assert linked == built
    items = doc.xpath("//main//li[contains(@class, 'feed-list__item')]")
    # one entry per page: the audio and video libraries and the announcements (with the calendar)
    # offer their story feeds beside the podcast, the video feed and the calendar, not once more
    assert len(items) == 1 + len(fx.SECTIONS) + len(fx.OFFICIALS) + len(fx.UNITS) + len(fx.TOPICS)
    names = [text_of(item.find_class("feed-list__name")[0]) for item in items]
    assert len(names) == len(set(names)), f"listed twice: {sorted({n for n in names if names.count(n) > 1})}"
    audio = next(item for item in items if item.xpath(f".//a[@href='/{lang}/audio/podcast.xml']"))
    assert {a.get("href").rsplit("/", 1)[-1] for a in audio.find_class("feed-list__file")} == \
        {"podcast.xml", "rss.xml", "atom.xml", "feed.json"}
    for item in items:
        explanation = item.xpath(".//*[contains(@class, 'feed-list__about')]")
        assert explanation and len(text_of(explanation[0])) > 10, text_of(item)
    assert doc.xpath("//main//a[starts-with(@href, 'webcal://')]/@href") == \
        [feeds_site.url(f"/{lang}/announcements/calendar.ics").replace("http://", "webcal://")]


@pytest.mark.parametrize("lang", LANGS)
def test_the_opml_file_holds_every_feed_a_reader_can_read(feeds_site, lang):
    opml = parse_xml(feeds_site.file(f"/{lang}/feeds/feeds.opml"))
    assert opml.get("version") == "2.0" and opml.findtext("head/title")
    listed = {o.get("xmlUrl") for o in opml.iter("outline") if o.get("xmlUrl")}
    readable = {feeds_site.url(url_path(feeds_site, p)) for name in ("rss.xml", "podcast.xml", "videos.xml")
                for p in (feeds_site.output / lang).rglob(name)}
    assert listed == readable
    titles = [o.get("title") for o in opml.iter("outline") if o.get("xmlUrl")]
    assert len(set(titles)) == len(titles) == len(listed)  # the podcast and the audio section's feed: two names
    for outline in opml.iter("outline"):
        if outline.get("xmlUrl"):
            assert outline.get("type") == "rss" and outline.get("text") and outline.get("language") == lang
            assert feeds_site.exists(outline.get("htmlUrl").removeprefix(feeds_site.siteurl))


def test_every_page_links_to_the_feeds_page_in_its_footer(feeds_site):
    checked = 0
    for page in feeds_site.html_files:
        relative = page.relative_to(feeds_site.output)
        if relative.parts[0] not in LANGS:
            continue
        doc = feeds_site.html("/" + relative.as_posix())
        assert f"/{relative.parts[0]}/feeds/" in doc.xpath("//footer//a/@href"), relative
        checked += 1
    assert checked > 80


@pytest.mark.parametrize("lang", LANGS)
def test_the_feeds_page_is_accessible(feeds_site, new_page, axe, lang):
    page = new_page()
    page.goto(feeds_site.url(f"/{lang}/feeds/"))
    violations = axe(page)
    assert not violations, describe_violations(violations)
    assert page.locator("h1").inner_text().strip()
