"""The press-conference calendar of one language (iCalendar, RFC 5545).

Journalists subscribe to it once; their calendar app re-reads it and applies
what changed. So every announcement keeps one UID for life, made like the
feed items' ids of its folder and language; a cancelled one stays in the calendar as `STATUS:CANCELLED` and a
postponed one moves to its new time under the same UID, with a higher
SEQUENCE. Past events stay: the calendar is also the record of what took
place. Times are Asia/Bishkek, with its VTIMEZONE; stamps come from the
stories' own times, never the build's clock, so a rebuild writes the same bytes.

Because past events stay, the calendar grows with the archive: 2,000
events a language at 20,000 story pairs, 2.6 MB. Made whole on every
change to one announcement, it cost seconds (every event's story read back,
its facts rendered, icalendar's line folding). So each event's `VEVENT` is
made once (`CalendarEvents`) and kept with the feed items, under its
story's digest; a calendar is its head, made by icalendar, and the events'
kept bytes: the same bytes icalendar gives for the whole calendar.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, timedelta
from typing import TYPE_CHECKING

from portal.core.state import Shards
from portal.pages.summaries import Summary
from portal.pages.views import EventView, StoryView

from .catalog import Feed

if TYPE_CHECKING:
    from icalendar import Event

PRODUCT = "-//Bishkek City Hall//Press conferences//EN"
REFRESH = timedelta(hours=1)  # how often calendar apps should re-read it


def event_uid(authority: str, story_id: str, lang: str) -> str:
    """`announcements/2026/11-25-budget-briefing/ky@meria.kg`: RFC 5545's unique-id@domain."""
    return f"{story_id}/{lang}@{authority.split(',')[0]}"


END = b"END:VCALENDAR\r\n"


def calendar_feed(feed: Feed, events: list[bytes], tzid: str, since: date) -> bytes:
    """The calendar of `events`, each a `VEVENT` as `CalendarEvents` makes it, in order.
    `since`: the first day the VTIMEZONE must describe (the earliest event's year)."""
    # Imported here: icalendar takes ~0.1 s to import, and most rebuilds write no calendar.
    from icalendar import Calendar, Timezone

    cal = Calendar()
    cal.add("prodid", PRODUCT)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", feed.title)
    cal.add("x-wr-calname", feed.title)
    cal.add("description", feed.description)
    cal.add("x-wr-caldesc", feed.description)
    cal.add("x-wr-timezone", tzid)
    cal.add("url", feed.page_url)
    cal.add("source", feed.file("calendar").url)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")  # the same, for Outlook
    cal.add_component(Timezone.from_tzid(tzid, first_date=since))
    head = cal.to_ical()
    assert head.endswith(END)
    return b"".join([head.removesuffix(END), *events, END])


class CalendarEvents:
    """Each announcement's `VEVENT` in one language, made once for its story's digest.

    `views(stories)` gives stories' whole views (pages.resolve.Resolver);
    `describe(story)` the event's facts as plain text, in the calendar's
    language; `kept` the feed items' store (its salt covers the theme, the
    settings and the code), where each event is kept beside its story's item.
    `make` is called in the build's own process before the calendars are
    rendered, perhaps in forked workers, which then only read `blocks`."""

    def __init__(self, views: Callable[[list[Summary]], list[StoryView]], authority: str,
                 describe: Callable[[StoryView], str], kept: Shards | None) -> None:
        self.views = views
        self.authority = authority
        self.describe = describe
        self.kept = kept
        self.made: dict[str, bytes] = {}

    def make(self, stories: list[Summary]) -> None:
        """Make and keep the events of these stories that are not kept under their digest."""
        missing = [story for story in stories if story.event and self._kept(story) is None]
        for story, view in zip(missing, self.views(missing), strict=True):
            key = _key(story)
            self.made[key] = block = _event(view, event_uid(self.authority, view.id, view.lang),
                                            self.describe(view))
            if self.kept is not None:
                self.kept.put(key, story.digest, block)

    def blocks(self, stories: list[Summary]) -> list[bytes]:
        """The events of these stories, in the calendar's order (by their time, then story)."""
        events = sorted(((story.event.when, story.id, story) for story in stories if story.event),
                        key=lambda timed: timed[:2])
        found = [(story.id, self._kept(story)) for _when, _id, story in events]
        missing = [story_id for story_id, block in found if block is None]
        assert not missing, f"CalendarEvents.make was not given {missing}"
        return [block for _id, block in found if block is not None]

    def _kept(self, story: Summary) -> bytes | None:
        key = _key(story)
        if key in self.made:
            return self.made[key]
        if self.kept is not None and self.kept.heads.get(key) == story.digest:
            return self.kept.body(key)
        return None


def _key(story: Summary) -> str:
    """Its key in the feed items' store: beside the story's item (`<story id>/<lang>`)."""
    return f"{story.id}/{story.lang}/event"


def _event(story: StoryView, uid: str, facts: str) -> bytes:
    from icalendar import Event

    event = Event()
    assert story.event is not None
    _describe(event, story, story.event, uid, facts)
    return event.to_ical()


def _describe(event: Event, story: StoryView, e: EventView, uid: str, facts: str) -> None:
    starts = e.when
    event.add("uid", uid)
    event.add("dtstamp", story.updated.astimezone(UTC))
    event.add("created", story.date.astimezone(UTC))
    event.add("last-modified", story.updated.astimezone(UTC))
    event.add("sequence", len(story.corrections) + (0 if e.status == "scheduled" else 1))
    event.add("summary", story.title)
    event.add("dtstart", starts)
    if e.ends:
        event.add("dtend", starts + (e.ends - e.starts))  # a postponed event keeps its length
    event.add("location", e.venue)
    event.add("status", "CANCELLED" if e.status == "cancelled" else "CONFIRMED")
    event.add("url", story.abs_url)
    event.add("description", "\n\n".join(part for part in (story.summary, facts, story.abs_url) if part))
