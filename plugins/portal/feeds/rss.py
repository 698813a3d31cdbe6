"""RSS 2.0, the newsrooms' main format, with the extensions aggregators read.

- `content:encoded`: the full text as HTML; `yandex:full-text`: the same as
  plain text, which Yandex News requires.
- `media:content` (Media RSS): the press kit's photos (originals at full
  resolution, with caption, credit, copyright and licence) and the recording
  or video; the lead photo, as pages show it, is the `enclosure`.
- `atom:link rel="self"` (and `rel="hub"` for WebSub when a hub is set).
- Dates in RFC 822 with the Bishkek offset (+0600); `lastBuildDate` is the
  newest item's time, never the build's, so a rebuild writes the same bytes.

The podcast and the video feed (podcast.py) are RSS too and reuse this.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from email.utils import format_datetime

from lxml import etree

from .catalog import Feed
from .items import FeedItem, MediaObject

ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
MEDIA = "http://search.yahoo.com/mrss/"
YANDEX = "http://news.yandex.ru"
NAMESPACES = {"atom": ATOM, "content": CONTENT, "media": MEDIA, "yandex": YANDEX}


def rfc822(moment: datetime) -> str:
    """`Thu, 26 Nov 2026 10:30:00 +0600`: the model's times are Bishkek time."""
    return format_datetime(moment)


def child(parent: etree._Element, tag: str, text: str | None = None, /, **attributes: str | None) -> etree._Element:
    """A sub-element with text and attributes (None attributes are left out)."""
    element = etree.SubElement(parent, tag, {k: v for k, v in attributes.items() if v is not None})
    if text is not None:
        element.text = text
    return element


def channel(feed: Feed, fmt: str, items: list[FeedItem], hub: str, namespaces: dict[str, str]) -> etree._Element:
    """`<rss><channel>` with the elements every RSS feed of ours carries."""
    rss = etree.Element("rss", version="2.0", nsmap=namespaces)
    ch = child(rss, "channel")
    child(ch, "title", feed.title)
    child(ch, "link", feed.page_url)
    child(ch, "description", feed.description)
    child(ch, "language", feed.lang)
    if items:
        child(ch, "lastBuildDate", rfc822(max(item.updated for item in items)))
    child(ch, f"{{{ATOM}}}link", rel="self", type="application/rss+xml", href=feed.file(fmt).url)
    if hub:
        child(ch, f"{{{ATOM}}}link", rel="hub", href=hub)
    return rss


def item_head(parent: etree._Element, item: FeedItem) -> etree._Element:
    """The item's elements every feed has: title, link, summary, full text, guid, date, categories."""
    element = child(parent, "item")
    child(element, "title", item.title)
    child(element, "link", item.url)
    if item.summary:
        child(element, "description", item.summary)
    child(element, f"{{{CONTENT}}}encoded", item.content_html)
    child(element, "guid", item.id, isPermaLink="false")
    child(element, "pubDate", rfc822(item.published))
    for category in item.categories:
        child(element, "category", category.label, domain=category.scheme)
    return element


def enclosure(parent: etree._Element, media: MediaObject) -> None:
    f = media.file
    child(parent, "enclosure", url=f.url, length=str(f.length), type=f.mime)


def media_content(parent: etree._Element, media: MediaObject) -> None:
    f = media.file
    element = child(parent, f"{{{MEDIA}}}content", url=f.url, type=f.mime, medium=media.medium,
                    fileSize=str(f.length), width=str(media.width) if media.width else None,
                    height=str(media.height) if media.height else None,
                    duration=str(media.duration) if media.duration is not None else None)
    if media.description:
        child(element, f"{{{MEDIA}}}description", media.description, type="plain")
    if media.credit:
        child(element, f"{{{MEDIA}}}credit", media.credit)
    if media.copyright:
        child(element, f"{{{MEDIA}}}copyright", media.copyright)
    if media.licence:
        name, url = media.licence
        child(element, f"{{{MEDIA}}}license", name, type="text/html", href=url)


def serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def rss_entry(item: FeedItem) -> etree._Element:
    """A story's `<item>` in the story feeds: its full text, photos and categories.
    Built on its own, so that it can be made once for every feed that carries the story."""
    element = item_head(etree.Element("rss", nsmap=NAMESPACES), item)
    if item.full_text:
        child(element, f"{{{YANDEX}}}full-text", item.full_text)
    if item.image:
        enclosure(element, item.image)
    for media in [*item.photos, *([item.recording] if item.recording else [])]:
        media_content(element, media)
    return element


def rss_feed(feed: Feed, items: list[FeedItem], hub: str,
             entry: Callable[[FeedItem], etree._Element] = rss_entry) -> bytes:
    """A story feed; `entry(item)` gives each item's element (`rss_entry`, or the one made for every feed)."""
    rss = channel(feed, "rss", items, hub, NAMESPACES)
    rss[0].extend(entry(item) for item in items)
    return serialize(rss)
