"""What the pages say: structured data, head metadata, decisions, announcements, stories."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from babel.messages.pofile import read_po
from PIL import Image

import fixture_site as fx
from helpers import LANGS, ROOT, jsonld, links, normalize, page_text, site_path, text_of, types_of

LOCALES = {"ky": "ky_KG", "ru": "ru_RU"}


def message(lang: str, msgid: str) -> str:
    """The theme's translation of a message (the label a reader sees)."""
    with (ROOT / "theme" / "translations" / lang / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po, locale=lang)
    entry = catalog.get(msgid)
    assert entry is not None and entry.string, f"{msgid!r} is not translated in the {lang} catalog"
    return entry.string


def all_pages(site, lang: str | None = None) -> list[str]:
    pages = ["/" + p.relative_to(site.output).as_posix() for p in site.html_files]
    return [p for p in pages if lang is None or p.startswith(f"/{lang}/")]


# --------------------------------------------------------------------------- head


def test_every_json_ld_block_parses(site):
    count = 0
    for url in all_pages(site):
        blocks = jsonld(site.html(url))  # json.loads raises on a broken block
        assert all(b.get("@context") == "https://schema.org" for b in blocks), url
        count += len(blocks)
    assert count >= len(fx.PUBLISHED)


@pytest.mark.parametrize("lang", LANGS)
def test_structured_data_of_home_story_and_announcement(site, lang):
    home = jsonld(site.html(f"/{lang}/"))
    assert "GovernmentOrganization" in types_of(home)

    story = [b for b in jsonld(site.html(fx.BUS_LANES.urls[lang])) if b.get("@type") == "NewsArticle"]
    assert len(story) == 1
    assert story[0]["headline"] == fx.BUS_LANES.titles[lang]
    assert story[0]["inLanguage"] == lang
    assert story[0]["url"] == site.url(fx.BUS_LANES.urls[lang])
    assert story[0]["datePublished"].startswith("2026-11-26T10:30")

    event = [b for b in jsonld(site.html(fx.BUDGET_BRIEFING.urls[lang])) if b.get("@type") == "Event"]
    assert len(event) == 1
    assert event[0]["startDate"].startswith("2026-11-28T10:00")
    assert event[0]["location"]["name"] == fx.VENUE[lang]
    cancelled = [b for b in jsonld(site.html(fx.CANCELLED.urls[lang])) if b.get("@type") == "Event"]
    assert cancelled[0]["eventStatus"] == "https://schema.org/EventCancelled"


ISO_DURATION = re.compile(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?")
# What Google's video results require of a VideoObject; a file's address (contentUrl) too.
VIDEO_REQUIRED = {"name", "thumbnailUrl", "uploadDate"}


def seconds(clock: str) -> int:
    """ "1:02:40" or "02:40" → seconds."""
    return sum(int(part) * 60 ** power for power, part in enumerate(reversed(clock.split(":"))))


def media_object(site, url: str) -> dict:
    found = [b for b in jsonld(site.html(url)) if b.get("@type") in ("VideoObject", "AudioObject")]
    assert len(found) == 1, url
    return found[0]


@pytest.mark.parametrize("lang", LANGS)
def test_videos_and_recordings_are_described_with_their_duration(feeds_site, lang):
    import feeds_fixture

    for story, kind in ((feeds_fixture.FILM, "VideoObject"), (feeds_fixture.AUDIO, "AudioObject"),
                        (fx.VIDEO, "VideoObject")):
        url = story.urls[lang]
        data, doc = media_object(feeds_site, url), feeds_site.html(url)
        assert data["@type"] == kind and data["name"] == story.titles[lang] and data["inLanguage"] == lang
        assert set(data) >= VIDEO_REQUIRED, f"{url}: lacks {VIDEO_REQUIRED - set(data)}"
        assert data["thumbnailUrl"]
        assert all(feeds_site.exists(site_path(u, feeds_site.siteurl)) for u in data["thumbnailUrl"])
        assert datetime.fromisoformat(data["uploadDate"]).tzinfo is not None
        parts = ISO_DURATION.fullmatch(data["duration"])
        assert parts, data["duration"]
        hours, minutes, secs = (int(n or 0) for n in parts.groups())
        shown = text_of(doc.find_class("media__duration")[0]).split()[-1]  # "Узактыгы: 0:12"
        assert hours * 3600 + minutes * 60 + secs == seconds(shown), (data["duration"], shown)
        if story is fx.VIDEO:  # on another site: no file, no player of ours; where it is
            assert "contentUrl" not in data and "embedUrl" not in data and data["url"] == fx.VIDEO_URL
        else:
            assert feeds_site.exists(site_path(data["contentUrl"], feeds_site.siteurl))
            assert data["encodingFormat"] in ("video/mp4", "audio/mpeg")
    assert {c["inLanguage"] for c in media_object(feeds_site, feeds_fixture.FILM.urls[lang])["caption"]} <= set(LANGS)


def test_the_site_has_a_small_favicon_of_its_own_linked_from_every_page(site):
    """Browsers ask for /favicon.ico whatever the page says: it is there, and every page links it."""
    icon = site.file("/favicon.ico")
    assert icon.is_file() and icon.stat().st_size < 10_000
    with Image.open(icon) as image:
        assert image.format == "ICO" and {(16, 16), (32, 32)} <= set(image.info["sizes"])
    unlinked = [page for page in all_pages(site)
                if site.html(page).xpath('//head/link[@rel="icon"]/@href') != ["/favicon.ico"]]
    assert not unlinked, unlinked[:5]


@pytest.mark.parametrize("lang", LANGS)
def test_og_locale_matches_the_language_on_every_page(site, lang):
    wrong = {}
    for url in all_pages(site, lang):
        values = site.html(url).xpath('//head/meta[@property="og:locale"]/@content')
        if values != [LOCALES[lang]]:
            wrong[url] = values
    assert not wrong


@pytest.mark.parametrize("lang", LANGS)
def test_the_canonical_url_is_absolute_and_names_the_page_itself(site, lang):
    wrong = {}
    for url in all_pages(site, lang):
        canonical = site.html(url).xpath('//head/link[@rel="canonical"]/@href')
        expected = site.url(url.removesuffix("index.html"))
        if canonical != [expected]:
            wrong[url] = canonical
    assert not wrong
    assert site.siteurl.startswith("http://127.0.0.1:")


# --------------------------------------------------------------------------- decisions


def size_in_bytes(text: str) -> float | None:
    match = re.search(r"(\d+(?:[.,]\d+)?)\s?(кБ|КБ|Кб|МБ|Мб)", normalize(text))
    if not match:
        return None
    number = float(match.group(1).replace(",", "."))
    return number * (1_000_000 if match.group(2).lower().startswith("м") else 1000)


@pytest.mark.parametrize("lang", LANGS)
def test_a_decision_page_shows_its_legal_facts_and_document(site, lang):
    doc = site.html(fx.PARKING.urls[lang])
    main = doc.xpath("//main")[0]
    text = text_of(main)
    assert fx.PARKING_NUMBER in text
    assert {"ky": "20-ноябрь, 2026-ж.", "ru": "20 ноября 2026 г."}[lang] in text
    signatory = [a for a in main.iter("a") if site_path(a.get("href"), doc.base_url) == f"/{lang}/officials/mayor/"]
    assert signatory and text_of(signatory[0]) == fx.OFFICIALS["mayor"]["name"][lang]
    assert message(lang, "In force") in text
    assert message(lang, "Repealed") not in text

    pdf_url = f"/media/{fx.PARKING.id}/toktom-412.pdf"
    document = [a for a in main.iter("a") if site_path(a.get("href"), doc.base_url) == pdf_url]
    assert document, f"no link to {pdf_url}"
    source = site.fixture.content / fx.PARKING.id / "toktom-412.pdf"
    assert site.file(pdf_url).read_bytes() == source.read_bytes()
    shown = size_in_bytes(text_of(document[0].getparent()))
    actual = source.stat().st_size
    assert shown is not None, f"no file size next to the document link: {text_of(document[0].getparent())!r}"
    assert abs(shown - actual) <= max(1000, actual * 0.05), f"shows {shown} bytes, the file has {actual}"


@pytest.mark.parametrize("lang", LANGS)
def test_a_repealed_decision_says_so(site, lang):
    text = text_of(site.html(fx.OLD_RULES.urls[lang]).xpath("//main")[0])
    assert fx.OLD_RULES_NUMBER in text
    assert message(lang, "Repealed") in text
    assert message(lang, "In force") not in text


@pytest.mark.parametrize("lang", LANGS)
def test_decision_and_explainer_link_to_each_other(site, lang):
    assert fx.PARKING.urls[lang] in links(site.html(fx.EXPLAINER.urls[lang]))
    assert fx.EXPLAINER.urls[lang] in links(site.html(fx.PARKING.urls[lang]))


# --------------------------------------------------------------------------- announcements


@pytest.mark.parametrize("lang", LANGS)
def test_an_announcement_shows_start_time_and_venue(site, lang):
    text = text_of(site.html(fx.BUDGET_BRIEFING.urls[lang]).xpath("//main")[0])
    assert {"ky": "28-ноябрь, 2026-ж.", "ru": "28 ноября 2026 г."}[lang] in text
    assert "10:00" in text
    assert fx.VENUE[lang] in text
    assert fx.OFFICIALS["mayor"]["name"][lang] in text
    assert message(lang, "Cancelled") not in text


@pytest.mark.parametrize("lang", LANGS)
def test_a_cancelled_announcement_says_so(site, lang):
    text = text_of(site.html(fx.CANCELLED.urls[lang]).xpath("//main")[0])
    assert message(lang, "Cancelled") in text
    listing = page_text(site.html(f"/{lang}/announcements/"))
    assert message(lang, "Cancelled") in listing, "the section list does not mark the cancelled event"


@pytest.mark.parametrize("lang", LANGS)
def test_a_past_announcement_links_to_its_coverage(site, lang):
    assert fx.HEATING_REPORT.urls[lang] in links(site.html(fx.BRIEFING.urls[lang]))
    assert fx.HEATING_REPORT.urls[lang] not in links(site.html(fx.BUDGET_BRIEFING.urls[lang]))


# --------------------------------------------------------------------------- stories and pages


@pytest.mark.parametrize("lang", LANGS)
def test_a_story_links_to_its_officials_units_and_topics(site, lang):
    doc = site.html(fx.BUS_LANES.urls[lang])
    main_links = {site_path(a.get("href"), doc.base_url): text_of(a) for a in doc.xpath("//main//a[@href]")}
    assert main_links.get(f"/{lang}/officials/mayor/") == fx.OFFICIALS["mayor"]["name"][lang]
    assert main_links.get(f"/{lang}/units/transport-roads/") == fx.UNITS["transport-roads"]["name"][lang]
    assert main_links.get(f"/{lang}/topics/transport/") == fx.TOPICS["transport"]["name"][lang]
    assert main_links.get(f"/{lang}/news/") == fx.SECTIONS["news"][lang]


@pytest.mark.parametrize("lang", LANGS)
def test_a_story_shows_its_text_photo_and_corrections(site, lang):
    doc = site.html(fx.BUS_LANES.urls[lang])
    main = doc.xpath("//main")[0]
    assert [text_of(h) for h in main.iter("h1")] == [fx.BUS_LANES.titles[lang]]
    assert fx.BUS_LANES_SENTENCE[lang] in text_of(main)
    images = [img for img in main.iter("img") if f"/media/{fx.BUS_LANES.id}/lanes-" in img.get("src")]
    assert images and images[0].get("alt") == fx.BUS_LANES_ALT[lang]
    assert images[0].get("width") == "960" and images[0].get("height") == "600"  # the photo's own size
    download = f"/media/{fx.BUS_LANES.id}/lanes.jpg"
    assert download in links(doc), "no link to the photo at full resolution"
    assert fx.CORRECTION[lang] in text_of(main)
    assert message(lang, "Corrections") in text_of(main)


@pytest.mark.parametrize("lang", LANGS)
def test_the_title_names_the_page_and_the_site(site, lang):
    title = text_of(site.html(fx.BUS_LANES.urls[lang]).find(".//title"))
    assert title.startswith(fx.BUS_LANES.titles[lang])
    assert message(lang, "Bishkek City Hall") in title


@pytest.mark.parametrize("lang", LANGS)
def test_standing_pages(site, lang):
    for page_id, titles in fx.PAGES.items():
        doc = site.html(f"/{lang}/{page_id}/")
        assert [text_of(h) for h in doc.iter("h1")] == [titles[lang]]


@pytest.mark.parametrize("lang", LANGS)
def test_footnote_back_links_speak_the_page_language(site, lang):
    """Python-Markdown titles a footnote's ↩ link in English unless told: each file's own language titles it."""
    back = site.html(fx.INTERVIEW.urls[lang]).xpath('//div[@class="footnote"]//a[@class="footnote-backref"]')
    assert [a.get("title") for a in back] == [message(lang, "Back to footnote {} in the text").format(1)]
