"""The content model: stories and pages, independent of any output.

A `Story` is one folder; its `translations` are the language files in it.
Everything here is validated and typed; nothing here knows about URLs'
final form, templates or languages' display rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .packed import PackedHtml
from .registry import Registry


@dataclass
class Attachment:
    """A file in the story folder that the story refers to."""

    name: str
    path: Path
    size: int


@dataclass
class Photo:
    """A photo of a story folder, as its language files (or the old photos.yml) describe it.

    Texts are per language code; so is the credit, because the press office
    names itself differently in Kyrgyz and in Russian. `licence` is an id of
    the PORTAL_PHOTO_LICENCES setting. Pixels are not read here: the photos
    plugin decodes only what is published.
    """

    name: str
    path: Path
    alt: dict[str, str]
    credit: dict[str, str]
    licence: str
    caption: dict[str, str] = field(default_factory=dict)
    taken: date | None = None


@dataclass
class Decision:
    number: str
    signed: date
    signatory: str
    legal_status: str
    document: Attachment


@dataclass
class Event:
    starts: datetime
    ends: datetime | None
    venue: str
    speakers: list[str]
    guests: list[str]
    accreditation: str
    status: str
    postponed_to: datetime | None
    coverage: str | None  # story id


@dataclass
class Media:
    kind: str  # "video" | "audio"
    file: Attachment | None
    external_url: str
    poster: Photo | None
    duration: str  # as the editor wrote it: for a link out, whose file cannot be measured
    seconds: float | None = None  # measured from the file
    captions: dict[str, Attachment] = field(default_factory=dict)  # lang -> WebVTT file (video)
    cues: dict[str, list[tuple[float, str]]] = field(default_factory=dict)  # lang -> (start, text) of each caption


@dataclass
class Translation:
    """One language file of a story folder."""

    lang: str
    source: Path
    title: str
    date: datetime | None  # a story's (validated: the same in each language); a page has none
    summary: str
    html: PackedHtml
    slug: str
    status: str
    slug_explicit: bool = False
    officials: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    image: Photo | None = None
    corrections: list[tuple[datetime, str]] = field(default_factory=list)
    decision: Decision | None = None
    event: Event | None = None
    media: Media | None = None
    explains: str | None = None
    lines: dict[str, int] = field(default_factory=dict)  # front-matter key -> line

    @property
    def modified(self) -> datetime | None:
        return max((when for when, _ in self.corrections), default=None)


@dataclass
class Story:
    id: str  # folder path relative to content/, e.g. news/2026/11-26-bus-lanes
    section: str
    folder: Path
    translations: dict[str, Translation] = field(default_factory=dict)
    photos: list[Photo] = field(default_factory=list)  # in the order the story lists them
    drafts: tuple[str, ...] = ()  # languages whose file is a draft, once `translations` holds only the public

    @property
    def date(self) -> datetime:
        """When it was published (a story with no date stops the build before anyone asks)."""
        return min(t.date for t in self.translations.values() if t.date)


@dataclass
class Page:
    """A standing page (about, contacts, accreditation) in its languages."""

    id: str
    translations: dict[str, Translation] = field(default_factory=dict)
    drafts: tuple[str, ...] = ()  # as Story.drafts


@dataclass
class Site:
    """What the stories plugin hands on: only what may be published (a preview adds the rest).

    `stories` are the stories this build read: every one, or, when `changed`
    is not None, those whose folder changed, that the clock changed and their
    neighbours (see portal.stories.facts). `changed` then names every story
    whose derived files (photos, views, pages) must be made again: those read,
    and those gone since the last build. The others are as the last build of
    this site folder left them, and a plugin that lacks something of one of
    them asks `read` for it (its state was lost): it reads those folders.
    """

    registry: Registry
    stories: dict[str, Story]
    pages: dict[str, Page]
    languages: tuple[str, ...]
    now: datetime
    changed: frozenset[str] | None = None
    ids: frozenset[str] = frozenset()  # every story on the site, read in this build or not
    read: Callable[[Iterable[str]], dict[str, Story]] = field(default=lambda ids: {}, repr=False)
