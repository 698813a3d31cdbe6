"""`photos:` in each language file: a story's photos described in that language.

    photos:
      - file: buses.jpg
        alt: "Ряд новых бело-синих автобусов на площадке автобусного парка"
        caption: "Новые автобусы в автопарке, 24 ноября"
        credit: "Пресс-служба мэрии Бишкека"
        date: 2026-11-24        # optional: the day it was taken
        licence: CC-BY-4.0      # optional: the site's default otherwise

This is what the browser editor writes: each language pane of an entry has its
own list, so alt text, caption and credit are written in the language of the
page that shows them (a credit written once showed the Russian name of the
press office on Kyrgyz pages). Every photo in the folder is published, so
every language file of the story lists every photo, with an alt text and a
credit. The day and the licence belong to the photo, not to a language: where
two files give them, they must agree.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from portal.core.dates import parse_datetime
from portal.core.problems import Problems
from portal.localization.editor import Message, _

from .model import Photo
from .photos_yml import photos_on_disk, readable, unpublishable

KEY = "photos"
KEYS = ("file", "alt", "caption", "credit", "date", "licence")
SHARED = ("date", "licence")  # the photo's, whichever language file gives them


@dataclass
class LanguageFile:
    """One language file's front matter, as the photo list needs it."""

    lang: str
    source: Path
    meta: dict
    lines: dict[str, int]


@dataclass
class _Described:
    texts: dict[str, dict[str, str]] = field(default_factory=lambda: {"alt": {}, "caption": {}, "credit": {}})
    shared: dict[str, tuple[str, LanguageFile, int]] = field(default_factory=dict)  # key -> (value, file, line)


def example(name: str) -> Message:
    return _('photos:\n  - file: %(name)s\n    alt: "what the photo shows"\n    credit: "who took it"', name=name)


def uses_photo_lists(texts: list[LanguageFile]) -> bool:
    """Whether the story describes its photos in its language files (else: photos.yml, the old form)."""
    return any(KEY in text.meta for text in texts)


@dataclass
class PhotoLists:
    """Reads the `photos:` lists of a story folder's language files; every mistake becomes a `Problem`."""

    folder: Path
    files: list[str]
    texts: list[LanguageFile]
    licences: dict
    default_licence: str
    timezone: ZoneInfo
    problems: Problems

    def read(self) -> list[Photo]:
        on_disk = photos_on_disk(self.files)
        unpublishable(self.folder, self.files, self.problems)
        described: dict[str, _Described] = {}  # in the order the files list them
        for text in self.texts:
            listed = self.read_list(text, on_disk, described)
            for name in on_disk:
                if name not in listed:
                    self.problems.add(text.source, text.lines.get(KEY),
                                      _('the photo "%(name)s" is not described in %(file)s', name=name,
                                        file=text.source.name),
                                      _("Every photo in the folder is published: describe it here in this "
                                        "language (or remove the photo):\n%(example)s", example=example(name)))
        return [photo for name, found in described.items() if (photo := self.photo(name, found)) is not None]

    def read_list(self, text: LanguageFile, on_disk: list[str], described: dict[str, _Described]) -> set[str]:
        """The names one file lists; their texts and shared facts go into `described`."""
        raw = text.meta.get(KEY)
        if raw is None:
            return set()
        if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
            self.problems.add(text.source, text.lines.get(KEY), _('"photos" must be a list of photos'),
                              _("Write it like this:\n%(example)s", example=example("photo.jpg")))
            return set()
        listed = set()
        for index, item in enumerate(raw):
            where = f"{KEY}.{index}"
            line = text.lines.get(where) or text.lines.get(KEY)
            name = str(item.get("file") or "").strip()
            for key in item:
                if key not in KEYS:
                    close = difflib.get_close_matches(str(key), KEYS, n=1)
                    self.problems.add(text.source, text.lines.get(f"{where}.{key}", line),
                                      _('unknown key "%(key)s" of a photo', key=key),
                                      _('Did you mean "%(key)s"?', key=close[0]) if close else
                                      _("Keys of a photo: %(keys)s.", keys=KEYS))
            if not name:
                self.problems.add(text.source, line, _("a photo has no file"),
                                  _("Add: file: photo.jpg (a photo in this folder)"))
                continue
            if name not in on_disk:
                self.problems.add(text.source, text.lines.get(f"{where}.file", line),
                                  _('"%(name)s" is not a photo in this folder', name=name),
                                  _("Correct the file name (photos here: %(photos)s); photos are .jpg, .jpeg, .png or "
                                    ".webp files.", photos=on_disk) if on_disk else
                                  _("There is no photo in this folder: put it here; photos are .jpg, .jpeg, .png or "
                                    ".webp files."))
                continue
            if name in listed:
                self.problems.add(text.source, line, _('the photo "%(name)s" is described twice', name=name),
                                  _("Keep one of them."))
                continue
            listed.add(name)
            found = described.setdefault(name, _Described())
            for key, what in (("alt", _("what the photo shows, for readers who cannot see it")),
                              ("credit", _("who took the photo, or who owns it")), ("caption", None)):
                value = item.get(key)
                value = str(value).strip() if isinstance(value, (str, int, float)) else ""
                if value:
                    found.texts[key][text.lang] = value
                elif what:
                    self.problems.add(text.source, text.lines.get(f"{where}.{key}", line),
                                      _('the photo "%(name)s" has no %(key)s', name=name, key=key),
                                      _('Add under it: %(key)s: "…"  (%(what)s)', key=key, what=what))
            for key in SHARED:
                self.shared(text, name, key, item.get(key), text.lines.get(f"{where}.{key}", line), found)
        return listed

    def shared(self, text: LanguageFile, name: str, key: str, value, line: int | None, found: _Described) -> None:
        """A photo's date or licence, the same in every language that gives it."""
        value = str(value).strip() if value not in (None, "") else ""
        if not value:
            return
        if key in found.shared and found.shared[key][0] != value:
            first, other, _line = found.shared[key]
            self.problems.add(text.source, line, _('"%(key)s" of "%(name)s" is "%(value)s" here but "%(first)s" in '
                                                   "%(file)s", key=key, name=name, value=value, first=first,
                                                   file=other.source.name),
                              _("A photo has one %(key)s: write the same in both files.", key=key))
            return
        found.shared.setdefault(key, (value, text, line or 0))

    def photo(self, name: str, found: _Described) -> Photo | None:
        licence = found.shared.get("licence", (self.default_licence,))[0]
        if licence not in self.licences:
            _licence, text, line = found.shared["licence"]
            self.problems.add(text.source, line or None, _('unknown licence "%(licence)s" for "%(name)s"',
                                                           licence=licence, name=name),
                              _("Write one of: %(licences)s (or leave it out: %(default)s).",
                                licences=list(self.licences), default=self.default_licence))
        taken = None
        if "date" in found.shared:
            raw, text, line = found.shared["date"]
            moment = parse_datetime(raw, self.timezone)
            if moment is None:
                self.problems.add(text.source, line or None, _('"date" of "%(name)s" is not a date: "%(value)s"',
                                                               name=name, value=raw),
                                  _("Write the day the photo was taken as 2026-11-26."))
            taken = moment.date() if moment else None
        if not readable(self.folder / name, self.problems):
            return None
        return Photo(name=name, path=self.folder / name, alt=found.texts["alt"], credit=found.texts["credit"],
                     licence=licence, caption=found.texts["caption"], taken=taken)
