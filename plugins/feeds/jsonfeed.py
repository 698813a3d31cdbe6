"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1).

The items are the RSS feed's: same ids, full text, summary, photo and dates
(`date_modified` when corrected). What JSON Feed has no field for travels in
the `_portal` extension object (extension keys start with an underscore):
each item's section, topics, officials and units with their ids.
"""

from __future__ import annotations

import json

from .catalog import Feed
from .items import FeedItem

VERSION = "https://jsonfeed.org/version/1.1"


def json_feed(feed: Feed, items: list[FeedItem], hub: str, about: str) -> bytes:
    """`about` is the Feeds page: where a reader learns what `_portal` holds."""
    data: dict = {
        "version": VERSION,
        "title": feed.title,
        "home_page_url": feed.page_url,
        "feed_url": feed.file("json").url,
        "description": feed.description,
        "language": feed.lang,
        "authors": [{"name": feed.site_name, "url": feed.home_url}],
    }
    if hub:
        data["hubs"] = [{"type": "WebSub", "url": hub}]
    data["items"] = [_item(item, about) for item in items]
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _item(item: FeedItem, about: str) -> dict:
    data: dict = {"id": item.id, "url": item.url, "title": item.title, "content_html": item.content_html}
    if item.summary:
        data["summary"] = item.summary
    if item.image:
        data["image"] = item.image.file.url
    data["date_published"] = item.published.isoformat()
    if item.updated != item.published:
        data["date_modified"] = item.updated.isoformat()
    data["tags"] = [c.label for c in item.categories if c.kind in ("sections", "topics")]
    data["language"] = item.lang
    attachments = [*item.photos, *([item.recording] if item.recording else [])]
    if attachments:
        data["attachments"] = [_attachment(m) for m in attachments]
    data["_portal"] = {"about": about, **{kind: [{"id": c.term, "name": c.label} for c in item.categories
                                                 if c.kind == kind]
                                          for kind in ("sections", "topics", "officials", "units")}}
    return data


def _attachment(media) -> dict:
    data = {"url": media.file.url, "mime_type": media.file.mime, "size_in_bytes": media.file.length}
    if media.description:
        data["title"] = media.description
    if media.duration is not None:
        data["duration_in_seconds"] = media.duration
    return data
