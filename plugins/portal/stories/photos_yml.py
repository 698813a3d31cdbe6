"""photos.yml: the description of a story folder's photos, in both languages (the old form).

Stories now describe their photos under `photos:` in each language file
(photo_list.py: what the browser editor writes); a folder that has no
`photos:` lists is still read from its photos.yml.

Every photo in a story folder is published (in the story's gallery and its
press kit), so every photo must be described: alt text in each of the
story's languages and a credit, at least. One small YAML file beside the
photos keeps that in one place for both language files:

    buses.jpg:
      alt: {ky: "…", ru: "…"}
      caption: {ky: "…", ru: "…"}
      credit: "Пресс-служба мэрии Бишкека"      # or {ky: "…", ru: "…"}
      date: 2026-11-24
      licence: CC-BY-4.0                         # optional: the site's default otherwise

Only each photo's header is read here (format and pixel count, without
decoding), so that an unreadable, empty or oversized file is reported with
the other mistakes of the same run; the photos plugin decodes what is
published.
"""

from __future__ import annotations

import datetime as dt  # dt.date: PhotosFile.date would shadow a bare `date` in its annotations
import difflib
import os
import warnings
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from PIL import Image, UnidentifiedImageError

from portal.core.dates import parse_datetime
from portal.core.problems import Problems
from portal.localization.editor import Message, _

from .characters import invisible
from .fields import IMAGE_SUFFIXES
from .frontmatter import KEEP_ONE, load_yaml, repeated_key, written_twice, yaml_reason
from .model import Photo

FILE_NAME = "photos.yml"
KEYS = ("alt", "caption", "credit", "date", "licence")
FORMATS = {"JPEG", "PNG", "WEBP"}  # what Pillow calls the formats we publish
# Photo files the site cannot publish as they are: reported rather than ignored.
UNPUBLISHABLE_SUFFIXES = (".heic", ".heif", ".tif", ".tiff", ".gif", ".bmp", ".avif", ".dng", ".cr2", ".nef", ".arw")


def _suffix(name: str) -> str:
    return os.path.splitext(name)[1].lower()


def example(name: str, languages: tuple[str, ...]) -> str:
    texts = "\n".join(f'    {lang}: "…"' for lang in languages)
    return f'{name}:\n  alt:\n{texts}\n  credit: "Пресс-служба мэрии Бишкека"'


def per_language(key: str, languages) -> str:
    """`alt: {ky: "…", ru: "…"}`: a text to write in each language."""
    texts = ", ".join(f'{lang}: "…"' for lang in languages)
    return f"{key}: {{{texts}}}"


class PhotosFile:
    """Reads one folder's photos.yml; every mistake becomes a `Problem`."""

    def __init__(self, folder: Path, files: list[str], languages: tuple[str, ...], licences: dict,
                 default_licence: str, timezone: ZoneInfo, problems: Problems) -> None:
        self.folder = folder
        self.files = files  # the names of the folder's files (portal.core.inputs.list_content)
        self.path = folder / FILE_NAME
        self.languages = languages  # the story's languages: each needs its alt text
        self.licences = licences
        self.default_licence = default_licence
        self.timezone = timezone
        self.problems = problems
        self.lines: dict[tuple[str, ...], int] = {}

    def problem(self, where: tuple[str, ...] | None, message: Message, hint: Message | None = None) -> None:
        line = self.lines.get(where) if where else None
        self.problems.add(self.path, line, message, hint)

    def read(self) -> list[Photo]:
        on_disk = photos_on_disk(self.files)
        unpublishable(self.folder, self.files, self.problems)
        described = self.load() if FILE_NAME in self.files else {}
        if described is None:  # photos.yml cannot be read: its own problem says why, not one per photo
            return []
        photos = [photo for name, fields in described.items()
                  if (photo := self.photo(str(name), fields, on_disk)) is not None]
        for name in on_disk:
            if name not in described:
                self.problem(None, _('the photo "%(name)s" is not described in photos.yml', name=name),
                             _("Every photo in the folder is published. Add to photos.yml (or remove the photo):\n"
                               "%(example)s", example=example(name, self.languages)))
        return photos

    def load(self) -> dict | None:
        """The photos' descriptions by file name; None (after reporting why) if the file cannot be read."""
        text = self.path.read_text(encoding="utf-8")
        found = invisible(text)
        if found:
            self.problems.add(self.path, found.line, found.message, found.hint)
            return None
        try:
            data, node = load_yaml(text)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            self.problems.add(self.path, mark.line + 1 if mark else None,
                              _("photos.yml is not valid YAML (%(reason)s)", reason=yaml_reason(error)),
                              _("Each photo is its file name followed by ':' and indented keys, e.g.:\n%(example)s",
                                example=example("photo.jpg", self.languages)))
            return None
        if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
            self.problem(None, _("photos.yml must list photos by file name"),
                         _("Write it like this:\n%(example)s", example=example("photo.jpg", self.languages)))
            return None
        repeated = repeated_key(node)
        if repeated:
            key, first, second = repeated
            self.problems.add(self.path, second + 1, written_twice(key, first + 1, second + 1), KEEP_ONE)
        for name_node, fields_node in node.value:
            self.lines[(name_node.value,)] = name_node.start_mark.line + 1
            if isinstance(fields_node, yaml.MappingNode):
                for key_node, _value in fields_node.value:
                    self.lines[(name_node.value, key_node.value)] = key_node.start_mark.line + 1
        return data

    def photo(self, name: str, fields, on_disk: list[str]) -> Photo | None:
        if name not in on_disk:
            self.problem((name,), _('"%(name)s" is not a photo in this folder', name=name),
                         _("Correct the file name (photos here: %(photos)s); photos are .jpg, .jpeg, .png or .webp "
                           "files.", photos=on_disk) if on_disk else
                         _("There is no photo in this folder: put it here; photos are .jpg, .jpeg, .png or .webp "
                           "files."))
            return None
        if not isinstance(fields, dict):
            self.problem((name,), _('"%(name)s" needs its description as indented keys', name=name),
                         _("Write it like this:\n%(example)s", example=example(name, self.languages)))
            return None
        for key in fields:
            if key not in KEYS:
                close = difflib.get_close_matches(str(key), KEYS, n=1)
                self.problem((name, key), _('unknown key "%(key)s" for "%(name)s"', key=key, name=name),
                             _('Did you mean "%(key)s"?', key=close[0]) if close else
                             _("Keys of a photo: %(keys)s.", keys=KEYS))
        alt = self.texts(name, fields, "alt", _("what the photo shows, for readers who cannot see it"))
        credit = self.texts(name, fields, "credit", _("who took the photo, or who owns it"), one_for_all=True)
        caption = self.texts(name, fields, "caption", None, required=False)
        licence = str(fields.get("licence") or self.default_licence)
        if licence not in self.licences:
            self.problem((name, "licence"), _('unknown licence "%(licence)s" for "%(name)s"', licence=licence,
                                              name=name),
                         _("Write one of: %(licences)s (or leave it out: %(default)s).", licences=list(self.licences),
                           default=self.default_licence))
        if not self.readable(name):
            return None
        return Photo(name=name, path=self.folder / name, alt=alt, credit=credit, licence=licence,
                     caption=caption, taken=self.date(name, fields.get("date")))

    def texts(self, name: str, fields: dict, key: str, what: Message | None, required: bool = True,
              one_for_all: bool = False) -> dict[str, str]:
        """{lang: text}: a mapping by language, or (with one_for_all) one text for every language."""
        raw = fields.get(key)
        if isinstance(raw, str) and one_for_all:
            raw = dict.fromkeys(self.languages, raw)
        if raw is not None and not isinstance(raw, dict):
            self.problem((name, key), _('"%(key)s" of "%(name)s" must be given per language', key=key, name=name),
                         _("Write: %(example)s", example=per_language(key, self.languages)))
            return {}
        texts = {str(lang): str(text).strip() for lang, text in (raw or {}).items() if str(text or "").strip()}
        missing = [lang for lang in self.languages if lang not in texts]
        if required and missing:
            where = (name, key) if raw is not None else (name,)
            self.problem(where, _('the photo "%(name)s" has no %(key)s in %(languages)s', name=name, key=key,
                                  languages=missing),
                         _("Add under %(name)s: %(example)s  (%(what)s)", name=name,
                           example=per_language(key, missing), what=what))
        return texts

    def date(self, name: str, raw) -> dt.date | None:
        if raw is None or raw == "":
            return None
        moment = parse_datetime(str(raw), self.timezone)
        if moment is None:
            self.problem((name, "date"), _('"date" of "%(name)s" is not a date: "%(value)s"', name=name, value=raw),
                         _("Write the day the photo was taken as 2026-11-26."))
        return moment.date() if moment else None

    def readable(self, name: str) -> bool:
        return readable(self.folder / name, self.problems)


def readable(path: Path, problems: Problems) -> bool:
    """The header says the file is a JPEG, PNG or WebP photo within Pillow's size limit
    (a problem says why not)."""
    name = path.name
    message, hint = None, _("Export the photo again as JPEG and replace the file.")
    if path.stat().st_size == 0:
        message = _('the photo "%(name)s" is an empty file', name=name)
    else:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(path) as image:
                    if image.format not in FORMATS:
                        message = _('the photo "%(name)s" is a %(format)s image, not JPEG, PNG or WebP', name=name,
                                    format=image.format)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            limit = (Image.MAX_IMAGE_PIXELS or 0) // 1_000_000  # (None: no limit, never raised)
            message = _('the photo "%(name)s" has too many pixels to publish safely (over %(limit)d megapixels)',
                        name=name, limit=limit)
            hint = _("Export it smaller: 8000 pixels on the long side is more than enough for print.")
        except (UnidentifiedImageError, OSError):
            message = _('the photo "%(name)s" cannot be read: it is not a JPEG, PNG or WebP image', name=name)
    if message:
        problems.add(path, None, message, hint)
    return message is None


def unpublishable(folder: Path, files: list[str], problems: Problems) -> None:
    """Photo files the site cannot publish as they are (HEIC, TIFF, RAW…): reported, not ignored."""
    for name in sorted(name for name in files if _suffix(name) in UNPUBLISHABLE_SUFFIXES):
        problems.add(folder / name, None, _('"%(name)s" is not a photo format the site publishes', name=name),
                     _("Export it as JPEG (or PNG), put that file here instead and describe it under photos:."))


def photos_on_disk(files: list[str]) -> list[str]:
    """The folder's photos: every one is published."""
    return sorted(name for name in files if _suffix(name) in IMAGE_SUFFIXES)
