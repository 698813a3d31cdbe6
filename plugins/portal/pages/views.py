"""What templates see: the model resolved into one language.

Views are plain, immutable-by-convention records so that templates never have
to choose a language, look up a registry or build a URL themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from portal.stories.packed import PackedHtml


@dataclass(slots=True)
class Entry:
    """A registry entry (section, official, unit, topic, year) in one language.

    `role` is the official's position, already localized; `kind` is the
    official's role id (mayor, vice-mayor, …) or the unit's kind (department,
    district, enterprise) for templates to group by; `count` is the number of
    stories listed on its page, where that matters.
    """

    id: str
    name: str
    url: str
    role: str = ""
    kind: str = ""
    count: int = 0


@dataclass(slots=True)
class Alternate:
    """One `<link rel="alternate" hreflang>`: `url` is absolute."""

    hreflang: str
    url: str


@dataclass(slots=True)
class LanguageSwitch:
    """Where the language switcher leads.

    `translated` is False when the page has no version in `lang`: the switcher
    then leads to the closest page that does exist (the section page) and says
    so, instead of pretending a translation exists; `draft` when that version
    exists as a draft, which it then says instead.
    """

    lang: str
    url: str
    translated: bool
    draft: bool = False


@dataclass(slots=True)
class FileView:
    """A downloadable file (a signed PDF, an audio or video file, a photo, a press kit)."""

    url: str
    name: str
    size: int
    mime: str


@dataclass(slots=True)
class ImageSource:
    """One format of a photo for `<picture>`: `srcset` lists every width ("url 800w, …")."""

    mime: str
    srcset: str


@dataclass(slots=True)
class Licence:
    name: str  # "CC BY 4.0"
    url: str


@dataclass(slots=True)
class ImageView:
    """A photo in one language.

    `url`, `width` and `height` are the largest JPEG rendition (what `<img src>`
    and og:image use); `srcset` lists the JPEG renditions and `sources` the
    other formats, preferred first (each a `<source>` of a `<picture>`).
    `original` is the cleaned full-resolution file to download.
    """

    url: str
    alt: str
    width: int
    height: int
    caption: str = ""
    credit: str = ""
    srcset: str = ""
    sources: list[ImageSource] = field(default_factory=list)
    original: FileView | None = None
    licence: Licence | None = None
    copyright: str = ""
    taken: date | None = None
    name: str = ""  # the file name in the story folder


@dataclass(slots=True)
class TrackView:
    """A WebVTT captions track of a video: `lang` of its text, `label` its language's name."""

    url: str
    lang: str
    label: str


@dataclass(slots=True)
class Cue:
    """One caption of a video, for the transcript printed under it."""

    start: str  # "00:04", as shown
    text: str


@dataclass(slots=True)
class Correction:
    date: datetime
    note: str


@dataclass(slots=True)
class DecisionView:
    number: str
    signed: date
    signatory: Entry
    legal_status: str  # "in-force" | "amended" | "repealed"
    document: FileView


@dataclass(slots=True)
class EventView:
    starts: datetime
    ends: datetime | None
    venue: str
    speakers: list[Entry]
    guests: list[str]
    accreditation: str
    status: str  # "scheduled" | "cancelled" | "postponed"
    postponed_to: datetime | None
    is_past: bool
    coverage: StoryView | None = None

    @property
    def when(self) -> datetime:
        """When it takes place: the new time of a postponed event, else its start."""
        return self.postponed_to or self.starts


@dataclass(slots=True)
class MediaView:
    """A video or audio item: a file here, or a link out (never an embed).

    For a file, `seconds` is its measured length and `file` gives its URL,
    exact byte size and MIME type (what a podcast feed's enclosure needs);
    `duration` is the length as shown ("0:45", or what the editor wrote for a
    link out). A video's `captions` are its WebVTT tracks, `transcript` the
    cues of the page's language.
    """

    kind: str  # "video" | "audio"
    file: FileView | None
    external_url: str
    poster: ImageView | None
    duration: str
    seconds: float | None = None
    captions: list[TrackView] = field(default_factory=list)
    transcript: list[Cue] = field(default_factory=list)

    @property
    def iso_duration(self) -> str:
        """ISO 8601 duration (schema.org's VideoObject and AudioObject): "PT45S", "PT6M12S", "PT1H2M40S";
        the measured length, else the one the editor wrote for a link out ("1:02:40"), else ""."""
        if self.seconds is not None:
            total = round(self.seconds)
        elif self.duration:  # validated as [h:]mm:ss (portal.stories.fields.DURATION)
            total = sum(int(part) * 60 ** power for power, part in enumerate(reversed(self.duration.split(":"))))
        else:
            return ""
        hours, rest = divmod(total, 3600)
        minutes, seconds = divmod(rest, 60)
        parts = [(hours, "H"), (minutes, "M"), (seconds, "S")]
        return "PT" + ("".join(f"{n}{unit}" for n, unit in parts if n) or "0S")


@dataclass(slots=True)
class StoryView:
    """One story in one language, everything resolved for the page.

    `unpublished` is "" on the public site; a preview also shows drafts
    ("draft") and stories dated later than the build's clock ("embargoed").
    """

    id: str
    lang: str
    title: str
    summary: str
    content: PackedHtml  # in a template: {{ story.content|safe }}
    url: str
    abs_url: str
    date: datetime
    modified: datetime | None
    section: Entry
    officials: list[Entry] = field(default_factory=list)
    units: list[Entry] = field(default_factory=list)
    topics: list[Entry] = field(default_factory=list)
    image: ImageView | None = None
    photos: list[ImageView] = field(default_factory=list)  # every photo of the story, lead first
    press_kit: FileView | None = None  # the zip of the photos' originals and captions
    corrections: list[Correction] = field(default_factory=list)
    decision: DecisionView | None = None
    event: EventView | None = None
    media: MediaView | None = None
    explains: StoryView | None = None
    explained_by: list[StoryView] = field(default_factory=list)
    translation: StoryView | None = None

    @property
    def updated(self) -> datetime:
        """The last time the story changed: its latest correction, else its publication."""
        return max(self.date, self.modified or self.date)
    unpublished: str = ""

    @property
    def gallery(self) -> list[ImageView]:
        """The photos not already shown as the lead photo or a video's poster."""
        shown = {image.name for image in (self.image, self.media.poster if self.media else None) if image}
        return [photo for photo in self.photos if photo.name not in shown]


@dataclass(slots=True)
class PageView:
    id: str
    title: str
    summary: str
    content: PackedHtml  # in a template: {{ page.content|safe }}
    url: str


@dataclass(slots=True)
class ProfileView:
    """An official in one language, beyond their name and position: what data/officials.yml gives
    (portal.stories.profiles). `photo`'s alt is their name; `biography` is a list of paragraphs."""

    photo: ImageView | None
    biography: list[str]
    phone: str
    email: str
    address: str
    hours: str

    @property
    def contacts(self) -> bool:
        return bool(self.phone or self.email or self.address or self.hours)


@dataclass(slots=True)
class Pagination:
    """Path-based pagination: page 1 is the bare URL (`first`), then `page/N/`."""

    number: int
    count: int
    first: str

    @property
    def urls(self) -> list[str]:
        return [self.first if n == 1 else f"{self.first}page/{n}/" for n in range(1, self.count + 1)]

    @property
    def previous_url(self) -> str | None:
        return self.urls[self.number - 2] if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.urls[self.number] if self.number < self.count else None
