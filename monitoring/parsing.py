"""A feed's bytes → its items (RSS 0.9x–2.0 or Atom, through feedparser), or why it is not a feed.

Outlets' feeds are often not well-formed (an unescaped «&», a feed cut off
mid-item): feedparser's lenient parser still reads what is there, and the
feed is marked `malformed` so the run can say so. Titles and summaries are
kept as plain text (the digest never shows an outlet's HTML), and a link is
kept only if it is a web address: a `javascript:` link in a hostile feed
never reaches the digest.
"""

from __future__ import annotations

import calendar
import re
import xml.sax
from dataclasses import dataclass
from datetime import UTC, datetime

import feedparser
import lxml.html
from lxml.etree import ParserError

from .outlets import is_web_address
from .words import looks_kyrgyz

SUMMARY_LENGTH = 2000  # characters kept of an item's text


class NotAFeed(ValueError):
    """The body is no RSS or Atom feed: `web_page` when it is an HTML page (a moved feed, a login)."""

    def __init__(self, web_page: bool) -> None:
        super().__init__("a web page" if web_page else "not a feed")
        self.web_page = web_page


@dataclass(frozen=True)
class FeedItem:
    key: str  # what identifies the item in its outlet: its guid/id, else its link
    link: str  # "" when the feed gave no web address
    title: str
    summary: str
    published: datetime | None  # UTC
    declared_language: str | None  # the feed's own <language> / xml:lang, as ky or ru


@dataclass(frozen=True)
class ParsedFeed:
    items: list[FeedItem]
    malformed: bool


def parse(body: bytes, content_type: str = "") -> ParsedFeed:
    headers = {"content-type": content_type} if content_type else {}
    parsed = feedparser.parse(body, response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        raise NotAFeed(web_page="html" in content_type.lower() or b"<html" in body[:2000].lower())
    declared = _language(parsed.feed.get("language", ""))
    items = [item for entry in parsed.entries if (item := _item(entry, declared))]
    malformed = bool(parsed.bozo) and isinstance(parsed.get("bozo_exception"), xml.sax.SAXException)
    return ParsedFeed(items, malformed)


def item_language(configured: str | None, outlet_languages: tuple[str, ...], item: FeedItem) -> str:
    """The item's language: the feed's in outlets.yml, else the outlet's only one, else what the
    feed declares, else its letters (Kyrgyz has ө, ү, ң)."""
    if configured:
        return configured
    if len(outlet_languages) == 1:
        return outlet_languages[0]
    if item.declared_language:
        return item.declared_language
    return "ky" if looks_kyrgyz(item.title + " " + item.summary) else "ru"


def _item(entry: dict, declared: str | None) -> FeedItem | None:
    link = entry.get("link", "")
    link = link if is_web_address(link) else ""
    key = entry.get("id") or link
    title = _text(entry.get("title", ""), entry.get("title_detail", {}).get("type", "text/plain"))
    if not key or not title:
        return None  # nothing to tell it by, or nothing to show (a feed cut off mid-item)
    summary = entry.get("summary") or next((c.get("value", "") for c in entry.get("content", [])), "")
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    published = datetime.fromtimestamp(calendar.timegm(when), UTC) if when else None  # feedparser's are UTC
    language = _language(entry.get("language", "")) or declared
    return FeedItem(str(key), link, title, _shorten(_text(summary, "text/html")), published, language)


def _text(value: str, kind: str) -> str:
    """Plain text, whitespace collapsed (HTML in feeds: CDATA'd markup, escaped markup, entities)."""
    if "html" in kind and value.strip():
        try:
            value = lxml.html.fragment_fromstring(value, create_parent="div").text_content()
        except (ParserError, ValueError):
            value = re.sub(r"<[^>]*>", " ", value)
    return " ".join(value.split())


def _shorten(text: str) -> str:
    if len(text) <= SUMMARY_LENGTH:
        return text
    return text[:SUMMARY_LENGTH].rsplit(" ", 1)[0] + "…"


def _language(code: str) -> str | None:
    """`ru-RU` → ru; `ky`, `ky-KG`, `kir` and the `kg` outlets often write → ky; anything else → None."""
    code = code.strip().lower()
    return "ky" if code.startswith("kir") else {"ru": "ru", "ky": "ky", "kg": "ky"}.get(code[:2])
