"""What readers rely on survives editors' changes: an item's id, an event's UID.

One small site is built, edited the way editors edit (a new headline, new
text, an explicit slug, a correction; the announcement cancelled, then
postponed) and rebuilt with the real `pelican` command each time.
"""

from __future__ import annotations

import json

from icalendar import Calendar

from feedfiles import NS, parse_xml
from helpers import LANGS

STORY = "news/2026/11-26-bus-lanes"
EVENT = "announcements/2026/11-25-budget-briefing"
HUB = "https://websub.example.org/"
TITLES = {"ky": "Үч көчөдө жаңы автобус тилкелери ачылды", "ru": "На трёх улицах открылись новые автобусные полосы"}
NEW_TITLES = {"ky": "Төрт көчөдө автобус тилкелери ачылды", "ru": "На четырёх улицах открылись автобусные полосы"}


def write(site, titles: dict[str, str], text: str, slug: str | None = None, corrections=(), event_status="scheduled",
          postponed_to: str | None = None) -> None:
    site.photo(STORY, "lanes.jpg")
    site.describe_photos(STORY, {"lanes.jpg": {"alt": {"ky": "Автобус", "ru": "Автобус"}, "credit": "Пресс-служба"}})
    for lang in LANGS:
        extra = {"slug": slug} if slug and lang == "ru" else {}
        site.story(STORY, lang, f"{text} ({lang})", title=titles[lang], date="2026-11-26 10:30", image="lanes.jpg",
                   corrections=list(corrections), **extra)
        event = {"event_status": event_status, **({"postponed_to": postponed_to} if postponed_to else {})}
        site.story(EVENT, lang, "Брифинг.", title=f"Брифинг ({lang})", date="2026-11-25 10:00",
                   starts="2026-11-28 10:00", ends="2026-11-28 11:00", venue="Мэрия", **event)


def snapshot(result) -> dict:
    """Per language: the story's link and id in each format, and the event as calendars see it."""
    assert result.returncode == 0, result.text
    seen = {}
    for lang in LANGS:
        (item,) = parse_xml(result.file(f"/{lang}/news/rss.xml")).iter("item")
        (entry,) = parse_xml(result.file(f"/{lang}/news/atom.xml")).findall("a:entry", NS)
        (json_item,) = json.loads(result.file(f"/{lang}/news/feed.json").read_text(encoding="utf-8"))["items"]
        (event,) = Calendar.from_ical(result.file(f"/{lang}/announcements/calendar.ics").read_bytes()).walk("VEVENT")
        seen[lang] = {
            "title": item.findtext("title"), "link": item.findtext("link"),
            "ids": (item.findtext("guid"), entry.findtext("a:id", namespaces=NS), json_item["id"]),
            "uid": str(event["UID"]), "status": str(event["STATUS"]), "sequence": event["SEQUENCE"],
            "starts": event["DTSTART"].dt,
        }
    return seen


def test_ids_and_uids_survive_edits_cancellation_and_postponement(make_site):
    site = make_site()
    write(site, TITLES, "Биринчи текст")
    before = snapshot(site.build())
    write(site, NEW_TITLES, "Оңдолгон текст", slug="new-address", event_status="cancelled",
          corrections=[{"date": "2026-11-26 11:45", "note": "Тилкелердин саны такталды."}])
    edited = snapshot(site.build(PORTAL_WEBSUB_HUB=HUB))
    write(site, NEW_TITLES, "Оңдолгон текст", slug="new-address", event_status="postponed",
          postponed_to="2026-12-05 11:00")
    postponed = snapshot(site.build())
    for lang in LANGS:
        assert edited[lang]["title"] == NEW_TITLES[lang], "the edit did not reach the feed"
        assert edited[lang]["ids"] == before[lang]["ids"] == postponed[lang]["ids"]
        assert len(set(before[lang]["ids"])) == 1, "RSS, Atom and JSON give the story different ids"
        assert edited[lang]["uid"] == before[lang]["uid"] == postponed[lang]["uid"]
        assert (before[lang]["status"], edited[lang]["status"], postponed[lang]["status"]) == \
            ("CONFIRMED", "CANCELLED", "CONFIRMED")
        assert edited[lang]["sequence"] > before[lang]["sequence"]
        assert postponed[lang]["starts"] > before[lang]["starts"]
    assert edited["ru"]["link"] != before["ru"]["link"], "an explicit slug changes the address…"
    assert edited["ky"]["link"] == before["ky"]["link"], "…a new headline does not"


def test_a_websub_hub_is_announced_in_every_format(make_site, feeds_site):
    site = make_site()
    write(site, TITLES, "Текст")
    result = site.build(PORTAL_WEBSUB_HUB=HUB)
    assert result.returncode == 0, result.text
    rss = parse_xml(result.file("/ru/news/rss.xml"))
    assert rss.find("channel/atom:link[@rel='hub']", NS).get("href") == HUB
    assert parse_xml(result.file("/ru/news/atom.xml")).find("a:link[@rel='hub']", NS).get("href") == HUB
    hubs = json.loads(result.file("/ru/news/feed.json").read_text(encoding="utf-8"))["hubs"]
    assert hubs == [{"type": "WebSub", "url": HUB}]
    assert b'rel="hub"' not in feeds_site.file("/ru/news/rss.xml").read_bytes(), "no hub set, none announced"
