"""The monitoring database (SQLite): every item once, what it mentions, and each feed's validators.

An item is the same item when its outlet gives it the same id (guid), or the
same link: a second feed of the outlet, or the same feed read again, adds
nothing. An item seen again with another title or text was **updated** by
the outlet: the new words replace the old ones (the digest shows what the
outlet says now), the old ones are kept as a revision (the digest shows the
earlier title too: a changed headline is news to the press office), and the
item stays on the day it was first published. An older copy seen again (a
cached second feed, saved files read once more) changes nothing, and a
later date alone is not an update: some feeds re-date every item on every
request.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .fetching import Validators
from .mentions import Mention
from .parsing import FeedItem

SCHEMA = """
CREATE TABLE IF NOT EXISTS items (
    id INTEGER PRIMARY KEY,
    outlet TEXT NOT NULL,
    key TEXT NOT NULL,          -- the outlet's id for the item (guid), else its link
    link TEXT NOT NULL,         -- '' when the feed gave no web address
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    published TEXT NOT NULL,    -- UTC, ISO 8601; never later than first_seen
    language TEXT NOT NULL,     -- ky | ru
    first_seen TEXT NOT NULL,
    updated TEXT,               -- when a later copy changed its title or text
    UNIQUE (outlet, key)
);
CREATE INDEX IF NOT EXISTS items_by_link ON items (outlet, link);
CREATE INDEX IF NOT EXISTS items_by_time ON items (published);
CREATE TABLE IF NOT EXISTS revisions (   -- an item's words before an update
    item INTEGER NOT NULL REFERENCES items (id),
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    replaced TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS mentions (
    item INTEGER NOT NULL REFERENCES items (id),
    kind TEXT NOT NULL,         -- city-hall | officials | units | topics
    entity TEXT NOT NULL,       -- the registry id
    PRIMARY KEY (item, kind, entity)
);
CREATE TABLE IF NOT EXISTS feeds (       -- what each feed address said identifies its last copy
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT
);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True)
class StoredItem:
    id: int
    outlet: str
    key: str
    link: str
    title: str
    summary: str
    published: datetime  # UTC
    language: str
    first_seen: datetime
    updated: datetime | None
    earlier_titles: tuple[str, ...]
    mentions: frozenset[Mention]


def _time(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


class Store:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, timeout=60)  # a second `make monitor` waits for the first
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.commit()
        self.db.close()

    def commit(self) -> None:
        self.db.commit()

    # --------------------------------------------------------------- feeds

    def validators(self) -> dict[str, Validators]:
        rows = self.db.execute("SELECT url, etag, last_modified FROM feeds")
        return {url: Validators(etag, modified) for url, etag, modified in rows}

    def remember(self, url: str, validators: Validators) -> None:
        self.db.execute("INSERT OR REPLACE INTO feeds VALUES (?, ?, ?)",
                        (url, validators.etag, validators.last_modified))

    # --------------------------------------------------------------- items

    def add(self, outlet: str, item: FeedItem, language: str, seen: datetime) -> tuple[str, int]:
        """Store `item` unless known: ("new" | "updated" | "same", its row id)."""
        row = self.db.execute(
            "SELECT id, title, summary FROM items WHERE outlet = ? AND (key = ? OR (link != '' AND link = ?))",
            (outlet, item.key, item.link)).fetchone()
        if row is None:
            # never later than first seen: a feed written in a wrong time zone dates its items in the future
            published = min(item.published or seen, seen)
            cursor = self.db.execute(
                "INSERT INTO items (outlet, key, link, title, summary, published, language, first_seen) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (outlet, item.key, item.link, item.title, item.summary, _time(published), language, _time(seen)))
            return "new", int(cursor.lastrowid or 0)
        item_id, title, summary = row
        if (title, summary) == (item.title, item.summary) or self.db.execute(
                "SELECT 1 FROM revisions WHERE item = ? AND title = ? AND summary = ?",
                (item_id, item.title, item.summary)).fetchone():
            return "same", item_id  # the words it has, or words it had before: an older copy changes nothing
        self.db.execute("INSERT INTO revisions VALUES (?, ?, ?, ?)", (item_id, title, summary, _time(seen)))
        self.db.execute("UPDATE items SET title = ?, summary = ?, updated = ? WHERE id = ?",
                        (item.title, item.summary, _time(seen), item_id))
        return "updated", item_id

    def set_mentions(self, item_id: int, mentions: frozenset[Mention]) -> None:
        self.db.execute("DELETE FROM mentions WHERE item = ?", (item_id,))
        self.db.executemany("INSERT INTO mentions VALUES (?, ?, ?)", ((item_id, m.kind, m.id) for m in mentions))

    def texts(self) -> list[tuple[int, str, str, str]]:
        """(id, title, text, language) of every item: to find mentions again when the registries change."""
        return self.db.execute("SELECT id, title, summary, language FROM items").fetchall()

    def setting(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_setting(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, value))

    def newest(self) -> datetime | None:
        """When the newest item was published."""
        row = self.db.execute("SELECT MAX(published) FROM items").fetchone()
        return datetime.fromisoformat(row[0]) if row and row[0] else None

    def items(self, start: datetime, end: datetime) -> list[StoredItem]:
        """Every item published in [start, end), oldest first, with its mentions and earlier titles."""
        rows = self.db.execute(
            "SELECT id, outlet, key, link, title, summary, published, language, first_seen, updated FROM items "
            "WHERE published >= ? AND published < ? ORDER BY published, id", (_time(start), _time(end))).fetchall()
        ids = [row[0] for row in rows]
        mentions: dict[int, set[Mention]] = defaultdict(set)
        earlier: dict[int, list[str]] = defaultdict(list)
        for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
            marks = ",".join("?" * len(chunk))
            for item, kind, entity in self.db.execute(
                    f"SELECT item, kind, entity FROM mentions WHERE item IN ({marks})", chunk):
                mentions[item].add(Mention(kind, entity))
            for item, title in self.db.execute(
                    f"SELECT item, title FROM revisions WHERE item IN ({marks}) ORDER BY replaced", chunk):
                earlier[item].append(title)
        return [StoredItem(i, outlet, key, link, title, summary, datetime.fromisoformat(published), language,
                           datetime.fromisoformat(seen), datetime.fromisoformat(updated) if updated else None,
                           tuple(dict.fromkeys(t for t in earlier[i] if t != title)), frozenset(mentions[i]))
                for i, outlet, key, link, title, summary, published, language, seen, updated in rows]
