"""Atom 1.0 and JSON Feed 1.1: the required fields, and the same items as the RSS feed."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

import fixture_site as fx
from feedfiles import NS, RFC3339, TAG_URI, files, html_problems, parse_xml, rfc3339_problems, served_file, url_path
from helpers import LANGS

CORRECTED = "2026-11-26T11:45:00+06:00"  # the bus-lanes story's correction
JSON_FEED_FIELDS = {"version", "title", "home_page_url", "feed_url", "description", "user_comment", "next_url",
                    "icon", "favicon", "authors", "language", "expired", "hubs", "items"}
JSON_ITEM_FIELDS = {"id", "url", "external_url", "title", "content_html", "content_text", "summary", "image",
                    "banner_image", "date_published", "date_modified", "authors", "tags", "language", "attachments"}


def rss_guids(feed_path) -> list[str]:
    """The guids of the RSS file next to an Atom or JSON file, in order."""
    return [g.text for g in parse_xml(feed_path.with_name("rss.xml")).iter("guid")]


def test_atom_feeds_have_the_required_elements(feeds_site):
    problems = []
    atoms = files(feeds_site, "atom")
    for path in atoms:
        where = url_path(feeds_site, path)
        feed = parse_xml(path)
        if feed.tag != f"{{{NS['a']}}}feed":
            problems.append(f"{where}: not an Atom feed")
            continue
        for required in ("id", "title", "updated"):
            if len(feed.findall(f"a:{required}", NS)) != 1:
                problems.append(f"{where}: feed needs exactly one <{required}>")
        if not TAG_URI.match(feed.findtext("a:id", namespaces=NS) or ""):
            problems.append(f"{where}: feed id {feed.findtext('a:id', namespaces=NS)!r}")
        problems += rfc3339_problems(feed.findtext("a:updated", namespaces=NS), f"{where} updated")
        self_links = [(a.get("href"), a.get("type")) for a in feed.findall("a:link[@rel='self']", NS)]
        if self_links != [(feeds_site.url(where), "application/atom+xml")]:
            problems.append(f"{where}: self link {self_links}")
        if not feed.findtext("a:author/a:name", namespaces=NS):
            problems.append(f"{where}: no feed author")
        ids = []
        entries = feed.findall("a:entry", NS)
        for n, entry in enumerate(entries, start=1):
            here = f"{where} entry {n}"
            ids.append(entry.findtext("a:id", namespaces=NS))
            if not TAG_URI.match(ids[-1] or ""):
                problems.append(f"{here}: id {ids[-1]!r}")
            if not entry.findtext("a:title", namespaces=NS):
                problems.append(f"{here}: no title")
            problems += rfc3339_problems(entry.findtext("a:updated", namespaces=NS), f"{here} updated")
            problems += rfc3339_problems(entry.findtext("a:published", namespaces=NS), f"{here} published")
            if entry.findtext("a:updated", namespaces=NS) < entry.findtext("a:published", namespaces=NS):
                problems.append(f"{here}: updated before published")
            alternate = entry.find("a:link[@rel='alternate']", NS)
            if alternate is None or not alternate.get("href", "").startswith(feeds_site.siteurl + "/"):
                problems.append(f"{here}: no absolute alternate link")
            content = entry.find("a:content", NS)
            if content is None or content.get("type") != "html":
                problems.append(f"{here}: no html content")
            else:
                problems += html_problems(content.text or "", here)
            for enclosure in entry.findall("a:link[@rel='enclosure']", NS):
                file = served_file(feeds_site, enclosure.get("href"))
                if int(enclosure.get("length")) != file.stat().st_size:
                    problems.append(f"{here}: enclosure length {enclosure.get('length')}")
        if entries and max(e.findtext("a:updated", namespaces=NS) for e in entries) != \
                feed.findtext("a:updated", namespaces=NS):
            problems.append(f"{where}: the feed's updated is not its newest entry's")
        if ids != rss_guids(path):
            problems.append(f"{where}: entry ids differ from the RSS feed's guids")
    assert len(atoms) > 30
    assert not problems, "\n".join(problems)


def test_json_feeds_have_the_1_1_fields(feeds_site):
    problems = []
    feeds = files(feeds_site, "json")
    for path in feeds:
        where = url_path(feeds_site, path)
        data = json.loads(path.read_text(encoding="utf-8"))
        unknown = {k for k in data if k not in JSON_FEED_FIELDS and not k.startswith("_")}
        if unknown:
            problems.append(f"{where}: unknown top-level fields {unknown}")
        if data.get("version") != "https://jsonfeed.org/version/1.1":
            problems.append(f"{where}: version {data.get('version')!r}")
        if not isinstance(data.get("title"), str) or not data["title"]:
            problems.append(f"{where}: no title")
        if data.get("feed_url") != feeds_site.url(where):
            problems.append(f"{where}: feed_url {data.get('feed_url')!r}")
        if data.get("language") != path.relative_to(feeds_site.output).parts[0]:
            problems.append(f"{where}: language {data.get('language')!r}")
        if not all(isinstance(a, dict) and a.get("name") for a in data.get("authors", [None])):
            problems.append(f"{where}: authors {data.get('authors')!r}")
        if not isinstance(data.get("items"), list):
            problems.append(f"{where}: items is not a list")
            continue
        for n, item in enumerate(data["items"], start=1):
            problems += json_item_problems(feeds_site, item, f"{where} item {n}")
        if [item.get("id") for item in data["items"]] != rss_guids(path):
            problems.append(f"{where}: item ids differ from the RSS feed's guids")
    assert len(feeds) > 30
    assert not problems, "\n".join(problems)


def json_item_problems(site, item: dict, where: str) -> list[str]:
    problems = []
    unknown = {k for k in item if k not in JSON_ITEM_FIELDS and not k.startswith("_")}
    if unknown:
        problems.append(f"{where}: unknown fields {unknown}")
    if not isinstance(item.get("id"), str) or not item["id"]:
        problems.append(f"{where}: id must be a non-empty string")
    if not (item.get("content_html") or item.get("content_text")):
        problems.append(f"{where}: needs content_html or content_text")
    problems += html_problems(item.get("content_html", ""), where)
    if not str(item.get("url", "")).startswith(site.siteurl + "/"):
        problems.append(f"{where}: url {item.get('url')!r}")
    for key in ("date_published", "date_modified"):
        if key in item and not RFC3339.match(item[key]):
            problems.append(f"{where}: {key} {item[key]!r} is not RFC 3339")
    if not all(isinstance(t, str) for t in item.get("tags", [])):
        problems.append(f"{where}: tags must be strings")
    for attachment in item.get("attachments", []):
        if not (attachment.get("url") and attachment.get("mime_type")):
            problems.append(f"{where}: attachment without url or mime_type")
        elif attachment.get("size_in_bytes") != served_file(site, attachment["url"]).stat().st_size:
            problems.append(f"{where}: attachment size {attachment.get('size_in_bytes')}")
    return problems


@pytest.mark.parametrize("lang", LANGS)
def test_a_corrected_story_shows_its_updated_time_and_note(feeds_site, lang):
    atom = parse_xml(feeds_site.file(f"/{lang}/atom.xml"))
    (entry,) = [e for e in atom.findall("a:entry", NS)
                if e.find("a:link[@rel='alternate']", NS).get("href") == feeds_site.url(fx.BUS_LANES.urls[lang])]
    assert entry.findtext("a:published", namespaces=NS) == "2026-11-26T10:30:00+06:00"
    assert entry.findtext("a:updated", namespaces=NS) == CORRECTED
    assert fx.CORRECTION[lang] in entry.findtext("a:content", namespaces=NS)
    data = json.loads(feeds_site.file(f"/{lang}/feed.json").read_text(encoding="utf-8"))
    (item,) = [i for i in data["items"] if i["url"] == feeds_site.url(fx.BUS_LANES.urls[lang])]
    assert item["date_modified"] == CORRECTED and item["date_published"] == "2026-11-26T10:30:00+06:00"
    assert fx.CORRECTION[lang] in item["content_html"]
    uncorrected = [i for i in data["items"] if i["url"] != item["url"]]
    assert uncorrected and not any("date_modified" in i for i in uncorrected)


def test_json_items_carry_officials_and_units_in_the_portal_extension(feeds_site):
    data = json.loads(feeds_site.file("/ru/feed.json").read_text(encoding="utf-8"))
    (item,) = [i for i in data["items"] if i["url"] == feeds_site.url(fx.BUS_LANES.urls["ru"])]
    assert item["tags"] == [fx.SECTIONS["news"]["ru"], fx.TOPICS["transport"]["name"]["ru"]]
    assert item["_portal"]["officials"] == [{"id": "mayor", "name": fx.OFFICIALS["mayor"]["name"]["ru"]}]
    assert item["_portal"]["units"] == [{"id": "transport-roads", "name": fx.UNITS["transport-roads"]["name"]["ru"]}]
    assert item["_portal"]["about"] == feeds_site.url("/ru/feeds/")
    assert item["image"] == feeds_site.html(fx.BUS_LANES.urls["ru"]).xpath("//meta[@property='og:image']/@content")[0]
    assert datetime.fromisoformat(item["date_published"]).utcoffset().total_seconds() == 6 * 3600
