"""Feed files as jobs: what each file is made of, and the function that makes its bytes.

A `FeedJob` is one file: its name, its format, the feed and the stories it
carries. Everything else a file depends on is the same for every job of a
build (templates, settings, the items' builders) and lives in the
`Renderer`, made once. `renderer(job)` is a pure function of the two: any
subset of the jobs, in any order, gives the same bytes, so the jobs of a
build can be shared out between processes (each renderer then builds, once,
the items and entries its jobs need).

A story is in several feeds (all stories, its section, topics, officials,
units), so the renderer builds its item once, and its `<item>`, `<entry>`
and JSON entry once per format, used by every file that carries it (an
element moves into each file's tree in turn: a file is serialized before
the next one is built).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from lxml import etree

from portal.pages.summaries import Summary
from portal.pages.urls import Urls

from .atom import atom_entry, atom_feed
from .calendar import CalendarEvents, calendar_feed
from .catalog import Feed, FeedCatalog
from .items import FeedItem, ItemBuilder
from .jsonfeed import json_entry, json_feed
from .podcast import Show, podcast_feed, video_feed
from .rss import rss_entry, rss_feed


@dataclass(frozen=True)
class FeedJob:
    """One feed file to write."""

    name: str  # the output file, relative to the site's root
    format: str  # rss | atom | json | podcast | video | calendar
    feed: Feed  # what the file says about itself
    stories: tuple[Summary, ...]  # what it carries, in order
    fallback: datetime | None  # the date of a file with no stories (the site's newest story), else None

    def key(self) -> tuple:
        """What the file is made from (portal.core.render_cache): each story it carries by its digest."""
        return self.name, self.format, self.feed, tuple([story.digest for story in self.stories]), self.fallback


def plan(catalog: FeedCatalog, urls: Urls, newest: datetime) -> list[FeedJob]:
    """Every feed file of every language. `newest` dates only the empty feeds, so that
    editing the newest story leaves the jobs of the other feeds as they were."""
    return [FeedJob(urls.output_name(file.path), file.format, feed, tuple(catalog.stories[feed.id]),
                    None if catalog.stories[feed.id] else newest)
            for lang in catalog.languages for feed in catalog.feeds[lang] for file in feed.files]


@dataclass
class Renderer:
    """Turns a job into the file's bytes; the same for every job of a build.

    `items[lang]` builds (once) a story's item; `about[lang]` is the Feeds
    page (JSON Feed's `_portal.about`); `events` the calendars' events, made
    before the jobs are shared out; `show` is the podcast's publisher (None
    when the site has no podcast)."""

    items: dict[str, ItemBuilder]
    about: dict[str, str]
    hub: str
    tzid: str
    events: CalendarEvents
    show: Show | None
    _entries: dict[tuple[str, str], etree._Element | str] = field(default_factory=dict, init=False, repr=False)

    def __call__(self, job: FeedJob) -> bytes:
        feed, stories = job.feed, list(job.stories)
        if job.format == "calendar":
            first = min((s.event.when for s in stories if s.event), default=job.fallback)
            assert first is not None, "a calendar with no events has its fallback date"
            return calendar_feed(feed, self.events.blocks(stories), self.tzid, date(first.year, 1, 1))
        build = self.items[feed.lang]
        items = [build(story) for story in stories]
        if job.format == "rss":
            return rss_feed(feed, items, self.hub, lambda item: self._once("rss", item, rss_entry))
        if job.format == "atom":
            return atom_feed(feed, items, self.hub, job.fallback, lambda item: self._once("atom", item, atom_entry))
        if job.format == "json":
            return json_feed(feed, items, self.hub, self.about[feed.lang], self._json)
        if job.format == "podcast":  # a story is in one podcast, one video feed: nothing to share
            assert self.show is not None, "a build that writes a podcast has its show"
            return podcast_feed(feed, items, self.hub, self.show)
        return video_feed(feed, items, self.hub)

    def _json(self, item: FeedItem, about: str) -> str:
        if not item.json:  # made once, and kept with the item (items.ItemBuilder); `about` is the language's
            item.json = json_entry(item, about)
        return item.json

    def _once(self, fmt: str, item: FeedItem, make: Callable[[FeedItem], etree._Element | str]):
        """`make(item)`, made once per item and format (an item's id names its story and language)."""
        key = (fmt, item.id)
        if key not in self._entries:
            self._entries[key] = make(item)
        return self._entries[key]
