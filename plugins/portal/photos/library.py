"""What the photos plugin hands on: the published files of every photo and press kit.

Paths are relative to the site root (`media/<story id>/…`); the page writer
puts its own prefix in front. Left in the context under `PORTAL_PHOTOS`.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    mime: str
    path: str


@dataclass
class PublishedPhoto:
    """One photo: its cleaned full-resolution original and its renditions."""

    name: str
    width: int  # as displayed (EXIF orientation applied)
    height: int
    original: str
    original_size: int
    original_mime: str
    renditions: list[Rendition]  # narrowest first, every format
    licence_name: str
    licence_url: str
    year: int  # of the copyright: when the photo was taken, or the story's year

    def of_type(self, mime: str) -> list[Rendition]:
        return [r for r in self.renditions if r.mime == mime]


@dataclass(frozen=True)
class PressKit:
    """The zip of a story's cleaned originals and their captions."""

    path: str
    name: str
    size: int


@dataclass
class StoryPhotos:
    """One story's published photos (by file name), its press kit, and every file they publish."""

    photos: dict[str, PublishedPhoto] = field(default_factory=dict)
    kit: PressKit | None = None
    files: dict[str, str] = field(default_factory=dict)  # site path -> the cache file to publish there


@dataclass
class PhotoLibrary:
    photos: dict[tuple[str, str], PublishedPhoto] = field(default_factory=dict)  # (story id, file name)
    kits: dict[str, PressKit] = field(default_factory=dict)  # story id
    mime_order: tuple[str, ...] = ()  # the formats of the renditions, preferred first
    stories: dict[str, StoryPhotos] = field(default_factory=dict)  # story id (only stories with photos)

    def add(self, story_id: str, record: StoryPhotos | None) -> None:
        if record is None:
            return
        self.stories[story_id] = record
        self.photos.update(((story_id, name), photo) for name, photo in record.photos.items())
        if record.kit:
            self.kits[story_id] = record.kit

    def photo(self, story_id: str, name: str) -> PublishedPhoto | None:
        return self.photos.get((story_id, name))
