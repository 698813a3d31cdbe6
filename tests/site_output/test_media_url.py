"""PORTAL_MEDIA_URL: media served from object storage or a CDN, everywhere the site names them.

The feeds fixture site (photos, a press kit, PDFs, a film with captions and
a poster, a podcast episode) built with the media at another address: every
page, feed and zip link names them there, the Content-Security-Policy
admits that address and no other, and `check` resolves those addresses in
the built media/ folder (which is what gets copied to the storage).
"""

from __future__ import annotations

import json
from urllib.parse import unquote, urlsplit

import feedparser
import pytest

import feeds_fixture
import fixture_site as fx
from helpers import jsonld, references
from sites import FixtureSite, assert_built
from workflow.links import check as check_links

MEDIA = "https://media.example.org/files"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    fixture = FixtureSite(tmp_path_factory.mktemp("media-url"))
    feeds_fixture.populate(fixture)
    result = fixture.build(siteurl="https://meria.kg", PORTAL_MEDIA_URL=MEDIA)
    assert_built(result)
    return result


def media_file(built, url: str):
    """The built file an address under MEDIA names (what the storage serves there)."""
    return built.output / "media" / unquote(urlsplit(url).path.removeprefix("/files/"))


def test_every_page_loads_and_links_media_from_the_media_address(built):
    """(But the story whose editor wrote a /media/ address in the text: `check` refuses it, below.)"""
    loaded, linked = 0, 0
    written_by_hand = built.file(feeds_fixture.LINKS.urls["ru"])
    for page in built.html_files:
        if page == written_by_hand:
            continue
        doc = built.html("/" + page.relative_to(built.output).as_posix())
        for _tag, _attr, url in references(doc):
            assert "/media/" not in url or url.startswith(MEDIA + "/"), (page, url)
            if url.startswith(MEDIA):
                assert media_file(built, url).is_file(), url
                loaded += 1
        for a in doc.iter("a"):
            href = a.get("href") or ""
            if href.startswith(MEDIA):
                assert media_file(built, href).is_file(), href
                linked += 1
    assert loaded > 20 and linked > 5


def test_the_press_kit_the_originals_and_the_film_are_under_the_media_address(built):
    story = built.html(fx.BUS_LANES.urls["ky"])
    hrefs = [a.get("href") for a in story.iter("a")]
    assert any(h.startswith(MEDIA) and h.endswith("-photos.zip") for h in hrefs), hrefs
    film = built.html(feeds_fixture.FILM.urls["ru"])
    video = film.find(".//video")
    assert video.get("poster").startswith(MEDIA) and video.get("crossorigin") == "anonymous"
    assert all(t.get("src").startswith(MEDIA) for t in video.iter("track"))
    image = next(b["image"] for b in jsonld(story) if "image" in b)
    assert image and all(url.startswith(MEDIA) for url in image)


def test_the_content_security_policy_admits_the_media_address_for_images_and_recordings(built):
    policy = built.html(fx.BUS_LANES.urls["ru"]).xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')[0]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["img-src"] == f"'self' {MEDIA}/" and directives["media-src"] == f"'self' {MEDIA}/"
    assert directives["default-src"] == "'self'" and directives["script-src"] == "'self'"


def test_feed_enclosures_name_the_media_address_with_the_file_s_exact_length(built):
    podcast = feedparser.parse(built.file("/ky/audio/podcast.xml").read_bytes())
    enclosures = [e for entry in podcast.entries for e in entry.enclosures]
    assert enclosures
    for enclosure in enclosures:
        assert enclosure.href.startswith(MEDIA + "/")
        assert int(enclosure.length) == media_file(built, enclosure.href).stat().st_size
    items = json.loads(built.file("/ru/feed.json").read_text())["items"]
    assert any(i.get("image", "").startswith(MEDIA) for i in items)


def test_check_resolves_the_media_address_and_refuses_an_address_on_the_site(built):
    found = list(check_links(built.output, built.siteurl, lambda page: page, lambda page, url: None, MEDIA))
    assert [(f.message, f.file) for f in found if "media" not in str(f.message)] == []
    on_site = [f for f in found if "is not on the site: its media are served from" in str(f.message)]
    assert [f.file for f in on_site] == [feeds_fixture.LINKS.urls["ru"].lstrip("/") + "index.html"], found
    without = list(check_links(built.output, built.siteurl, lambda page: page, lambda page, url: None))
    assert any("from another site" in str(f.message) for f in without), "an address elsewhere is refused by default"
