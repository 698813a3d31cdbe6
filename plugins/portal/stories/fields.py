"""Front matter → typed `Translation`, with a readable problem per mistake."""

from __future__ import annotations

import datetime as dt  # dt.date: FieldReader.date would shadow a bare `date` in its annotations
import difflib
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from portal.core.dates import parse_datetime
from portal.core.problems import Problems
from portal.localization.editor import Message, _

from . import recordings
from .characters import invisible
from .model import Attachment, Decision, Event, Media, Photo, Translation
from .packed import PackedHtml
from .recordings import webvtt
from .recordings.problem import Unplayable
from .registry import Registry
from .slugs import slug_problem, slugify

COMMON_KEYS = {
    "title", "date", "summary", "officials", "units", "topics", "image", "status", "slug",
    "corrections", "section", "photos",
}
# Photo descriptions moved from these keys to the photos: list.
MOVED_TO_PHOTOS_YML = {f"{photo}_{text}": text
                       for photo in ("image", "poster") for text in ("alt", "caption", "credit")}
SECTION_KEYS = {
    "decisions": {"number", "signed", "signatory", "legal_status", "document"},
    "announcements": {"starts", "ends", "venue", "speakers", "guests", "accreditation",
                      "event_status", "postponed_to", "coverage"},
    "explainers": {"explains"},
    "video": {"video", "video_url", "duration", "poster"},
    "audio": {"audio", "duration", "poster"},
}
PAGE_KEYS = {"title", "summary", "status"}
STATUSES = ("published", "draft")
LEGAL_STATUSES = ("in-force", "amended", "repealed")
EVENT_STATUSES = ("scheduled", "cancelled", "postponed")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
DATE_HINT = _("Write it as 2026-11-26 10:30 (year-month-day hours:minutes, Bishkek time).")
DURATION = re.compile(r"(\d+:)?\d{1,2}:[0-5]\d")  # mm:ss or h:mm:ss: players and podcast apps read it


class FieldReader:
    """Reads one file's front matter; every mistake becomes a `Problem`."""

    def __init__(self, meta: dict, lines: dict[str, int], source: Path, folder: Path,
                 registry: Registry, timezone: ZoneInfo, problems: Problems, verdicts: recordings.Verdicts) -> None:
        self.meta = meta
        self.lines = lines
        self.source = source
        self.folder = folder
        self.registry = registry
        self.timezone = timezone
        self.problems = problems
        self.photos: dict[str, Photo] = {}  # the story's photos (photos: lists, or the old photos.yml), by file name
        self.verdicts = verdicts  # recordings read to their end, kept between builds by their content

    def problem(self, key: str | None, message: Message, hint: Message | None = None) -> None:
        line = self.lines.get(key) if key else None
        self.problems.add(self.source, line or (1 if key else None), message, hint)

    def check_keys(self, allowed: set[str], section: str) -> None:
        for key in self.meta:
            if key in MOVED_TO_PHOTOS_YML:
                photo = self.text(key.split("_")[0]) or "photo.jpg"
                value = str(self.meta[key] or "…").replace('"', "'")
                example = f'photos:\n  - file: {photo}\n    {MOVED_TO_PHOTOS_YML[key]}: "{value}"'
                self.problem(key, _('"%(key)s" is now written under photos:', key=key),
                             _("Remove this line and describe the photo under photos: (see docs/content.md):\n"
                               "%(example)s", example=example))
            elif key not in allowed:
                close = difflib.get_close_matches(key, sorted(allowed), n=1)
                hint = _('Did you mean "%(key)s"?', key=close[0]) if close else \
                    _("Keys allowed in %(section)s: %(keys)s.", section=section, keys=sorted(allowed))
                self.problem(key, _('unknown key "%(key)s"', key=key), hint)

    def text(self, key: str, required: bool = False, example: str | Message = "…") -> str:
        value = self.meta.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(None, missing(key),
                             _("Add a line to the front matter: %(key)s: %(example)s", key=key, example=example))
            return ""
        if isinstance(value, (dict, list)):
            self.problem(key, _('"%(key)s" must be text', key=key),
                         _("Write: %(key)s: %(example)s", key=key, example=example))
            return ""
        return str(value).strip()

    def datetime(self, key: str, required: bool = False) -> datetime | None:
        raw = self.meta.get(key)
        if raw is None or raw == "":
            if required:
                self.problem(None, missing(key), _("Add: %(key)s: 2026-11-26 10:30", key=key))
            return None
        parsed = parse_datetime(str(raw), self.timezone)
        if parsed is None:
            self.problem(key, _('"%(key)s" is not a date: "%(value)s"', key=key, value=raw), DATE_HINT)
        return parsed

    def date(self, key: str, required: bool = False) -> dt.date | None:
        moment = self.datetime(key, required)
        return moment.date() if moment else None

    def choice(self, key: str, options: tuple[str, ...], default: str) -> str:
        value = self.text(key) or default
        if value not in options:
            self.problem(key, _('"%(key)s" cannot be "%(value)s"', key=key, value=value),
                         _("Write one of: %(options)s.", options=options))
            return default
        return value

    def id_list(self, key: str, kind: str) -> list[str]:
        raw = self.meta.get(key)
        if raw is None:
            return []
        values = [raw] if isinstance(raw, str) else raw
        if not isinstance(values, list):
            self.problem(key, _('"%(key)s" must be a list of ids', key=key),
                         _("Write: %(key)s: [id-one, id-two]", key=key))
            return []
        return [str(v) for v in values if self.known(key, kind, str(v))]

    def id(self, key: str, kind: str, required: bool = False) -> str:
        value = self.text(key, required, example=_("one of the ids in data/%(kind)s.yml", kind=kind))
        return value if value and self.known(key, kind, value) else ""

    def known(self, key: str, kind: str, value: str) -> bool:
        if value in self.registry.of(kind):
            return True
        if kind in self.registry.unreadable:
            return False  # the registry's own problem says why
        self.problem(key, unknown_id(kind, value), self.registry.suggest(kind, value))
        return False

    def text_list(self, key: str) -> list[str]:
        raw = self.meta.get(key)
        if raw is None:
            return []
        if isinstance(raw, str):
            return [raw]
        if not isinstance(raw, list):
            self.problem(key, _('"%(key)s" must be a list', key=key),
                         _("Write one per line:\n%(key)s:\n  - …", key=key))
            return []
        return [str(v) for v in raw]

    def file(self, key: str, suffixes: tuple[str, ...], required: bool = False) -> Attachment | None:
        name = self.text(key, required, example=_("a file in this folder, e.g. name%(suffix)s", suffix=suffixes[0]))
        if not name:
            return None
        path = self.folder / name
        if "/" in name or "\\" in name or not path.is_file():
            present = sorted(p.name for p in self.folder.iterdir() if p.suffix.lower() in suffixes)
            self.problem(key, _('"%(key)s" names a file that is not in the story folder: "%(name)s"', key=key,
                                name=name),
                         _("Put the file next to this one, or use one of: %(files)s.", files=present) if present else
                         _("Put the file next to this one."))
            return None
        if path.suffix.lower() not in suffixes:
            self.problem(key, _('"%(name)s" is not a %(kinds)s file', name=name,
                                kinds="/".join(s.lstrip(".") for s in suffixes)))
            return None
        return Attachment(name=name, path=path, size=path.stat().st_size)


def missing(key: str) -> Message:
    return _('"%(key)s" is missing', key=key)


def unknown_id(kind: str, value: str) -> Message:
    """An id that a registry (officials, units, topics) does not have."""
    if kind == "officials":
        return _('unknown official "%(id)s"', id=value)
    if kind == "units":
        return _('unknown unit "%(id)s"', id=value)
    return _('unknown topic "%(id)s"', id=value)


def as_written(moment: datetime) -> str:
    """A time as editors write it: 2026-11-26 10:30."""
    return f"{moment:%Y-%m-%d %H:%M}"


def read_translation(reader: FieldReader, lang: str, section: str, html: PackedHtml,
                     languages: tuple[str, ...]) -> Translation:
    """Build the typed translation of a story file (problems go to the reader)."""
    reader.check_keys(COMMON_KEYS | SECTION_KEYS.get(section, set()), section)
    declared = reader.text("section")
    if declared and declared != section:
        reader.problem("section", _('this file says section "%(declared)s" but lives in the "%(section)s" folder',
                                    declared=declared, section=section),
                       _('Remove the "section" line, or move the folder to content/%(declared)s/.', declared=declared))
    title = reader.text("title", required=True, example=_("The headline of the story"))
    slug = reader.text("slug") or slugify(title)
    wrong = slug_problem(slug) if title else None
    if wrong:
        reader.problem("slug" if "slug" in reader.meta else "title",
                       _('"%(slug)s" cannot be used as a URL: %(reason)s', slug=slug, reason=wrong),
                       _("Write: slug: lowercase-latin-words-with-hyphens (a few words are enough)"))
    published = reader.datetime("date", required=True)
    translation = Translation(
        lang=lang,
        source=reader.source,
        title=title,
        date=published,
        summary=reader.text("summary"),
        html=html,
        slug=slug,
        slug_explicit="slug" in reader.meta,
        status=reader.choice("status", STATUSES, "published"),
        officials=reader.id_list("officials", "officials"),
        units=reader.id_list("units", "units"),
        topics=reader.id_list("topics", "topics"),
        image=read_image(reader, "image"),
        corrections=read_corrections(reader, published),
        lines=reader.lines,
    )
    if section == "decisions":
        translation.decision = read_decision(reader, published)
    elif section == "announcements":
        translation.event = read_event(reader)
    elif section == "explainers":
        translation.explains = reader.text("explains", required=True,
                                           example="decisions/2026/11-03-parking-tariffs") or None
    elif section in ("video", "audio"):
        translation.media = read_media(reader, section, lang, languages)
    return translation


def read_image(reader: FieldReader, key: str) -> Photo | None:
    """The photo named by `image:` or `poster:`; the story's photos describe it
    (a photo nobody describes is reported there)."""
    file = reader.file(key, IMAGE_SUFFIXES)
    return reader.photos.get(file.name) if file else None


def read_corrections(reader: FieldReader, published: datetime | None) -> list[tuple[datetime, str]]:
    """The dated notes of what was corrected after `published` (the story's date), oldest first."""
    raw = reader.meta.get("corrections")
    if raw is None:
        return []
    example = _('Write:\ncorrections:\n  - date: 2026-11-27 09:00\n    note: "What was corrected."')
    if not isinstance(raw, list) or not all(isinstance(c, dict) for c in raw):
        reader.problem("corrections", _('"corrections" must be a list of date and note'), example)
        return []
    corrections = []
    for item in raw:
        when = parse_datetime(str(item.get("date", "")), reader.timezone)
        note = str(item.get("note") or "").strip()
        if when is None or not note:
            reader.problem("corrections", _("each correction needs a date and a note"), example)
            continue
        if published and when < published:
            reader.problem("corrections", _("a correction is dated %(when)s, before the story was published "
                                            "(%(published)s)", when=as_written(when), published=as_written(published)),
                           _("A correction is made after publication: write the date and time it was made."))
            continue
        corrections.append((when, note))
    return sorted(corrections)


def read_decision(reader: FieldReader, published: datetime | None) -> Decision | None:
    """The decision's facts; its document must be a real PDF: readers download the signed text."""
    number = reader.text("number", required=True, example='"№ 412"')
    signed = reader.date("signed", required=True)
    if signed and published and signed > published.date():
        reader.problem("signed", _('"signed" is %(signed)s, after the story\'s date (%(published)s)',
                                   signed=signed.isoformat(), published=published.date().isoformat()),
                       _("A decision is published once it is signed: check both dates."))
    signatory = reader.id("signatory", "officials", required=True)
    legal_status = reader.choice("legal_status", LEGAL_STATUSES, "in-force")
    document = reader.file("document", (".pdf",), required=True)
    if document and not is_pdf(document.path):
        reader.problem("document", _('"%(name)s" is not a PDF document (the file is empty)', name=document.name)
                       if document.size == 0 else _('"%(name)s" is not a PDF document', name=document.name),
                       _("Save or scan the signed decision again as PDF and replace the file."))
        document = None
    if not (number and signed and signatory and document):
        return None
    return Decision(number, signed, signatory, legal_status, document)


def is_pdf(path: Path) -> bool:
    """A PDF starts with "%PDF-" (readers accept it anywhere in the first kilobyte)."""
    with path.open("rb") as file:
        return b"%PDF-" in file.read(1024)


def read_event(reader: FieldReader) -> Event | None:
    starts = reader.datetime("starts", required=True)
    ends = reader.datetime("ends")
    if starts and ends and ends < starts:
        reader.problem("ends", _('"ends" is before "starts"'), _("Check the times of the event."))
    status = reader.choice("event_status", EVENT_STATUSES, "scheduled")
    postponed_to = reader.datetime("postponed_to")
    if status == "postponed" and postponed_to is None:
        reader.problem("event_status", _("a postponed event needs its new time"),
                       _("Add: postponed_to: 2026-12-05 11:00 (or the old time if not yet known, and say so in the "
                         "text)"))
    venue = reader.text("venue", required=True, example=_("City Hall, 166 Chui Avenue, small hall"))
    speakers = reader.id_list("speakers", "officials")
    guests = reader.text_list("guests")
    accreditation = reader.text("accreditation")
    coverage = reader.text("coverage") or None
    if starts is None:  # a problem already
        return None
    return Event(
        starts=starts,
        ends=ends,
        venue=venue,
        speakers=speakers,
        guests=guests,
        accreditation=accreditation,
        status=status,
        postponed_to=postponed_to,
        coverage=coverage,
    )


def read_media(reader: FieldReader, kind: str, lang: str, languages: tuple[str, ...]) -> Media:
    file = reader.file(kind, recordings.SUFFIXES[kind])
    external_url = reader.text("video_url") if kind == "video" else ""
    if external_url and not external_url.startswith("https://"):
        reader.problem("video_url", _('"video_url" must be a full https:// address'))
        external_url = ""
    if file is None and not external_url and kind not in reader.lines:
        if kind == "video":
            reader.problem(None, _("this video story has no video"),
                           _("Add: video: film.mp4  (or video_url: https://…)"))
        else:
            reader.problem(None, _("this audio story has no audio"), _("Add: audio: recording.mp3"))
    if kind == "video" and "poster" not in reader.meta:
        reader.problem(None, _("this video story has no poster"),
                       _("Add: poster: still.jpg  (a frame of the film, described under photos: like every photo)"))
    duration = reader.text("duration")  # only a link out's: a file's length is measured
    if duration and file is None and not DURATION.fullmatch(duration):
        reader.problem("duration", _('"duration" is not minutes and seconds: "%(value)s"', value=duration),
                       _('Write: duration: "02:40" (or "1:02:40" with hours)'))
        duration = ""
    media = Media(kind=kind, file=file, external_url=external_url, poster=read_image(reader, "poster"),
                  duration=duration)
    if file:
        media.file, media.seconds = checked_recording(reader, kind, file)
    if kind == "video" and file:
        media.captions = recordings.captions(reader.folder, languages)
        media.cues = {language: read_captions(reader, vtt.path) for language, vtt in media.captions.items()}
        check_captions(reader, media, lang)
    return media


def checked_recording(reader: FieldReader, kind: str, file: Attachment) -> tuple[Attachment | None, float | None]:
    """The file as it is published (an MP4 with its index moved first) and its length, from the stream;
    None and None after reporting, against the file itself, why it cannot be published."""
    verdict = reader.verdicts.verdict(file.path)
    suffix = file.path.suffix.lower()
    video, name = kind == "video", file.name
    hint = _("Copy or export it again, and replace the file.")
    if verdict.format is None:
        message = _('the video "%(name)s" is not a recording the site can read', name=name) if video else \
            _('the audio "%(name)s" is not a recording the site can read', name=name)
        hint = _("Export it again (video: MP4 with H.264; audio: MP3) and replace the file.")
    elif verdict.format != recordings.EXPECTED[suffix]:
        called, right_suffix = recordings.FORMATS[verdict.format]
        expected = recordings.LABELS[suffix]
        message = _('the video "%(name)s" is %(format)s, not %(expected)s', name=name, format=called,
                    expected=expected) if video else \
            _('the audio "%(name)s" is %(format)s, not %(expected)s', name=name, format=called, expected=expected)
        if right_suffix in recordings.SUFFIXES[kind]:
            hint = _("Rename it to %(name)s (and write that name here).", name=file.path.stem + right_suffix)
    elif verdict.unplayable:
        message = unplayable(kind, name, verdict.damage)
    elif video and verdict.video not in recordings.H264:
        message = _('the video "%(name)s" is not H.264 video', name=name)
        hint = _("Export it as MP4 with the H.264 (AVC) codec: it is the one every browser plays.")
    else:
        try:
            return reader.verdicts.published(file, verdict), verdict.seconds
        except Unplayable as problem:
            message = unplayable(kind, name, problem.detail)
    reader.problems.add(file.path, None, message, hint)
    return None, None


def unplayable(kind: str, name: str, damage: Message | None) -> Message:
    """A recording cut short (`damage` None) or damaged, named as the story calls it."""
    if damage is None:
        return _('the video "%(name)s" is cut short: the file ends before the recording does', name=name) \
            if kind == "video" else \
            _('the audio "%(name)s" is cut short: the file ends before the recording does', name=name)
    return _('the video "%(name)s" is damaged (%(damage)s)', name=name, damage=damage) if kind == "video" else \
        _('the audio "%(name)s" is damaged (%(damage)s)', name=name, damage=damage)


def read_captions(reader: FieldReader, path: Path) -> list[tuple[float, str]]:
    """The cues of a captions file; each malformed block is a problem with its line (see webvtt.py)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        reader.problems.add(path, None, _("these captions are not UTF-8 text"), _("Save them again as UTF-8."))
        return []
    if found := invisible(text):
        reader.problems.add(path, found.line, found.message, found.hint)
        return []
    parsed = webvtt.parse(text)
    for line, message in parsed.problems:
        reader.problems.add(path, line, message, _("Correct this line: a browser skips what it cannot read."))
    if not parsed.cues and not parsed.problems:
        reader.problems.add(path, 1, _("these captions have no cue"),
                            _("After the first line (WEBVTT) and a blank line, write cues like:\n"
                              "00:00.000 --> 00:04.000\nText of the cue"))
    return parsed.cues


def check_captions(reader: FieldReader, media: Media, lang: str) -> None:
    """A video file needs captions in the language of this file (WCAG 1.2.2)."""
    name = recordings.CAPTIONS.format(lang=lang)
    if lang not in media.captions:
        reader.problem("video", _("this video has no captions in %(lang)s", lang=lang),
                       _("Put the captions (a WebVTT file) next to this file as %(name)s.", name=name))
