"""Feed files as jobs: what each file is made of, and the function that makes its bytes.

A `FeedJob` is one file: its name, its format, the feed and the stories it
carries, and the few values of the build it shows. Everything else a file
depends on is the same for every job of a build (templates, settings, the
items' builders) and lives in the `Renderer`, made once. `renderer(job)` is
a pure function of the two: any subset of the jobs, in any order, gives
the same bytes, so the jobs of a build can be shared out between processes
(each renderer then builds, once, the items its jobs need).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from bilingual.urls import Urls
from bilingual.views import StoryView

from .atom import atom_feed
from .calendar import calendar_feed
from .catalog import Feed, FeedCatalog
from .items import ItemBuilder
from .jsonfeed import json_feed
from .podcast import Show, podcast_feed, video_feed
from .rss import rss_feed


@dataclass(frozen=True)
class FeedJob:
    """One feed file to write."""

    name: str  # the output file, relative to the site's root
    format: str  # rss | atom | json | podcast | video | calendar
    feed: Feed  # what the file says about itself (pickled without its stories)
    stories: tuple[StoryView, ...]  # what it carries, in order
    about: str  # the Feeds page of its language (JSON Feed's `_portal.about`)
    fallback: datetime | None  # the date of a file with no stories (the site's newest story), else None


def plan(catalog: FeedCatalog, urls: Urls, newest: datetime) -> list[FeedJob]:
    """Every feed file of every language. `newest` dates only the empty feeds, so that
    editing the newest story leaves the jobs of the other feeds as they were."""
    jobs = []
    for lang in catalog.languages:
        about = urls.absolute(catalog.pages[lang])
        for feed in catalog.feeds[lang]:
            for file in feed.files:
                jobs.append(FeedJob(urls.output_name(file.path), file.format, feed, tuple(feed.stories), about,
                                    None if feed.stories else newest))
    return jobs


@dataclass
class Renderer:
    """Turns a job into the file's bytes; the same for every job of a build.

    `items[lang]` builds (once) a story's item; `describe(story)` gives an
    event's facts as plain text for the calendar; `show` is the podcast's
    publisher (None when the site has no podcast)."""

    items: dict[str, ItemBuilder]
    hub: str
    authority: str
    tzid: str
    describe: Callable[[StoryView], str]
    show: Show | None

    def __call__(self, job: FeedJob) -> bytes:
        feed, stories = job.feed, list(job.stories)
        if job.format == "calendar":
            first = min((s.event.when for s in stories), default=job.fallback)
            return calendar_feed(feed, stories, self.authority, self.tzid, date(first.year, 1, 1), self.describe)
        build = self.items[feed.lang]
        items = [build(story) for story in stories]
        if job.format == "rss":
            return rss_feed(feed, items, self.hub)
        if job.format == "atom":
            return atom_feed(feed, items, self.hub, fallback_updated=job.fallback)
        if job.format == "json":
            return json_feed(feed, items, self.hub, job.about)
        if job.format == "podcast":
            return podcast_feed(feed, items, self.hub, self.show)
        return video_feed(feed, items, self.hub)
