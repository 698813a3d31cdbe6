"""A story in one language as a feed item: the one record every format is written from.

The item's id is a tag URI made of what never changes for the life of a
story: its folder (the story id) and the language. Title, slug, text and
address may all be edited; the id stays, so readers never see a corrected
story twice.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePosixPath

from portal.core.state import Shards
from portal.pages.resolve import REGISTRY_PATHS, Resolver
from portal.pages.summaries import Summary, involved
from portal.pages.views import Entry, FileView, ImageView, StoryView

from .html import feed_html, plain_text

IMAGE_MIME = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}


def item_id(authority: str, story_id: str, lang: str) -> str:
    """`tag:meria.kg,2026:news/2026/11-26-bus-lanes/ky` (RFC 4151)."""
    return f"tag:{authority}:{story_id}/{lang}"


def seconds(duration: str) -> int | None:
    """`"02:40"` → 160, `"1:02:40"` → 3760: what an editor wrote for a video linked out."""
    parts = duration.split(":") if duration else []
    if not parts or len(parts) > 3 or not all(p.isdigit() for p in parts):
        return None
    total = 0
    for part in parts:
        total = total * 60 + int(part)
    return total


@dataclass(frozen=True)
class Enclosure:
    """A published file: absolute `url`, its exact size in bytes and MIME type."""

    url: str
    length: int
    mime: str


@dataclass(frozen=True)
class MediaObject:
    """A Media RSS `media:content`: a photo with its description, credit and
    licence, or the story's recording or video."""

    file: Enclosure
    medium: str  # image | audio | video
    width: int = 0
    height: int = 0
    duration: int | None = None
    description: str = ""
    credit: str = ""
    licence: tuple[str, str] | None = None  # (name, url)
    copyright: str = ""


@dataclass(frozen=True)
class Category:
    """A section, topic, official or unit, in the feed's language; `scheme`
    is the absolute address of the list it belongs to."""

    kind: str  # sections | topics | officials | units
    term: str  # the registry id
    label: str
    scheme: str


@dataclass
class FeedItem:
    """Everything any of our formats says about a story in one language."""

    id: str
    lang: str
    url: str
    title: str
    summary: str
    content_html: str  # photo, facts, body and corrections: safe markup, links absolute
    full_text: str  # the body as plain text
    published: datetime
    updated: datetime  # the last correction, or the publication
    categories: list[Category]
    image: MediaObject | None = None  # the lead photo (a video's or recording's poster): the enclosure
    photos: list[MediaObject] = field(default_factory=list)  # the press kit: every original, lead first
    recording: MediaObject | None = None  # the audio or video file
    external_video: str = ""
    json: str = ""  # its JSON Feed entry, once written (jsonfeed.json_entry: slow, and kept with the item)


class ItemBuilder:
    """Builds (once) the items of one language, or takes them as earlier builds made them.

    `render_content(story)` gives the HTML of an item (the theme's
    feeds/item.html); `published_size(path)` the size of the file the site
    actually serves at a path, so that an enclosure's length is exact even
    if a plugin re-encodes what it publishes. `kept` holds items made by
    earlier builds of the site folder, each under its story's digest (the
    salt of the store covers the theme, the settings and the code): a feed
    file rendered again for one edited story takes the others' items from
    there, without reading their views back.
    """

    def __init__(self, resolver: Resolver, lang: str, authority: str, render_content: Callable[[StoryView], str],
                 published_size: Callable[[str], int], kept: Shards | None = None) -> None:
        self.resolver = resolver
        self.urls = resolver.urls
        self.lang = lang
        self.authority = authority
        self.render_content = render_content
        self.published_size = published_size
        self.kept = kept
        self._items: dict[str, FeedItem] = {}
        self._as_kept: dict[str, tuple[bytes, str | None]] = {}  # the digest, and the JSON it was kept with

    def __call__(self, story: Summary) -> FeedItem:
        if story.id not in self._items:
            key = f"{story.id}/{self.lang}"
            body = self.kept.body(key) if self.kept and self.kept.heads.get(key) == story.digest else None
            item = pickle.loads(body) if body is not None else self._build(self.resolver.view(story.id, story.lang))
            self._items[story.id] = item
            self._as_kept[story.id] = (story.digest, item.json if body is not None else None)
        return self._items[story.id]

    def keep(self) -> None:
        """Keep the items made (or completed) in this build for the next one. (A forked worker's are lost
        with it: made again later.)"""
        for story_id, item in self._items.items():
            digest, json = self._as_kept[story_id]
            if self.kept is not None and item.json != json:
                self.kept.put(f"{story_id}/{self.lang}", digest, pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL))

    def _build(self, story: StoryView) -> FeedItem:
        absolute = self.urls.absolute
        lead = story.image or (story.media.poster if story.media else None)
        recording = None
        if story.media and story.media.file:
            f, measured = story.media.file, story.media.seconds
            recording = MediaObject(Enclosure(absolute(f.url), self.published_size(f.url), f.mime),
                                    medium=story.media.kind,
                                    duration=round(measured) if measured is not None else seconds(story.media.duration))
        return FeedItem(
            id=item_id(self.authority, story.id, self.lang),
            lang=self.lang,
            url=story.abs_url,
            title=story.title,
            summary=story.summary,
            content_html=feed_html(self.render_content(story), story.abs_url),
            full_text=plain_text(str(story.content)),
            published=story.date,
            updated=story.updated,
            categories=self._categories(story),
            image=self._rendition(lead) if lead else None,
            photos=[self._original(photo, photo.original) for photo in story.photos if photo.original],
            recording=recording,
            external_video=story.media.external_url if story.media else "",
        )

    def _rendition(self, image: ImageView) -> MediaObject:
        """The photo as pages show it (its largest JPEG rendition): light enough for any reader."""
        mime = IMAGE_MIME.get(PurePosixPath(image.url).suffix.lower(), "application/octet-stream")
        return MediaObject(Enclosure(self.urls.absolute(image.url), self.published_size(image.url), mime),
                           medium="image", width=image.width, height=image.height,
                           description=image.caption or image.alt, credit=image.credit)

    def _original(self, image: ImageView, f: FileView) -> MediaObject:
        """A press-kit photo: the cleaned original `f` at full resolution, with its rights."""
        return MediaObject(Enclosure(self.urls.absolute(f.url), self.published_size(f.url), f.mime),
                           medium="image", description=image.caption or image.alt, credit=image.credit,
                           licence=(image.licence.name, image.licence.url) if image.licence else None,
                           copyright=image.copyright)

    def _categories(self, story: StoryView) -> list[Category]:
        """Section and topics first (what it is), then officials and units (who)."""
        registry, absolute = self.resolver.site.registry, self.urls.absolute
        concerned = involved(story)  # the official pages' rule: named, speaking or signing
        officials = [self.resolver.entry("officials", e, self.lang) for e in registry.officials.values()
                     if e.id in concerned]
        groups: list[tuple[str, list[Entry]]] = [
            ("sections", [story.section]), ("topics", story.topics), ("officials", officials), ("units", story.units)]
        return [Category(kind, e.id, e.name, absolute(self.scheme(kind))) for kind, entries in groups for e in entries]

    def scheme(self, kind: str) -> str:
        """The page listing a kind of category: the home lists the sections."""
        return self.urls.home(self.lang) if kind == "sections" else self.urls.listing(self.lang, REGISTRY_PATHS[kind])
