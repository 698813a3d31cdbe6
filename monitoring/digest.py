"""What the digest says about a day or a week: the numbers, the lists and the groups.

An item is *about us* when it mentions City Hall, an official, a unit or a
topic (mentions.py). City Hall's own stories (its portal's feeds) are never
counted as coverage: they are shown beside it, each with the items that
picked it up. Times are Bishkek's: a day is a day in Bishkek.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

from portal.localization.editor import _
from portal.stories.registry import Registry

from .languages import LANGUAGES
from .mentions import CITY_HALL, KINDS, Mention
from .outlets import Outlet
from .similarity import groups, like, signature
from .store import Store, StoredItem

BISHKEK = ZoneInfo("Asia/Bishkek")
PICKUP_BEFORE = timedelta(hours=6)  # a press item this long before a release may be the same event…
PICKUP_AFTER = timedelta(days=3)  # …and this long after it
_VERSION = re.compile(r"/(ky|ru)$")  # the portal's item ids: tag:meria.kg,2026:<story>/<lang>


@dataclass(frozen=True)
class Entry:
    """Someone or something the press mentions, named in both languages."""

    mention: Mention
    names: dict[str, str]

    def name(self, lang: str) -> str:
        return self.names[lang]


@dataclass
class Item:
    stored: StoredItem
    outlet: Outlet
    entries: list[Entry]  # what it mentions, City Hall first, then officials, units, topics

    @property
    def published(self) -> datetime:
        return self.stored.published.astimezone(BISHKEK)

    @property
    def updated(self) -> datetime | None:
        return self.stored.updated.astimezone(BISHKEK) if self.stored.updated else None

    @cached_property
    def signature(self) -> Counter[str]:
        named = (e.mention.id for e in self.entries if e.mention.kind in ("officials", "units"))
        return signature(self.stored.title, self.stored.summary, self.stored.language, named)


@dataclass
class Story:
    """Items of several outlets about one event."""

    items: list[Item]

    @property
    def outlets(self) -> list[Outlet]:
        return list({item.outlet.id: item.outlet for item in self.items}.values())


@dataclass
class OwnStory:
    """One of City Hall's stories (its versions by language) and the press items that picked it up."""

    versions: dict[str, Item]
    pickups: list[Item] = field(default_factory=list)

    def version(self, lang: str) -> Item:
        return self.versions.get(lang) or next(iter(self.versions.values()))


@dataclass
class Row:
    entry: Entry
    items: list[Item]


@dataclass
class Count:
    """A line of a table: about us / everything read, for an outlet or a language."""

    names: dict[str, str]
    about_us: int
    read: int

    def name(self, lang: str) -> str:
        return self.names[lang]


@dataclass
class Period:
    kind: str  # day | week
    start: date
    end: date  # the last day, included
    items: list[Item]  # about us, newest first
    read: int  # every item read from the outlets (not City Hall's own)
    rows: dict[str, list[Row]]  # by kind of entry (KINDS)
    by_outlet: list[Count]
    by_language: list[Count]
    stories: list[Story]
    own: list[OwnStory]
    per_day: list[tuple[date, int]]  # items about us each day

    @property
    def slug(self) -> str:
        if self.kind == "day":
            return self.start.isoformat()
        year, week, _weekday = self.start.isocalendar()
        return f"{year}-w{week:02d}"

    @property
    def outlets_read(self) -> int:
        return sum(1 for count in self.by_outlet if count.read)


@dataclass
class Trend:
    entry: Entry
    days: list[date]
    counts: list[int]


def bishkek_day(moment: datetime) -> date:
    return moment.astimezone(BISHKEK).date()


def _start(day: date) -> datetime:
    return datetime.combine(day, time(), BISHKEK)


class Digest:
    """The store's items seen through the registries and the outlets list."""

    def __init__(self, store: Store, outlets: list[Outlet], registry: Registry) -> None:
        self.store = store
        self.outlets = {o.id: o for o in outlets}
        self.own = next((o.id for o in outlets if o.own), None)
        self.entries = _entries(registry)
        self.order = {mention: n for n, mention in enumerate(self.entries)}
        self._made: dict[int, Item] = {}  # one Item per stored item: its signature is worked out once
        self._day_stories: dict[date, list[Story]] = {}  # a day's stories, for its page and its week's

    @cached_property
    def last_day(self) -> date | None:
        """The digest's last day: the day of the newest item stored (today, on a daily run)."""
        newest = self.store.newest()
        return bishkek_day(newest) if newest else None

    def day(self, day: date) -> Period:
        return self._period("day", day, day)

    def week(self, day: date) -> Period:
        monday = day - timedelta(days=day.weekday())
        return self._period("week", monday, monday + timedelta(days=6))

    def trends(self, last_day: date, days: int = 30) -> list[Trend]:
        """Mentions of each official per day, for the `days` days up to `last_day`."""
        span = [last_day - timedelta(days=n) for n in range(days - 1, -1, -1)]
        counts: Counter[tuple[str, date]] = Counter()
        for item in self._items(span[0], last_day):
            officials = [e for e in item.entries if e.mention.kind == "officials"] if item.outlet.id != self.own else []
            for entry in officials:
                counts[(entry.mention.id, bishkek_day(item.stored.published))] += 1
        return [Trend(entry, span, [counts[(entry.mention.id, d)] for d in span])
                for entry in self.entries.values() if entry.mention.kind == "officials"]

    # ------------------------------------------------------------------ internals

    def _items(self, first: date, last: date) -> list[Item]:
        rows = self.store.items(_start(first), _start(last + timedelta(days=1)))
        return [self._made.get(row.id) or self._made.setdefault(
                    row.id, Item(row, self.outlets[row.outlet], self._entries_of(row.mentions)))
                for row in rows if row.outlet in self.outlets]

    def _entries_of(self, mentions: frozenset[Mention]) -> list[Entry]:
        return sorted((self.entries[m] for m in mentions if m in self.entries), key=lambda e: self.order[e.mention])

    def _period(self, kind: str, first: date, last: date) -> Period:
        around = self._items(first - timedelta(days=1), last + PICKUP_AFTER)
        inside = [i for i in around if first <= bishkek_day(i.stored.published) <= last]
        press = [i for i in inside if i.outlet.id != self.own]
        about_us = [i for i in press if i.entries]
        return Period(
            kind=kind, start=first, end=last,
            items=sorted(about_us, key=lambda i: i.stored.published, reverse=True),
            read=len(press),
            rows=self._rows(about_us),
            by_outlet=self._by_outlet(press),
            by_language=[Count(_language_names(lang), sum(1 for i in about_us if i.stored.language == lang),
                               sum(1 for i in press if i.stored.language == lang)) for lang in LANGUAGES],
            stories=self._stories(about_us),
            own=self._own(inside, [i for i in around if i.outlet.id != self.own and i.entries]),
            per_day=[(d, sum(1 for i in about_us if bishkek_day(i.stored.published) == d))
                     for d in (first + timedelta(days=n) for n in range((last - first).days + 1))],
        )

    def _rows(self, items: list[Item]) -> dict[str, list[Row]]:
        """Every official (none mentioned is news too); the units and topics mentioned, most first."""
        rows: dict[str, list[Row]] = {}
        for kind in KINDS:
            kind_rows = [Row(entry, [i for i in items if entry.mention in i.stored.mentions])
                         for entry in self.entries.values() if entry.mention.kind == kind]
            if kind != "officials":
                kind_rows = sorted((r for r in kind_rows if r.items), key=lambda r: -len(r.items))
            rows[kind] = kind_rows
        return rows

    def _by_outlet(self, press: list[Item]) -> list[Count]:
        counts = [Count(outlet.names, sum(1 for i in press if i.outlet is outlet and i.entries),
                        sum(1 for i in press if i.outlet is outlet))
                  for outlet in self.outlets.values() if not outlet.own]
        return sorted(counts, key=lambda c: (-c.about_us, -c.read))

    def _stories(self, items: list[Item]) -> list[Story]:
        """Groups of similar items from at least two outlets, each day on its own."""
        stories = []
        for day in sorted({bishkek_day(i.stored.published) for i in items}):
            if day not in self._day_stories:
                of_day = [i for i in items if bishkek_day(i.stored.published) == day]
                found = [Story([of_day[n] for n in group]) for group in groups([i.signature for i in of_day])]
                self._day_stories[day] = [story for story in found if len(story.outlets) > 1]
            stories += self._day_stories[day]
        return sorted(stories, key=lambda s: (-len(s.outlets), -len(s.items), s.items[0].stored.published))

    def _own(self, inside: list[Item], press_around: list[Item]) -> list[OwnStory]:
        """City Hall's stories of the period, each language's version together, with their pickups:
        press items about us (`press_around`) that tell the same."""
        stories: dict[str, OwnStory] = {}
        for item in (i for i in inside if i.outlet.id == self.own):
            stories.setdefault(_VERSION.sub("", item.stored.key), OwnStory({})).versions[item.stored.language] = item
        for story in stories.values():
            published = min(v.stored.published for v in story.versions.values())
            candidates = [i for i in press_around
                          if published - PICKUP_BEFORE <= i.stored.published <= published + PICKUP_AFTER]
            picked = like([v.signature for v in story.versions.values()], [c.signature for c in candidates])
            story.pickups = [candidates[n] for n in picked]
        return sorted(stories.values(), key=lambda s: min(v.stored.published for v in s.versions.values()),
                      reverse=True)


def _language_names(lang: str) -> dict[str, str]:
    """«Кыргызча»/«Кыргызский»: a language named in each page's language."""
    name = _("Kyrgyz") if lang == "ky" else _("Russian")
    return {page: name.text(page) for page in LANGUAGES}


def _entries(registry: Registry) -> dict[Mention, Entry]:
    """City Hall, then the officials, units and topics, in registry order."""
    entries = {CITY_HALL: Entry(CITY_HALL, {lang: _("Bishkek City Hall").text(lang) for lang in LANGUAGES})}
    for kind in KINDS[1:]:
        for entry_id, entry in registry.of(kind).items():
            entries[Mention(kind, entry_id)] = Entry(Mention(kind, entry_id), dict(entry.names))
    return entries
