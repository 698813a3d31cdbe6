"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1).

The items are the RSS feed's: same ids, full text, summary, photo and dates
(`date_modified` when corrected). What JSON Feed has no field for travels in
the `_portal` extension object (extension keys start with an underscore):
each item's section, topics, officials and units with their ids.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from .catalog import Feed
from .items import FeedItem

VERSION = "https://jsonfeed.org/version/1.1"


def json_entry(item: FeedItem, about: str) -> str:
    """An item as `json.dumps(feed, indent=2)` writes it in the feed's `items` (two levels deep),
    made on its own: an item is in several feeds, and json indents in Python, slowly."""
    return "    " + json.dumps(_item(item, about), ensure_ascii=False, indent=2).replace("\n", "\n    ")


def json_feed(feed: Feed, items: list[FeedItem], hub: str, about: str,
              entry: Callable[[FeedItem, str], str] = json_entry) -> bytes:
    """`about` is the Feeds page: where a reader learns what `_portal` holds. `entry(item, about)`
    gives each item's text (`json_entry`, or the same made once for every feed)."""
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
    head = json.dumps(data, ensure_ascii=False, indent=2)[:-len("\n}")]
    entries = ",\n".join(entry(item, about) for item in items)
    listed = f"[\n{entries}\n  ]" if items else "[]"
    return f'{head},\n  "items": {listed}\n}}\n'.encode()


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
