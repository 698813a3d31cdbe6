"""OPML 2.0: every feed of one language in one file a newsroom imports in one step.

One outline per group of the Feeds page, one entry per feed, its main
format (RSS for story feeds; the calendar is left out: feed readers cannot
read it, calendar apps do not read OPML).
"""

from __future__ import annotations

from lxml import etree

from .catalog import FeedGroup
from .rss import child, serialize

MAIN_FORMAT = ("rss", "atom", "json", "podcast", "video")


def opml(title: str, groups: list[FeedGroup], page_url: str) -> bytes:
    root = etree.Element("opml", version="2.0")
    head = child(root, "head")
    child(head, "title", title)
    child(head, "docs", "http://opml.org/spec2.opml")
    child(head, "ownerId", page_url)
    body = child(root, "body")
    for group in groups:
        outline = None
        for feed in group.feeds:
            main = next((f for fmt in MAIN_FORMAT for f in feed.files if f.format == fmt), None)
            if main is None:
                continue
            if outline is None:
                outline = child(body, "outline", text=group.title, title=group.title)
            child(outline, "outline", type="rss", text=feed.title, title=feed.title, description=feed.description,
                  xmlUrl=main.url, htmlUrl=feed.page_url, language=feed.lang)
    return serialize(root)
