"""The press-conference calendar of one language (iCalendar, RFC 5545).

Journalists subscribe to it once; their calendar app re-reads it and applies
what changed. So every announcement keeps one UID for life, made like the
feed items' ids of its folder and language; a cancelled one stays in the calendar as `STATUS:CANCELLED` and a
postponed one moves to its new time under the same UID, with a higher
SEQUENCE. Past events stay: the calendar is also the record of what took
place. Times are Asia/Bishkek, with its VTIMEZONE; stamps come from the
stories' own times, never the build's clock, so a rebuild writes the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, timedelta
from typing import TYPE_CHECKING

from portal.pages.views import EventView, StoryView

from .catalog import Feed

if TYPE_CHECKING:
    from icalendar import Event

PRODUCT = "-//Bishkek City Hall//Press conferences//EN"
REFRESH = timedelta(hours=1)  # how often calendar apps should re-read it


def event_uid(authority: str, story_id: str, lang: str) -> str:
    """`announcements/2026/11-25-budget-briefing/ky@meria.kg`: RFC 5545's unique-id@domain."""
    return f"{story_id}/{lang}@{authority.split(',')[0]}"


def calendar_feed(feed: Feed, stories: list[StoryView], authority: str, tzid: str, since: date,
                  describe: Callable[[StoryView], str]) -> bytes:
    """`since`: the first day the VTIMEZONE must describe (the earliest event's year);
    `describe(story)`: the event's facts as plain text, in the calendar's language.
    An event needs only the story's title, summary, address and dates: no feed item is built for it."""
    # Imported here: icalendar takes ~0.1 s to import, and most rebuilds write no calendar.
    from icalendar import Calendar, Event, Timezone

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
    events = [(story.event, story) for story in stories if story.event]  # the calendar's stories are events
    for e, story in sorted(events, key=lambda pair: (pair[0].when, pair[1].id)):
        event = Event()
        _describe(event, story, e, event_uid(authority, story.id, story.lang), describe(story))
        cal.add_component(event)
    return cal.to_ical()


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
