"""Atom 1.0 (RFC 4287): the same items as the RSS feed, with `updated` times.

A corrected story keeps its `id` and gets the correction's time as
`updated`; `published` stays the publication time. The feed's `updated` is
its newest entry's, so a rebuild writes the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from lxml import etree

from .catalog import Feed
from .items import FeedItem
from .rss import child, serialize

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def a(tag: str) -> str:
    return f"{{{ATOM}}}{tag}"


def atom_entry(item: FeedItem) -> etree._Element:
    """A story's `<entry>`, built on its own so that it can be made once for every feed that carries it."""
    entry = etree.Element(a("entry"), nsmap={None: ATOM})
    child(entry, a("id"), item.id)
    child(entry, a("title"), item.title)
    child(entry, a("link"), rel="alternate", type="text/html", href=item.url)
    child(entry, a("published"), item.published.isoformat())
    child(entry, a("updated"), item.updated.isoformat())
    if item.summary:
        child(entry, a("summary"), item.summary, type="text")
    child(entry, a("content"), item.content_html, type="html")
    for category in item.categories:
        child(entry, a("category"), term=category.term, scheme=category.scheme, label=category.label)
    if item.image:
        f = item.image.file
        child(entry, a("link"), rel="enclosure", type=f.mime, length=str(f.length), href=f.url)
    return entry


def atom_feed(feed: Feed, items: list[FeedItem], hub: str, fallback_updated: datetime | None,
              entry: Callable[[FeedItem], etree._Element] = atom_entry) -> bytes:
    """`fallback_updated` dates a feed with no entries (Atom requires `updated`); unused otherwise.
    `entry(item)` gives each item's element (`atom_entry`, or the one made for every feed)."""
    root = etree.Element(a("feed"), {XML_LANG: feed.lang}, nsmap={None: ATOM})
    child(root, a("id"), feed.id)
    child(root, a("title"), feed.title)
    child(root, a("subtitle"), feed.description)
    updated = max((item.updated for item in items), default=fallback_updated)
    assert updated is not None, "a feed with no entries has its fallback date"
    child(root, a("updated"), updated.isoformat())
    child(root, a("link"), rel="self", type="application/atom+xml", href=feed.file("atom").url)
    child(root, a("link"), rel="alternate", type="text/html", href=feed.page_url)
    if hub:
        child(root, a("link"), rel="hub", href=hub)
    person = child(root, a("author"))
    child(person, a("name"), feed.site_name)
    child(person, a("uri"), feed.home_url)
    root.extend(entry(item) for item in items)
    return serialize(root)
