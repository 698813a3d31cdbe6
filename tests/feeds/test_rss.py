"""Every RSS file (story feeds, podcast, video feed) holds to the W3C validator's rules,
and carries what newsrooms and aggregators need."""

from __future__ import annotations

from collections import Counter
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import mutagen
import pytest
from PIL import Image

import feeds_fixture as ff
import fixture_site as fx
from feedfiles import (
    MIME,
    NS,
    RSS_FORMATS,
    SUFFIX_MIME,
    TAG_URI,
    files,
    html_problems,
    lang_of,
    parse_xml,
    rfc822_problems,
    served_file,
    url_path,
)
from helpers import LANGS

REGISTRIES = {"officials": fx.OFFICIALS, "units": fx.UNITS, "topics": fx.TOPICS}


def rss_files(site):
    return [p for fmt in RSS_FORMATS for p in files(site, fmt)]


def test_every_page_that_lists_stories_has_its_feeds(feeds_site):
    """All stories, each section, official, unit and topic, in each language and format."""
    expected = set()
    for lang in LANGS:
        pages = [f"/{lang}/"] + [f"/{lang}/{s}/" for s in fx.SECTIONS]
        pages += [f"/{lang}/{kind}/{entry}/" for kind, table in REGISTRIES.items() for entry in table]
        expected |= {page + name for page in pages for name in ("rss.xml", "atom.xml", "feed.json")}
        expected |= {f"/{lang}/audio/podcast.xml", f"/{lang}/video/videos.xml",
                     f"/{lang}/announcements/calendar.ics", f"/{lang}/feeds/feeds.opml"}
    missing = sorted(path for path in expected if not feeds_site.exists(path))
    assert not missing, f"feeds not built: {missing}"


def test_rss_channels_follow_the_validators_rules(feeds_site):
    problems = []
    checked = 0
    for path in rss_files(feeds_site):
        where = url_path(feeds_site, path)
        rss = parse_xml(path)
        channel = rss.find("channel")
        if rss.tag != "rss" or rss.get("version") != "2.0" or channel is None:
            problems.append(f"{where}: not an RSS 2.0 document")
            continue
        counts = Counter(child.tag for child in channel)
        for required in ("title", "link", "description"):
            if counts[required] != 1 or not (channel.findtext(required) or "").strip():
                problems.append(f"{where}: channel needs exactly one non-empty <{required}>")
        if channel.findtext("link") and not channel.findtext("link").startswith(feeds_site.siteurl + "/"):
            problems.append(f"{where}: channel link is not absolute")
        if channel.findtext("language") != lang_of(feeds_site, path):
            problems.append(f"{where}: <language> is {channel.findtext('language')!r}")
        self_links = channel.findall("atom:link[@rel='self']", NS)
        if [(a.get("href"), a.get("type")) for a in self_links] != [(feeds_site.url(where), "application/rss+xml")]:
            problems.append(f"{where}: atom:link rel=self is {[a.attrib for a in self_links]}")
        items = channel.findall("item")
        if items:
            problems += rfc822_problems(channel.findtext("lastBuildDate"), f"{where} lastBuildDate")
        checked += 1
    assert checked >= 2 * (1 + len(fx.SECTIONS) + len(fx.OFFICIALS) + len(fx.UNITS) + len(fx.TOPICS) + 2)
    assert not problems, "\n".join(problems)


def test_rss_items_follow_the_validators_rules(feeds_site):
    """Title and link; a guid that is a tag URI, not a permalink, unique in the feed; an RFC 822
    date; at most one enclosure, with an absolute URL, a MIME type and its exact length."""
    problems = []
    items = 0
    for path in rss_files(feeds_site):
        where = url_path(feeds_site, path)
        guids = Counter()
        for n, item in enumerate(parse_xml(path).iter("item"), start=1):
            here = f"{where} item {n}"
            items += 1
            if not (item.findtext("title") or "").strip():
                problems.append(f"{here}: no title")
            if not (item.findtext("link") or "").startswith(feeds_site.siteurl + "/"):
                problems.append(f"{here}: link {item.findtext('link')!r} is not absolute")
            guid = item.find("guid")
            if guid is None or guid.get("isPermaLink") != "false" or not TAG_URI.match(guid.text or ""):
                problems.append(f"{here}: guid {None if guid is None else (guid.attrib, guid.text)}")
            else:
                guids[guid.text] += 1
            problems += rfc822_problems(item.findtext("pubDate"), f"{here} pubDate")
            enclosures = item.findall("enclosure")
            if len(enclosures) > 1:
                problems.append(f"{here}: {len(enclosures)} enclosures (RSS allows one)")
            for enclosure in enclosures:
                problems += enclosure_problems(feeds_site, enclosure, here)
            for category in item.findall("category"):
                if not (category.get("domain") or "").startswith(feeds_site.siteurl + "/") or not category.text:
                    problems.append(f"{here}: category {category.attrib} {category.text!r}")
        problems += [f"{where}: guid {g} appears {c} times" for g, c in guids.items() if c > 1]
    assert items > 80
    assert not problems, "\n".join(problems)


def enclosure_problems(site, enclosure, where: str) -> list[str]:
    url, length, mime = enclosure.get("url"), enclosure.get("length"), enclosure.get("type")
    if not (url and length and mime):
        return [f"{where}: enclosure without url, length or type: {enclosure.attrib}"]
    if not url.startswith(site.siteurl + "/"):
        return [f"{where}: enclosure url {url} is not absolute"]
    file = served_file(site, url)
    problems = []
    if not file.is_file():
        return [f"{where}: enclosure {url} is not published"]
    if not length.isdigit() or int(length) != file.stat().st_size:
        problems.append(f"{where}: enclosure length {length}, the file has {file.stat().st_size} bytes")
    if not MIME.match(mime) or SUFFIX_MIME.get(file.suffix.lower()) != mime:
        problems.append(f"{where}: enclosure type {mime} for {file.name}")
    if mime.startswith("image/"):
        with Image.open(file) as image:
            if Image.MIME[image.format] != mime:
                problems.append(f"{where}: {file.name} is {image.format}, announced as {mime}")
    return problems


def test_item_html_is_what_the_validator_accepts_with_absolute_links(feeds_site):
    problems = []
    checked = 0
    for path in rss_files(feeds_site):
        for n, encoded in enumerate(parse_xml(path).iterfind(".//content:encoded", NS), start=1):
            problems += html_problems(encoded.text or "", f"{url_path(feeds_site, path)} item {n}")
            checked += 1
    assert checked > 80
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("lang", LANGS)
def test_every_item_has_the_full_text_summary_and_categories(feeds_site, lang):
    """The bus-lanes story in the all-stories feed: the whole text (HTML and plain), the summary,
    section, topic, official and unit, the photo as pages show it, the press kit's original with
    its credit, caption and licence, the correction."""
    item = item_by_link(feeds_site, f"/{lang}/rss.xml", fx.BUS_LANES.urls[lang])
    encoded = item.findtext("content:encoded", namespaces=NS)
    full_text = item.findtext("yandex:full-text", namespaces=NS)
    assert fx.BUS_LANES_SENTENCE[lang] in encoded
    heading = {"ky": "Эмне өзгөрөт", "ru": "Что изменится"}[lang]
    assert full_text.endswith(f"\n\n{heading}\n\n{fx.BUS_LANES_SENTENCE[lang]}"), "paragraphs, as plain text"
    assert full_text.count("\n\n") == 3 and "<" not in full_text
    assert fx.CORRECTION[lang] in encoded, "the correction note is part of the full text"
    assert item.findtext("description") == {"ky": "Автобустар эми тыгындарда турбайт.",
                                            "ru": "Автобусы больше не стоят в пробках."}[lang]
    categories = {(urlsplit(c.get("domain")).path.removeprefix(f"/{lang}/").strip("/") or "home", c.text)
                  for c in item.findall("category")}
    assert categories == {("home", fx.SECTIONS["news"][lang]), ("topics", fx.TOPICS["transport"]["name"][lang]),
                          ("officials", fx.OFFICIALS["mayor"]["name"][lang]),
                          ("units", fx.UNITS["transport-roads"]["name"][lang])}
    page = feeds_site.html(fx.BUS_LANES.urls[lang])
    assert item.find("enclosure").get("url") == page.xpath("//meta[@property='og:image']/@content")[0]
    (photo,) = item.findall("media:content", NS)
    original = feeds_site.url(f"/media/{fx.BUS_LANES.id}/lanes.jpg")
    assert photo.get("url") == original and photo.get("medium") == "image" and photo.get("type") == "image/jpeg"
    assert int(photo.get("fileSize")) == served_file(feeds_site, original).stat().st_size
    assert photo.findtext("media:credit", namespaces=NS) == fx.BUS_LANES_CREDIT[lang]
    assert photo.findtext("media:description", namespaces=NS) == {"ky": "Чүй проспекти, эртең менен",
                                                                  "ru": "Проспект Чуй, утро"}[lang]
    assert photo.find("media:license", NS).get("href") == "https://creativecommons.org/licenses/by/4.0/"


def test_links_in_the_text_are_made_absolute_and_page_wiring_removed(feeds_site):
    item = item_by_link(feeds_site, "/ru/rss.xml", ff.LINKS.urls["ru"])
    doc = item.findtext("content:encoded", namespaces=NS)
    assert f'href="{feeds_site.url("/ru/decisions/2026/parking-tariffs/")}"' in doc
    assert f'href="{feeds_site.url("/ru/news/")}"' in doc, "a ../../ link resolves against the story's address"
    assert f'src="{feeds_site.url(f"/media/{fx.BUS_LANES.id}/lanes.jpg")}"' in doc
    assert "Текст с атрибутами." in doc and "id=" not in doc and "class=" not in doc
    facts = item_by_link(feeds_site, "/ru/rss.xml", fx.BUDGET_BRIEFING.urls["ru"]).findtext("content:encoded",
                                                                                          namespaces=NS)
    assert fx.VENUE["ru"] in facts and "aria-" not in facts and "<picture" not in facts


def test_feeds_list_the_newest_stories_first_capped(feeds_site):
    for lang in LANGS:
        rss = parse_xml(feeds_site.file(f"/{lang}/rss.xml"))
        links = [i.findtext("link") for i in rss.iter("item")]
        dates = [parsedate_to_datetime(i.findtext("pubDate")) for i in rss.iter("item")]
        assert len(links) == ff.MAX_ITEMS, "the all-stories feed has more stories than the cap"
        assert dates == sorted(dates, reverse=True)
        home = feeds_site.html(f"/{lang}/")
        newest = [feeds_site.url(a) for a in home.xpath("//section[@aria-labelledby='latest-title']//h3/a/@href")]
        assert links[:3] == newest[:3], "the feed and the home page disagree on the newest stories"


def test_the_podcast_has_what_apple_podcasts_requires(feeds_site):
    for lang in LANGS:
        rss = parse_xml(feeds_site.file(f"/{lang}/audio/podcast.xml"))
        channel = rss.find("channel")
        assert channel.find("itunes:category", NS).get("text") == "Government"
        assert channel.findtext("itunes:explicit", namespaces=NS) == "false"
        assert channel.findtext("itunes:owner/itunes:email", namespaces=NS) == "press@meria.kg"
        artwork = channel.find("itunes:image", NS).get("href")
        assert channel.findtext("image/url") == artwork
        with Image.open(served_file(feeds_site, artwork)) as image:
            assert image.format in ("PNG", "JPEG") and image.width == image.height and 1400 <= image.width <= 3000
        (item,) = channel.findall("item")
        assert item.findtext("link") == feeds_site.url(ff.AUDIO.urls[lang])
        enclosure = item.find("enclosure")
        assert enclosure.get("type") == "audio/mpeg"
        assert int(enclosure.get("length")) == ff.SPOT.stat().st_size
        assert item.findtext("itunes:duration", namespaces=NS) == str(round(mutagen.File(ff.SPOT).info.length))
        cover = feeds_site.html(ff.AUDIO.urls[lang]).xpath("//meta[@property='og:image']/@content")[0]
        assert item.find("itunes:image", NS).get("href") == cover


def test_the_video_feed_encloses_videos_and_links_out_to_the_others(feeds_site):
    for lang in LANGS:
        items = {i.findtext("link"): i for i in parse_xml(feeds_site.file(f"/{lang}/video/videos.xml")).iter("item")}
        assert set(items) == {feeds_site.url(ff.FILM.urls[lang]), feeds_site.url(fx.VIDEO.urls[lang])}
        film = items[feeds_site.url(ff.FILM.urls[lang])]
        assert film.find("enclosure").get("type") == "video/mp4"
        clip = mutagen.File(ff.CLIP / "bus-lanes.mp4").info.length
        assert film.find("media:content", NS).get("duration") == str(round(clip))
        poster = feeds_site.html(ff.FILM.urls[lang]).xpath("//meta[@property='og:image']/@content")[0]
        assert film.find("media:thumbnail", NS).get("url") == poster
        linked = items[feeds_site.url(fx.VIDEO.urls[lang])]
        assert linked.find("enclosure") is None
        assert linked.find("media:player", NS).get("url") == fx.VIDEO_URL


def item_by_link(site, feed: str, story_path: str):
    for item in parse_xml(site.file(feed)).iter("item"):
        if item.findtext("link") == site.url(story_path):
            return item
    raise AssertionError(f"{story_path} is not in {feed}")
